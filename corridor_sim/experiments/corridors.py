"""The simulated Middle Corridor beside its competitors: ``corridor_sim.compare_corridors``.

For each flow of a :class:`~corridor_sim.model.competition.Journey` (China -> Europe),
the replications of :func:`corridor_sim.run` give, per replication, the flow's transit
(mean, median and 95th percentile of its consignments, days), its freight price (the
tariffs and charges of the costs section, USD per TEU delivered) and its CO2 (t per
TEU). The journey's legs outside the model are added (days, USD/TEU, kg/t x the flow's
t/TEU), and each figure is reported as the mean over replications with its 95 %
Student-t half-width. The alternatives are their published spans. The time value of
the cargo (the costs section's, USD per TEU-day) prices every route's days alike, so
``generalised_usd_per_teu`` = price + time value x days compares them on one scale.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from corridor_sim.errors import ScenarioError
from corridor_sim.experiments.confidence import mean_ci
from corridor_sim.experiments.run import ReplicatedRun
from corridor_sim.folders import write_folder
from corridor_sim.model.competition import Alternative, Journey
from corridor_sim.texttable import num, table
from corridor_sim.units import HOURS_PER_DAY

KG_PER_T = 1e3
SIMULATED, PUBLISHED, REFERENCE = "simulated", "published", "published (Middle Corridor)"


@dataclass
class CorridorComparison:
    """``table``: one row per simulated flow and per alternative: ``route``, ``kind``
    (:data:`SIMULATED`, :data:`PUBLISHED` or :data:`REFERENCE`), ``flow`` (simulated
    rows), door-to-door days ``transit_days`` (simulated: the mean of consignments;
    published: the middle of the span) with ``transit_low_days``/``transit_high_days``
    (simulated: median and 95th percentile; published: the span) and
    ``transit_half_width_days`` (95 % CI of the simulated mean); ``price_usd_per_teu``
    with ``price_low_usd_per_teu``/``price_high_usd_per_teu`` (simulated: its 95 % CI);
    ``co2_kg_per_teu`` with its low and high; ``time_value_usd_per_teu`` and
    ``generalised_usd_per_teu``. Money in :attr:`money`."""

    journey: str
    scenario: str
    money: str
    replications: int
    seed: int
    time_value_usd_per_teu_day: float
    table: pd.DataFrame

    def text(self) -> str:
        """The comparison as ``corridor-sim corridors`` prints it."""
        return format_comparison(self)

    def __repr__(self) -> str:
        sim = self.table[self.table["kind"] == SIMULATED]
        return (
            f"<CorridorComparison {self.journey}: {len(sim)} simulated flows of "
            f"{self.scenario!r} ({self.replications} replications) against "
            f"{len(self.table) - len(sim)} published routes>"
        )

    def to_dir(self, path: str | Path) -> Path:
        """Write ``corridors.csv`` and ``corridors.json`` into folder ``path``."""
        head = {
            "journey": self.journey,
            "scenario": self.scenario,
            "money": self.money,
            "replications": self.replications,
            "seed": self.seed,
            "time_value_usd_per_teu_day": self.time_value_usd_per_teu_day,
        }
        return write_folder(path, {"corridors": self.table}, "corridors", head)


def compare_corridors(run: ReplicatedRun, journey: Journey) -> CorridorComparison:
    """Set ``run``'s flows of ``journey`` beside its alternatives (see module docstring).

    Raises :class:`~corridor_sim.errors.ScenarioError` if the scenario has no costs
    section, lacks a flow of the journey, or a flow is not carried in TEU.
    """
    scenario = run.scenario
    where = journey.source or journey.name
    if scenario.costs is None:
        raise ScenarioError(
            f"scenario {scenario.name!r} has no costs section: a corridor comparison needs "
            "its tariffs and charges (docs/scenario_format.md, Costs)",
            file=where,
        )
    vot_h = 0.0
    rows = []
    for flow_name in journey.flows:
        flow = scenario.flows.get(flow_name)
        if flow is None:
            raise ScenarioError(
                f"flow {flow_name!r} is not in scenario {scenario.name!r} "
                f"(flows: {', '.join(sorted(scenario.flows))})",
                path="flows",
                file=where,
            )
        commodity = scenario.commodities[flow.commodity]
        if commodity.unit != "TEU":
            raise ScenarioError(
                f"flow {flow_name!r} carries {commodity.unit}, not TEU: the comparison is "
                "per TEU (container flows only)",
                path="flows",
                file=where,
            )
        vot_h = scenario.costs.time_value_usd_per_unit_h.get(flow.commodity, 0.0)
        rows.append(_simulated(run, journey, flow_name, commodity.mass_per_unit_t, vot_h))
    t_per_teu = scenario.commodities[scenario.flows[journey.flows[0]].commodity].mass_per_unit_t
    for alt in journey.alternatives.values():
        rows.append(_published(alt, t_per_teu, vot_h * HOURS_PER_DAY))
    return CorridorComparison(
        journey.label,
        scenario.name,
        journey.money,
        run.n,
        run.seed,
        vot_h * HOURS_PER_DAY,
        pd.DataFrame(rows),
    )


def _published(alt: Alternative, t_per_teu: float, vot_day: float) -> dict[str, object]:
    """One alternative's row: its spans (NaN where nothing is published), its CO2 per TEU
    at ``t_per_teu`` and its days valued at ``vot_day`` USD per TEU-day."""
    price, co2 = alt.price_usd_per_teu, alt.co2_kg_per_t
    time_value = vot_day * alt.transit_days.mid
    nan = math.nan
    return {
        "route": alt.label,
        "kind": REFERENCE if alt.reference else PUBLISHED,
        "flow": "",
        "transit_days": alt.transit_days.mid,
        "transit_low_days": alt.transit_days.low,
        "transit_high_days": alt.transit_days.high,
        "transit_half_width_days": nan,
        "price_usd_per_teu": price.mid if price else nan,
        "price_low_usd_per_teu": price.low if price else nan,
        "price_high_usd_per_teu": price.high if price else nan,
        "co2_kg_per_teu": co2.mid * t_per_teu if co2 else nan,
        "co2_low_kg_per_teu": co2.low * t_per_teu if co2 else nan,
        "co2_high_kg_per_teu": co2.high * t_per_teu if co2 else nan,
        "time_value_usd_per_teu": time_value,
        "generalised_usd_per_teu": price.mid + time_value if price else nan,
        "sources": ", ".join(alt.sources),
    }


def _simulated(
    run: ReplicatedRun, journey: Journey, flow: str, t_per_teu: float, vot_h: float
) -> dict[str, object]:
    """One simulated flow's row: its replications' figures plus the legs outside."""
    per_rep = run.flow_runs[run.flow_runs["flow"] == flow]
    costs = run.runs[(run.runs["scope"] == "cost") & (run.runs["subject"] == flow)]
    cost = costs.pivot_table(index="replication", columns="kpi", values="value")
    if per_rep.empty or cost.empty:
        raise ScenarioError(
            f"flow {flow!r} delivered nothing in the replications, or has no costs: "
            "nothing to compare",
            file=journey.source or journey.name,
        )
    out_days = journey.outside_days
    transit, transit_hw, _ = mean_ci((per_rep["transit_mean_days"] + out_days).tolist())
    price, price_hw, _ = mean_ci(
        (cost["tariff_usd"] + cost["charges_usd"] + journey.outside_price_usd_per_teu).tolist()
    )
    co2, co2_hw, _ = mean_ci(
        (cost["co2_t"] * KG_PER_T + journey.outside_co2_kg_per_t * t_per_teu).tolist()
    )
    time_value, _, _ = mean_ci(
        (cost["time_usd"] + journey.outside_days * HOURS_PER_DAY * vot_h).tolist()
    )
    return {
        "route": f"Middle Corridor, simulated ({flow})",
        "kind": SIMULATED,
        "flow": flow,
        "transit_days": transit,
        "transit_low_days": float(per_rep["transit_p50_days"].mean()) + out_days,
        "transit_high_days": float(per_rep["transit_p95_days"].mean()) + out_days,
        "transit_half_width_days": transit_hw,
        "price_usd_per_teu": price,
        "price_low_usd_per_teu": price - _hw(price_hw),
        "price_high_usd_per_teu": price + _hw(price_hw),
        "co2_kg_per_teu": co2,
        "co2_low_kg_per_teu": co2 - _hw(co2_hw),
        "co2_high_kg_per_teu": co2 + _hw(co2_hw),
        "time_value_usd_per_teu": time_value,
        "generalised_usd_per_teu": price + time_value,
        "sources": "this model; legs outside: " + ", ".join(leg.name for leg in journey.legs),
    }


def _hw(value: float) -> float:
    return 0.0 if math.isnan(value) else value


def format_comparison(c: CorridorComparison) -> str:
    """A readable table: every simulated figure as mean ± 95 % CI half-width."""
    lines = [
        f"{c.journey}: the simulated Middle Corridor ({c.scenario}, {c.replications} "
        f"replications, seed {c.seed}) against published figures; money in {c.money}",
        "",
    ]
    rows = []
    for r in c.table.itertuples():
        if r.kind == SIMULATED:
            days = (
                f"{num(r.transit_days, 1)} ± {num(r.transit_half_width_days, 1)} "
                f"(p50 {num(r.transit_low_days, 1)}, p95 {num(r.transit_high_days, 1)})"
            )
            price = _pm(r.price_usd_per_teu, r.price_usd_per_teu - r.price_low_usd_per_teu)
            co2 = _pm(r.co2_kg_per_teu, r.co2_kg_per_teu - r.co2_low_kg_per_teu)
        else:
            days = _span(r.transit_low_days, r.transit_high_days, 0)
            price = _span(r.price_low_usd_per_teu, r.price_high_usd_per_teu, 0)
            co2 = _span(r.co2_low_kg_per_teu, r.co2_high_kg_per_teu, 0)
        rows.append(
            [
                r.route,
                days,
                price,
                co2,
                num(r.time_value_usd_per_teu, 0),
                num(r.generalised_usd_per_teu, 0),
            ]
        )
    lines += table(
        [
            "route",
            "door to door, days",
            "freight, USD/TEU",
            "CO2, kg/TEU",
            "time value, USD/TEU",
            "price + time, USD/TEU",
        ],
        rows,
        "lrrrrr",
    )
    lines += [
        "",
        f"Simulated: border to Poti from the replications plus the legs outside the model; "
        f"published: the lowest and highest figure found (sources in the journey file). "
        f"Time value {num(c.time_value_usd_per_teu_day, 1)} USD per TEU-day (the scenario's "
        "costs section) on every route's days.",
    ]
    return "\n".join(lines)


def _pm(mean: float, half_width: float) -> str:
    return f"{num(mean, 0)} ± {num(half_width, 0)}"


def _span(low: float, high: float, digits: int) -> str:
    if math.isnan(low):
        return "not published"
    if math.isclose(low, high):
        return num(low, digits)
    return f"{num(low, digits)}-{num(high, digits)}"
