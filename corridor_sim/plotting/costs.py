"""The shipper's door-to-door cost of each flow, stacked by kind."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from corridor_sim.plotting import _style
from corridor_sim.results import SimulationResult

KIND_COLOURS = {
    "tariff": _style.BLUE,
    "charges": _style.ORANGE,
    "time": _style.GREEN,
    "carbon": _style.GREY,
}


def plot_costs(
    result: SimulationResult,
    *,
    ax: Axes | None = None,
    per: str = "t",
    title: str = "Door-to-door cost of each flow, by kind",
) -> Axes:
    """Horizontal bars of each cargo flow's cost per tonne (``per="t"``, comparable
    across units) or per unit delivered (``per="unit"``), stacked by kind: tariffs,
    charges, time value of the cargo and carbon (``result.costs``; operators' costs are
    not in it). Raises ``ValueError`` if the result has no costs (its scenario had no
    ``costs`` section) or ``per`` is neither."""
    if per not in ("t", "unit"):
        raise ValueError(f"per must be 't' or 'unit' (got {per!r})")
    table = result.costs
    if table.empty:
        raise ValueError("the result has no costs: its scenario has no costs section")
    suffix = "_per_t" if per == "t" else ""
    table = table.sort_values(f"total_usd{suffix}", ascending=False, kind="stable")
    with _style.style():
        ax = _style.new_axes(ax, (7.5, 1.4 + 0.3 * len(table)))
        y = np.arange(len(table))
        left = np.zeros(len(table))
        for kind, colour in KIND_COLOURS.items():
            values = table[f"{kind}_usd{suffix}"].to_numpy(dtype=float)
            ax.barh(y, values, left=left, color=colour, height=0.7, label=kind)
            left += values
        for yi, total in zip(y, left, strict=True):
            ax.text(total, float(yi), f" {total:,.0f}", va="center", fontsize=7)
        pairs = zip(table["flow"], table["unit"], strict=True)
        labels = [f"{f} (per {u})" if per == "unit" else str(f) for f, u in pairs]
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        ax.grid(axis="y", visible=False)
        ax.set_xlim(0, float(left.max(initial=0)) * 1.15 or 1.0)
        what = "tonne" if per == "t" else "unit delivered"
        ax.set_xlabel(f"USD per {what} (tariffs + charges + time value + carbon)")
        ax.legend(loc="lower right")
        _style.titles(ax, title, result)
    return ax
