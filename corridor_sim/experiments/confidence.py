"""Means with Student-t confidence intervals: of a list of values (:func:`mean_ci`), of
every KPI of a tidy runs table (:func:`summarise`), and of the KPI columns of a table with
one row per replication and flow or element (:func:`summarise_by`)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

LEVEL = 0.95
#: the columns of a summary, after its keys
STATS = ["mean", "half_width", "ci_low", "ci_high", "n", "std"]


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


def summarise(runs: pd.DataFrame, by: Sequence[str] = (), level: float = LEVEL) -> pd.DataFrame:
    """Per ``by`` group (e.g. ``point``) and KPI of a tidy runs table
    (:func:`~corridor_sim.experiments.kpis.long_table`): ``scope``, ``subject``, ``kpi``,
    the ``mean`` of its finite values, the ``half_width`` of their ``level`` Student-t
    interval, ``ci_low``, ``ci_high``, their number ``n`` and standard deviation ``std``
    (NaN half-width and std with fewer than two); groups in the order they first appear.

    >>> runs = pd.DataFrame(
    ...     {"scope": "corridor", "subject": "", "kpi": ["x", "x", "x"], "value": [1.0, 2.0, 3.0]}
    ... )
    >>> summarise(runs)[["kpi", "mean", "ci_low", "ci_high", "n"]].round(3).values.tolist()
    [['x', 2.0, -0.484, 4.484, 3]]
    """
    from scipy import stats  # imported here: it is slow to import

    keys = [*by, "scope", "subject", "kpi"]
    value = runs["value"].astype(float)
    finite = runs[keys].assign(value=value.where(np.isfinite(value)))
    out = finite.groupby(keys, sort=False)["value"].agg(["mean", "std", "count"]).reset_index()
    n = out.pop("count").astype(int)
    std = out["std"].where(n > 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        t = stats.t.ppf(0.5 + level / 2, np.maximum(n - 1, 1))
        half = (t * std / np.sqrt(n)).where(n > 1)
    out["half_width"] = half
    out["ci_low"] = out["mean"] - half
    out["ci_high"] = out["mean"] + half
    out["n"] = n
    out["std"] = std
    return out[[*keys, *STATS]]


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
