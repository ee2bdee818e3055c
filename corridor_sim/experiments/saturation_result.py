"""The answer of :func:`~corridor_sim.experiments.saturation.saturation`: a bracket, how
sure it is, and the text ``corridor-sim saturation`` prints."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from corridor_sim.experiments.text import cell
from corridor_sim.experiments.views import as_table, clip
from corridor_sim.folders import write_folder
from corridor_sim.htmlrepr import html_block
from corridor_sim.model.scenario import Scenario
from corridor_sim.texttable import num, table

if TYPE_CHECKING:
    from corridor_sim.experiments.saturation import Criterion

#: the verdicts of a step
SUSTAINABLE, SATURATED, UNDECIDED = "sustainable", "saturated", "undecided"
#: the statuses of an answer
FOUND, INCONCLUSIVE, ABOVE, BELOW = "found", "inconclusive", "above range", "below range"


def statistics_days(scenario: Scenario) -> tuple[dt.date, dt.date]:
    """The first and the last day of ``scenario``'s statistics period."""
    s = scenario.settings
    first = s.start + dt.timedelta(hours=s.warmup_h)
    return first, s.start + dt.timedelta(hours=s.end_h - 1e-9)


def breaks_first(probes: pd.DataFrame, high: float, max_backlog_days: float) -> tuple[str, float]:
    """What breaks at the step that set ``high``, and in what share of its runs: in each
    run, the element whose queue rose most if that broke the rule, else the top of the
    bottleneck ranking."""
    at = probes[probes["multiplier"] == high] if math.isfinite(high) else probes.iloc[:0]
    if at.empty:
        return "", 0.0
    over = at["backlog_days"] > max_backlog_days
    names = at["backlog_element"].where(over, at["binding_element"])
    name, times = Counter(names).most_common(1)[0]
    return str(name), times / len(at)


@dataclass
class Saturation:
    """The saturation point lies in ``[low, high]``: ``low`` the largest multiplier
    decided sustainable (0 if none), ``high`` the smallest decided saturated (if none,
    the top of the ``searched`` range). ``status`` says whether that is an answer;
    ``steps``: each multiplier tried, its runs, both criteria with 95% intervals and the
    verdict; ``probes``: every run (one row each: multiplier, replication, its numbers);
    ``curve``: a tidy summary of the corridor KPIs at fractions of ``multiplier``
    (``fraction``, ``multiplier``, ``scope``, ``subject``, ``kpi``, ``mean``,
    ``half_width``, ``ci_low``, ``ci_high``, ``n``, ``std``)."""

    scenario: str
    seed: int
    criterion: Criterion
    low: float
    high: float
    searched: tuple[float, float]
    replications: int
    max_replications: int
    breaks_first: str
    breaks_first_share: float
    steps: pd.DataFrame
    probes: pd.DataFrame
    curve: pd.DataFrame = field(default_factory=pd.DataFrame)
    period: tuple[dt.date, dt.date] | None = None  # first and last day of the statistics

    @property
    def bracket(self) -> tuple[float, float]:
        """``(low, high)``: where the saturation multiplier lies, within the searched range."""
        return self.low, self.high

    @property
    def status(self) -> str:
        """``"found"`` (the bracket is within ``precision``), ``"inconclusive"``,
        ``"above range"`` (sustained at the top of the searched range) or ``"below
        range"`` (saturated at its bottom)."""
        high_saturated = self._verdict(self.high) == SATURATED
        if self.low > 0 and high_saturated:
            if self.high - self.low <= self.criterion.precision * self.low:
                return FOUND
        elif self.low > 0 and self.low == self.high:
            return ABOVE
        elif self.low == 0 and high_saturated and self.high == self.searched[0]:
            return BELOW
        return INCONCLUSIVE

    @property
    def multiplier(self) -> float:
        """The estimate: the middle of the bracket (its one end at the top of the range)."""
        return (self.low + self.high) / 2

    @property
    def undecided(self) -> tuple[float, float] | None:
        """The smallest and largest multiplier inside the bracket left undecided."""
        steps = self.steps
        inside = steps[
            (steps["verdict"] == UNDECIDED)
            & (steps["multiplier"] > self.low)
            & (steps["multiplier"] <= self.high)
        ]["multiplier"]
        return (float(inside.min()), float(inside.max())) if len(inside) else None

    def _verdict(self, m: float) -> str:
        rows = self.steps[self.steps["multiplier"] == m]
        return str(rows["verdict"].iloc[0]) if len(rows) else ""

    def answer(self) -> str:
        """The answer in one line (the third line of :meth:`text`)."""
        low, high, status = self.low, self.high, self.status
        if status == FOUND:
            return (
                f"Saturation demand multiplier: {self.multiplier:.3f} (between {low:.3f}, "
                f"sustained, and {high:.3f}, saturated)"
            )
        if status == ABOVE:
            return (
                f"Saturation demand multiplier: above {high:g} (sustained at x{high:g}, the "
                "top of the searched range)"
            )
        if status == BELOW:
            return (
                f"Saturation demand multiplier: below {high:g} (saturated at x{high:g}, the "
                "bottom of the searched range)"
            )
        lower = f"{low:.3f} (sustained)" if low > 0 else "0 (nothing sustained)"
        upper = (
            f"{high:.3f} (saturated)"
            if self._verdict(high) == SATURATED
            else f"{high:g} (the top of the searched range)"
        )
        gap, undecided = self.undecided, ""
        if gap:
            at = f"{gap[0]:.3f}" if gap[0] == gap[1] else f"{gap[0]:.3f} - {gap[1]:.3f}"
            undecided = f"; undecided at {at} with {self.max_replications} replications"
        return f"Saturation demand multiplier: inconclusive, between {lower} and {upper}{undecided}"

    def text(self) -> str:
        """A readable summary (``corridor-sim saturation``)."""
        return format_saturation(self)

    def __repr__(self) -> str:
        return clip(
            f"<Saturation {self.scenario!r} (seed {self.seed}): {self.status}, between "
            f"x{self.low:.3f} and x{self.high:.3f}; breaks first: {self.breaks_first or '-'}>"
        )

    def _repr_html_(self) -> str:
        return saturation_html(self)

    def to_dir(self, path: str | Path) -> Path:
        """Write ``steps.csv``, ``probes.csv``, ``curve.csv`` and ``saturation.json``."""
        head: dict[str, Any] = {
            "scenario": self.scenario,
            "seed": self.seed,
            "status": self.status,
            "multiplier": self.multiplier,
            "low": self.low,
            "high": self.high,
            "searched": list(self.searched),
            "replications": self.replications,
            "max_replications": self.max_replications,
            "breaks_first": self.breaks_first,
            "breaks_first_share": self.breaks_first_share,
            "period": [str(d) for d in self.period] if self.period else None,
            **dataclasses.asdict(self.criterion),
        }
        tables = {"steps": self.steps, "probes": self.probes, "curve": self.curve}
        return write_folder(path, tables, "saturation", head)


def rule_line(sat: Saturation) -> str:
    """What counts as sustainable, how many replications a step takes, how fine the search."""
    rule = sat.criterion
    return (
        f"Sustainable = carried (delivered / the cargo that chose the corridor: offered, "
        f"less what chose a competing corridor) >= {1 - rule.tolerance:.0%} and no queue longer "
        f"at the end of the period than at its start by more than {rule.max_backlog_days:g} "
        "days of its capacity, each on the 95% CI of the mean over replications (steps start "
        f"with {sat.replications} replications, up to {sat.max_replications}); bisection to "
        f"{rule.precision:.0%}."
    )


def breaks_line(sat: Saturation) -> str:
    """What breaks first, and in what share of the runs; empty if nothing does."""
    if not sat.breaks_first:
        return ""
    return (
        f"Breaks first: {sat.breaks_first} (in {sat.breaks_first_share:.0%} of the runs "
        f"at x{sat.high:.3f})"
    )


def format_saturation(sat: Saturation) -> str:
    period = f"; statistics from {sat.period[0]} to {sat.period[1]}" if sat.period else ""
    lines = [f"Saturation of {sat.scenario}: seed {sat.seed}{period}", rule_line(sat), ""]
    lines += [sat.answer(), *([breaks_line(sat)] if sat.breaks_first else [])]
    lines += ["", *table(*step_rows(sat.steps), "rrrrl")]
    if len(sat.curve):
        lines += ["", "Transit-time curve up to the estimate"]
        lines += table(*curve_rows(sat.curve), "rrrrr")
    return "\n".join(lines)


def _interval(r: Any, name: str, scale: float, digits: int) -> str:
    mean, low, high = (getattr(r, f"{name}{s}") * scale for s in ("", "_ci_low", "_ci_high"))
    return f"{num(mean, digits)} [{num(low, digits)}, {num(high, digits)}]"


def step_rows(steps: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the steps: both criteria with their 95% CIs, the verdict."""
    rows = [
        [
            f"{r.multiplier:.3f}",
            str(r.runs),
            _interval(r, "delivered_ratio", 100, 1),
            _interval(r, "backlog_days", 1, 1),
            r.verdict,
        ]
        for r in steps.itertuples()
    ]
    header = [
        "multiplier",
        "runs",
        "carried % [95% CI]",
        "queue rise, days of capacity [95% CI]",
        "verdict",
    ]
    return header, rows


def curve_rows(curve: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the transit-time curve (mean ± 95% CI half-width)."""
    rows = [
        [
            f"{f:.0%}",
            f"{m:.3f}",
            cell(g, "transit_mean_days", 1, 2),
            cell(g, "delivered_ratio", 100, 1),
            cell(g, "delivered_t_per_yr", 1e-6, 3),
        ]
        for (f, m), g in curve.groupby(["fraction", "multiplier"], sort=True)
    ]
    header = ["of estimate", "multiplier", "transit mean d", "delivered/offered %", "Mt/yr"]
    return header, rows


def saturation_html(sat: Saturation) -> str:
    """The notebook view: what was searched, the answer, the steps and the curve."""
    period = f"; statistics from {sat.period[0]} to {sat.period[1]}" if sat.period else ""
    tables = {"Steps of the search": as_table(*step_rows(sat.steps))}
    if len(sat.curve):
        tables["Transit-time curve up to the estimate (mean ± 95% CI half-width)"] = as_table(
            *curve_rows(sat.curve)
        )
    return html_block(
        f"Saturation: {sat.scenario}",
        [f"Seed {sat.seed}{period}.", rule_line(sat), sat.answer(), breaks_line(sat)],
        tables,
    )
