"""Throughput of one element or flow over time, stacked by commodity."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from corridor_sim.plotting import _data, _style
from corridor_sim.results import SimulationResult

PERIOD_DAYS = {"day": 1, "week": 7}
ADJECTIVE = {"day": "daily", "week": "weekly"}


def binding_element(result: SimulationResult) -> str:
    """Name of the element ranked first in ``result.bottlenecks``."""
    return str(result.bottlenecks.iloc[0]["element"])


def _series(result: SimulationResult, name: str) -> tuple[str, pd.DataFrame]:
    """(``"element"`` or ``"flow"``, its tonnes per day of the run by commodity)."""
    if name in set(result.elements["element"]):
        return "element", result.daily[result.daily["element"] == name]
    if len(result.flow_daily) and name in set(result.flows["flow"]):
        return "flow", result.flow_daily[result.flow_daily["flow"] == name]
    raise ValueError(
        f"no element or flow {name!r}; elements: {', '.join(result.elements['element'])}; "
        f"flows: {', '.join(result.flows['flow'])}"
    )


def per_period(daily: pd.DataFrame, run_days: float, period_days: int) -> pd.DataFrame:
    """Mean tonnes per day over each period of ``period_days`` (rows: the period's first
    day; columns: commodities). The last period may be shorter than the others."""
    n = math.ceil(run_days / period_days)
    first = np.arange(n) * period_days
    table = (
        daily.assign(period=daily["day"] // period_days * period_days)
        .pivot_table(index="period", columns="commodity", values="tonnes", aggfunc="sum")
        .reindex(first, fill_value=0.0)
        .fillna(0.0)
    )
    length = np.minimum(period_days, run_days - first)
    return table.div(length, axis=0)


CAPACITY_LABEL = "effective capacity (analytic, net of an average year's downtime)"


def reference_line(result: SimulationResult, kind: str, name: str) -> tuple[float, str] | None:
    """The level to draw across the bars: a flow's offered volume, or an element's
    capacity (``result.elements.capacity_t_per_day``: the analytic effective capacity,
    weather closures and failures averaged over the year); None where there is none."""
    if kind == "flow":
        days = result.horizon_h / 24.0
        bal = result.balance.set_index("flow").loc[name]
        flow = result.flows.set_index("flow").loc[name]
        per_unit = bal["generated_t"] / bal["generated_units"] if bal["generated_units"] else 0
        return flow["offered_units"] * per_unit / days, "offered (mean)"
    capacity = _data.capacity_of(result, name)
    return None if capacity is None else (capacity, CAPACITY_LABEL)


def plot_throughput(
    result: SimulationResult,
    name: str | None = None,
    *,
    ax: Axes | None = None,
    period: str = "week",
    capacity_t_per_day: float | None = None,
    capacity_label: str = "capacity",
    title: str | None = None,
) -> Axes:
    """Throughput of element or flow ``name`` (default: the binding element) per day or
    week of the whole run, in tonnes per day, stacked by commodity.

    A dashed line marks, for an element, its capacity (``capacity_t_per_day``, called
    ``capacity_label``, if given, else ``result.elements.capacity_t_per_day``; no line
    where the element has none) or, for a flow, its offered volume; a dotted line marks an
    element's mean throughput over the statistics period. The capacity is a year average
    that counts weather closures, so in a week of open weather the bars may rise above
    it. The warm-up is shaded.
    """
    if period not in PERIOD_DAYS:
        raise ValueError(f"period must be one of {', '.join(PERIOD_DAYS)} (got {period!r})")
    name = name or binding_element(result)
    kind, daily = _series(result, name)
    end_h = result.warmup_h + result.horizon_h
    run_days = end_h / 24.0
    table = per_period(daily, run_days, PERIOD_DAYS[period])
    with _style.style():
        ax = _style.new_axes(ax, (7.5, 3.8))
        _style.shade_warmup(ax, result.start, result.warmup_h)
        x = _style.day_dates(result.start, table.index)
        colours = _style.commodity_colours(table.columns)
        bottom = np.zeros(len(table))
        for commodity in table.columns:
            values = table[commodity].to_numpy()
            ax.bar(
                x,
                values,
                width=PERIOD_DAYS[period],
                bottom=bottom,
                align="edge",
                color=colours[commodity],
                label=commodity.replace("_", " "),
                linewidth=0,
            )
            bottom += values
        line = (capacity_t_per_day, capacity_label) if capacity_t_per_day else None
        line = line or reference_line(result, kind, name)
        if line:
            ax.axhline(
                line[0],
                color=_style.BLACK,
                linestyle="--",
                linewidth=1.2,
                label=f"{line[1]}: {line[0]:,.0f} t/day",
            )
        if kind == "element":
            mean = float(result.elements.set_index("element").loc[name, "throughput_t_per_day"])
            ax.axhline(mean, color=_style.BLACK, linestyle=":", linewidth=1.6,
                       label=f"mean over the statistics period: {mean:,.0f} t/day")  # fmt: skip
        ax.set_ylim(0, max(bottom.max(initial=0), line[0] if line else 0) * 1.3 or 1)
        _style.date_axis(ax)
        ax.set_xlim(_style.date_num(result.start, 0), _style.date_num(result.start, end_h))
        _style.thousands(ax)
        ax.set_ylabel(f"throughput (t/day, {ADJECTIVE[period]} mean)")
        ax.set_xlabel(f"date (one bar per {period})")
        ax.legend(loc="upper left", ncols=2)
        what = "delivered" if kind == "flow" else "throughput by commodity"
        _style.titles(ax, title or f"{name}: {what}, per {period}", result)
    return ax
