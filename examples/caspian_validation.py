"""How does the model's Caspian crossing compare with what was published? Run
replications of the 2024 scenario and print, with 95 % confidence intervals, voyages a
year and hours by state per line and vessel class, turnaround per call, berth occupancy,
line capacity and the units each line carried, then the published figures beside the
model's numbers with their ratio.

The published figures and their source ids are in caspian_validation.yaml, next to this
script; a figure marked "set" was used to set a parameter of the scenario, so agreeing
with it is no test of the model. docs/validation.md discusses the output.

Run: python examples/caspian_validation.py [--replications N] [--days N] [--out DIR]; the
tables (CSV) and the figure go to ./out/caspian_validation/ unless --out names another
folder.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

import pandas as pd
import yaml
from matplotlib.figure import Figure

import corridor_sim as cs
from corridor_sim.capacity.report import CapacityReport
from corridor_sim.experiments.confidence import summarise
from corridor_sim.experiments.fleet_tables import vessel_class
from corridor_sim.texttable import pm, table

OUT = Path("out", "caspian_validation")  # default folder, under the current one
HOURS_PER_YEAR = 8760.0
FIGURES = Path(__file__).with_suffix(".yaml")
SEA = ("aktau-alat", "aktau-alat-tanker", "kuryk-alat", "turkmenbashi-alat")
PORTS = ("aktau", "aktau_oil", "kuryk", "turkmenbashi", "alat")
SHARES = {  # column -> vessel states (shares of the statistics period), as in the issue
    "sail": ["sailing"],
    "anch": ["waiting_berth"],
    "entry": ["entry"],
    "form": ["formalities"],
    "work": ["berthing", "unloading", "loading"],
    "idle@b": ["idle_berth", "blocked"],
    "wait": ["waiting_cargo"],
    "idle": ["idle"],
    "wx": ["weather_bound"],
    "rep": ["repair"],
    "mnt": ["maintenance"],
}


def with_horizon(scenario: cs.Scenario, days: float | None) -> cs.Scenario:
    if days is None:
        return scenario
    settings = dataclasses.replace(scenario.settings, horizon_h=days * 24)
    return dataclasses.replace(scenario, settings=settings)


def class_runs(runs: pd.DataFrame) -> pd.DataFrame:
    """Per replication, vessel class and KPI, the mean over the class's vessels (tidy),
    with ``alongside_h_per_call``: hours on a berth (working, formalities or idle) per call."""
    v = runs[runs["scope"] == "vessel"]
    wide = v.pivot_table(index=["replication", "subject"], columns="kpi", values="value")
    # berth_working counts formalities (cleared alongside; departure formalities at
    # anchorage when the vessel sails from there: a small overcount)
    alongside = wide[["berth_working_share", "berth_idle_share"]].sum(axis=1)
    wide["alongside_h_per_call"] = alongside * HOURS_PER_YEAR / wide["calls_per_yr"]
    tidy = wide.stack().rename("value").reset_index()
    tidy["subject"] = tidy["subject"].map(vessel_class)
    out = tidy.groupby(["replication", "subject", "kpi"], sort=False)["value"].mean()
    return out.reset_index().assign(scope="class")


def render_table(header: list[str], rows: list[list[object]]) -> str:
    """A text table, the first column left-aligned, the others right-aligned."""
    cells = [[str(c) for c in r] for r in rows]
    return "\n".join(table(header, cells, "l" + "r" * (len(header) - 1)))


def ci(summary: pd.DataFrame, subject: str, kpi: str, scale: float = 1.0, digits: int = 0) -> str:
    """``mean ± half-width`` of ``kpi`` of ``subject`` in a :func:`summarise` table."""
    row = summary[(summary["subject"] == subject) & (summary["kpi"] == kpi)]
    if row.empty:
        return "-"
    return pm(row.iloc[0]["mean"], row.iloc[0]["half_width"], digits, scale)


def fleet_table(summary: pd.DataFrame, counts: dict[str, int]) -> str:
    rows = []
    for subject in counts:
        shares = [
            ci_sum(summary, subject, [f"{s}_share" for s in states]) for states in SHARES.values()
        ]
        rows.append(
            [
                subject,
                counts[subject],
                ci(summary, subject, "voyages_per_yr"),
                ci(summary, subject, "turnaround_mean_h", digits=1),
                ci(summary, subject, "alongside_h_per_call", digits=1),
                *shares,
            ]
        )
    head = ["line/class", "n", "voyages/yr", "turnaround h", "alongside h"]
    head += [f"{k} %" for k in SHARES]
    return render_table(head, rows)


def ci_sum(summary: pd.DataFrame, subject: str, kpis: list[str]) -> str:
    """Sum of the means of ``kpis`` in percent (their intervals are shown per KPI in the
    CSV; here the mean only, to keep the table narrow)."""
    rows = summary[(summary["subject"] == subject) & summary["kpi"].isin(kpis)]
    return f"{rows['mean'].sum() * 100:.1f}"


def measure(spec: str, summary: pd.DataFrame, bounds: CapacityReport) -> tuple[float, float]:
    """The model's mean and CI half-width for a ``model:`` line of the YAML."""
    kind, rest = spec.split(" ", 1)
    if kind in ("class", "call", "port", "line"):
        subject, kpi = rest.rsplit(" ", 1)
        row = summary[(summary["scope"] == kind) & (summary["subject"] == subject)]
        row = row[row["kpi"] == kpi]
        return float(row.iloc[0]["mean"]), float(row.iloc[0]["half_width"])
    if kind == "capacity":
        element, unit = rest.split(" ")
        b = bounds.by_commodity
        row = b[(b["element"] == element) & (b["unit"] == unit)]
        return float(row.iloc[0]["capacity_units_per_yr"]), 0.0
    e = bounds.elements.set_index("element")
    return float(e.loc[rest, "capacity_t_per_yr"]) / 1e6, 0.0


def comparison(summary: pd.DataFrame, bounds: CapacityReport) -> pd.DataFrame:
    rows = []
    for f in yaml.safe_load(FIGURES.read_text(encoding="utf-8"))["figures"]:
        mean, half = measure(f["model"], summary, bounds)
        low, high = f["published"]
        rows.append(
            {
                "figure": f["what"],
                "model": mean,
                "half_width": half,
                "published_low": low,
                "published_high": high,
                "unit": f["unit"],
                "ratio": mean / ((low + high) / 2),
                "source": f["source"],
                "independent": bool(f["independent"]),
            }
        )
    return pd.DataFrame(rows)


def comparison_text(compared: pd.DataFrame) -> str:
    rows = []
    for r in compared.itertuples():
        digits = 1 if r.model < 100 else 0
        spread = f" ± {r.half_width:,.{digits}f}" if r.half_width else ""
        model = f"{r.model:,.{digits}f}{spread}"
        low, high = r.published_low, r.published_high
        published = f"{low:,g}" if low == high else f"{low:,g}-{high:,g}"
        used = "" if r.independent else "set"
        rows.append([r.figure, model, published, r.unit, f"{r.ratio:.2f}", used, r.source])
    head = ["figure", "model (95 % CI)", "published", "unit", "ratio", "", "source"]
    return render_table(head, rows)


def plot(compared: pd.DataFrame, path: Path) -> None:
    fig = Figure(figsize=(7.5, 0.35 * len(compared) + 1.2), layout="constrained")
    ax = fig.subplots()
    y = range(len(compared))
    colours = ["tab:blue" if i else "tab:grey" for i in compared["independent"]]
    ax.barh(list(y), compared["ratio"], color=colours)
    ax.axvline(1.0, color="black", linewidth=0.8)
    ax.set_yticks(list(y), compared["figure"], fontsize=7)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlabel("model / published (midpoint); grey: figure used to set the scenario")
    fig.savefig(path, dpi=150)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replications", type=int, default=10, help="replications (10)")
    parser.add_argument("--days", type=float, default=None, help="statistics horizon, days")
    parser.add_argument("--workers", type=int, default=None, help="worker processes")
    parser.add_argument(
        "--out", type=Path, default=OUT, help=f"folder for the figures (default: ./{OUT}/)"
    )
    args = parser.parse_args()

    scenario = with_horizon(cs.load_scenario(cs.bundled_path("middle_corridor_2024")), args.days)
    answer = cs.run(scenario, args.replications, workers=args.workers, progress=False)
    runs = answer.runs
    fleet = runs[runs["scope"].isin(["vessel", "berth", "call", "port", "line"])]
    classes = class_runs(runs)
    summary = summarise(pd.concat([fleet, classes], ignore_index=True))
    bounds = cs.capacity(scenario)
    days = scenario.settings.horizon_h / 24
    print(
        f"Scenario {scenario.name}: {answer.n} replications of {days:g} days "
        f"({answer.seeds}); every model number is the mean ± the half-width of its "
        "95 % confidence interval over the replications.\n"
    )
    vessels = runs[(runs["scope"] == "vessel") & (runs["replication"] == 0)]["subject"].unique()
    counts: dict[str, int] = {}
    for v in vessels:
        counts[vessel_class(v)] = counts.get(vessel_class(v), 0) + 1
    print("Per line and vessel class (means over the class's vessels; hours by state in % of")
    print("the year: sail, anchorage, entry window, formalities, working at berth, idle at")
    print("berth, waiting for cargo at anchorage, idle empty, weather-bound, repair, maintenance;")
    print("turnaround and hours alongside are per call, both ports)")
    print(fleet_table(summary[summary["scope"] == "class"], counts))

    calls = summary[summary["scope"] == "call"]
    print("\nPer line and port: calls a year and turnaround per call (arrival to sailing)")
    rows = [
        [s, ci(calls, s, "calls_per_yr"), ci(calls, s, "turnaround_mean_h", digits=1),
         ci(calls, s, "turnaround_p95_h", digits=1)]
        for s in calls["subject"].unique()
    ]  # fmt: skip
    print(render_table(["line/port", "calls/yr", "mean h", "p95 h"], rows))

    berths = summary[summary["scope"] == "berth"]
    print("\nBerth occupancy per port and berth type, split into working and idle (%)")
    rows = [
        [s, ci(berths, s, "occupancy", 100, 1), ci(berths, s, "working", 100, 1),
         ci(berths, s, "idle", 100, 1)]
        for s in berths["subject"].unique()
    ]  # fmt: skip
    print(render_table(["port/berth", "occupancy", "working", "idle"], rows))

    lines = summary[summary["scope"] == "line"]
    e = bounds.elements.set_index("element")
    print("\nPer sea line: effective capacity (analytic, at the flows' mix) and units carried")
    rows = []
    for link in SEA:
        carried = lines[lines["subject"] == link]
        text = ", ".join(
            f"{ci(carried, link, k)} {k.removeprefix('carried_').removesuffix('_per_yr')}"
            for k in carried["kpi"]
        )
        rows.append([link, f"{e.loc[link, 'capacity_natural']}", text])
    print(render_table(["line", "capacity", "carried a year (both directions)"], rows))

    compared = comparison(summary, bounds)
    print("\nModel and published figures (ratio = model / published midpoint; set = the")
    print("figure was used to set a parameter of the scenario, so it tests nothing)")
    print(comparison_text(compared))

    args.out.mkdir(parents=True, exist_ok=True)
    for name, frame in (("fleet_summary.csv", summary), ("comparison.csv", compared)):
        frame.to_csv(args.out / name, index=False)
        print(f"Wrote {args.out / name}")
    plot(compared, args.out / "caspian_validation.png")
    print(f"Wrote {args.out / 'caspian_validation.png'}")


if __name__ == "__main__":
    main()
