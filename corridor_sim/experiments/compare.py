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

from corridor_sim.experiments.confidence import summarise
from corridor_sim.experiments.executors import Executor
from corridor_sim.experiments.kpis import long_table
from corridor_sim.experiments.runner import run_grid
from corridor_sim.experiments.seeds import scenario_seed
from corridor_sim.experiments.text import HEADLINE, kpi_row
from corridor_sim.experiments.views import as_table, clip, interval, seeds
from corridor_sim.folders import write_folder
from corridor_sim.htmlrepr import html_block
from corridor_sim.model.scenario import Scenario
from corridor_sim.texttable import num, pm, table

KEYS = ["scope", "subject", "kpi"]
HEADER = ["kpi", "baseline", "variant", "difference", "95% CI"]


def paired(runs: pd.DataFrame, base: int, other: int) -> pd.DataFrame:
    """Per KPI of a tidy runs table present at both points ``base`` and ``other``: its
    scope, subject and kpi, the mean at each point and the mean paired difference (other -
    base) with its 95% interval and ``n`` (pairs with both values finite).

    >>> runs = pd.DataFrame({"point": [0, 0, 1, 1], "replication": [0, 1, 0, 1],
    ...     "scope": "corridor", "subject": "", "kpi": "x", "value": [1.0, 2.0, 2.0, 3.5]})
    >>> paired(runs, 0, 1)[["kpi", "baseline_mean", "variant_mean", "difference", "n"]]
      kpi  baseline_mean  variant_mean  difference  n
    0   x            1.5          2.75        1.25  2
    """
    columns = ["replication", *KEYS, "value"]
    a = runs.loc[runs["point"] == base, columns]
    b = runs.loc[runs["point"] == other, columns]
    both = a.merge(b, on=["replication", *KEYS], suffixes=("_a", "_b"))
    diff = summarise(both.assign(value=both["value_b"] - both["value_a"]))
    for name, side in (("variant_mean", b), ("baseline_mean", a)):
        means = summarise(side)[[*KEYS, "mean"]].rename(columns={"mean": name})
        diff = means.merge(diff, on=KEYS, how="right")
    diff = diff.rename(columns={"mean": "difference"})
    means = ["baseline_mean", "variant_mean", "difference"]
    return diff[[*KEYS, *means, "half_width", "ci_low", "ci_high", "n"]]


@dataclass
class Comparison:
    """``differences``: per scope, subject and KPI, both means and the paired difference
    (variant minus baseline) with its 95% interval (``difference``, ``half_width``,
    ``ci_low``, ``ci_high``, ``n``); ``runs``: tidy, one row per run, KPI and subject
    (``point`` 0 = baseline, 1 = variant, ``replication``, ``binding_element``,
    ``scope``, ``subject``, ``kpi``, ``value``)."""

    baseline: str
    variant: str
    seed: int
    replications: int
    runs: pd.DataFrame
    differences: pd.DataFrame

    def text(self) -> str:
        """A readable summary (``corridor-sim compare``)."""

        return format_comparison(self)

    def __repr__(self) -> str:
        return comparison_repr(self)

    def _repr_html_(self) -> str:
        return comparison_html(self)

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
    grid = run_grid(
        [baseline, variant],
        seed,
        replications,
        "compare",
        workers=workers,
        executor=executor,
        progress=progress,
    )
    runs = long_table(grid, ["point", "replication", "binding_element"])
    return Comparison(baseline.name, variant.name, seed, replications, runs, paired(runs, 0, 1))


def _row(r: pd.Series, label: str, scale: float, digits: int) -> list[str]:
    return [
        label,
        num(r.baseline_mean * scale, digits),
        num(r.variant_mean * scale, digits),
        pm(r.difference, r.half_width, digits, scale),
        f"[{num(r.ci_low * scale, digits)}, {num(r.ci_high * scale, digits)}]",
    ]


def headline_rows(cmp: Comparison) -> list[list[str]]:
    """The headline KPIs and each flow's cargo delivered: label with unit, both means,
    the difference ± its half-width and its 95% CI."""
    d = cmp.differences
    rows = [
        _row(r, label, sc, dg) for k, label, sc, dg in HEADLINE if (r := kpi_row(d, k)) is not None
    ]
    flows = d[(d["scope"] == "flow") & (d["kpi"] == "delivered_t_per_yr")]
    return rows + [_row(r, f"{r.subject}, kt/yr", 1e-3, 1) for _, r in flows.iterrows()]


def format_comparison(cmp: Comparison, top: int = 8) -> str:
    d = cmp.differences
    lines = [
        f"Comparison: {cmp.variant} minus {cmp.baseline}, {cmp.replications} paired "
        f"replications (common random numbers), seed {cmp.seed}",
        "",
        *table(HEADER, headline_rows(cmp), "lrrrr"),
    ]
    transit = largest(d, "flow", "transit_mean_days", top)
    rows = [_row(r, f"{r.subject}, mean days", 1, 2) for _, r in transit.iterrows()]
    lines += ["", "Largest changes in transit time"]
    lines += table(["flow", *HEADER[1:]], rows, "lrrrr")
    util = largest(d, "element", "utilisation", top)
    rows = [_row(r, f"{r.subject} utilisation, %", 100, 0) for _, r in util.iterrows()]
    lines += ["", "Largest changes in utilisation"]
    lines += table(["element", *HEADER[1:]], rows, "lrrrr")
    return "\n".join(lines)


def largest(differences: pd.DataFrame, scope: str, kpi: str, top: int) -> pd.DataFrame:
    """The ``top`` rows of ``differences`` for ``kpi`` of ``scope``, largest absolute
    difference first (ties keep their order)."""
    rows = differences[(differences["scope"] == scope) & (differences["kpi"] == kpi)]
    rows = rows.assign(size=rows["difference"].abs())
    return rows.sort_values("size", ascending=False, kind="stable").head(top)


def answer_line(cmp: Comparison) -> str:
    """The difference in cargo delivered, and whether the replications tell it from none."""
    r = kpi_row(cmp.differences, "delivered_t_per_yr")
    if r is None:
        return "No cargo delivered in either scenario."
    sure = r["ci_low"] > 0 or r["ci_high"] < 0
    return (
        f"Cargo delivered changes by {r['difference'] * 1e-6:+,.3f} Mt/yr, 95 % CI "
        f"{interval(r['ci_low'], r['ci_high'], 1e-6, 3)}: "
        + ("a change the paired replications tell from none." if sure else "no change detected.")
    )


def comparison_repr(cmp: Comparison) -> str:
    r = kpi_row(cmp.differences, "delivered_t_per_yr")
    delivered = "-" if r is None else pm(r["difference"], r["half_width"], 3, 1e-6)
    return clip(
        f"<Comparison {cmp.variant!r} minus {cmp.baseline!r}: {cmp.replications} paired "
        f"replications (seed {cmp.seed}); delivered {delivered} Mt/yr>"
    )


def comparison_html(cmp: Comparison) -> str:
    return html_block(
        f"Comparison: {cmp.variant} vs {cmp.baseline}",
        [
            f"{cmp.replications} paired replications of each, seeds "
            f"{seeds(cmp.seed, cmp.replications)} (common random numbers); each difference "
            "is variant minus baseline, with the 95 % confidence interval of the paired "
            "differences.",
            answer_line(cmp),
        ],
        {"Headline": as_table(["KPI, unit", *HEADER[1:]], headline_rows(cmp))},
    )
