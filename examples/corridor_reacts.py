"""How the corridor reacts to congestion, and what that changes: a bundled scenario as it
is (route choice at Beineu and Marabda, the sea route through Suez as an outside option,
KTZ-style embargoes at the Caspian ports, ASCO's ferries as one pool) against the same
scenario without reaction (``cs.without_reaction``: every flow keeps its published split,
nothing leaves for another corridor, no embargo, fixed fleets).

Both run the same replications with the same seeds (common random numbers); each number
is a mean over them ± the half-width of its 95 % confidence interval, and the last column
the paired difference (reacting minus fixed) with its interval.

Run: python examples/corridor_reacts.py [--scenario NAME] [--replications N] [--days N]
[--out DIR] [--saturation] (``--saturation`` also searches both scenarios' saturation
multipliers: slow, about 10 minutes for 2024). The forest plot of the differences goes to
./out/corridor_reacts/ unless --out names another folder.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
from pathlib import Path

import pandas as pd

import corridor_sim as cs
from corridor_sim import plotting
from corridor_sim.experiments.compare import Comparison, paired
from corridor_sim.experiments.confidence import mean_ci
from corridor_sim.experiments.run import ReplicatedRun

OUT = Path("out", "corridor_reacts")  # default folder for the figure, under the current one
#: the differences drawn in the forest plot (as a share of the fixed-route mean)
DRAWN = [
    ("corridor", "", "delivered_t_per_yr"),
    ("corridor", "", "transit_mean_days"),
    ("corridor", "", "in_system_t"),
    ("element", "kuryk-alat", "utilisation"),
    ("element", "turkmenbashi-alat", "utilisation"),
]
#: (scope, subject, kpi, label, scale, digits): the rows of the table
ROWS = [
    ("corridor", "", "delivered_t_per_yr", "delivered Mt/yr", 1e-6, 3),
    ("corridor", "", "transit_mean_days", "mean transit, days", 1.0, 2),
    ("corridor", "", "diverted_t_per_yr", "lost to the sea route, kt/yr", 1e-3, 1),
    ("corridor", "", "in_system_t", "cargo in the system at the end, kt", 1e-3, 1),
    ("element", "kuryk-alat", "utilisation", "kuryk-alat utilisation %", 100.0, 1),
    ("element", "turkmenbashi-alat", "utilisation", "turkmenbashi-alat utilisation %", 100.0, 1),
    ("element", "aktau-alat", "utilisation", "aktau-alat utilisation %", 100.0, 1),
    ("embargo", "kuryk/wagon", "days_on", "embargo days, Kuryk (wagons)", 1.0, 1),
    ("embargo", "turkmenbashi/wagon", "days_on", "embargo days, Turkmenbashi", 1.0, 1),
    ("pool", "asco/kuryk-alat", "vessel_days", "ASCO vessel-days, Kuryk line", 1.0, 0),
    ("pool", "asco/turkmenbashi-alat", "vessel_days", "ASCO vessel-days, Turkmenbashi", 1.0, 0),
]


def _cell(runs: pd.DataFrame, scope: str, subject: str, kpi: str, scale: float, digits: int) -> str:
    values = runs.loc[
        (runs["scope"] == scope) & (runs["subject"] == subject) & (runs["kpi"] == kpi), "value"
    ]
    if values.empty:
        return "-"
    mean, half, _ = mean_ci(values.astype(float).tolist())
    half = 0.0 if math.isnan(half) else half
    return f"{mean * scale:,.{digits}f} ± {half * scale:,.{digits}f}"


def split_rows(rr: ReplicatedRun) -> list[tuple[str, str]]:
    """Per decision node and way on: the share of the tonnes choosing there (all flows),
    mean ± CI half-width over the replications."""
    runs = rr.runs[(rr.runs["scope"] == "choice") & (rr.runs["kpi"] == "t_per_yr")]
    if runs.empty:
        return []
    parts = runs["subject"].str.split("/", n=2, expand=True)
    runs = runs.assign(node=parts[1], way=parts[2])
    tonnes = (
        runs.pivot_table(
            index="replication", columns=["node", "way"], values="value", aggfunc="sum"
        )
        .reindex(range(rr.n), fill_value=0.0)
        .fillna(0.0)
    )
    out = []
    for node in tonnes.columns.get_level_values("node").unique():
        at = tonnes[node]
        shares = at.div(at.sum(axis=1), axis=0)
        for way in at.columns:
            mean, half, _ = mean_ci(shares[way].tolist())
            out.append(
                (f"  at {node}, on to {way} (% of t)", f"{100 * mean:.1f} ± {100 * half:.1f}")
            )
    return out


def report(fixed: ReplicatedRun, reacting: ReplicatedRun) -> Comparison:
    """Print the table; return the paired comparison (reacting minus fixed)."""
    both = pd.concat([fixed.runs.assign(point=0), reacting.runs.assign(point=1)], ignore_index=True)
    comparison = Comparison(
        fixed.scenario.name, reacting.scenario.name, reacting.seed, reacting.n, both,
        paired(both, 0, 1),
    )  # fmt: skip
    diffs = comparison.differences.set_index(["scope", "subject", "kpi"])
    print(f"{'':42}{'fixed routes':>22}{'reacting':>22}{'difference [95% CI]':>30}")
    for scope, subject, kpi, label, scale, digits in ROWS:
        a = _cell(fixed.runs, scope, subject, kpi, scale, digits)
        b = _cell(reacting.runs, scope, subject, kpi, scale, digits)
        d = "-"
        if (scope, subject, kpi) in diffs.index:
            r = diffs.loc[(scope, subject, kpi)]
            d = (
                f"{r.difference * scale:+,.{digits}f} "
                f"[{r.ci_low * scale:+,.{digits}f}, {r.ci_high * scale:+,.{digits}f}]"
            )
        print(f"{label:42}{a:>22}{b:>22}{d:>30}")
    print("Route split, reacting (fixed: the published split, 96.7 % Aktau at Beineu, 100 % BTK):")
    for label, value in split_rows(reacting):
        print(f"{label:42}{'':>22}{value:>22}")
    return comparison


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", default="middle_corridor_2024")
    parser.add_argument("--replications", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--days", type=float, default=365, help="statistics horizon, days")
    parser.add_argument(
        "--out", type=Path, default=OUT, help=f"folder for the figures (default: ./{OUT}/)"
    )
    parser.add_argument("--saturation", action="store_true", help="also find the multipliers")
    args = parser.parse_args()
    reacting = cs.load_scenario(args.scenario)
    fixed = cs.without_reaction(reacting)
    settings = dataclasses.replace(reacting.settings, horizon_h=args.days * 24.0)
    reacting, fixed = (dataclasses.replace(s, settings=settings) for s in (reacting, fixed))
    where = {"replications": args.replications, "workers": args.workers, "progress": False}
    rr_fixed, rr_reacting = cs.run(fixed, **where), cs.run(reacting, **where)
    print(
        f"{args.scenario}: {args.replications} replications each (seed {rr_reacting.seed}), "
        f"{args.days:g} days after a {reacting.settings.warmup_h / 24:g}-day warm-up; mean ± "
        "half-width of the 95 % confidence interval over the replications"
    )
    comparison = report(rr_fixed, rr_reacting)
    ax = plotting.plot_comparison(comparison, DRAWN)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "corridor_reacts.png"
    ax.figure.savefig(path, dpi=120)
    print(f"Wrote {path}")
    if args.saturation:
        for name, s in (("fixed routes", fixed), ("reacting", reacting)):
            sat = cs.saturation(s, workers=args.workers, progress=False)
            print(f"\nSaturation, {name}: {sat.answer()}")


if __name__ == "__main__":
    main()
