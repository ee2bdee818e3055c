"""Shared look of every figure: a colour-blind-safe palette, fonts, axes and dates."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable

import matplotlib as mpl
import matplotlib.dates as mdates
import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from corridor_sim.results import SimulationResult

# Okabe & Ito (2008), safe for the common forms of colour blindness.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
VERMILLION = "#D55E00"
SKY = "#56B4E9"
PURPLE = "#CC79A7"
YELLOW = "#F0E442"
BLACK = "#000000"
GREY = "#8C8C8C"
LIGHT = "#E8E8E8"
PALETTE = (BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, YELLOW, BLACK)
HIGHLIGHT = VERMILLION  # the binding element, wherever it appears

# Commodities keep one colour in every figure (bundled names first, others in turn).
KNOWN_COMMODITIES = {"container": BLUE, "wagon_cargo": ORANGE, "truck": GREEN, "crude": BLACK}

RC = {
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#d9d9d9",
    "grid.linewidth": 0.6,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
}


def style() -> contextlib.AbstractContextManager[None]:
    """A context in which figures get the house look (``with style(): ...``)."""
    return mpl.rc_context(RC)  # type: ignore[arg-type]  # stubs list the keys as literals


def new_axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    """``ax`` itself, or the axes of a new figure of ``size`` inches (not registered with
    pyplot, so a script drawing many figures does not accumulate them)."""
    if ax is not None:
        return ax
    fig = Figure(figsize=size, layout="constrained")
    return fig.add_subplot()


def commodity_colours(names: Iterable[str]) -> dict[str, str]:
    """A colour per commodity: the bundled commodities keep theirs, others take the
    remaining palette colours in order."""
    free = [c for c in PALETTE if c not in KNOWN_COMMODITIES.values()]
    out: dict[str, str] = {}
    for name in names:
        out[name] = KNOWN_COMMODITIES.get(name) or free[len(out) % len(free)]
    return out


def day_dates(start: dt.date, days: npt.ArrayLike) -> np.ndarray:
    """Calendar dates (numpy datetime64) of days counted from ``start`` (day 0)."""
    return np.datetime64(start, "D") + np.asarray(days, dtype="timedelta64[D]")


def hour_dates(start: dt.date, hours: npt.ArrayLike) -> np.ndarray:
    """Calendar times of hours counted from ``start``."""
    minutes = np.round(np.asarray(hours, dtype=float) * 60).astype("timedelta64[m]")
    return np.datetime64(start, "m") + minutes


def date_num(start: dt.date, hours: float) -> float:
    """Matplotlib's date number of ``hours`` after ``start`` (for limits and spans)."""
    return float(mdates.date2num(hour_dates(start, hours)))


def thousands(ax: Axes, axis: str = "y") -> None:
    """Tick labels with thousands separators (4,600 rather than 4600)."""
    fmt = FuncFormatter(lambda x, _pos: f"{x:,.0f}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def shade_warmup(ax: Axes, start: dt.date, warmup_h: float) -> None:
    """Grey band over the warm-up, which the statistics leave out."""
    if warmup_h <= 0:
        return
    ax.axvspan(
        date_num(start, 0.0),
        date_num(start, warmup_h),
        color=LIGHT,
        zorder=0,
        label="warm-up (not in statistics)",
    )


def titles(ax: Axes, title: str, result: SimulationResult) -> None:
    """A bold title and, under it, a small line naming the scenario and seed, and saying
    that the figure is one sample path (a single run), not an answer over replications."""
    ax.set_title(title, pad=16)
    ax.text(
        0,
        1.01,
        f"one sample path: scenario {result.scenario}, seed {result.seed_text}",
        transform=ax.transAxes,
        fontsize=8,
        color="#555555",
        va="bottom",
    )


def date_axis(ax: Axes) -> None:
    """Concise calendar ticks on the x axis (Jan, Feb, ..., 2025, ...)."""
    locator = mdates.AutoDateLocator(minticks=5, maxticks=14)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def series_colours(result: SimulationResult, names: Iterable[str]) -> list[str]:
    """A colour per element: the binding element in :data:`HIGHLIGHT`, the others in the
    palette's other colours, in order."""
    binding = result.bottlenecks.iloc[0]["element"] if len(result.bottlenecks) else None
    others = [c for c in PALETTE if c != HIGHLIGHT]
    out, k = [], 0
    for name in names:
        if name == binding:
            out.append(HIGHLIGHT)
        else:
            out.append(others[k % len(others)])
            k += 1
    return out
