"""The tables of the report of a replicated answer (a
:class:`~corridor_sim.experiments.run.ReplicatedRun`): headline, flows and the bottleneck
ranking over the replications, every number the mean ± the half-width of its 95 %
confidence interval (the numbers ``corridor-sim run`` prints)."""

from __future__ import annotations

import math

import pandas as pd

from corridor_sim.experiments.fleet_tables import (
    BERTH_COLUMNS,
    CLASS_COLUMNS,
    berth_table,
    class_table,
)
from corridor_sim.experiments.run import ReplicatedRun
from corridor_sim.experiments.text import HEADLINE, cell
from corridor_sim.plotting.throughput import binding_element
from corridor_sim.report.content import METHOD
from corridor_sim.report.tables import TOP, Table
from corridor_sim.results.result import SimulationResult
from corridor_sim.results.summary import UNIT_NAMES
from corridor_sim.texttable import num, pm

FLOW_COLUMNS = [  # (kpi, header, scale, digits)
    ("offered_units", "offered", 1.0, 0),
    ("delivered_units", "delivered", 1.0, 0),
    ("delivered_t_per_yr", "delivered kt/yr", 1e-3, 0),
    ("in_system_units", "in system at end", 1.0, 0),
    ("transit_mean_days", "transit mean d", 1.0, 1),
    ("transit_p50_days", "p50 d", 1.0, 1),
    ("transit_p95_days", "p95 d", 1.0, 1),
]
RANKING_COLUMNS = [  # (kpi, header, scale, digits), in the order of the one-path report
    ("throughput_t_per_day", "throughput t/day", 1.0, 0),
    ("utilisation", "utilisation %", 100.0, 0),
    ("queue_mean_t", "queue mean t", 1.0, 0),
    ("backlog_growth_days", "backlog +days", 1.0, 1),
    ("wait_share", "wait share %", 100.0, 0),
    ("score", "score", 1.0, 2),
]


def _cell(text: str) -> tuple[str, bool]:
    """A numeric cell ``mean ± half-width`` that, in a narrow column, breaks only before
    the ``±`` (a no-break space after it)."""
    return text.replace(" ± ", " ±\N{NO-BREAK SPACE}"), True


def value(row: pd.Series, kpi: str, scale: float = 1.0, digits: int = 0) -> tuple[str, bool]:
    """``mean ± half-width`` of ``kpi`` in a row of a summarised table (``<kpi>_mean``,
    ``<kpi>_half_width``), as a numeric cell (:func:`_cell`); ``-`` if the row has no mean.

    >>> value(pd.Series({"x_mean": 0.5, "x_half_width": 0.04}), "x", 100.0)
    ('50 ±\xa04', True)
    """
    mean = row.get(f"{kpi}_mean", math.nan)
    if mean is None or math.isnan(float(mean)):
        return "-", True
    return _cell(pm(float(mean), float(row.get(f"{kpi}_half_width", math.nan)), digits, scale))


def headline_table(answer: ReplicatedRun) -> Table:
    """The headline KPIs over the replications, as ``corridor-sim run`` prints them."""
    rows = [
        [(label, False), _cell(cell(answer.headline, kpi, scale, digits))]
        for kpi, label, scale, digits in HEADLINE
    ]
    return Table(["", f"mean ± 95 % CI half-width, n = {answer.n}"], rows)


def flows_table(answer: ReplicatedRun) -> Table:
    """Per flow: offered, delivered (units and kt/yr), in system at the end, transit
    mean, p50 and p95, each over the replications."""
    rows = [
        [(str(f["flow"]), False), (UNIT_NAMES.get(f["unit"], str(f["unit"])), False)]
        + [value(f, kpi, scale, digits) for kpi, _, scale, digits in FLOW_COLUMNS]
        for _, f in answer.flows.iterrows()
    ]
    return Table(["flow", "unit", *(h for _, h, _, _ in FLOW_COLUMNS)], rows)


def ranking_table(answer: ReplicatedRun, capacity_t_per_day: pd.Series, top: int = TOP) -> Table:
    """The top of the ranking by mean score: each signal over the replications, the
    element's capacity (``capacity_t_per_day``: element -> t/day, a property of the
    scenario, the same in every replication) and in how many replications it ranked
    first."""
    rows = []
    for _, r in answer.ranking.head(top).iterrows():
        cap = float(capacity_t_per_day.get(r["element"], math.nan))
        throughput, *signals = (value(r, k, scale, d) for k, _, scale, d in RANKING_COLUMNS)
        rows.append(
            [
                (str(r["rank"]), True),
                (str(r["element"]), False),
                (f"{r['kind']} {r['role']}", False),
                throughput,
                (num(cap), True),
                *signals,
                (f"{r['first_in']} of {answer.n}", True),
            ]
        )
    headers = [h for _, h, _, _ in RANKING_COLUMNS]
    return Table(
        ["#", "element", "kind", headers[0], "capacity t/day", *headers[1:], "first in"], rows
    )


def vessels_table(answer: ReplicatedRun) -> Table | None:
    """Per sea link and vessel class: how many vessels, voyages a year per vessel,
    turnaround per call and the share of the year in the main states, each over the
    replications; None without a sea link."""
    table = class_table(answer.runs)
    if table.empty:
        return None
    rows = [
        [(f"{str(r['class']).replace('/', ' / ')} ×{r['vessels']}", False)]
        + [value(r, kpi, scale, digits) for kpi, _, scale, digits in CLASS_COLUMNS]
        for _, r in table.iterrows()
    ]
    return Table(["line / vessel class × ships", *(h for _, h, _, _ in CLASS_COLUMNS)], rows)


def berths_table(answer: ReplicatedRun) -> Table | None:
    """Per port and berth type: the berths' occupancy, split into working and idle
    alongside, each over the replications; None without a port."""
    table = berth_table(answer.runs)
    if table.empty:
        return None
    rows = [
        [(str(r["berth"]), False)]
        + [value(r, kpi, scale, digits) for kpi, _, scale, digits in BERTH_COLUMNS]
        for _, r in table.iterrows()
    ]
    return Table(["port / berth type", *(h for _, h, _, _ in BERTH_COLUMNS)], rows)


def texts(answer: ReplicatedRun, path: SimulationResult) -> dict[str, str]:
    """The page's words on what its numbers are: the banner (over how many replications,
    which seeds), the note under each table, the ranking method, and the note and
    caption prefix saying the figures are one sample path (``path``, replication 0)."""
    n = answer.n
    if n > 1:
        banner = (
            f"Every number in the verdict and the tables is the mean ± the half-width of "
            f"its 95 % confidence interval over {n} independent replications (seeds: "
            f"{answer.seeds}). The figures show one of them, replication 0: one sample path."
        )
    else:
        banner = (
            f"One replication ({answer.seeds}): one sample path, without confidence "
            "intervals; replicate the run (corridor-sim run -n 10) before relying on a figure."
        )
    note = (
        f"Figures: one sample path, replication 0 of {n} (seed {path.seed_text}: "
        f"{answer.seeds}[0]); the tables above are over {n} replications. The numbers a "
        "figure shows (a utilisation in a legend, a mean line) are this path's, not the "
        "means of the tables."
    )
    top = binding_element(path)
    if top != answer.binding:
        note += (
            f" In this path {top} ranks first, not {answer.binding}: the maps and the "
            f"utilisation chart mark {top}; the throughput chart is of {answer.binding}."
        )
    return {
        "banner": banner,
        "cells": f"Each cell: the mean ± the half-width of its 95 % confidence interval "
        f"over the {n} replications."
        if n > 1
        else "",
        "method": f"Ranked by mean score over the {n} replications. {METHOD} First in: in "
        "how many replications the element ranked first.",
        "figures_note": note,
        "which": f"One sample path (replication 0 of {n}).",
    }
