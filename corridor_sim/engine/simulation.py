"""Build the running model from a scenario, run it, and hand back a result."""

from __future__ import annotations

import calendar
import datetime as dt
import math
import time

import numpy as np
import simpy

from corridor_sim.engine import activity, disruption
from corridor_sim.engine.element import Element
from corridor_sim.engine.flow import FlowState
from corridor_sim.engine.link import Link
from corridor_sim.engine.node import Node
from corridor_sim.engine.pipeline import Pipeline
from corridor_sim.engine.port import Port
from corridor_sim.engine.rail import Rail
from corridor_sim.engine.sampling import Streams
from corridor_sim.engine.sea import Sea
from corridor_sim.engine.source import Source
from corridor_sim.engine.transfer import Transfer
from corridor_sim.model.network import LinkSpec, PipelineLink, RailLink, SeaLink
from corridor_sim.model.scenario import Scenario


def month_starts(start: dt.date, end_h: float) -> tuple[list[float], list[int]]:
    """Hours from t = 0 at which each calendar month begins (the first is 0), and the
    month (0 = January) of each."""
    starts, months = [0.0], [start.month - 1]
    year, month = start.year, start.month
    origin = dt.datetime(start.year, start.month, start.day)
    while starts[-1] <= end_h:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        starts.append((dt.datetime(year, month, 1) - origin).total_seconds() / 3600)
        months.append(month - 1)
    return starts, months


def root_seed(
    scenario: Scenario, seed: int | None, rng: np.random.Generator | None
) -> np.random.SeedSequence:
    """The seed sequence of a run: from ``rng``, ``seed``, or the scenario's seed."""
    if seed is not None and rng is not None:
        raise ValueError("pass either seed or rng, not both")
    if rng is not None:
        seq = rng.bit_generator.seed_seq
        if not isinstance(seq, np.random.SeedSequence):
            raise ValueError("rng must be made from a SeedSequence (np.random.default_rng)")
        return seq
    if seed is None:
        seed = scenario.settings.seed
    if seed is None:
        raise ValueError(f"scenario {scenario.name!r} has no simulation.seed; pass seed=")
    return np.random.SeedSequence(seed)


class Simulation:
    """The running model of one scenario: elements, flows, sources and the SimPy clock.

    With ``trace_activity=True`` every capacity-limited element records its active
    periods (:mod:`corridor_sim.engine.activity`) for the shifting-bottleneck method.
    """

    def __init__(
        self,
        scenario: Scenario,
        *,
        seed: int | None = None,
        rng: np.random.Generator | None = None,
        trace_activity: bool = False,
    ) -> None:
        self.scenario = scenario
        settings = scenario.settings
        self.seed_seq = root_seed(scenario, seed, rng)
        self.streams = Streams(self.seed_seq)
        self.env = simpy.Environment()
        self.warmup_h = settings.warmup_h
        self.end_h = settings.end_h
        self.days = math.ceil(self.end_h / 24.0) + 1
        self.month_starts, self.month_of = month_starts(settings.start, self.end_h)
        start = settings.start
        self.first_month_h = calendar.monthrange(start.year, start.month)[1] * 24.0
        self.commodities = list(scenario.commodities.values())
        self.elements: list[Element] = []
        self.storm_hours = 0.0
        self.nodes = {
            n: (Port if s.kind == "port" else Node)(self, s) for n, s in scenario.nodes.items()
        }
        self.links = {n: self._link(s) for n, s in scenario.links.items()}
        self.by_name: dict[str, Element] = {**self.nodes, **self.links}
        self.trace_activity = trace_activity
        if trace_activity:
            activity.install(self)
        self.flows = [self._flow(f) for f in scenario.flows.values()]
        self.sources = [Source(self, f, self.month_starts) for f in self.flows]
        for i, spec in enumerate(scenario.disruptions):
            disruption.install(self, spec, i)
        self.sample_times: list[float] = []
        self.samples: list[list[float]] = []
        self.env.process(self._sample(settings.sample_interval_h))
        self.env.timeout(self.warmup_h).callbacks.append(self._end_warmup)
        self.wall_s = 0.0
        self.events = 0

    def _link(self, spec: LinkSpec) -> Link:
        if isinstance(spec, SeaLink):
            ports = (self.nodes[spec.origin], self.nodes[spec.destination])
            return Sea(self, spec, ports)
        if isinstance(spec, RailLink):
            return Rail(self, spec)
        if isinstance(spec, PipelineLink):
            return Pipeline(self, spec)
        return Transfer(self, spec)  # type: ignore[arg-type]

    def _flow(self, spec) -> FlowState:  # type: ignore[no-untyped-def]
        names = {c.name: i for i, c in enumerate(self.commodities)}
        route: list[object] = []
        path = spec.path
        for i, name in enumerate(path):
            if i % 2 == 0:
                route.append(self.nodes[name])
            else:
                route.append(
                    self.links[name].lane(self.nodes[path[i - 1]], self.nodes[path[i + 1]])
                )
        commodity = self.scenario.commodities[spec.commodity]
        return FlowState(spec, commodity, names[spec.commodity], tuple(route))  # type: ignore[arg-type]

    def _sample(self, interval: float):  # type: ignore[no-untyped-def]
        elements = self.elements
        while True:
            self.sample_times.append(self.env.now)
            self.samples.append([e.queue.value for e in elements])
            yield self.env.timeout(interval)

    def _end_warmup(self, _event: object) -> None:
        now = self.env.now
        for e in self.elements:
            e.reset_stats(now)
        for f in self.flows:
            f.reset_stats()

    def run(self):  # type: ignore[no-untyped-def]
        """Run to the end of the horizon and return the :class:`SimulationResult`."""
        from corridor_sim.analysis.results import SimulationResult

        started = time.perf_counter()
        self.env.run(until=self.end_h)
        self.wall_s = time.perf_counter() - started
        self.events = next(self.env._eid)  # SimPy numbers every event it schedules
        return SimulationResult.from_simulation(self)


def simulate(
    scenario: Scenario,
    *,
    seed: int | None = None,
    rng: np.random.Generator | None = None,
    trace_activity: bool = False,
):  # type: ignore[no-untyped-def]
    """Run ``scenario`` once and return its :class:`~corridor_sim.SimulationResult`.

    ``seed`` overrides the scenario's ``simulation.seed``; alternatively pass a
    ``numpy.random.Generator`` as ``rng`` (not both). The same seed gives the same result.
    ``trace_activity=True`` also records each element's active periods
    (``result.activity``) for the shifting-bottleneck method; it costs a little speed.
    """
    return Simulation(scenario, seed=seed, rng=rng, trace_activity=trace_activity).run()
