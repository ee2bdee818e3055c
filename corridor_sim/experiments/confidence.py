"""Means with Student-t confidence intervals, and paired differences.

>>> summarise({"x": [1.0, 2.0, 3.0]})[["kpi", "mean", "ci_low", "ci_high"]].round(3).values.tolist()
[['x', 2.0, -0.484, 4.484]]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

LEVEL = 0.95


def mean_ci(values: Sequence[float], level: float = LEVEL) -> tuple[float, float, int]:
    """Mean, half-width of the ``level`` Student-t interval, and the number of finite
    values (the half-width is NaN with fewer than two)."""
    x = np.asarray([v for v in values if v is not None and math.isfinite(v)], dtype=float)
    n = len(x)
    if n == 0:
        return math.nan, math.nan, 0
    if n == 1:
        return float(x[0]), math.nan, 1
    from scipy import stats  # imported here: it is slow to import

    half = stats.t.ppf(0.5 + level / 2, n - 1) * x.std(ddof=1) / math.sqrt(n)
    return float(x.mean()), float(half), n


def summarise(columns: Mapping[str, Sequence[float]], level: float = LEVEL) -> pd.DataFrame:
    """One row per KPI: mean, std, n, ci_low, ci_high, half_width."""
    rows = []
    for kpi, values in columns.items():
        mean, half, n = mean_ci(values, level)
        finite = [v for v in values if v is not None and math.isfinite(v)]
        rows.append(
            {
                "kpi": kpi,
                "mean": mean,
                "std": float(np.std(finite, ddof=1)) if n > 1 else math.nan,
                "n": n,
                "ci_low": mean - half,
                "ci_high": mean + half,
                "half_width": half,
            }
        )
    return pd.DataFrame(
        rows, columns=["kpi", "mean", "std", "n", "ci_low", "ci_high", "half_width"]
    )


def summarise_points(runs: pd.DataFrame, skip: Sequence[str] = ()) -> pd.DataFrame:
    """:func:`summarise` of each point of a :func:`~corridor_sim.experiments.runner.run_grid`
    table (``skip`` columns left out), one block per point, with its ``point`` first."""
    frames = []
    for point, group in runs.groupby("point", sort=True):
        table = summarise(numeric_columns(group, skip=["point", "replication", *skip]))
        table.insert(0, "point", point)
        frames.append(table)
    return pd.concat(frames, ignore_index=True)


def summarise_by(tidy: pd.DataFrame, by: str, level: float = LEVEL) -> pd.DataFrame:
    """Per value of column ``by`` of a tidy runs table (one row per replication and
    ``by``), the mean and CI half-width of every numeric column but ``replication``:
    ``<column>_mean``, ``<column>_half_width``; groups in their order of appearance.

    >>> runs = pd.DataFrame(
    ...     {"replication": [0, 1, 0, 1], "flow": list("aabb"), "x": [1.0, 3.0, 5.0, 5.0]}
    ... )
    >>> summarise_by(runs, "flow").round(3).values.tolist()
    [['a', 2.0, 12.706], ['b', 5.0, 0.0]]
    """
    rows = []
    for name, group in tidy.groupby(by, sort=False):
        row: dict[str, object] = {by: name}
        for column, values in numeric_columns(group, skip=["replication"]).items():
            mean, half, _ = mean_ci(values, level)
            row[f"{column}_mean"] = mean
            row[f"{column}_half_width"] = half
        rows.append(row)
    return pd.DataFrame(rows)


def numeric_columns(runs: pd.DataFrame, skip: Sequence[str] = ()) -> dict[str, list[float]]:
    """The float columns of a runs table, by name (strings and ``skip`` left out)."""
    return {
        c: runs[c].astype(float).tolist()
        for c in runs.columns
        if c not in skip and pd.api.types.is_numeric_dtype(runs[c])
    }
