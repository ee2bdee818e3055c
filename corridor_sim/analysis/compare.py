"""Compare two scenarios with common random numbers: paired differences with 95% CIs.

Replication ``i`` of the baseline and of the variant run with the same seed; since every
random stream is keyed by the name of its source (a flow, a node, a storm pattern), the
two runs meet the same arrivals and storms wherever the scenarios agree, and the
per-replication differences vary far less than the runs themselves.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from corridor_sim.analysis.confidence import mean_ci, numeric_columns
from corridor_sim.analysis.replicate import base_seed
from corridor_sim.analysis.sweep import run_grid
from corridor_sim.model.scenario import Scenario


def paired(runs: pd.DataFrame, base: int, other: int) -> pd.DataFrame:
    """Per KPI, mean of point ``base`` and of point ``other`` of a :func:`run_grid` table
    and the mean paired difference (other - base) with its 95% interval."""
    a = runs[runs["point"] == base].set_index("replication")
    b = runs[runs["point"] == other].set_index("replication")
    cols_a = numeric_columns(a.reset_index(), skip=["point", "replication"])
    cols_b = numeric_columns(b.reset_index(), skip=["point", "replication"])
    rows = []
    for kpi in [k for k in cols_a if k in cols_b]:
        diff = (b[kpi] - a[kpi]).tolist()
        mean, half, n = mean_ci(diff)
        rows.append(
            {
                "kpi": kpi,
                "baseline_mean": mean_ci(cols_a[kpi])[0],
                "variant_mean": mean_ci(cols_b[kpi])[0],
                "difference": mean,
                "half_width": half,
                "ci_low": mean - half,
                "ci_high": mean + half,
                "n": n,
            }
        )
    return pd.DataFrame(rows)


@dataclass
class Comparison:
    """``differences``: per KPI, both means and the paired difference (variant minus
    baseline) with its 95% interval; ``runs``: every run's KPIs (point 0 = baseline)."""

    baseline: str
    variant: str
    seed: int
    replications: int
    runs: pd.DataFrame
    differences: pd.DataFrame

    def text(self) -> str:
        """A readable summary (``corridor-sim compare``)."""
        from corridor_sim.analysis.experiment_text import format_comparison

        return format_comparison(self)

    def to_dir(self, path: str | Path) -> Path:
        """Write ``runs.csv``, ``differences.csv`` and ``comparison.json``."""
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        self.runs.to_csv(out / "runs.csv", index=False)
        self.differences.to_csv(out / "differences.csv", index=False)
        head = {
            "baseline": self.baseline,
            "variant": self.variant,
            "seed": self.seed,
            "replications": self.replications,
        }
        (out / "comparison.json").write_text(json.dumps(head, indent=2))
        return out


def compare(
    baseline: Scenario,
    variant: Scenario,
    *,
    replications: int = 10,
    seed: int | None = None,
    workers: int | None = None,
    executor: Any = None,
    progress: bool = True,
) -> Comparison:
    """Every headline KPI of ``variant`` minus ``baseline``, paired by replication
    (common random numbers), with 95% Student-t intervals. ``seed`` defaults to the
    baseline's."""
    seed = base_seed(baseline, seed)
    runs = run_grid(
        [baseline, variant],
        seed,
        replications,
        "compare",
        workers=workers,
        executor=executor,
        progress=progress,
    )
    return Comparison(baseline.name, variant.name, seed, replications, runs, paired(runs, 0, 1))
