"""Utilisation of every element, ranked, with the binding element highlighted."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from corridor_sim.plotting import _data, _style
from corridor_sim.results import SimulationResult

ROLE_COLOURS = {"link": _style.BLUE, "node": _style.SKY}


def _tick(result: SimulationResult, element: str, kind: str) -> str:
    """ "kuryk-alat (sea, 4,391 t/day)": the element, its kind and its capacity (the one
    of ``result.elements.capacity_t_per_day``, left out where the result has none)."""
    capacity = _data.capacity_of(result, element)
    return (
        f"{element} ({kind})" if capacity is None else f"{element} ({kind}, {capacity:,.0f} t/day)"
    )


def plot_utilisation(
    result: SimulationResult,
    *,
    ax: Axes | None = None,
    top: int | None = None,
    title: str = "Utilisation of each element",
) -> Axes:
    """Horizontal bars of each element's utilisation (share of its capacity in use over
    the statistics period), highest first; links and nodes in two blues, locomotive and
    wagon pools in grey, the binding
    element (first in ``result.bottlenecks``) in vermillion. Elements without a capacity
    (origins, plain transfers) are left out; ``top`` keeps only the first ``top``. Each
    bar is named with the element's kind and capacity in t/day, the same capacity the
    throughput figure and the report show."""
    table = result.elements[np.isfinite(result.elements["utilisation"])]
    table = table.sort_values("utilisation", ascending=False, kind="stable")
    if top is not None:
        table = table.head(top)
    binding = str(result.bottlenecks.iloc[0]["element"]) if len(result.bottlenecks) else None
    colours = [
        _style.HIGHLIGHT if e == binding else ROLE_COLOURS.get(r, _style.GREY)
        for e, r in zip(table["element"], table["role"], strict=True)
    ]
    values = table["utilisation"].to_numpy() * 100
    with _style.style():
        ax = _style.new_axes(ax, (7.5, 1.2 + 0.22 * max(len(table), 1)))
        y = np.arange(len(table))
        ax.barh(y, values, color=colours, height=0.7)
        ax.set_yticks(
            y, [_tick(result, e, k) for e, k in zip(table["element"], table["kind"], strict=True)]
        )
        ax.invert_yaxis()
        ax.grid(axis="y", visible=False)
        ax.axvline(100, color=_style.BLACK, linewidth=0.8)
        for yi, v in zip(y, values, strict=True):
            inside = v >= 90  # keep clear of the 100 % line
            ax.text(
                v - 1 if inside else v + 1, float(yi), f"{v:.0f}%", va="center", fontsize=7,
                ha="right" if inside else "left", color="white" if inside else "black",
            )  # fmt: skip
        ax.set_xlim(0, max(110.0, float(values.max(initial=0)) + 10))
        ax.xaxis.set_major_formatter(PercentFormatter())
        ax.set_xlabel("utilisation: share of capacity in use over the statistics period (%)")
        ax.set_ylabel("element (kind, capacity in t/day)")
        handles = [Patch(color=c, label=f"{r}") for r, c in ROLE_COLOURS.items()]
        if "pool" in set(table["role"]):  # locomotive and wagon pools: no capacity in t/day
            handles.append(Patch(color=_style.GREY, label="pool (locomotives, wagons)"))
        if binding is not None:
            handles.append(Patch(color=_style.HIGHLIGHT, label=f"binding element: {binding}"))
        ax.legend(handles=handles, loc="lower right")
        _style.titles(ax, title, result)
    return ax
