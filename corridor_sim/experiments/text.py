"""Shared pieces of the text the experiment commands print: the headline KPIs and how a
KPI's mean ± the half-width of its 95% Student-t interval is shown. Each experiment's
result renders itself (``.text()``) with these, reading its tidy summary
(:func:`~corridor_sim.experiments.confidence.summarise`) by scope, subject and KPI."""

from __future__ import annotations

import pandas as pd

from corridor_sim.experiments.kpis import CORRIDOR
from corridor_sim.texttable import pm

HEADLINE = [
    ("delivered_t_per_yr", "cargo delivered, Mt/yr", 1e-6, 3),
    ("offered_t_per_yr", "cargo offered, Mt/yr", 1e-6, 3),
    ("delivered_ratio", "delivered / offered, %", 100, 1),
    ("transit_mean_days", "transit time, mean days (tonne-weighted)", 1, 2),
    ("in_system_t", "cargo in the system at the end, kt", 1e-3, 1),
    ("max_backlog_growth_days", "steepest queue trend, days of throughput", 1, 1),
]


def kpi_row(
    summary: pd.DataFrame, kpi: str, *, scope: str = CORRIDOR, subject: str = ""
) -> pd.Series | None:
    """The row of ``kpi`` of ``subject`` (a flow or an element; none for the corridor) in a
    tidy table, or None."""
    rows = summary[
        (summary["kpi"] == kpi) & (summary["scope"] == scope) & (summary["subject"] == subject)
    ]
    return rows.iloc[0] if len(rows) else None


def cell(
    summary: pd.DataFrame,
    kpi: str,
    scale: float = 1.0,
    digits: int = 1,
    *,
    scope: str = CORRIDOR,
    subject: str = "",
) -> str:
    """``mean ± half-width`` of a KPI of a tidy summary, ``-`` if it has none."""
    row = kpi_row(summary, kpi, scope=scope, subject=subject)
    return "-" if row is None else pm(row["mean"], row["half_width"], digits, scale)


def subjects(table: pd.DataFrame, scope: str) -> list[str]:
    """The flows or elements (``scope``) of a tidy table, in the order they first appear."""
    return list(dict.fromkeys(table.loc[table["scope"] == scope, "subject"]))


def per_run(runs: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """One row per run (``ids``, e.g. ``["point", "replication"]``) of a tidy runs table:
    its ids and per-run columns such as ``binding_element``."""
    return runs.drop_duplicates(ids).drop(columns=["scope", "subject", "kpi", "value"])
