"""Shared pieces of the text the experiment commands print: the headline KPIs and how a
KPI's mean ± the half-width of its 95% Student-t interval is shown. Each experiment's
result renders itself (``.text()``) with these."""

from __future__ import annotations

import pandas as pd

from corridor_sim.texttable import pm

HEADLINE = [
    ("delivered_t_per_yr", "cargo delivered, Mt/yr", 1e-6, 3),
    ("offered_t_per_yr", "cargo offered, Mt/yr", 1e-6, 3),
    ("delivered_ratio", "delivered / offered, %", 100, 1),
    ("transit_mean_days", "transit time, mean days (tonne-weighted)", 1, 2),
    ("in_system_t", "cargo in the system at the end, kt", 1e-3, 1),
    ("max_backlog_growth_days", "steepest queue trend, days of throughput", 1, 1),
]


def kpi_row(summary: pd.DataFrame, kpi: str) -> pd.Series | None:
    rows = summary[summary["kpi"] == kpi]
    return rows.iloc[0] if len(rows) else None


def cell(summary: pd.DataFrame, kpi: str, scale: float = 1.0, digits: int = 1) -> str:
    row = kpi_row(summary, kpi)
    return "-" if row is None else pm(row["mean"], row["half_width"], digits, scale)
