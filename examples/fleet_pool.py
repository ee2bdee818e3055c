"""What does running ASCO's Caspian ferries as one fleet buy? The 2024 scenario with the
vessels of the Alat-Kuryk and Alat-Turkmenbashi lines pooled, as bundled (each week one
vessel moves to the line that would take longest to clear its backlog), against the two
lines' fleets fixed.

ASCO runs one fleet of rail ferries and Ro-Ros on its Baku(Alat)-Kuryk/Aktau and
Baku(Alat)-Turkmenbashi lines and moves ships to the busier one (docs/scenario_format.md,
"Fleet pools", gives the rule). The weekly review is an estimate: no published figure.

Run: python examples/fleet_pool.py [--days N] [--replications N] [--out DIR]; the figure
goes to ./out/fleet_pool/ unless --out names another folder.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml
from matplotlib.figure import Figure

import corridor_sim as cs
from corridor_sim.experiments.confidence import mean_ci
from corridor_sim.experiments.run import ReplicatedRun

OUT = Path("out", "fleet_pool")  # default folder for the figure, under the current one
LINES = ("kuryk-alat", "turkmenbashi-alat")
#: (kpi, label, scale, digits) per line, from each run's ranking
ROWS = [("utilisation", "utilisation %", 100.0, 1), ("queue_mean_t", "queue mean kt", 1e-3, 1)]
POOL = {"asco": {"lines": list(LINES), "review": "7 day"}}  # weekly review: an estimate


def scenarios(days: float) -> tuple[cs.Scenario, cs.Scenario]:
    """The bundled 2024 scenario, and the same with the ASCO pool."""
    path = cs.bundled_path("middle_corridor_2024")
    mapping = yaml.safe_load(path.read_text(encoding="utf-8"))
    mapping["simulation"]["horizon"] = f"{days:g} day"
    mapping.pop("fleet_pools", None)  # the bundled scenario pools them already
    fixed = cs.build_scenario({**mapping, "name": "fixed_fleets"}, source=path)
    pooled = cs.build_scenario({**mapping, "name": "asco_pool", "fleet_pools": POOL}, source=path)
    return fixed, pooled


def vessel_days(rr: ReplicatedRun, line: str, days: float) -> tuple[float, float]:
    """Mean and CI half-width of the vessel-days serving ``line`` (the fleet times the
    days without a pool)."""
    runs = rr.runs[(rr.runs["scope"] == "pool") & (rr.runs["kpi"] == "vessel_days")]
    values = runs.loc[runs["subject"] == f"asco/{line}", "value"]
    if values.empty:
        return len(rr.scenario.links[line].fleet) * days, 0.0  # type: ignore[attr-defined]
    mean, half, _ = mean_ci(values.tolist())
    return mean, half


def row(label: str, cells: list[tuple[float, float]], digits: int) -> None:
    """One line of the table: ``label``, then mean ± half-width per scenario."""
    print(f"{label:34}" + "".join(f"{m:>10,.{digits}f} ± {h:<5,.{digits}f}" for m, h in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=float, default=365, help="statistics horizon, days")
    parser.add_argument("--replications", type=int, default=10, help="replications")
    parser.add_argument(
        "--out", type=Path, default=OUT, help=f"folder for the figures (default: ./{OUT}/)"
    )
    args = parser.parse_args()

    runs = {
        label: cs.run(s, replications=args.replications, workers=2, progress=False)
        for label, s in zip(("fixed fleets", "ASCO pool"), scenarios(args.days), strict=True)
    }
    print(
        f"{args.days:.0f} days, {args.replications} replications each; mean ± half-width "
        f"of the 95 % confidence interval over the replications.\n"
    )
    print(f"{'':34}{'fixed fleets':^18}{'ASCO pool':^18}")
    for line in LINES:
        row(f"{line} vessel-days", [vessel_days(rr, line, args.days) for rr in runs.values()], 0)
    for kpi, label, scale, digits in ROWS:
        for line in LINES:
            cells = [rr.ranking.set_index("element").loc[line] for rr in runs.values()]
            values = [(r[f"{kpi}_mean"] * scale, r[f"{kpi}_half_width"] * scale) for r in cells]
            row(f"{line} {label}", values, digits)
    delivered = [rr.kpi("delivered_t_per_yr") for rr in runs.values()]
    row("delivered Mt/yr", [(d["mean"] / 1e6, d["half_width"] / 1e6) for d in delivered], 2)

    fig = Figure(figsize=(7, 3.6), layout="constrained")
    ax = fig.subplots()
    width = 0.38
    for k, (label, rr) in enumerate(runs.items()):
        cells = [vessel_days(rr, line, args.days) for line in LINES]
        xs = [i + (k - 0.5) * width for i in range(len(LINES))]
        ax.bar(xs, [m for m, _ in cells], width, yerr=[h for _, h in cells], label=label)
    ax.set_xticks(range(len(LINES)), LINES)
    ax.set_ylabel("vessel-days serving the line")
    ax.set_title(f"ASCO's ferries over {args.days:.0f} days (mean, 95 % CI)")
    ax.legend()
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "fleet_pool.png"
    fig.savefig(path, dpi=150)
    print(f"\nWrote {path}")


if __name__ == "__main__":
    main()
