"""The tables of the report of one sample path (a :class:`SimulationResult`): headline,
flows and the bottleneck ranking, every number as it came out of that one run; and the
:class:`Table` every report's page is built from."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from corridor_sim.experiments.kpis import YEAR_D, kpis
from corridor_sim.experiments.text import HEADLINE
from corridor_sim.results.result import SimulationResult
from corridor_sim.results.summary import UNIT_NAMES
from corridor_sim.texttable import num

TOP = 10  # rows of the bottleneck ranking shown


@dataclass(frozen=True)
class Table:
    """A table for the page: column titles and rows of (text, is it a number)."""

    columns: list[str]
    rows: list[list[tuple[str, bool]]]

    @property
    def numeric(self) -> list[bool]:
        """Per column, whether every cell of it is a number (its title is aligned right)."""
        return [all(row[i][1] for row in self.rows) for i in range(len(self.columns))]


def _fmt(x: Any, digits: int = 0) -> tuple[str, bool]:
    if isinstance(x, float) and math.isnan(x):
        return "-", True
    if isinstance(x, int | float):
        return num(float(x), digits), True
    return str(x), False


def table(frame: pd.DataFrame, digits: dict[str, int] | None = None) -> Table:
    """``frame`` as a :class:`Table`, numbers with thousands separators and ``digits``
    decimals per column (none by default); NaN shown as "-".

    >>> table(pd.DataFrame({"flow": ["a"], "kt": [1234.56]}), {"kt": 1}).rows
    [[('a', False), ('1,234.6', True)]]
    """
    digits = digits or {}
    rows = [
        [
            _fmt(value, digits.get(column, 0))
            for column, value in zip(frame.columns, record, strict=True)
        ]
        for record in frame.itertuples(index=False)
    ]
    return Table([str(c) for c in frame.columns], rows)


def headline_table(result: SimulationResult) -> Table:
    """The headline KPIs of ``result`` (delivered, offered, their ratio, transit time,
    cargo in the system, steepest queue trend), as ``corridor-sim run`` names them."""
    values = kpis(result)
    rows = [
        [(label, False), _fmt(float(values[kpi]) * scale, digits)]
        for kpi, label, scale, digits in HEADLINE
    ]
    return Table(["", "this run"], rows)


def flows_table(result: SimulationResult) -> Table:
    """The flows: offered, delivered (units and kt/yr), in system, transit mean/p50/p95."""
    f = result.flows
    per_yr = YEAR_D * 24.0 / result.horizon_h
    frame = pd.DataFrame(
        {
            "flow": f["flow"],
            "unit": f["unit"].map(lambda u: UNIT_NAMES.get(u, u)),
            "offered": f["offered_units"],
            "delivered": f["delivered_units"],
            "delivered kt/yr": f["delivered_t"] * per_yr / 1e3,
            "in system at end": f["in_system_units"],
            "transit mean d": f["transit_mean_days"],
            "p50 d": f["transit_p50_days"],
            "p95 d": f["transit_p95_days"],
        }
    )
    return table(frame, {"transit mean d": 1, "p50 d": 1, "p95 d": 1})


def bottleneck_table(result: SimulationResult, top: int = TOP) -> Table:
    """The top of the bottleneck ranking with each signal and the element's capacity
    (``elements.capacity_t_per_day``, the one the figures show)."""
    b = result.bottlenecks.head(top)
    el = result.elements.set_index("element").loc[b["element"]]
    capacity = el.get("capacity_t_per_day", math.nan)
    frame = pd.DataFrame(
        {
            "#": b["rank"].to_numpy(),
            "element": b["element"].to_numpy(),
            "kind": (b["kind"] + " " + b["role"]).to_numpy(),
            "throughput t/day": el["throughput_t_per_day"].to_numpy(),
            "capacity t/day": pd.Series(capacity, index=el.index, dtype=float).to_numpy(),
            "utilisation %": b["utilisation"].to_numpy() * 100,
            "queue mean t": el["queue_mean_t"].to_numpy(),
            "backlog +days": b["backlog_growth_days"].to_numpy(),
            "wait share %": b["wait_share"].to_numpy() * 100,
            "score": b["score"].to_numpy(),
        }
    )
    return table(frame, {"backlog +days": 1, "score": 2})
