"""Transit times per flow: their distribution, and where the time goes stage by stage."""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from corridor_sim.plotting import _style
from corridor_sim.results import SimulationResult

WAIT_COLOUR = _style.VERMILLION
MOVE_COLOUR = _style.BLUE
SMOOTH = np.array([1.0, 2.0, 3.0, 2.0, 1.0]) / 9.0


def _flow_names(result: SimulationResult, flows: list[str] | None) -> list[str]:
    names = list(result.flows["flow"]) if flows is None else list(flows)
    unknown = sorted(set(names) - set(result.flows["flow"]))
    if unknown:
        raise ValueError(
            f"no flow {', '.join(map(repr, unknown))}; flows: {', '.join(result.flows['flow'])}"
        )
    return names


def density(rows: pd.DataFrame, edges: np.ndarray) -> np.ndarray:
    """Units delivered per bin of ``edges`` (days), lightly smoothed, scaled to max 1."""
    centre = np.where(rows["days_low"] > 0, np.sqrt(rows["days_low"] * rows["days_high"]), 0.0)
    counts, _ = np.histogram(centre, bins=edges, weights=rows["units"])
    counts = np.convolve(counts, SMOOTH, mode="same")
    return counts / counts.max() if counts.max() > 0 else counts


def quantile_days(rows: pd.DataFrame, q: float) -> float:
    """The ``q`` quantile of a flow's transit rows (upper edge of the bin reaching it)."""
    cum = rows["units"].cumsum().to_numpy()
    if not len(cum):
        return 0.0
    return float(rows["days_high"].to_numpy()[np.searchsorted(cum, q * cum[-1])])


def plot_transit_times(
    result: SimulationResult,
    flows: list[str] | None = None,
    *,
    ax: Axes | None = None,
    title: str = "Transit time per flow (statistics period)",
) -> Axes:
    """The distribution of each flow's door-to-door transit time (days) over the
    statistics period: one violin per flow (width = share of units delivered), with the
    median (p50, white dot) and the 95th percentile (p95, black bar) marked."""
    names = _flow_names(result, flows)
    table = result.flows.set_index("flow")
    transits = result.transits
    groups = {n: transits[transits["flow"] == n] for n in names} if len(transits) else {}
    right = max([quantile_days(g, 0.995) for g in groups.values()] or [0.0])
    right = max(right, float(table.loc[names, "transit_p95_days"].max()), 1.0) * 1.08
    edges = np.linspace(0, right, 121)
    centres = (edges[:-1] + edges[1:]) / 2
    colours = _style.commodity_colours(sorted(set(table.loc[names, "commodity"])))
    with _style.style():
        ax = _style.new_axes(ax, (7.5, 1.3 + 0.42 * len(names)))
        for y, name in enumerate(names):
            row = table.loc[name]
            if name in groups and len(groups[name]):
                d = density(groups[name], edges) * 0.42
                ax.fill_between(
                    centres, y - d, y + d, color=colours[row["commodity"]], alpha=0.65, linewidth=0
                )
            ax.plot([row["transit_p95_days"]] * 2, [y - 0.3, y + 0.3], color=_style.BLACK, lw=2)
            ax.plot(row["transit_p50_days"], y, "o", mfc="white", mec=_style.BLACK, ms=5)
            ax.text(
                1.01,
                y,
                f"{row['transit_p50_days']:.1f} / {row['transit_p95_days']:.1f}",
                transform=ax.get_yaxis_transform(),
                va="center",
                fontsize=7,
            )
        ax.text(
            1.01,
            -0.9,
            "p50 / p95 d",
            transform=ax.get_yaxis_transform(),
            fontsize=7,
            va="center",
            fontweight="bold",
        )
        ax.set_yticks(range(len(names)), names)
        ax.set_ylim(len(names) - 0.4, -1.2)
        ax.set_xlim(0, right)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("transit time, origin to destination (days)")
        ax.set_ylabel("flow")
        handles: list[Artist] = [
            Patch(color=c, alpha=0.65, label=k.replace("_", " ")) for k, c in colours.items()
        ]
        handles += [
            Line2D([], [], marker="o", mfc="white", mec=_style.BLACK, ls="", label="p50 (median)"),
            Line2D([], [], marker="|", color=_style.BLACK, ms=10, mew=2, ls="", label="p95"),
        ]
        ax.legend(handles=handles, loc="upper right", ncols=3)
        _style.titles(ax, title, result)
    return ax


def _label_fits(text: str, width_days: float, right: float, axis_in: float) -> bool:
    """Whether ``text`` in 6.5 pt (about 0.05 in a character) fits in a segment
    ``width_days`` wide on an axis ``axis_in`` inches long reaching ``right`` days."""
    return width_days / right * axis_in >= 0.05 * len(text) + 0.08


def plot_time_split(
    result: SimulationResult,
    flows: list[str] | None = None,
    *,
    ax: Axes | None = None,
    title: str = "Where the transit time goes, stage by stage",
) -> Axes:
    """Where each flow's mean transit time goes: one bar per flow (days per unit
    delivered in the statistics period), cut into its stages in route order, each stage
    split into waiting (vermillion) and moving or being handled (blue); long segments
    are labelled with their element."""
    names = _flow_names(result, flows)
    stages = result.stages[result.stages["flow"].isin(names)]
    totals = stages.assign(days=(stages["wait_h"] + stages["move_h"]) / 24).groupby("flow")["days"]
    right = max(float(totals.sum().max()) if len(stages) else 0.0, 1.0) * 1.12
    with _style.style():
        ax = _style.new_axes(ax, (7.5, 1.3 + 0.42 * len(names)))
        axis_in = ax.get_position().width * cast(Figure, ax.figure).get_figwidth()
        for y, name in enumerate(names):
            left = 0.0
            rows = stages[stages["flow"] == name].sort_values("position")
            for s in rows.itertuples():
                for hours, colour in ((s.wait_h, WAIT_COLOUR), (s.move_h, MOVE_COLOUR)):
                    days = hours / 24
                    if days <= 0:
                        continue
                    ax.barh(
                        y,
                        days,
                        left=left,
                        height=0.7,
                        color=colour,
                        edgecolor="white",
                        linewidth=0.5,
                    )
                    if _label_fits(s.element, days, right, axis_in):
                        ax.text(
                            left + days / 2,
                            y,
                            s.element,
                            ha="center",
                            va="center",
                            fontsize=6.5,
                            color="white",
                        )
                    left += days
            ax.text(left + right * 0.01, y, f"{left:.1f} d", va="center", fontsize=7)
        ax.set_yticks(range(len(names)), names)
        ax.set_ylim(len(names) - 0.4, -1.2)
        ax.set_xlim(0, right)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("mean time per unit delivered (days), stages in route order")
        ax.set_ylabel("flow")
        handles = [
            Patch(color=WAIT_COLOUR, label="waiting (queue, vessel or train to fill, storm)"),
            Patch(color=MOVE_COLOUR, label="moving or being handled"),
        ]
        ax.legend(handles=handles, loc="upper right", ncols=2)
        _style.titles(ax, title, result)
    return ax
