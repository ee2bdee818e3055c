"""The route split of one flow over time: units delivered per week on each route."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from corridor_sim.plotting import _style
from corridor_sim.results import SimulationResult

WEEK_DAYS = 7


def chosen_flow(result: SimulationResult) -> str:
    """The flow with several routes that delivered the most tonnes."""
    if result.routes.empty:
        raise ValueError("no flow of this result has several routes")
    tonnes = result.routes.groupby("flow", sort=False)["delivered_t"].sum()
    return str(tonnes.idxmax())


def weekly(result: SimulationResult, flow: str) -> pd.DataFrame:
    """Units of ``flow`` delivered per week of the run (rows: the week's first day, from
    t = 0), one column per route (route order)."""
    daily = result.route_daily[result.route_daily["flow"] == flow]
    routes = list(result.routes.loc[result.routes["flow"] == flow, "route"])
    weeks = math.ceil((result.warmup_h + result.horizon_h) / 24.0 / WEEK_DAYS)
    first = np.arange(weeks) * WEEK_DAYS
    return (
        daily.assign(week=daily["day"] // WEEK_DAYS * WEEK_DAYS)
        .pivot_table(index="week", columns="route", values="units", aggfunc="sum")
        .reindex(index=first, columns=routes, fill_value=0.0)
        .fillna(0.0)
    )


def plot_route_split(
    result: SimulationResult, flow: str | None = None, *, ax: Axes | None = None
) -> Axes:
    """Units of ``flow`` (default: the flow with several routes that delivered most)
    delivered per week on each of its routes, stacked; the legend gives each route's
    share of the statistics period's deliveries. The warm-up is shaded. Raises
    ValueError if the flow has one route."""
    flow = flow or chosen_flow(result)
    routes = result.routes[result.routes["flow"] == flow]
    if routes.empty:
        names = ", ".join(dict.fromkeys(result.routes["flow"])) or "none"
        raise ValueError(f"flow {flow!r} has one route; flows with several: {names}")
    table = weekly(result, flow)
    unit = str(result.flows.set_index("flow").loc[flow, "unit"])
    share = routes.set_index("route")["share"]
    with _style.style():
        ax = _style.new_axes(ax, (7.5, 3.8))
        _style.shade_warmup(ax, result.start, result.warmup_h)
        x = _style.day_dates(result.start, table.index)
        colours = [c for c in _style.PALETTE if c != _style.HIGHLIGHT]
        bottom = np.zeros(len(table))
        for i, route in enumerate(table.columns):
            values = table[route].to_numpy()
            label = f"{route} ({100 * float(share[route]):.1f} % of the period's deliveries)"
            ax.bar(x, values, width=WEEK_DAYS, bottom=bottom, align="edge",
                   color=colours[i % len(colours)], linewidth=0, label=label)  # fmt: skip
            bottom += values
        ax.set_ylim(0, max(bottom.max(initial=0), 1) * 1.35)
        _style.date_axis(ax)
        end_h = result.warmup_h + result.horizon_h
        ax.set_xlim(_style.date_num(result.start, 0), _style.date_num(result.start, end_h))
        _style.thousands(ax)
        ax.set_ylabel(f"delivered ({unit} per week)")
        ax.set_xlabel("date (one bar per week of delivery)")
        ax.legend(loc="upper left")
        _style.titles(ax, f"{flow}: deliveries by route, per week", result)
    return ax
