"""Queue length over time at the elements where cargo waits most."""

from __future__ import annotations

import datetime as dt
import math

import matplotlib.dates as mdates
from matplotlib.axes import Axes

from corridor_sim.plotting import _style
from corridor_sim.results import SimulationResult


def top_queues(result: SimulationResult, n: int) -> list[str]:
    """The ``n`` elements with the largest mean queue (only those with any queue)."""
    table = result.elements[result.elements["queue_mean_t"] > 0]
    return list(table.sort_values("queue_mean_t", ascending=False).head(n)["element"])


def _with_utilisation(result: SimulationResult, name: str) -> str:
    """``name`` and its utilisation for the legend ("kuryk-alat (utilisation 97 %)")."""
    el = result.elements.set_index("element")
    if name not in el.index:
        return name
    util = float(el.loc[name, "utilisation"])
    return (
        f"{name} (utilisation {util:.0%})" if math.isfinite(util) else f"{name} (no capacity limit)"
    )


def shade_winters(ax: Axes, start: dt.date, end_h: float) -> None:
    """Light blue bands over December to February, when Caspian storms close the ports."""
    first = dt.date(start.year - 1, 12, 1)
    end = start + dt.timedelta(hours=end_h)
    labelled = False
    while first < end:
        last = dt.date(first.year + 1, 3, 1)
        ax.axvspan(
            float(mdates.date2num(max(first, start))),
            float(mdates.date2num(min(last, end))),
            color=_style.SKY,
            alpha=0.12,
            zorder=0,
            label=None if labelled else "winter (Dec-Feb)",
        )
        labelled = True
        first = dt.date(first.year + 1, 12, 1)


def plot_queues(
    result: SimulationResult,
    elements: list[str] | None = None,
    *,
    ax: Axes | None = None,
    top: int = 4,
    title: str = "Cargo waiting at the elements with the largest mean queue",
) -> Axes:
    """Cargo waiting (kt) at ``elements`` (default: the ``top`` elements by mean queue)
    over the whole run, as daily means of the sampled queue; winters and the warm-up are
    shaded, so a winter build-up stands out.

    A long mean queue is not by itself a bottleneck: cargo also waits for a train to
    fill or a vessel to call at an element with spare capacity, so the default title
    says what is shown, the largest mean queues, and the legend gives each element's
    utilisation.
    """
    names = elements or top_queues(result, top)
    unknown = sorted(set(names) - set(result.elements["element"]))
    if unknown:
        raise ValueError(f"no element {', '.join(map(repr, unknown))} in the result")
    queues = result.queues[result.queues["element"].isin(names)]
    daily = (
        queues.assign(day=(queues["time_h"] // 24).astype(int))
        .pivot_table(index="day", columns="element", values="queue_t", aggfunc="mean")
        .reindex(columns=names)
    )
    end_h = result.warmup_h + result.horizon_h
    with _style.style():
        ax = _style.new_axes(ax, (7.5, 3.8))
        _style.shade_warmup(ax, result.start, result.warmup_h)
        shade_winters(ax, result.start, end_h)
        x = _style.day_dates(result.start, daily.index)
        for name, colour in zip(names, _style.series_colours(result, names), strict=True):
            ax.plot(x, daily[name] / 1e3, color=colour, linewidth=1.4, label=name, gid=name)
        if not names:
            ax.text(
                0.5,
                0.5,
                "no queues: cargo never waited",
                transform=ax.transAxes,
                ha="center",
                va="center",
                color=_style.GREY,
            )
        ax.set_ylim(bottom=0)
        ax.set_xlim(_style.date_num(result.start, 0), _style.date_num(result.start, end_h))
        _style.date_axis(ax)
        ax.set_ylabel("cargo waiting (kt, daily mean)")
        ax.set_xlabel("date")
        legend = ax.legend(loc="upper left", ncols=2)
        for text in legend.get_texts():
            text.set_text(_with_utilisation(result, text.get_text()))
        _style.titles(ax, title, result)
    return ax
