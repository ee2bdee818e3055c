"""How the corridor reacted in a run: the routes its flows took, the choices made at
each decision node, cargo lost to competing corridors, and the embargoes that stopped
new cargo (:mod:`corridor_sim.engine.choice`, :mod:`corridor_sim.engine.embargo`).

All over the statistics period. A flow with one route and no outside option has no
rows in ``routes``, ``choices`` or ``outside``: nothing was chosen.
"""

from __future__ import annotations

import math

import pandas as pd

from corridor_sim.engine.records import RunRecord

DAY_H = 24.0
ROUTE_COLUMNS = [
    "flow",
    "route",
    "delivered_units",
    "delivered_t",
    "share",
    "transit_mean_days",
    "transit_p95_days",
]
CHOICE_COLUMNS = ["flow", "node", "way", "units", "t", "share"]
OUTSIDE_COLUMNS = ["flow", "option", "diverted_units", "diverted_t", "share_of_offered"]
EMBARGO_COLUMNS = [
    "node",
    "handling",
    "above_units",
    "below_units",
    "days_on",
    "share_of_time",
    "episodes",
    "stock_max_units",
    "level_max_units",
    "held_units",
    "held_unit_days",
    "diverted_units",
]
ROUTE_DAILY_COLUMNS = ["flow", "route", "day", "units"]


def route_table(record: RunRecord) -> pd.DataFrame:
    """Per flow with several routes and route: units (and t) delivered on it, its share
    of the flow's deliveries, and the mean and p95 transit time (days) on it."""
    rows = []
    for f in record.flows:
        total = sum(r.delivered_period_units for r in f.routes)
        for r in f.routes:
            rows.append(
                {
                    "flow": f.name,
                    "route": r.label,
                    "delivered_units": r.delivered_period_units,
                    "delivered_t": r.delivered_period_units * f.mass_per_unit_t,
                    "share": r.delivered_period_units / total if total > 0 else math.nan,
                    "transit_mean_days": r.transit.mean / DAY_H,
                    "transit_p95_days": r.transit.quantile(0.95) / DAY_H,
                }
            )
    return pd.DataFrame(rows, columns=ROUTE_COLUMNS)


def choice_table(record: RunRecord) -> pd.DataFrame:
    """Per flow, decision node and way on (the next node): the units (and t) that went
    that way from there, and their share of the flow's units that chose at that node."""
    rows = []
    for f in record.flows:
        at: dict[str, float] = {}
        for (node, _), units in f.choices.items():
            at[node] = at.get(node, 0.0) + units
        for (node, way), units in sorted(f.choices.items()):
            rows.append(
                {
                    "flow": f.name,
                    "node": node,
                    "way": way,
                    "units": units,
                    "t": units * f.mass_per_unit_t,
                    "share": units / at[node] if at[node] > 0 else math.nan,
                }
            )
    return pd.DataFrame(rows, columns=CHOICE_COLUMNS)


def outside_table(record: RunRecord) -> pd.DataFrame:
    """Per flow and outside option (every option the scenario names, even unused): the
    units (and t) that left the corridor for it, and their share of what was offered."""
    rows = []
    for f in record.flows:
        spec = record.scenario.flows.get(f.name)
        names = [o.name for o in spec.outside] if spec is not None else list(f.outside)
        for name in names:
            units = f.outside.get(name, 0.0)
            offered = f.offered_period_units
            rows.append(
                {
                    "flow": f.name,
                    "option": name,
                    "diverted_units": units,
                    "diverted_t": units * f.mass_per_unit_t,
                    "share_of_offered": units / offered if offered > 0 else math.nan,
                }
            )
    return pd.DataFrame(rows, columns=OUTSIDE_COLUMNS)


def embargo_table(record: RunRecord) -> pd.DataFrame:
    """Per node and handling class under acceptance control: thresholds (units), days
    the embargo was on and their share of the period, how often it began, the largest
    stock standing there and the largest level controlled (committed: on the way or
    standing there; units), and the new cargo it stopped: held at origin (units, unit-days) or
    sent by another route or corridor (units)."""
    horizon_days = record.scenario.settings.horizon_h / DAY_H
    rows = [
        {
            "node": e.name,
            "handling": g.handling,
            "above_units": g.above_units,
            "below_units": g.below_units,
            "days_on": g.hours_on / DAY_H,
            "share_of_time": g.hours_on / DAY_H / horizon_days,
            "episodes": g.episodes,
            "stock_max_units": g.stock_max_units,
            "level_max_units": g.level_max_units,
            "held_units": g.held_units,
            "held_unit_days": g.held_unit_h / DAY_H,
            "diverted_units": g.diverted_units,
        }
        for e in record.elements
        for g in e.embargoes
    ]
    return pd.DataFrame(rows, columns=EMBARGO_COLUMNS)


def route_daily_table(record: RunRecord) -> pd.DataFrame:
    """Per flow with several routes, route and day of the run (from t = 0): the units
    delivered on the route that day (the route split over time)."""
    rows = [
        {"flow": f.name, "route": r.label, "day": day, "units": units}
        for f in record.flows
        for r in f.routes
        for day, units in sorted(r.daily.items())
    ]
    return pd.DataFrame(rows, columns=ROUTE_DAILY_COLUMNS)
