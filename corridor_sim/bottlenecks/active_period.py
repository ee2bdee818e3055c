"""The shifting-bottleneck (active-period) method of Roser, Nakano and Tanaka (2001, 2002).

Each traced element has active periods (working at full capacity or down; see
:mod:`corridor_sim.engine.activity`). At any moment the *momentary bottleneck* is the
active element whose current uninterrupted active period is the longest. When the
bottleneck passes from one element to another, the stretch where the two elements'
active periods overlap is a *shifting* bottleneck for both; the rest of an element's
time as momentary bottleneck is *sole* bottleneck time.

>>> periods = {"a": [(0.0, 6.0)], "b": [(4.0, 12.0)]}
>>> table = shifting_bottlenecks(periods, 0.0, 12.0)
>>> table[["element", "sole_share", "shifting_share"]].round(3).values.tolist()
[['b', 0.5, 0.167], ['a', 0.333, 0.167]]

Here ``b`` (8 h) outlasts ``a`` (6 h) from hour 4 on; their overlap 4-6 h is shifting.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import pandas as pd

Period = tuple[float, float]


def momentary_bottlenecks(
    activity: Mapping[str, Sequence[Period]], start_h: float, end_h: float
) -> list[tuple[float, float, str, Period]]:
    """Stretches ``(from, to, element, its active period)`` of one momentary bottleneck
    within ``[start_h, end_h]``, in time order; consecutive stretches of the same element
    and period are merged. Ties go to the element named first."""
    events: list[tuple[float, int, str, Period]] = []
    for name, periods in activity.items():
        for s, e in periods:
            if e > start_h and s < end_h and e > s:
                events += [(s, 1, name, (s, e)), (e, 0, name, (s, e))]
    events.sort(key=lambda ev: (ev[0], ev[1]))  # ends before starts at the same instant
    active: dict[str, Period] = {}
    out: list[tuple[float, float, str, Period]] = []
    i = 0
    while i < len(events):
        t = events[i][0]
        while i < len(events) and events[i][0] == t:
            _, kind, name, period = events[i]
            if kind:
                active[name] = period
            else:
                active.pop(name, None)
            i += 1
        nxt = events[i][0] if i < len(events) else end_h
        lo, hi = max(t, start_h), min(nxt, end_h)
        if not active or hi <= lo:
            continue
        name = min(active, key=lambda n: (-(active[n][1] - active[n][0]), n))
        if out and out[-1][2] == name and out[-1][3] == active[name] and out[-1][1] == lo:
            out[-1] = (out[-1][0], hi, name, active[name])
        else:
            out.append((lo, hi, name, active[name]))
    return out


def _union_length(intervals: list[Period]) -> float:
    total, end = 0.0, float("-inf")
    for s, e in sorted(intervals):
        if e > end:
            total += e - max(s, end)
            end = e
    return total


def _overlap_length(a: list[Period], b: list[Period]) -> float:
    """Length of (union of a) intersected with (union of b)."""
    return _union_length(a) + _union_length(b) - _union_length(a + b)


def shifting_bottlenecks(
    activity: Mapping[str, Sequence[Period]], start_h: float, end_h: float
) -> pd.DataFrame:
    """Per traced element, shares of ``[start_h, end_h]``: active, sole bottleneck,
    shifting bottleneck, and the two together; most often a bottleneck first."""
    reigns = momentary_bottlenecks(activity, start_h, end_h)
    shifting: dict[str, list[Period]] = {name: [] for name in activity}
    for (_, a1, an, ap), (b0, _, bn, bp) in itertools.pairwise(reigns):
        if an == bn or a1 != b0:
            continue
        lo, hi = max(ap[0], bp[0], start_h), min(ap[1], bp[1], end_h)
        if hi > lo:
            shifting[an].append((lo, hi))
            shifting[bn].append((lo, hi))
    span = end_h - start_h
    rows = []
    for name, periods in activity.items():
        clipped = [
            (max(s, start_h), min(e, end_h)) for s, e in periods if e > start_h and s < end_h
        ]
        mine = [(r0, r1) for r0, r1, n, _ in reigns if n == name]
        shift = shifting[name]
        sole = _union_length(mine) - _overlap_length(mine, shift)
        rows.append(
            {
                "element": name,
                "active_share": _union_length(clipped) / span,
                "sole_share": sole / span,
                "shifting_share": _union_length(shift) / span,
            }
        )
    table = pd.DataFrame(rows, columns=["element", "active_share", "sole_share", "shifting_share"])
    table["bottleneck_share"] = table["sole_share"] + table["shifting_share"]
    return table.sort_values("bottleneck_share", ascending=False, kind="stable").reset_index(
        drop=True
    )
