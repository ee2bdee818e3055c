"""Compare two scenarios with common random numbers: paired differences with 95% CIs.

Replication ``i`` of the baseline and of the variant run with the same seed; since every
random stream is keyed by the name of its source (a flow, a node, a storm pattern), the
two runs meet the same arrivals and storms wherever the scenarios agree, and the
per-replication differences vary far less than the runs themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from corridor_sim.experiments.confidence import mean_ci, numeric_columns
from corridor_sim.experiments.executors import Executor
from corridor_sim.experiments.runner import run_grid
from corridor_sim.experiments.seeds import scenario_seed
from corridor_sim.experiments.text import HEADLINE
from corridor_sim.folders import write_folder
from corridor_sim.model.scenario import Scenario
from corridor_sim.texttable import num, pm, table


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

        return format_comparison(self)

    def to_dir(self, path: str | Path) -> Path:
        """Write ``runs.csv``, ``differences.csv`` and ``comparison.json``."""
        head = {
            "baseline": self.baseline,
            "variant": self.variant,
            "seed": self.seed,
            "replications": self.replications,
        }
        tables = {"runs": self.runs, "differences": self.differences}
        return write_folder(path, tables, "comparison", head)


def compare(
    baseline: Scenario,
    variant: Scenario,
    *,
    replications: int = 10,
    seed: int | None = None,
    workers: int | None = None,
    executor: Executor = None,
    progress: bool = True,
) -> Comparison:
    """Every headline KPI of ``variant`` minus ``baseline``, paired by replication
    (common random numbers), with 95% Student-t intervals. ``seed`` defaults to the
    baseline's."""
    seed = scenario_seed(baseline, seed)
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


def format_comparison(cmp: Comparison, top: int = 8) -> str:
    d = cmp.differences.set_index("kpi")
    lines = [
        f"Comparison: {cmp.variant} minus {cmp.baseline}, {cmp.replications} paired "
        f"replications (common random numbers), seed {cmp.seed}",
        "",
    ]

    def row(kpi: str, label: str, scale: float, digits: int) -> list[str]:
        r = d.loc[kpi]
        return [
            label,
            num(r.baseline_mean * scale, digits),
            num(r.variant_mean * scale, digits),
            pm(r.difference, r.half_width, digits, scale),
            f"[{num(r.ci_low * scale, digits)}, {num(r.ci_high * scale, digits)}]",
        ]

    rows = [row(k, label, sc, dg) for k, label, sc, dg in HEADLINE if k in d.index]
    for kpi in d.index:
        if kpi.startswith("flow:") and kpi.endswith(":delivered_t_per_yr"):
            rows.append(row(kpi, f"{kpi.split(':')[1]}, kt/yr", 1e-3, 1))
    lines += table(["kpi", "baseline", "variant", "difference", "95% CI"], rows, "lrrrr")
    util = d[d.index.str.endswith(":utilisation")].copy()
    util["size"] = util["difference"].abs()
    rows = [
        row(k, k.split(":")[1] + " utilisation, %", 100, 0)
        for k in util.sort_values("size", ascending=False).head(top).index
    ]
    lines += ["", "Largest changes in utilisation"]
    lines += table(["element", "baseline", "variant", "difference", "95% CI"], rows, "lrrrr")
    return "\n".join(lines)
