"""Rank elements as bottlenecks from three signals, and say which one binds.

- **utilisation**: share of the element's capacity in use (0..1);
- **backlog growth**: the least-squares rise of its queue over the run, in days of its own
  throughput (a queue that keeps growing means demand exceeds capacity);
- **wait share**: share of all delivered cargo's transit time (tonne-hours) spent waiting
  at the element.

The score is ``utilisation + wait share + min(1, backlog growth / 7 days)``: each signal
counts up to one point, so an element must stand out on more than one to rank first.
"""

from __future__ import annotations

import math

import pandas as pd

GROWTH_SATURATES_DAYS = 7.0


def bottleneck_table(
    elements: pd.DataFrame, stages: pd.DataFrame, horizon_days: float
) -> pd.DataFrame:
    """Elements ranked by bottleneck score, most binding first."""
    wait_th = stages.groupby("element")["wait_t_h"].sum() if len(stages) else pd.Series()
    total_th = float(stages["wait_t_h"].sum() + stages["move_t_h"].sum()) if len(stages) else 0
    rows = []
    for e in elements.itertuples():
        per_day = e.throughput_t_per_day
        growth_days = (
            (e.queue_growth_t_per_day * horizon_days / per_day)
            if per_day > 0
            else (math.inf if e.queue_growth_t_per_day > 0 else 0.0)
        )
        share = float(wait_th.get(e.element, 0.0)) / total_th if total_th else 0.0
        util = 0.0 if math.isnan(e.utilisation) else e.utilisation
        score = util + share + min(1.0, max(0.0, growth_days) / GROWTH_SATURATES_DAYS)
        rows.append(
            {
                "element": e.element,
                "role": e.role,
                "kind": e.kind,
                "utilisation": e.utilisation,
                "backlog_growth_days": growth_days,
                "queue_growth_t_per_day": e.queue_growth_t_per_day,
                "wait_share": share,
                "score": score,
            }
        )
    table = pd.DataFrame(rows).sort_values("score", ascending=False, kind="stable")
    table.insert(0, "rank", range(1, len(table) + 1))
    return table.reset_index(drop=True)


def verdict(table: pd.DataFrame) -> str:
    """One line naming the binding element and the evidence."""
    if table.empty:
        return "No elements."
    top = table.iloc[0]
    parts = []
    if not math.isnan(top.utilisation):
        parts.append(f"{top.utilisation:.0%} utilised")
    g = top.backlog_growth_days
    if math.isinf(g):
        parts.append("queue growing with no throughput")
    elif g >= 1:
        parts.append(f"backlog grew by {g:.1f} days of throughput over the run")
    else:
        parts.append("queue stable")
    parts.append(f"{top.wait_share:.0%} of all transit time spent waiting here")
    return f"Binding element: {top.element} ({top.kind} {top.role}): " + ", ".join(parts) + "."
