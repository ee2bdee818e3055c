"""How a :class:`~corridor_sim.model.Scenario` shows itself: a one-line ``repr`` and an
HTML block for notebooks (period, counts, the flows with their volumes)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from corridor_sim.htmlrepr import Bars, Table, counted, html_block
from corridor_sim.texttable import num
from corridor_sim.units import HOURS_PER_DAY, HOURS_PER_YEAR

if TYPE_CHECKING:
    from corridor_sim.model.scenario import Scenario

FLOW_HEADER = (
    "flow",
    "commodity",
    "from",
    "to",
    "unit",
    "volume (units/yr)",
    "volume (kt/yr)",
    "arrivals",
)


def counts(scenario: Scenario) -> str:
    """``3 commodities, 12 nodes, ...``: how big the scenario is."""
    parts = [
        counted(len(scenario.commodities), "commodity", "commodities"),
        counted(len(scenario.nodes), "node", "nodes"),
        counted(len(scenario.links), "link", "links"),
        counted(len(scenario.flows), "flow", "flows"),
        counted(len(scenario.disruptions), "disruption", "disruptions"),
    ]
    return ", ".join(parts)


def period(scenario: Scenario) -> str:
    """The statistics period and the warm-up before it, in days and calendar dates."""
    s = scenario.settings
    t0 = dt.datetime.combine(s.start, dt.time())
    first = t0 + dt.timedelta(hours=s.warmup_h)
    end = first + dt.timedelta(hours=s.horizon_h)
    return (
        f"{num(s.horizon_h / HOURS_PER_DAY)} days of statistics, {first:%Y-%m-%d %H:%M} to "
        f"{end:%Y-%m-%d %H:%M}, after a {num(s.warmup_h / HOURS_PER_DAY)}-day warm-up "
        f"from {s.start}"
    )


def flow_table(scenario: Scenario) -> Table:
    """Each flow: commodity, ends, unit and mean volume per year (units and kt)."""
    rows = []
    for f in scenario.flows.values():
        c = scenario.commodities[f.commodity]
        per_year = f.volume_units_per_h * HOURS_PER_YEAR
        rows.append(
            (
                f.name,
                f.commodity,
                f.origin,
                f.destination,
                c.unit,
                num(per_year),
                num(per_year * c.mass_per_unit_t / 1e3, 1),
                f.pattern,
            )
        )
    return Table(FLOW_HEADER, tuple(rows))


def scenario_repr(scenario: Scenario) -> str:
    """One line: the name, the period and the counts, without any table."""
    s = scenario.settings
    return (
        f"<Scenario {scenario.name!r}: {num(s.horizon_h / HOURS_PER_DAY)} days after a "
        f"{num(s.warmup_h / HOURS_PER_DAY)}-day warm-up from {s.start}; {counts(scenario)}>"
    )


def scenario_html(scenario: Scenario) -> str:
    """The notebook view: name, description, period, counts and the flows."""
    lines = [scenario.description, f"{period(scenario)}.", f"{counts(scenario)}."]
    if scenario.source:
        lines.append(f"Read from {scenario.source}.")
    mass_t = {name: c.mass_per_unit_t for name, c in scenario.commodities.items()}
    volumes = tuple(
        (f.name, f.volume_units_per_h * HOURS_PER_YEAR * mass_t[f.commodity] / 1e3, None)
        for f in scenario.flows.values()
    )
    return html_block(
        f"Scenario: {scenario.name}",
        lines,
        {"Flows (mean volume)": flow_table(scenario)},
        Bars("flows: mean volume (kt/yr)", volumes),
    )
