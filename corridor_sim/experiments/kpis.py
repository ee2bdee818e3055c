"""Headline numbers of one run as a small flat dict: what a replication sends back.

Names: ``delivered_t_per_yr``, ``offered_t_per_yr``, ``delivered_ratio``,
``transit_mean_days`` (tonne-weighted over flows), ``in_system_t``,
``max_backlog_growth_days`` (the steepest queue trend, from the bottleneck ranking),
``mser_warmup_days``; per flow
``flow:<name>:delivered_t_per_yr``, ``...:transit_mean_days``, ``...:transit_p95_days``;
per element ``element:<name>:utilisation``, ``...:wait_share``,
``...:backlog_growth_days``, ``...:throughput_t_per_day``, ``...:score``,
``...:queue_rise_t`` (queue at the end of the statistics period minus at its start; over
a whole year the same season at both ends) (and, for runs
traced with ``trace_activity=True``, ``...:sole_share`` and ``...:shifting_share``); and
the string ``binding_element`` (the top of the bottleneck ranking).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from corridor_sim.bottlenecks.active_period import shifting_bottlenecks
from corridor_sim.results.result import SimulationResult

YEAR_D = 365.0
ELEMENT_KPIS = ("utilisation", "wait_share", "backlog_growth_days", "score")


def kpis(result: SimulationResult) -> dict[str, float | str]:
    """The compact KPI dict of ``result`` (a :class:`~corridor_sim.SimulationResult`)."""
    per_yr = YEAR_D * 24.0 / result.horizon_h
    flows = result.flows
    bal = result.balance.set_index("flow")
    t_per_unit = bal["generated_t"] / bal["generated_units"].where(bal["generated_units"] > 0)
    offered_t = float((flows.set_index("flow")["offered_units"] * t_per_unit.fillna(0.0)).sum())
    delivered_t = float(flows["delivered_t"].sum())
    weights = flows["delivered_t"].where(flows["transit_mean_days"].notna(), 0.0)
    transit = (
        float((flows["transit_mean_days"].fillna(0.0) * weights).sum() / weights.sum())
        if weights.sum() > 0
        else math.nan
    )
    b = result.bottlenecks
    growth = b["backlog_growth_days"].replace([np.inf], 1e9)
    out: dict[str, float | str] = {
        "delivered_t_per_yr": delivered_t * per_yr,
        "offered_t_per_yr": offered_t * per_yr,
        "delivered_ratio": delivered_t / offered_t if offered_t > 0 else math.nan,
        "transit_mean_days": transit,
        "in_system_t": float(flows["in_system_t"].sum()),
        "max_backlog_growth_days": float(growth.max()) if len(b) else 0.0,
        "mser_warmup_days": mser5_days(result),
        "binding_element": str(b.iloc[0]["element"]) if len(b) else "",
    }
    for f in flows.itertuples():
        out[f"flow:{f.flow}:delivered_t_per_yr"] = float(f.delivered_t) * per_yr
        out[f"flow:{f.flow}:transit_mean_days"] = float(f.transit_mean_days)
        out[f"flow:{f.flow}:transit_p95_days"] = float(f.transit_p95_days)
    el = result.elements.set_index("element")
    rise = queue_rise_t(result)
    if result.activity is not None:
        shares = shifting_bottlenecks(result.activity, *result.period_h)
        for row in shares.itertuples():
            out[f"element:{row.element}:sole_share"] = float(row.sole_share)
            out[f"element:{row.element}:shifting_share"] = float(row.shifting_share)
    for row in b.itertuples():
        for k in ELEMENT_KPIS:
            out[f"element:{row.element}:{k}"] = float(getattr(row, k))
        out[f"element:{row.element}:throughput_t_per_day"] = float(
            el.loc[row.element, "throughput_t_per_day"]
        )
        out[f"element:{row.element}:queue_rise_t"] = float(rise.get(row.element, 0.0))
    return out


def queue_rise_t(result: SimulationResult) -> pd.Series:
    """Per element, its sampled queue (t) at the last sample of the statistics period
    minus at the first."""
    q = result.queues
    post = q[q["time_h"] >= result.warmup_h]
    if post.empty:
        return pd.Series(dtype=float)
    by = post.sort_values("time_h", kind="stable").groupby("element", sort=False)["queue_t"]
    return by.last() - by.first()


def mser5_days(result: SimulationResult) -> float:
    """Warm-up the MSER-5 rule suggests for the total queue (days from t = 0): the
    truncation of batch means of 5 samples that minimises the standard error of the rest
    (White 1997), searched over the first half of the run."""
    q = result.queues
    if q.empty:
        return math.nan
    total = q.groupby("time_h", sort=True)["queue_t"].sum()
    times = total.index.to_numpy()
    values = total.to_numpy()
    n = len(values) // 5
    if n < 4:
        return math.nan
    means = values[: n * 5].reshape(n, 5).mean(axis=1)
    best, best_d = math.inf, 0
    for d in range(n // 2):
        rest = means[d:]
        score = rest.var() / len(rest)
        if score < best:
            best, best_d = score, d
    return float(times[best_d * 5] / 24.0)
