"""Figures of experiments (:mod:`corridor_sim.experiments`): the saturation curve and the
comparison of two scenarios, both with 95% confidence intervals."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from corridor_sim.capacity import CapacityReport
from corridor_sim.experiments.compare import Comparison
from corridor_sim.experiments.kpis import CORRIDOR
from corridor_sim.experiments.labels import kpi_label, kpi_unit
from corridor_sim.experiments.saturation import Saturation
from corridor_sim.experiments.saturation_result import FOUND, SATURATED, SUSTAINABLE, UNDECIDED
from corridor_sim.plotting import _style

HEADLINE = (
    "delivered_t_per_yr",
    "delivered_ratio",
    "transit_mean_days",
    "in_system_t",
)
PANELS = (
    ("delivered_ratio", "delivered / offered (ratio)"),
    ("transit_mean_days", "mean transit time (days)"),
)
#: how a search run is drawn, by the verdict of its step
RUN_STYLE = {
    SUSTAINABLE: {"color": _style.GREY, "marker": "o"},
    SATURATED: {"facecolor": "none", "edgecolor": _style.GREY, "marker": "o"},
    UNDECIDED: {"color": _style.ORANGE, "marker": "x"},
}


def _curve(sat: Saturation, kpi: str) -> pd.DataFrame:
    rows = sat.curve[sat.curve["kpi"] == kpi] if len(sat.curve) else sat.curve
    return rows.sort_values("multiplier") if len(rows) else rows


def x_limit(sat: Saturation) -> float:
    """The right end of the x-axis: just past the searched range and the curve."""
    top = sat.searched[1]
    if len(sat.curve):
        top = max(top, float(sat.curve["multiplier"].max()))
    return top * 1.05


def _runs(ax: Axes, sat: Saturation, kpi: str) -> None:
    probes = sat.probes
    if not len(probes) or kpi not in probes:
        return
    verdicts = sat.steps.set_index("multiplier")["verdict"]
    verdict = probes["multiplier"].map(verdicts)
    for name, look in RUN_STYLE.items():
        runs = probes[verdict == name]
        if len(runs):
            ax.scatter(runs["multiplier"], runs[kpi], s=14, label=f"search run: step {name}",
                       **look)  # type: ignore[arg-type]  # fmt: skip


def _bracket(ax: Axes, sat: Saturation, bound: float | None) -> None:
    low, high = sat.bracket
    status = sat.status
    ax.axvspan(low, high, color=_style.VERMILLION, alpha=0.12, linewidth=0,
               label=f"saturation lies in x{low:.2f} - x{high:.2f} ({status})")  # fmt: skip
    gap = sat.undecided
    if gap is not None:
        ax.axvspan(gap[0], gap[1], facecolor="none", edgecolor=_style.ORANGE, hatch="///",
                   linewidth=0, label=f"undecided with {sat.max_replications} "
                   "replications")  # fmt: skip
    if status == FOUND:
        ax.axvline(sat.multiplier, color=_style.VERMILLION, lw=1.5,
                   label=f"saturation x{sat.multiplier:.2f}")  # fmt: skip
    if bound is not None and math.isfinite(bound) and bound <= x_limit(sat):
        ax.axvline(bound, color=_style.BLACK, ls="--", lw=1.2,
                   label=f"analytic: most loaded element at capacity, x{bound:.2f}")  # fmt: skip


def _panel(ax: Axes, sat: Saturation, kpi: str, label: str, bound: float | None) -> None:
    _runs(ax, sat, kpi)
    curve = _curve(sat, kpi)
    if len(curve):
        low = curve["ci_low"].clip(lower=0.0)  # a ratio or a time is never negative
        ax.fill_between(curve["multiplier"], low, curve["ci_high"], color=_style.BLUE,
                        alpha=0.2, linewidth=0, label="95% CI")  # fmt: skip
        ax.plot(curve["multiplier"], curve["mean"], "o-", color=_style.BLUE, ms=4,
                label="mean over replications")  # fmt: skip
    _bracket(ax, sat, bound)
    if kpi == "delivered_ratio":
        ax.axhline(1.0, color=_style.BLACK, lw=0.8)
        ax.axhline(1 - sat.criterion.tolerance, color=_style.BLACK, lw=0.8, ls=":",
                   label="sustainable at or above")  # fmt: skip
    ax.set_ylabel(label)
    ax.set_xlim(0, x_limit(sat))


def plot_saturation(
    sat: Saturation, *, fig: Figure | None = None, capacity: CapacityReport | None = None
) -> Figure:
    """The saturation search of a :class:`~corridor_sim.experiments.saturation.Saturation`:
    delivered / offered (a ratio of tonnes) and mean transit time (days) against the
    demand multiplier (every flow times ``m``). Every run of the search is a dot styled by
    its step's verdict; the bracket in which the saturation point lies is shaded, the
    undecided steps in it hatched; the curve is the mean over replications with its 95%
    band; given ``capacity`` (a :func:`corridor_sim.capacity` report), a dashed line
    marks its ``headroom``. The x-axis spans the searched range."""
    bound = getattr(capacity, "headroom", None)
    with _style.style():
        fig = fig or Figure(figsize=(9.5, 6.2), layout="constrained")
        top, bottom = fig.subplots(2, 1, sharex=True)
        for ax, (kpi, label) in zip((top, bottom), PANELS, strict=True):
            _panel(ax, sat, kpi, label, bound)
        bottom.set_xlabel("demand multiplier (x the scenario's volumes)")
        top.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7)
        low, high = sat.bracket
        what = f"x{low:.2f} - x{high:.2f}, {sat.status}"
        if sat.breaks_first:
            what += f"; breaks first at {sat.breaks_first}"
        top.set_title(f"Saturation of {sat.scenario}: {what}", pad=16)
        top.text(0, 1.01, f"{sat.replications} to {sat.max_replications} replications a step, "
                 f"seed {sat.seed}", transform=top.transAxes, fontsize=8, color="#555555",
                 va="bottom")  # fmt: skip
    return fig


def _num(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.3g}"


def _tick(scope: str, subject: str, kpi: str, row: pd.Series) -> str:
    unit = kpi_unit(kpi)
    unit = f" {unit}" if unit and unit not in ("ratio", "share", "share of time") else ""
    return (
        f"{kpi_label(kpi, subject)}\n{_num(row['baseline_mean'])}{unit} -> "
        f"{_num(row['variant_mean'])}{unit}"
    )


def _keys(kpis: Sequence[str | tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return [(CORRIDOR, "", k) if isinstance(k, str) else (k[0], k[1], k[2]) for k in kpis]


def plot_comparison(
    comparison: Comparison,
    kpis: Sequence[str | tuple[str, str, str]] | None = None,
    *,
    ax: Axes | None = None,
) -> Axes:
    """A :class:`~corridor_sim.experiments.compare.Comparison` as a forest plot: for each KPI
    the paired difference (variant minus baseline) as a percentage of the baseline mean,
    with its 95% interval; blue where the interval excludes zero, grey where it does not.
    Each KPI is named with its unit (and its flow or element), and its baseline and
    variant means shown. ``kpis``: corridor KPIs by name (``"delivered_ratio"``) or
    ``(scope, subject, kpi)`` as in ``comparison.differences`` (``("flow", "goods_west",
    "delivered_t_per_yr")``); default: the headline KPIs present in the comparison."""
    table = comparison.differences.set_index(["scope", "subject", "kpi"])
    keys = _keys(kpis) if kpis else [k for k in _keys(HEADLINE) if k in table.index]
    unknown = [k for k in keys if k not in table.index]
    if unknown:
        named = ", ".join(repr(k[2]) if k[0] == CORRIDOR else repr(k) for k in unknown)
        corridor = table.loc[CORRIDOR].index.get_level_values("kpi")
        raise ValueError(
            f"no KPI {named}; corridor KPIs: {', '.join(corridor)}; a flow's or an "
            "element's: (scope, subject, kpi) as in comparison.differences"
        )
    rows = table.loc[keys]
    base = rows["baseline_mean"].where(rows["baseline_mean"] != 0)
    pct = 100 * rows[["difference", "ci_low", "ci_high"]].div(base.abs(), axis=0)
    with _style.style():
        ax = _style.new_axes(ax, (7.5, 1.4 + 0.45 * len(keys)))
        y = np.arange(len(keys))
        sure = (rows["ci_low"] > 0) | (rows["ci_high"] < 0)
        colours = [_style.BLUE if s else _style.GREY for s in sure]
        xerr = [pct["difference"] - pct["ci_low"], pct["ci_high"] - pct["difference"]]
        # one colour per bar: matplotlib accepts a list, its stubs only a single colour
        ax.errorbar(pct["difference"], y, xerr=xerr, fmt="none", ecolor=colours, lw=2)  # type: ignore[arg-type]
        ax.scatter(pct["difference"], y, color=colours, zorder=3, s=30)
        ax.axvline(0, color=_style.BLACK, lw=0.8)
        ax.set_yticks(y, [_tick(*k, rows.loc[k]) for k in keys])
        ax.invert_yaxis()
        ax.grid(axis="y", visible=False)
        ax.set_ylabel("KPI (unit): baseline mean -> variant mean")
        ax.set_xlabel("variant - baseline, % of the baseline mean (95% CI, paired runs)")
        ax.set_title(f"{comparison.variant} vs {comparison.baseline}", pad=16)
        ax.text(0, 1.01, f"{comparison.replications} paired replications, seed {comparison.seed}",
                transform=ax.transAxes, fontsize=8, color="#555555", va="bottom")  # fmt: skip
    return ax
