"""The figure of a plan (:func:`corridor_sim.plan`): every package simulated, capex
against cargo delivered with its 95 % interval, the Pareto frontier joined, the chosen
package and the target marked."""

from __future__ import annotations

from matplotlib.axes import Axes

from corridor_sim.experiments.plan_result import PlanResult, label, most_delivered
from corridor_sim.plotting import _style


def plot_plan(result: PlanResult, ax: Axes | None = None) -> Axes:
    """Capex (M) against cargo delivered (Mt/yr, mean and 95 % interval) of each package
    simulated; the frontier in a line, the chosen package in vermillion, the volume
    target dashed. Labels name each package on the frontier."""
    simulated = result.packages[result.packages["simulated"]]
    with _style.style():
        ax = _style.new_axes(ax, (9.0, 5.0))
        ax.errorbar(
            simulated["capex"] / 1e6,
            simulated["delivered_mean"] / 1e6,
            yerr=simulated["delivered_hw"].fillna(0.0) / 1e6,
            fmt="o",
            color=_style.GREY,
            label="package simulated (mean, 95 % CI)",
        )
        front = result.frontier
        if len(front):
            ax.plot(
                front["capex"] / 1e6,
                front["delivered_mean"] / 1e6,
                color=_style.BLUE,
                label="Pareto frontier (capex, delivered, transit p95)",
            )
            names = []
            for k, (_, r) in enumerate(front.iterrows(), start=1):
                ax.annotate(
                    str(k),
                    (r["capex"] / 1e6, r["delivered_mean"] / 1e6),
                    textcoords="offset points",
                    xytext=(5, 3),
                    fontsize=8,
                    color=_style.BLUE,
                )
                names.append(f"{k}: {r['package']}")
            ax.text(
                0.0,
                -0.16,
                "Frontier: " + "; ".join(names),
                transform=ax.transAxes,
                fontsize=7,
                va="top",
                wrap=True,
            )
        if result.chosen is not None:
            row = simulated[simulated["package"] == label(result.chosen)]
            ax.plot(
                row["capex"] / 1e6,
                row["delivered_mean"] / 1e6,
                "o",
                color=_style.HIGHLIGHT,
                markersize=9,
                label="chosen package",
            )
        elif (top := most_delivered(result.packages)) is not None:  # none meets
            ax.plot(
                top["capex"] / 1e6,
                top["delivered_mean"] / 1e6,
                "D",
                color=_style.ORANGE,
                markersize=8,
                label="most delivered (none meets the target)",
            )
        if result.target.delivered_t_per_yr is not None:
            ax.axhline(
                result.target.delivered_t_per_yr / 1e6,
                color=_style.BLACK,
                linestyle="--",
                linewidth=0.8,
                label="target",
            )
        ax.set_xlabel("capex (million, the catalogue's currency)")
        ax.set_ylabel("cargo delivered (Mt/yr)")
        ax.set_title(
            f"Packages for {result.scenario}: {result.target.describe(short=True)}",
            loc="left",
            fontsize=10,
        )
        ax.legend(loc="lower right", fontsize=7)
    return ax
