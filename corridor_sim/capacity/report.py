"""Capacity of a scenario without simulating: per element, maximum flow, minimum cut.

Every element's *capacity* is its effective capacity (one definition, stated in
:mod:`corridor_sim.capacity.effective` and ``docs/capacity.md``): t/yr in an average year,
at the commodity mix of its flows, net of expected downtime.

>>> import corridor_sim as cs
>>> bounds = cs.capacity(cs.load_scenario(cs.bundled_path("teaching_two_ports")))
>>> row = bounds.elements.set_index("element").loc["port_a-port_b"]
>>> round(row["capacity_t_per_day"]), float(round(row["load"], 2))
(2926, 0.56)
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from corridor_sim.capacity.effective import DAYS_PER_YEAR, commodity_mixes
from corridor_sim.capacity.elements import (
    demand_by_element,
    element_bounds,
    flow_t_per_yr,
)
from corridor_sim.capacity.maxflow import FlowCut, flow_groups, max_flow
from corridor_sim.capacity.resources import ElementBound
from corridor_sim.capacity.text import DEFINITION, format_capacity
from corridor_sim.folders import write_folder
from corridor_sim.htmlrepr import html_block, shown
from corridor_sim.model.scenario import Scenario
from corridor_sim.texttable import num


@dataclass
class CapacityReport:
    """Analytic capacity of a scenario.

    ``elements``: per node and link, its capacity (effective capacity, see
    :mod:`corridor_sim.capacity.effective`) in t/day, t/yr and natural units a year, the
    no-downtime ceiling (t/yr, the same formulas without any disruption: not a capacity),
    offered demand (t/yr), load (demand / capacity) and the formula; ``by_commodity``:
    capacity for each commodity alone; ``max_flow``: maximum flow and minimum cut for all
    cargo and per commodity, one row per flow group (``flow_group``, 1 = the largest
    demand; flows in opposite directions fall in different groups, see
    :mod:`corridor_sim.capacity.maxflow`), the first row all cargo of group 1;
    ``headroom``: the factor by which all demand can grow on its fixed routes before
    ``binding`` is full.
    """

    scenario: str
    elements: pd.DataFrame
    by_commodity: pd.DataFrame
    max_flow: pd.DataFrame
    headroom: float
    binding: str

    @property
    def min_cut(self) -> tuple[str, ...]:
        """The elements of the minimum cut for all cargo of flow group 1 (the largest)."""
        row = self.max_flow.iloc[0]
        return tuple(row["cut"].split(", ")) if row["cut"] else ()

    def summary(self) -> str:
        """The capacity table, the formulas and the cuts (what ``corridor-sim capacity``
        prints)."""
        return format_capacity(
            self.scenario, self.elements, self.max_flow, self.headroom, self.binding
        )

    def __repr__(self) -> str:
        """One line: the scenario, how many elements are limited, what binds; no table."""
        limited = int(self.elements["capacity_t_per_yr"].apply(math.isfinite).sum())
        all_cargo = self.max_flow.iloc[0]["max_flow_t_per_yr"] if len(self.max_flow) else math.nan
        binds = (
            f"binding {self.binding}, headroom x{self.headroom:.2f}"
            if self.binding
            else "nothing binds"
        )
        return (
            f"<CapacityReport {self.scenario!r}: analytic, {limited} of {len(self.elements)} "
            f"elements limited; {binds}; max flow (flows 1) {num(all_cargo / 1e6, 3)} Mt/yr>"
        )

    def _repr_html_(self) -> str:
        """The notebook view: the definition, the answer, the most loaded elements and the
        maximum flow with its minimum cut (analytic: no replications, no CI)."""
        limited = self.elements[self.elements["capacity_t_per_yr"].apply(math.isfinite)]

        def mt(x: float) -> str:
            return num(x / 1e6, 3)

        elements = shown(
            limited.head(10),
            {
                "element": ("element", str),
                "kind": ("kind", str),
                "role": ("role", str),
                "capacity_t_per_day": ("capacity (t/day)", num),
                "capacity_t_per_yr": ("capacity (Mt/yr)", mt),
                "ceiling_t_per_yr": ("no-downtime ceiling (Mt/yr)", mt),
                "demand_t_per_yr": ("demand (Mt/yr)", mt),
                "load": ("load (%)", lambda x: num(x * 100)),
            },
        )
        flows = shown(
            self.max_flow,
            {
                "group": ("cargo", str),
                "flow_group": ("flows", str),
                "max_flow_t_per_yr": ("max flow (Mt/yr)", mt),
                "demand_t_per_yr": ("demand (Mt/yr)", mt),
                "cut": ("minimum cut", lambda c: c or "-"),
            },
        )
        answer = (
            f"On their fixed routes, all flows can grow x{self.headroom:.2f} before "
            f"{self.binding} is full."
            if self.binding
            else "No element limits the flows."
        )
        return html_block(
            f"Capacity: {self.scenario}",
            [
                "Analytic, from the scenario alone: no simulation, so no replications, "
                "seeds or confidence intervals.",
                DEFINITION,
                answer,
            ],
            {
                f"Most loaded elements (top {len(limited.head(10))} of {len(limited)} "
                "with a limit)": elements,
                "Maximum flow, origins to destinations, and minimum cut": flows,
            },
        )

    def to_dir(self, path: str | Path) -> Path:
        """Write the three tables as CSV and ``capacity.json``."""
        tables = {
            "capacity_elements": self.elements,
            "capacity_by_commodity": self.by_commodity,
            "max_flow": self.max_flow,
        }
        head = {
            "scenario": self.scenario,
            "headroom": self.headroom,
            "binding": self.binding,
            "min_cut": list(self.min_cut),
        }
        return write_folder(path, tables, "capacity", head)


def capacity(scenario: Scenario) -> CapacityReport:
    """Analytic capacity of ``scenario``: per element, maximum flow, minimum cut.

    Each element's capacity is its effective capacity (definition in
    :mod:`corridor_sim.capacity.effective`; formulas in
    :mod:`corridor_sim.capacity.elements`): tonnes in an average year, net of the
    *expected* downtime from weather, closures and failures, so one run whose storms are
    milder than the average can exceed it. ``ceiling_t_per_yr``, the no-downtime
    ceiling, ignores every disruption. An element used by several commodities is rated at
    the mix of the flows that use it (convention in
    :mod:`corridor_sim.capacity.resources`). The maximum flow runs on the capacity graph
    with nodes split into in/out, from every flow origin to every flow destination
    within each flow group (no origin of a group is a destination of it, so flows in
    opposite directions are separate groups), for each commodity alone and for all cargo
    (all cargo: each element at its mix). The headroom does not use the maximum flow: it
    is 1 / the highest load of an element (a link in its busier direction), every flow
    on its fixed route.
    """
    bounds = element_bounds(scenario)
    demand = demand_by_element(scenario)
    mixes = commodity_mixes(scenario, bounds)
    caps = {name: b.mixed(mixes[name]) for name, b in bounds.items()}
    clear = element_bounds(dataclasses.replace(scenario, disruptions=()))
    ceilings = {name: clear[name].mixed(mixes[name]) for name in bounds}
    loads = {name: _load(scenario, name, caps[name]) for name in bounds}
    elements = pd.DataFrame(
        [
            {
                "element": name,
                "role": b.role,
                "kind": b.kind,
                "capacity_t_per_day": caps[name] / DAYS_PER_YEAR,
                "capacity_t_per_yr": caps[name],
                "capacity_natural": _natural(scenario, caps[name], mixes[name]),
                "ceiling_t_per_yr": ceilings[name],
                "demand_t_per_yr": sum(demand.get(name, {}).values()),
                "load": loads[name],
                "formula": b.formula,
            }
            for name, b in bounds.items()
        ]
    )
    elements = elements.sort_values("load", ascending=False, kind="stable").reset_index(drop=True)
    used = elements[elements["demand_t_per_yr"] > 0]
    top = used.iloc[0] if len(used) else None
    headroom = 1.0 / top["load"] if top is not None and top["load"] > 0 else math.inf
    return CapacityReport(
        scenario=scenario.name,
        elements=elements,
        by_commodity=_by_commodity(scenario, bounds),
        max_flow=_max_flows(scenario, bounds, caps),
        headroom=headroom,
        binding=str(top["element"]) if top is not None and math.isfinite(headroom) else "",
    )


def _load(scenario: Scenario, name: str, cap: float) -> float:
    """Offered demand over capacity; for a link, in its busier direction."""
    if cap == 0:
        return math.inf
    ways: dict[tuple[str, str], float] = {}
    for f in scenario.flows.values():
        for path, share in f.legs:
            if name in path:
                i = path.index(name)
                key = (path[i - 1], path[i + 1]) if i % 2 else ("", "")
                ways[key] = ways.get(key, 0.0) + flow_t_per_yr(scenario, f) * share
    return max(ways.values(), default=0.0) / cap


def _natural(scenario: Scenario, cap: float, mix: dict[str, float]) -> str:
    if not math.isfinite(cap):
        return "no limit"
    total = sum(mix.values())
    parts = [
        f"{num(cap * w / total / scenario.commodities[c].mass_per_unit_t)} "
        f"{scenario.commodities[c].unit}"
        for c, w in sorted(mix.items(), key=lambda kv: -kv[1])
        if w > 0
    ]
    return " + ".join(parts) + "/yr" if parts else "-"


def _by_commodity(scenario: Scenario, bounds: dict[str, ElementBound]) -> pd.DataFrame:
    rows = []
    for name, b in bounds.items():
        if not b.limited:
            continue
        for c, spec in scenario.commodities.items():
            t = b.dedicated(c)
            if t > 0:
                rows.append(
                    {
                        "element": name,
                        "commodity": c,
                        "unit": spec.unit,
                        "capacity_units_per_yr": t / spec.mass_per_unit_t,
                        "capacity_t_per_yr": t,
                    }
                )
    return pd.DataFrame(
        rows,
        columns=["element", "commodity", "unit", "capacity_units_per_yr", "capacity_t_per_yr"],
    )


def _arcs(scenario: Scenario) -> list[tuple[str, str, str]]:
    """Each link from its origin to its destination, and back where a flow uses it so."""
    arcs = {(name, lk.origin, lk.destination) for name, lk in scenario.links.items()}
    for f in scenario.flows.values():
        for path in f.paths:
            for i in range(1, len(path), 2):
                arcs.add((path[i], path[i - 1], path[i + 1]))
    return sorted(arcs)


def _max_flows(
    scenario: Scenario, bounds: dict[str, ElementBound], caps: dict[str, float]
) -> pd.DataFrame:
    """One row per flow group (:func:`~corridor_sim.capacity.maxflow.flow_groups`, largest
    demand first, numbered from 1) for all cargo, then per commodity and group."""
    arcs = _arcs(scenario)
    flows = list(scenario.flows.values())
    groups = [
        [flows[i] for i in g] for g in flow_groups([(f.origin, f.destination) for f in flows])
    ]
    groups.sort(key=lambda g: -sum(flow_t_per_yr(scenario, f) for f in g))
    cargo: list[tuple[str, dict[str, float], int, list]] = [
        ("all cargo", caps, k, g) for k, g in enumerate(groups, 1)
    ]
    for c in scenario.commodities:
        dedicated = {n: b.dedicated(c) for n, b in bounds.items()}
        for k, g in enumerate(groups, 1):
            mine = [f for f in g if f.commodity == c]
            if mine:
                cargo.append((c, dedicated, k, mine))
    rows = []
    for name, cap, k, members in cargo:
        origins = sorted({f.origin for f in members})
        destinations = sorted({f.destination for f in members})
        result: FlowCut = max_flow(cap, arcs, origins, destinations)
        rows.append(
            {
                "group": name,
                "flow_group": k,
                "origins": ", ".join(origins),
                "destinations": ", ".join(destinations),
                "max_flow_t_per_yr": result.value,
                "demand_t_per_yr": sum(flow_t_per_yr(scenario, f) for f in members),
                "cut": ", ".join(result.cut),
            }
        )
    return pd.DataFrame(rows)
