"""Figures of experiments (:mod:`corridor_sim.experiments`): the saturation curve and the
comparison of two scenarios, both with 95% confidence intervals."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from corridor_sim.capacity import CapacityReport
from corridor_sim.experiments.compare import Comparison
from corridor_sim.experiments.saturation import Saturation
from corridor_sim.plotting import _style

HEADLINE = (
    "delivered_t_per_yr",
    "delivered_ratio",
    "transit_mean_days",
    "in_system_t",
)
PANELS = (
    ("delivered_ratio", "delivered / offered (tonnes)"),
    ("transit_mean_days", "mean transit time (days)"),
)


def _curve(sat: Saturation, kpi: str) -> pd.DataFrame:
    rows = sat.curve[sat.curve["kpi"] == kpi] if len(sat.curve) else sat.curve
    return rows.sort_values("multiplier") if len(rows) else rows


def _panel(ax: Axes, sat: Saturation, kpi: str, label: str, bound: float | None) -> None:
    probes = sat.probes
    if len(probes) and kpi in probes:
        ok = probes["sustainable"].astype(bool)
        ax.scatter(probes.loc[ok, "multiplier"], probes.loc[ok, kpi], s=14, color=_style.GREY,
                   label="search run: sustainable")  # fmt: skip
        ax.scatter(probes.loc[~ok, "multiplier"], probes.loc[~ok, kpi], s=14, facecolor="none",
                   edgecolor=_style.GREY, label="search run: not sustainable")  # fmt: skip
    curve = _curve(sat, kpi)
    if len(curve):
        ax.fill_between(curve["multiplier"], curve["ci_low"], curve["ci_high"], color=_style.BLUE,
                        alpha=0.2, linewidth=0, label="95% CI")  # fmt: skip
        ax.plot(curve["multiplier"], curve["mean"], "o-", color=_style.BLUE, ms=4,
                label="mean over replications")  # fmt: skip
    low, high = sat.ci
    ax.axvspan(max(low, 0.0), high, color=_style.VERMILLION, alpha=0.12, linewidth=0)
    ax.axvline(sat.multiplier, color=_style.VERMILLION, lw=1.5,
               label=f"saturation {sat.multiplier:.2f} (95% CI {low:.2f}-{high:.2f})")  # fmt: skip
    if bound is not None and math.isfinite(bound):
        ax.axvline(bound, color=_style.BLACK, ls="--", lw=1.2,
                   label=f"analytic capacity bound {bound:.2f}")  # fmt: skip
    if kpi == "delivered_ratio":
        ax.axhline(1.0, color=_style.BLACK, lw=0.8)
    ax.set_ylabel(label)
    ax.set_xlim(left=0)


def plot_saturation(
    sat: Saturation, *, fig: Figure | None = None, capacity: CapacityReport | None = None
) -> Figure:
    """The saturation curve of a :class:`~corridor_sim.experiments.saturation.Saturation`:
    delivered / offered and mean transit time against the demand multiplier (every flow
    times ``m``), mean over replications with its 95% band, every run of the bisection
    as a dot, the saturation multiplier with its interval, and (given ``capacity``, a
    :func:`corridor_sim.capacity` report) the analytic bound, its ``headroom``."""
    bound = getattr(capacity, "headroom", None)
    with _style.style():
        fig = fig or Figure(figsize=(7.5, 6.2), layout="constrained")
        top, bottom = fig.subplots(2, 1, sharex=True)
        for ax, (kpi, label) in zip((top, bottom), PANELS, strict=True):
            _panel(ax, sat, kpi, label, bound)
        bottom.set_xlabel("demand multiplier (x the scenario's volumes)")
        top.legend(loc="upper right", fontsize=7)
        top.set_title(f"Saturation of {sat.scenario}: breaks first at {sat.breaks_first}", pad=16)
        top.text(0, 1.01, f"{len(sat.replications)} replications, seed {sat.seed}",
                 transform=top.transAxes, fontsize=8, color="#555555", va="bottom")  # fmt: skip
    return fig


def _num(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.3g}"


def plot_comparison(
    comparison: Comparison, kpis: list[str] | None = None, *, ax: Axes | None = None
) -> Axes:
    """A :class:`~corridor_sim.experiments.compare.Comparison` as a forest plot: for each KPI
    the paired difference (variant minus baseline) as a percentage of the baseline mean,
    with its 95% interval; blue where the interval excludes zero, grey where it does not.
    ``kpis`` defaults to the headline KPIs present in the comparison."""
    table = comparison.differences.set_index("kpi")
    names = kpis or [k for k in HEADLINE if k in table.index]
    unknown = sorted(set(names) - set(table.index))
    if unknown:
        raise ValueError(f"no KPI {', '.join(map(repr, unknown))}; KPIs: {', '.join(table.index)}")
    rows = table.loc[names]
    base = rows["baseline_mean"].where(rows["baseline_mean"] != 0)
    pct = 100 * rows[["difference", "ci_low", "ci_high"]].div(base.abs(), axis=0)
    with _style.style():
        ax = _style.new_axes(ax, (7.5, 1.4 + 0.45 * len(names)))
        y = np.arange(len(names))
        sure = (rows["ci_low"] > 0) | (rows["ci_high"] < 0)
        colours = [_style.BLUE if s else _style.GREY for s in sure]
        xerr = [pct["difference"] - pct["ci_low"], pct["ci_high"] - pct["difference"]]
        # one colour per bar: matplotlib accepts a list, its stubs only a single colour
        ax.errorbar(pct["difference"], y, xerr=xerr, fmt="none", ecolor=colours, lw=2)  # type: ignore[arg-type]
        ax.scatter(pct["difference"], y, color=colours, zorder=3, s=30)
        ax.axvline(0, color=_style.BLACK, lw=0.8)
        ax.set_yticks(y, [f"{k}\n{_num(rows.loc[k, 'baseline_mean'])} -> "
                          f"{_num(rows.loc[k, 'variant_mean'])}" for k in names])  # fmt: skip
        ax.invert_yaxis()
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("variant - baseline, % of the baseline mean (95% CI, paired runs)")
        ax.set_title(f"{comparison.variant} vs {comparison.baseline}", pad=16)
        ax.text(0, 1.01, f"{comparison.replications} paired replications, seed {comparison.seed}",
                transform=ax.transAxes, fontsize=8, color="#555555", va="bottom")  # fmt: skip
    return ax
