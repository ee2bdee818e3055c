"""Bottlenecks with evidence: every signal side by side, and the analytic view beside them.

Signals from a simulation run (:mod:`corridor_sim.bottlenecks.ranking`): utilisation,
backlog growth (queue trend), wait share of transit time; from its activity trace
(:mod:`corridor_sim.bottlenecks.active_period`): the share of time the element was the sole
or a shifting momentary bottleneck; from the capacity analysis
(:mod:`corridor_sim.capacity.report`): the element's capacity (its effective capacity,
:mod:`corridor_sim.capacity.effective`), analytic load and membership of the minimum cut.
Utilisation is the run's time share in use (``docs/capacity.md``), not throughput /
capacity.
The order is the one ranking (:func:`corridor_sim.bottlenecks.ranking.rank` by the run's
score, ``utilisation + wait share + min(1, backlog growth / 7 days)``); the momentary
bottleneck shares stand beside it as evidence, they do not reorder it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from corridor_sim.bottlenecks.active_period import Period, shifting_bottlenecks
from corridor_sim.bottlenecks.ranking import GROWTH_SATURATES_DAYS, rank
from corridor_sim.capacity.report import CapacityReport
from corridor_sim.texttable import num, pct, table

MONTH_D = 365.0 / 12


def bottleneck_evidence(
    ranking: pd.DataFrame,
    *,
    activity: Mapping[str, Sequence[Period]] | None = None,
    period_h: Period | None = None,
    bounds: CapacityReport | None = None,
) -> pd.DataFrame:
    """A run's bottleneck ranking (``result.bottlenecks``) with shifting-bottleneck shares
    over ``period_h`` (given the run's ``activity``) and, given a
    :class:`~corridor_sim.capacity.report.CapacityReport`, the analytic load and
    minimum-cut membership; in the order of the one ranking (by score).
    ``result.evidence(bounds)`` is the short way to call it."""
    table_ = ranking.drop(columns=["rank"]).copy()
    if activity is not None:
        if period_h is None:
            raise ValueError("period_h (the statistics period) is needed with activity")
        shares = shifting_bottlenecks(activity, *period_h)
        table_ = table_.merge(shares, on="element", how="left")
    else:
        for col in ("active_share", "sole_share", "shifting_share", "bottleneck_share"):
            table_[col] = math.nan
    if bounds is not None:
        el = bounds.elements.set_index("element")
        table_["capacity_t_per_day"] = table_["element"].map(el["capacity_t_per_day"])
        table_["capacity_t_per_yr"] = table_["element"].map(el["capacity_t_per_yr"])
        table_["load"] = table_["element"].map(el["load"])
        table_["on_min_cut"] = table_["element"].isin(bounds.min_cut)
    return rank(table_, by="score")


def describe(row: Any) -> str:
    """One sentence of evidence for a row of :func:`bottleneck_evidence`."""
    parts = []
    if not math.isnan(row.utilisation):
        parts.append(f"{row.utilisation:.0%} utilised")
    growth = row.queue_growth_t_per_day * MONTH_D
    if math.isinf(row.backlog_growth_days):
        parts.append("queue growing with nothing moving")
    elif row.backlog_growth_days >= 1:
        parts.append(
            f"queue growing {num(growth)} t/month ({row.backlog_growth_days:.1f} days of "
            "throughput over the run)"
        )
    else:
        parts.append("queue not growing")
    parts.append(f"{row.wait_share:.0%} of transit time spent waiting here")
    if not math.isnan(getattr(row, "bottleneck_share", math.nan)):
        parts.append(
            f"momentary bottleneck {row.bottleneck_share:.0%} of the time "
            f"({row.sole_share:.0%} sole, {row.shifting_share:.0%} shifting)"
        )
    if hasattr(row, "on_min_cut"):
        cut = "on the minimum cut" if row.on_min_cut else "not on the minimum cut"
        load = "" if math.isnan(row.load) else f", analytic load {row.load:.0%}"
        parts.append(cut + load)
    return f"{row.element} ({row.kind} {row.role}): " + ", ".join(parts) + "."


def agreement(evidence: pd.DataFrame, bounds: CapacityReport) -> str:
    """Where the simulation's ranking and the analytic minimum cut agree, in words."""
    top = evidence.iloc[0]
    cut = list(bounds.min_cut)
    ranks = dict(zip(evidence["element"], evidence["rank"], strict=True))
    where = ", ".join(f"{c} #{ranks.get(c, '-')}" for c in cut)
    if top.element in cut:
        text = (
            f"Simulation and analysis agree: {top.element} ranks first and is on the minimum "
            f"cut ({where})."
        )
    else:
        text = (
            f"They differ: the simulation ranks {top.element} first, but the minimum cut "
            f"(all cargo, any route, full use) is {where}."
        )
    if bounds.binding:
        text += (
            f" On the flows' fixed routes the most loaded element is {bounds.binding} "
            f"(load {1 / bounds.headroom:.0%})."
        )
    return text


def format_evidence(
    evidence: pd.DataFrame, bounds: CapacityReport | None = None, top: int = 10
) -> str:
    """The ranking with every signal, evidence for the top three, and the agreement."""
    rows = [
        [
            str(r.rank),
            r.element,
            f"{r.kind} {r.role}",
            f"{r.score:.2f}",
            pct(r.utilisation),
            num(r.queue_growth_t_per_day * MONTH_D),
            num(r.backlog_growth_days, 1),
            pct(r.wait_share),
            pct(r.sole_share),
            pct(r.shifting_share),
            pct(getattr(r, "load", math.nan)),
            ("yes" if r.on_min_cut else "") if hasattr(r, "on_min_cut") else "-",
        ]
        for r in evidence.head(top).itertuples()
    ]
    header = [
        "#",
        "element",
        "kind",
        "score",
        "util",
        "queue +t/month",
        "backlog +days",
        "wait share",
        "sole bn",
        "shifting bn",
        "load",
        "min cut",
    ]
    lines = [
        f"Bottleneck ranking with every signal (top {len(rows)} of {len(evidence)}; score = "
        f"utilisation + wait share + min(1, backlog growth / {GROWTH_SATURATES_DAYS:g} days); "
        "sole and shifting bottleneck shares as evidence beside it)",
        *table(header, rows, "lllrrrrrrrrl"),
        "",
        *(describe(r) for r in evidence.head(3).itertuples()),
    ]
    if bounds is not None:
        lines += ["", agreement(evidence, bounds)]
    return "\n".join(lines)
