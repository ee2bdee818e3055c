"""Build the running model from a scenario, run it, and hand back its record."""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Generator
from typing import Any

import networkx as nx
import numpy as np
import simpy

from corridor_sim.engine.background import background_records, start_background
from corridor_sim.engine.calendar import month_length_h, month_starts
from corridor_sim.engine.choice import Router, decision_hops
from corridor_sim.engine.consignment import FlowState, Path
from corridor_sim.engine.context import RunContext
from corridor_sim.engine.disruption import schedule_closure, weather_episodes
from corridor_sim.engine.element import Element
from corridor_sim.engine.links.base import Lane, Link
from corridor_sim.engine.links.pipeline import Pipeline
from corridor_sim.engine.links.pool import Pool
from corridor_sim.engine.links.quay import SeaLane
from corridor_sim.engine.links.rail import Rail
from corridor_sim.engine.links.sea import Sea
from corridor_sim.engine.links.transfer import Transfer
from corridor_sim.engine.node import Node
from corridor_sim.engine.port import Port
from corridor_sim.engine.records import ElementRecord, RunRecord
from corridor_sim.engine.returns import EmptyReturns
from corridor_sim.engine.sampling import Streams
from corridor_sim.engine.seeds import root_seed
from corridor_sim.engine.source import Source
from corridor_sim.engine.traction import Traction
from corridor_sim.engine.wagons import Wagons
from corridor_sim.model.choice import RouteOption, money_h
from corridor_sim.model.demand import FlowSpec
from corridor_sim.model.disruptions import Closure, Disruption, Failures, Weather
from corridor_sim.model.fleet import SeaLink
from corridor_sim.model.network import LinkSpec, PipelineLink, RailLink, TransferLink
from corridor_sim.model.pools import FleetPool, hub
from corridor_sim.model.scenario import Scenario
from corridor_sim.model.traction import LocomotivePool
from corridor_sim.model.wagons import WagonPool


class Simulation:
    """The running model of one scenario: elements, flows, sources and the SimPy clock.

    :meth:`run` runs it to the end of the horizon and returns a
    :class:`~corridor_sim.engine.records.RunRecord`. With ``trace_activity=True`` every
    capacity-limited element records its active periods
    (:mod:`corridor_sim.engine.activity`) for the shifting-bottleneck method.
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
        self.commodities = list(scenario.commodities.values())
        self.ctx = RunContext(
            self.env, self.streams, self.commodities, self.days, self.warmup_h, settings.start
        )
        self.storm_hours = 0.0
        self.nodes: dict[str, Node] = {
            n: (Port if s.kind == "port" else Node)(self.ctx, s) for n, s in scenario.nodes.items()
        }
        self.links: dict[str, Link] = {n: self._link(s) for n, s in scenario.links.items()}
        self.traction: dict[str, Traction] = {
            n: self._traction(p) for n, p in scenario.locomotive_pools.items()
        }
        self.wagons: dict[str, Wagons] = {
            n: self._wagons(p) for n, p in scenario.wagon_pools.items()
        }
        #: every node, link, locomotive and wagon pool, by index (their order of making)
        self.elements: list[Element] = [
            *self.nodes.values(),
            *self.links.values(),
            *self.traction.values(),
            *self.wagons.values(),
        ]
        assert all(e.index == i for i, e in enumerate(self.elements))
        self.by_name: dict[str, Element] = {**self.nodes, **self.links}
        self.trace_activity = trace_activity
        if trace_activity:
            for e in self.elements:
                if e.traceable():
                    e.trace()
        self.pools = [self._pool(p) for p in scenario.fleet_pools.values()]
        self.flows = [self._flow(f) for f in scenario.flows.values()]
        self.sources: list[Source | EmptyReturns] = [
            Source(
                self.env,
                f,
                self.nodes[f.spec.origin],
                self.month_starts,
                self.month_of,
                self.streams.get(f"flow:{f.name}"),
            )
            for f in self.flows
            if f.spec.returns_of is None
        ]
        by_flow = {f.name: f for f in self.flows}
        for f in self.flows:
            if f.spec.returns_of is not None:  # empties start when their loaded flow delivers
                returns = EmptyReturns(self.env, f, self.nodes[f.spec.origin])
                by_flow[f.spec.returns_of].returns = returns
                self.sources.append(returns)
        for i, spec in enumerate(scenario.disruptions):
            self._disrupt(spec, i)
        self.background = start_background(self.ctx, self.elements)
        self.sample_times: list[float] = []
        self.samples: list[list[float]] = []
        self.env.process(self._sample(settings.sample_interval_h))
        self.env.timeout(self.warmup_h).callbacks.append(self._end_warmup)
        self.wall_s = 0.0
        self.events = 0

    def _link(self, spec: LinkSpec) -> Link:
        if isinstance(spec, SeaLink):
            ports = (self.nodes[spec.origin], self.nodes[spec.destination])
            assert isinstance(ports[0], Port) and isinstance(ports[1], Port)
            return Sea(self.ctx, spec, (ports[0], ports[1]))
        if isinstance(spec, RailLink):
            return Rail(self.ctx, spec)
        if isinstance(spec, PipelineLink):
            return Pipeline(self.ctx, spec)
        assert isinstance(spec, TransferLink)
        return Transfer(self.ctx, spec)

    def _traction(self, spec: LocomotivePool) -> Traction:
        """The running pool of ``spec``, hauling its lines; locomotives run light along
        the pool's own lines (either way, at their running times)."""
        graph = nx.Graph()
        for name in spec.lines:
            link = self.scenario.links[name]
            graph.add_edge(link.origin, link.destination, weight=link.expected_time_h())
        hours = dict(nx.all_pairs_dijkstra_path_length(graph))
        light_h = {
            (a, b): hours[a].get(b, math.inf) for a in graph.nodes for b in graph.nodes if a != b
        }
        first = self.scenario.links[spec.lines[0]].origin
        ends = {node for node in graph.nodes if graph.degree(node) == 1}
        pool = Traction(self.ctx, spec, light_h, spec.depot or first, list(graph.nodes), ends)
        for name in spec.lines:
            rail = self.links[name]
            assert isinstance(rail, Rail)  # the Scenario checked it
            rail.traction = pool
        return pool

    def _wagons(self, spec: WagonPool) -> Wagons:
        """The running pool of ``spec``; its load node hands it the cargo of its flows,
        its unload nodes take the cargo off its wagons."""
        per_wagon = {
            f: spec.units_per_wagon(
                self.scenario.commodities[self.scenario.flows[f].commodity].handling
            )
            for f in spec.flows
        }
        pool = Wagons(self.ctx, spec, per_wagon)
        load = self.nodes[spec.load_at]
        load.loading = {**(load.loading or {}), **dict.fromkeys(spec.flows, pool)}
        for name in spec.unload_at:
            node = self.nodes[name]
            node.unloading = (*(node.unloading or ()), pool)
        return pool

    def _pool(self, spec: FleetPool) -> Pool:
        lines = [self.links[name] for name in spec.lines]
        assert all(isinstance(line, Sea) for line in lines)  # the Scenario checked them
        seas = [line for line in lines if isinstance(line, Sea)]
        port = self.nodes[hub([s.spec for s in seas]) or ""]
        assert isinstance(port, Port)
        return Pool(self.env, spec, seas, port)

    def _flow(self, spec: FlowSpec) -> FlowState:
        names = {c.name: i for i, c in enumerate(self.commodities)}
        commodity = self.scenario.commodities[spec.commodity]
        shares = [share for _, share in spec.legs]  # nominal: the given ones, or an even split
        paths = [
            self._path(i, option, share)
            for i, (option, share) in enumerate(zip(spec.options, shares, strict=True))
        ]
        flow = FlowState(spec, commodity, names[spec.commodity], paths)
        if not spec.is_empty_return:  # empties go back the way they came, unstopped
            for p in paths:
                p.embargoes = tuple(
                    (j, self.nodes[p.route[j].name].embargoes[flow.handling])
                    for j in range(2, len(p.route), 2)
                    if flow.handling in self.nodes[p.route[j].name].embargoes
                )
        stopped = any(p.embargoes for p in paths)
        if spec.choice is not None or spec.outside or stopped:
            decision_hops(paths, always_at_origin=bool(spec.outside) or stopped)
            if any(p.decisions for p in paths):
                rng = self.streams.get(f"route:{spec.name}")
                money = None
                if spec.choice is not None and spec.choice.money:
                    costs = self.scenario.costs
                    money = money_h(spec.paths, spec.outside, spec.commodity, costs)
                flow.router = Router(flow, spec.choice, spec.outside, rng, self.env, money)
        if spec.booking is not None:
            lane = paths[0].lanes[spec.links.index(spec.booking.link)]
            assert isinstance(lane, SeaLane)  # the Scenario checked it is a sea link
            lane.book(flow, spec.booking.per_sailing_units)
        return flow

    def _path(self, index: int, option: RouteOption, share: float) -> Path:
        """Route ``option`` of a flow, as the running model's elements and lanes, with
        its nominal ``share`` of the flow."""
        names = option.path
        route = [self.by_name[name] for name in names]
        lanes: list[Lane] = [
            self.links[names[i]].lane(self.nodes[names[i - 1]], self.nodes[names[i + 1]])
            for i in range(1, len(names), 2)
        ]
        return Path(index, option.label, share, route, lanes)

    def _disrupt(self, spec: Disruption, number: int) -> None:
        """Start what carries out disruption entry ``number`` (``spec``)."""
        elements = [self.by_name[n] for n in spec.elements]
        if isinstance(spec, Closure):
            schedule_closure(self.env, elements, spec.start_h, spec.duration_h)
        elif isinstance(spec, Weather):
            rng = self.streams.get(f"disruption:{number}:{type(spec).__name__}")
            start = self.scenario.settings.start
            for begin, duration in weather_episodes(
                spec, rng, self.month_starts, self.month_of, self.end_h, month_length_h(start)
            ):
                schedule_closure(self.env, elements, begin, duration)
                self.storm_hours += duration
        elif isinstance(spec, Failures):
            for element in elements:
                element.start_failures(spec, self.streams, number)

    def _sample(self, interval: float) -> Generator[simpy.Event, Any, None]:
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

    def in_system(self) -> dict[str, float]:
        """Units of each flow held anywhere in the model now, found by walking every
        source and element (for the mass balance)."""
        held = {f.name: 0.0 for f in self.flows}
        for source in self.sources:
            for c in source.holdings():
                held[c.flow.name] += c.qty
        for element in self.elements:
            for c in element.holdings():
                held[c.flow.name] += c.qty
        return held

    @staticmethod
    def _element_record(e: Element, now: float, days: float) -> ElementRecord:
        """The record of ``e``, with what its background trains took (if any)."""
        record = e.record(now, days)
        background = background_records(e, now, days)
        return dataclasses.replace(record, background=background) if background else record

    def run(self) -> RunRecord:
        """Run to the end of the horizon and return the record of what happened."""
        started = time.perf_counter()
        self.env.run(until=self.end_h)
        self.wall_s = time.perf_counter() - started
        self.events = next(self.env._eid)  # SimPy numbers every event it schedules
        return self.record()

    def record(self) -> RunRecord:
        """The record of the run so far (normally called by :meth:`run` at the end)."""
        now = self.env.now
        days = self.scenario.settings.horizon_h / 24.0
        held = self.in_system()
        entropy = self.seed_seq.entropy
        return RunRecord(
            scenario=self.scenario,
            seed=int(entropy) if isinstance(entropy, int) else None,
            commodities=tuple(self.commodities),
            elements=tuple(self._element_record(e, now, days) for e in self.elements),
            flows=tuple(f.record(self.elements, held[f.name]) for f in self.flows),
            sample_times=self.sample_times,
            samples=self.samples,
            traced=self.trace_activity,
            wall_s=self.wall_s,
            events=self.events,
            spawn_key=tuple(self.seed_seq.spawn_key),
        )
