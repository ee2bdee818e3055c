"""Rank elements as bottlenecks from three signals, and say which one binds.

- **utilisation**: share of the element's capacity in use (0..1);
- **backlog growth**: the least-squares rise of its queue over the run, in days of its own
  throughput (a queue that keeps growing means demand exceeds capacity);
- **wait share**: share of all delivered cargo's transit time (tonne-hours) spent waiting
  at the element.

The score is ``utilisation + wait share + min(1, backlog growth / 7 days)``
(:func:`score`): each signal counts up to one point, so an element must stand out on more
than one to rank first. :func:`rank` is the one ordering every ranking uses: one run's
(:func:`bottleneck_table`, ``corridor-sim run -n 1``) by its score, replications'
(:func:`corridor_sim.run`, ``corridor-sim run`` and ``corridor-sim bottlenecks``) by the
mean score.
"""

from __future__ import annotations

import math

import pandas as pd

GROWTH_SATURATES_DAYS = 7.0
SCORE_FORMULA = (
    f"score = utilisation + wait share + min(1, backlog growth / {GROWTH_SATURATES_DAYS:g} days)"
)


def score(utilisation: float, wait_share: float, backlog_growth_days: float) -> float:
    """The bottleneck score of one element in one run (see the module doc); an unknown
    (NaN) utilisation counts as 0 and a shrinking backlog as no growth.

    >>> score(0.9, 0.25, 14.0)
    2.15
    """
    util = 0.0 if math.isnan(utilisation) else utilisation
    return util + wait_share + min(1.0, max(0.0, backlog_growth_days) / GROWTH_SATURATES_DAYS)


def rank(table: pd.DataFrame, by: str = "score") -> pd.DataFrame:
    """``table`` (one row per element) sorted by column ``by``, highest first (ties keep
    their order), with ``rank`` 1, 2, ... as its first column.

    >>> rank(pd.DataFrame({"element": ["a", "b", "c"], "score": [0.5, 1.5, 0.5]}))
       rank element  score
    0     1       b    1.5
    1     2       a    0.5
    2     3       c    0.5
    """
    out = table.drop(columns=["rank"], errors="ignore")
    out = out.sort_values(by, ascending=False, kind="stable").reset_index(drop=True)
    out.insert(0, "rank", range(1, len(out) + 1))
    return out


def bottleneck_table(
    elements: pd.DataFrame, stages: pd.DataFrame, horizon_days: float
) -> pd.DataFrame:
    """The elements of one run ranked by bottleneck score, most binding first."""
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
        rows.append(
            {
                "element": e.element,
                "role": e.role,
                "kind": e.kind,
                "utilisation": e.utilisation,
                "backlog_growth_days": growth_days,
                "queue_growth_t_per_day": e.queue_growth_t_per_day,
                "wait_share": share,
                "score": score(e.utilisation, share, growth_days),
            }
        )
    return rank(pd.DataFrame(rows))


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
