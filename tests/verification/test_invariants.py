"""Invariants on random valid networks (Hypothesis), in the manner of NetworkX's flow tests.

Each example is a random tree network with random flows, capacities, fleets, service
distributions, storage limits and disruptions (``random_networks.py``), built as a dict and
passed to ``corridor_sim.build_scenario``. The run is watched by read-only probes, and:

- cargo is conserved per flow (generated = delivered + in system) and per element
  (in - out = present), in units and in tonnes;
- nothing is negative in any result table (except the signed queue-growth slopes);
- no element exceeds its capacity: rail departures are at least a headway apart (so at
  most the line capacity a day) and no train carries more than its capacity; a node never
  has more batches in service than servers, nor starts more than its quota in a calendar
  day; no vessel sails with more than capacity x load factor; a pipeline never injects
  faster than its residual capacity; berth and server utilisation <= 1;
- throughput <= the analytic bound of ``corridor_sim.capacity`` (its per-element formulas
  at the run's own commodity mix, every resource available), plus what was already past
  the element at the start of the statistics period and one batch, on every element for
  which the bound holds run by run (``bounded``);
- the same seed gives identical result tables, bit for bit (and the probes change nothing).

Settings are fixed (``derandomize=True``) so CI runs the same ``EXAMPLES`` networks every
time; the test asserts how many ran.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter, defaultdict

import numpy as np
import pandas as pd
import pytest
from engine_probes import StartLog, at, every, queued
from helpers import flow, scenario, spy
from hypothesis import HealthCheck, Phase, given, settings
from random_networks import DISTRIBUTIONS, networks

import corridor_sim as cs
from corridor_sim.capacity.elements import batch_units, element_bounds
from corridor_sim.engine.links.pipeline import Pipeline
from corridor_sim.engine.links.rail import Rail
from corridor_sim.engine.links.sea import Sea
from corridor_sim.engine.node import Node
from corridor_sim.engine.simulation import Simulation
from corridor_sim.results import SimulationResult
from corridor_sim.results.balance import balance_table, element_table

EXAMPLES = 100
EPS = 1e-9
#: columns that are signed by definition (slopes and the ~0 balance residual)
#: columns that may be negative: trends, balance differences, and a scheduled sailing's
#: delay from its slot (early sailings lead their slots)
SIGNED = {
    "queue_growth_t_per_day",
    "backlog_growth_days",
    "difference_units",
    "slot_delay_mean_h",
    "slot_delay_max_h",
}
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    phases=[Phase.explicit, Phase.generate],  # no shrinking: CI time stays bounded
)


class Watch:
    """Read-only probes on one simulation: train departures and loads, vessel loads at
    sailing, service starts, servers busy."""

    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.trains: dict[str, dict[str, list[float]]] = {}
        self.overloads: list[str] = []
        self.busy_peak: dict[str, float] = {}
        for e in sim.elements:
            if isinstance(e, Rail):
                self.trains[e.name] = defaultdict(list)
                spy(e, "run_train", sim, self._train(e))
            elif isinstance(e, Sea):
                for v in e.vessels:
                    spy(v, "set_state", sim, self._sailing(e, v))
            elif isinstance(e, Node) and e.servers:
                e.busy_level = StartLog(e.busy_level)
        every(sim, 6.0, self._sample)
        self.started: dict[str, float] = {}  # tonnes past each element's capacity at T0
        at(sim, sim.warmup_h, self._snapshot)

    def _snapshot(self) -> None:
        for e in self.sim.elements:
            held = sum(c.tonnes for c in e.holdings())
            if isinstance(e, Node):  # in service, or served and in the yard for a link
                yard = sum(c.tonnes for lane in e.out_lanes for c in lane.queued())
                self.started[e.name] = held - sum(c.tonnes for c in queued(e)) + yard
            else:  # in transit, aboard or held outside the next node
                self.started[e.name] = held - sum(c.tonnes for c in queued(e))

    def _train(self, rail: Rail):  # type: ignore[no-untyped-def]
        def view(lane, train) -> float:  # type: ignore[no-untyped-def]
            self.trains[rail.name][lane.source.name].append(self.sim.env.now)
            share = sum(c.qty / rail.capacity[c.flow.handling] for c in train)
            if share > 1 + EPS:
                self.overloads.append(f"train on {rail.name} at {share:.6f} of capacity")
            return share

        return view

    def _sailing(self, sea: Sea, vessel) -> object:  # type: ignore[no-untyped-def]
        def view(state: str) -> str:
            if state == "sailing":
                share = sum(c.qty / vessel.capacity[c.flow.handling] for c in vessel.hold)
                if share > 1 + EPS:
                    self.overloads.append(f"{vessel.name} of {sea.name} sails at {share:.6f}")
            return state

        return view

    def _sample(self, _now: float) -> None:
        for e in self.sim.nodes.values():
            if e.busy > e.servers:
                self.overloads.append(f"{e.name}: {e.busy} busy > {e.servers} servers")


def utilisation_bound(e: object, t0: float, t1: float) -> float:
    """The most ``utilisation`` can be when no capacity is exceeded.

    Departures and quota starts are counted in the statistics period [t0, t1]: with a
    headway of 24 h / N, up to N x days + 1 trains leave in it, and with a quota of Q a
    day up to Q x (calendar days the period touches) batches start, which is more than
    Q x days when the period does not begin at midnight.
    """
    days = (t1 - t0) / 24.0
    if isinstance(e, Rail) and e.headway_h:
        return 1.0 + 1.0 / (e.spec.line_capacity_per_day * days)  # type: ignore[attr-defined]
    if isinstance(e, Node) and e.quota is not None:
        touched = math.floor((t1 - EPS) / 24.0) - math.floor(t0 / 24.0) + 1
        return max(1.0, touched / days)
    return 1.0


def check_capacities(sim: Simulation, watch: Watch, result: cs.SimulationResult | None) -> None:
    assert not watch.overloads, watch.overloads
    bounds = {}
    for e in sim.elements:
        bounds[e.name] = utilisation_bound(e, sim.warmup_h, sim.end_h)
        if isinstance(e, Rail) and e.headway_h:
            for source, times in watch.trains[e.name].items():
                gaps = np.diff(times)
                assert (gaps >= e.headway_h - 1e-6).all(), (e.name, source, e.headway_h)
                per_day = Counter(int(t // 24.0) for t in times)
                limit = math.ceil(e.spec.line_capacity_per_day - EPS)  # type: ignore[attr-defined]
                assert max(per_day.values(), default=0) <= limit, (e.name, per_day)
        if isinstance(e, Node) and e.servers:
            assert e.busy_level.max <= e.servers + EPS, e.name
            if e.quota is not None:
                per_day = Counter(int(t // 24.0) for t in e.busy_level.starts)
                assert max(per_day.values(), default=0) <= e.quota + EPS, (e.name, per_day)
        if isinstance(e, Pipeline):
            assert e.injection.max <= e.residual * (1 + EPS), e.name
    if result is None:
        return
    util = result.elements.set_index("element")["utilisation"].dropna()
    over = util[util > util.index.map(bounds) + 1e-6]
    assert over.empty, over
    assert (result.berths["utilisation"].dropna() <= 1 + 1e-6).all()
    assert (result.vessels.get("mean_fill", pd.Series(dtype=float)).dropna() <= 1 + EPS).all()


def check_conservation(sim: Simulation, result: cs.SimulationResult | None) -> None:
    """Per flow and per element, in units and tonnes, read off the engine directly (so it
    is checked even when building the result tables fails)."""
    bal = balance_table(sim.record())
    if result is not None:
        pd.testing.assert_frame_equal(result.balance, bal, check_exact=True)
    scale = np.maximum(1.0, bal["generated_units"])
    assert (bal["difference_units"].abs() <= 1e-6 * scale).all(), bal
    tonnes = bal["delivered_t"] + bal["in_system_t"]
    assert np.allclose(bal["generated_t"], tonnes, rtol=1e-9, atol=1e-6), bal
    mass = {c.name: c.mass_per_unit_t for c in sim.commodities}
    table = element_table(sim.record())
    m = table["commodity"].map(mass).astype(float)
    units_in, units_out, present = (
        table[k].astype(float) for k in ("units_in", "units_out", "present_units")
    )
    assert np.allclose(units_in - units_out, present, rtol=1e-9, atol=1e-6), table
    assert np.allclose(units_in * m - units_out * m, present * m, rtol=1e-9, atol=1e-6), table


def directions(scenario: cs.Scenario, link: str) -> set[tuple[str, str]]:
    """The (from, to) node pairs in which flows use ``link``."""
    return {
        (f.path[i - 1], f.path[i + 1])
        for f in scenario.flows.values()
        for i in range(1, len(f.path), 2)
        if f.path[i] == link
    }


def largest_batch_t(scenario: cs.Scenario, e: object) -> float:
    """Tonnes of the largest batch the element can complete at once: a train, the
    fleet's loads together, or a batch at each server (for a quota, a day's batches)."""
    mass = {c: x.mass_per_unit_t for c, x in scenario.commodities.items()}
    by_class: dict[str, float] = {}
    for c, x in scenario.commodities.items():
        by_class[x.handling] = max(by_class.get(x.handling, 0.0), mass[c])
    if isinstance(e, Rail):
        return max(u * by_class.get(k, 0.0) for k, u in e.capacity.items())
    if isinstance(e, Sea):
        return sum(max(u * by_class.get(k, 0.0) for k, u in v.capacity.items()) for v in e.vessels)
    if isinstance(e, Node):
        batch = max(
            batch_units(scenario, f, e.name) * mass[f.commodity]
            for f in scenario.flows.values()
            if e.name in f.path[0::2]
        )
        return batch * (e.servers + (e.quota or 0))
    return 0.0


def bounded(scenario: cs.Scenario, e: object) -> bool:
    """Elements whose analytic capacity bounds every run, not only the long-run mean:
    rail lines and sea links used in one direction (the bound is per direction; a sea
    link's assumes the way back empty), pipelines, and nodes (not ports) with fixed
    service times. Random service times can beat their mean in a short run, and a port's
    bound covers only the cargo its berths handle."""
    if isinstance(e, Rail):
        return bool(e.headway_h) and len(directions(scenario, e.name)) == 1
    if isinstance(e, Sea):
        return len(directions(scenario, e.name)) == 1
    if isinstance(e, Pipeline):
        return True
    if isinstance(e, Node) and e.kind != "port" and e.servers:
        spec = e.spec
        fixed = [d for d in (spec.service_time, spec.gauge_change) if d is not None]
        return all(d.kind == "deterministic" for d in fixed)
    return False


def check_analytic_bound(sim: Simulation, watch: Watch, result: cs.SimulationResult) -> int:
    """Throughput in the statistics period <= capacity x H (``corridor_sim.capacity``'s
    formulas, at the run's own commodity mix, without disruptions: every resource always
    available) + what was already past the element's capacity at the start of the period
    (cargo in service, in transit or in the yard) + one batch (departures and service
    completions are counted whole)."""
    scenario = sim.scenario
    # the formulas behind corridor_sim.capacity, per element (capacity() itself can fail
    # on a port with servers: see test_engine_bugs.py)
    bounds = element_bounds(dataclasses.replace(scenario, disruptions=()))
    hours = scenario.settings.horizon_h
    thr = result.throughput.groupby(["element", "commodity"])["tonnes"].sum()
    checked = 0
    for e in sim.elements:
        if e.name not in thr.index.get_level_values(0) or not bounded(scenario, e):
            continue
        mix = thr.loc[e.name].to_dict()
        cap_t_per_h = bounds[e.name].mixed(mix) / 8760.0
        allowed = cap_t_per_h * hours + watch.started[e.name] + largest_batch_t(scenario, e)
        assert sum(mix.values()) <= allowed * (1 + 1e-9), (e.name, mix, cap_t_per_h, allowed)
        checked += 1
    return checked


def check_nothing_negative(result: cs.SimulationResult) -> None:
    for name in cs.SimulationResult.TABLES:
        table = getattr(result, name)
        for column in table.select_dtypes("number").columns:
            if column in SIGNED:
                continue
            values = table[column].dropna()
            floor = -1e-6 * max(1.0, float(values.abs().max()) if len(values) else 1.0)
            assert (values >= floor).all(), (name, column, values.min())


def assert_same_tables(a: cs.SimulationResult, b: cs.SimulationResult) -> None:
    for name in cs.SimulationResult.TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)
    assert a.verdict == b.verdict


def features(sim: Simulation) -> set[str]:
    """What a network exercised (for the coverage assertion)."""
    scenario = sim.scenario
    out = {f"link {lk.kind}" for lk in scenario.links.values()}
    out |= {f"service {n.service_time.kind}" for n in scenario.nodes.values() if n.service_time}
    out |= {type(d).__name__ for d in scenario.disruptions}
    if any(n.refused for n in sim.nodes.values()):
        out.add("blocking")
    if any(len(directions(scenario, name)) > 1 for name in scenario.links):
        out.add("two-way")
    if any(n.quota_per_day for n in scenario.nodes.values()):
        out.add("quota")
    if any(isinstance(e, Rail) and e.headway_h for e in sim.elements):
        out.add("headway")
    return out


def check_network(mapping: dict) -> tuple[int, set[str]]:
    """Every invariant on the network ``mapping``: conservation, capacities, no negatives,
    the analytic bound, same seed -> same tables. Returns how many elements the analytic
    bound was checked on, and what the network exercised."""
    scenario = cs.build_scenario(mapping, name="random")
    sim = Simulation(scenario)
    watch = Watch(sim)
    result = SimulationResult.from_record(sim.run())
    check_conservation(sim, result)
    check_capacities(sim, watch, result)
    check_nothing_negative(result)
    checked = check_analytic_bound(sim, watch, result)
    assert_same_tables(result, cs.simulate(scenario))  # probes change nothing
    return checked, features(sim)


def test_invariants_on_random_networks():
    """EXAMPLES random networks (derandomized): every invariant of :func:`check_network`.
    Asserts that all ran, how many elements the analytic bound was checked on, and that
    the networks exercised every link kind and mechanism. Which service distributions
    the networks draw shifts with Hypothesis's generation path (it changed with what else
    the process had imported), so :func:`test_invariants_with_each_service_distribution`
    covers each distribution for certain."""
    ran: list[int] = []  # per network: elements checked against the analytic bound
    seen: Counter[str] = Counter()  # what the networks contained, to assert coverage

    @SETTINGS
    @given(networks())
    def check(mapping: dict) -> None:
        checked, exercised = check_network(mapping)
        ran.append(checked)
        seen.update(exercised)

    check()
    assert len(ran) == EXAMPLES, len(ran)
    assert sum(ran) >= EXAMPLES // 2 and sum(1 for n in ran if n) >= EXAMPLES // 3, Counter(ran)
    wanted = {f"link {k}" for k in ("transfer", "rail", "sea", "pipeline")}
    wanted |= {"Closure", "Weather", "Failures", "blocking", "two-way", "quota", "headway"}
    assert all(seen[k] >= 3 for k in wanted), {k: seen[k] for k in wanted if seen[k] < 3}
    assert sum(seen[f"service {k}"] for k in DISTRIBUTIONS[1:]) >= 30, seen


@pytest.mark.parametrize("kind", DISTRIBUTIONS[1:])
def test_invariants_with_each_service_distribution(kind):
    """Each service-time distribution, at a two-server terminal with a quota and a storage
    limit between two rail lines, keeps every invariant of :func:`check_network`."""
    service = {
        "deterministic": {"dist": "deterministic", "mean": "2 h"},
        "exponential": {"dist": "exponential", "mean": "2 h"},
        "gamma": {"dist": "gamma", "mean": "2 h", "cv": 2.0},
        "lognormal": {"dist": "lognormal", "mean": "2 h", "cv": 1.5},
        "uniform": {"dist": "uniform", "low": "0.5 h", "high": "3.5 h"},
        "empirical": {"dist": "empirical", "values": ["0 h", "1 h", "5 h"]},
    }[kind]
    rail = {"travel_time": "6 h", "train_capacity": {"wagon": "20 wagon"}, "max_wait": "12 h"}
    mapping = scenario(
        nodes={
            "o": {"kind": "origin"},
            "t": {
                "kind": "terminal",
                "servers": 2,
                "service_time": service,
                "quota": "12 train/day",
                "storage": {"wagon": "60 wagon"},
            },
            "d": {"kind": "destination"},
        },
        links={
            "o-t": {"kind": "rail", "from": "o", "to": "t", **rail},
            "t-d": {"kind": "rail", "from": "t", "to": "d", **rail},
        },
        flows={"f": flow(["o", "t", "d"], "200 wagon/day", "5 wagon")},
        horizon="20 day",
    )
    _, exercised = check_network(mapping)
    assert f"service {kind}" in exercised, exercised
