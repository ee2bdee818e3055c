"""A December storm and its recovery: the caspian_storm scenario (a ten-day closure of
every Caspian port and sea link from 5 December 2024) against the 2024 scenario it is
built on, same seed. Prints the extra cargo waiting at the peak and how long the Caspian
queues took to fall back to where they would have been without the storm.

Both runs share their random streams, so before the storm they are identical and the
difference after it is the storm's doing. A short run (``--days``) that ends before
December moves the storm to 60 % of the way through the run.

Run: python examples/storm_recovery.py [--days N] [--out DIR]; the figures go to
./out/storm_recovery/ unless --out names another folder.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

import corridor_sim as cs
from corridor_sim import plotting
from corridor_sim.model.disruptions import Closure

OUT = Path("out", "storm_recovery")  # default folder for the figures, under the current one

RECOVERED_SHARE = 0.1  # recovered: the extra queue is below 10 % of its peak


def with_horizon(scenario: cs.Scenario, days: float) -> cs.Scenario:
    settings = dataclasses.replace(scenario.settings, horizon_h=days * 24)
    return dataclasses.replace(scenario, settings=settings)


def storm_of(scenario: cs.Scenario) -> tuple[cs.Scenario, Closure]:
    """The scenario, with its closure moved inside the run if the run ends before it."""
    closure = next(d for d in scenario.disruptions if isinstance(d, Closure))
    if closure.start_h + closure.duration_h < scenario.settings.end_h:
        return scenario, closure
    moved = dataclasses.replace(closure, start_h=0.6 * scenario.settings.end_h)
    rest = tuple(d for d in scenario.disruptions if d is not closure)
    return dataclasses.replace(scenario, disruptions=(*rest, moved)), moved


def caspian_queue_t(result: cs.SimulationResult, elements: tuple[str, ...]) -> pd.Series:
    """Tonnes waiting at the closed elements together, daily mean, by day of the run."""
    q = result.queues[result.queues["element"].isin(elements)]
    total = q.groupby("time_h")["queue_t"].sum()
    return total.groupby((total.index // 24).astype(int)).mean()


def recovery_days(extra: pd.Series, storm_end_day: float) -> float | None:
    """Days from the end of the storm until the extra queue stays below 10 % of its peak
    (None if it never does before the run ends)."""
    after = extra[extra.index >= storm_end_day]
    if after.empty:
        return None
    low = after < RECOVERED_SHARE * max(float(after.max()), 1.0)
    still_high = np.nonzero(~low.to_numpy())[0]
    if len(still_high) == len(after) or (len(still_high) and still_high[-1] == len(after) - 1):
        return None
    last_high = still_high[-1] if len(still_high) else -1
    return float(after.index[last_high + 1] - storm_end_day)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=float, default=365, help="statistics horizon, days")
    parser.add_argument(
        "--out", type=Path, default=OUT, help=f"folder for the figures (default: ./{OUT}/)"
    )
    args = parser.parse_args()

    storm, closure = storm_of(
        with_horizon(cs.load_scenario(cs.bundled_path("caspian_storm")), args.days)
    )
    base = dataclasses.replace(
        storm, disruptions=tuple(d for d in storm.disruptions if d != closure)
    )
    with_storm, without = cs.simulate(storm, seed=3), cs.simulate(base, seed=3)

    begin, end = closure.start_h / 24, (closure.start_h + closure.duration_h) / 24
    start = storm.settings.start
    print(
        f"Storm: {', '.join(closure.elements)} closed for {closure.duration_h / 24:.0f} days "
        f"from {start + pd.Timedelta(days=begin):%d %b %Y} (day {begin:.0f} of the run)\n"
        "One sample path of each (seed 3, the same random streams): no confidence intervals.\n"
    )
    a = caspian_queue_t(with_storm, closure.elements)
    b = caspian_queue_t(without, closure.elements).reindex(a.index, fill_value=0.0)
    extra = a - b
    peak_day = int(extra.idxmax())
    print(
        f"Extra cargo waiting at the peak: {extra.max() / 1e3:,.0f} kt on "
        f"{start + pd.Timedelta(days=peak_day):%d %b %Y} "
        f"({peak_day - end:+.0f} days from reopening)"
    )
    days = recovery_days(extra, end)
    if days is not None:
        print(
            f"Queues back to normal (extra below 10 % of the peak) {days:.0f} days after reopening"
        )
    else:
        print(
            f"Not back to normal by the end of the run, {extra.index[-1] - end:.0f} days after "
            f"reopening: {extra.iloc[-1] / 1e3:,.0f} kt more waiting than without the storm"
        )
    for label, r in (("with storm", with_storm), ("without", without)):
        flows, line = r.flows.set_index("flow"), r.elements.set_index("element").loc["kuryk-alat"]
        print(
            f"{label:11s} delivered {flows['delivered_t'].sum() / 1e6:.3f} Mt, "
            f"in system at end {flows['in_system_t'].sum() / 1e3:,.0f} kt, "
            f"kuryk-alat {line['utilisation']:.0%} utilised"
        )

    fig = Figure(figsize=(7.5, 6.6), layout="constrained")
    top, bottom = fig.subplots(2, 1)
    plotting.plot_queues(
        with_storm,
        ["kuryk-alat", "turkmenbashi-alat", "aktau-alat-tanker"],
        ax=top,
        title="Caspian queues in the storm scenario",
    )
    day0 = np.datetime64(start, "D")
    for ax in (top, bottom):
        ax.axvspan(
            day0 + np.timedelta64(int(begin), "D"),
            day0 + np.timedelta64(int(np.ceil(end)), "D"),
            color="#D55E00",
            alpha=0.2,
            label="storm closure",
        )
    top.legend(loc="upper left", ncols=2)
    x = day0 + extra.index.to_numpy().astype("timedelta64[D]")
    bottom.plot(
        x, extra / 1e3, color="black", lw=1.4, label="extra cargo waiting, all closed elements"
    )
    bottom.axhline(0, color="grey", lw=0.8)
    bottom.set_xlim(day0 + np.timedelta64(int(begin) - 20, "D"), x[-1])
    bottom.set_ylabel("with storm − without (kt, daily mean)")
    bottom.set_title("What the storm added", loc="left", fontweight="bold")
    bottom.legend(loc="upper right", frameon=False)
    bottom.grid(color="#d9d9d9", linewidth=0.6)
    bottom.spines[["top", "right"]].set_visible(False)
    locator = mdates.AutoDateLocator()
    bottom.xaxis.set_major_locator(locator)
    bottom.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "storm_recovery.png"
    fig.savefig(path, dpi=150)
    print(f"\nWrote {path}")


if __name__ == "__main__":
    main()
