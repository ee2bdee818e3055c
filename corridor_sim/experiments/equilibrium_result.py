"""What :func:`~corridor_sim.experiments.equilibrium.equilibrium` hands back: the
iterations, the shares found, and the run at those shares with 95% confidence intervals;
as text (what ``corridor-sim equilibrium`` prints), a notebook view and CSV files."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from corridor_sim.experiments.confidence import mean_ci
from corridor_sim.experiments.equilibrium_options import ROUTE, Option
from corridor_sim.experiments.run import ReplicatedRun
from corridor_sim.experiments.views import as_table, clip, seeds
from corridor_sim.folders import write_folder
from corridor_sim.htmlrepr import html_block
from corridor_sim.model.scenario import Scenario
from corridor_sim.scenario.shares import Shares
from corridor_sim.texttable import num, pm, table

DAY_H = 24.0
#: times up to this many hours are shown in hours, longer ones in days
HOURS_UP_TO = 72.0
#: the width of the text's paragraphs
WIDTH = 88


@dataclass
class Equilibrium:
    """User-equilibrium shares of scenario ``base``'s flows with a choice.

        ``iterations``: one row per iteration, flow and option: ``iteration``, ``gap`` (the
        iteration's relative gap), ``flow``, ``option``, ``kind`` (``route`` or
        ``outside``), ``share`` (0-1 of the flow's cargo), ``transit_mean_days`` (its time
        that iteration) and ``time_from`` (``measured``, ``last measured``, ``free flow`` or
        ``fixed``). ``chosen``: the iteration whose shares are returned (the last when it
    converged, else the one with the least gap). ``summary``: per flow and option at those
    shares, ``share`` and,
        over the replications of ``final`` (the :class:`ReplicatedRun` at those shares),
        ``transit_mean_days`` and ``transit_p95_days`` with ``_half_width`` of their 95%
        Student-t intervals and ``n`` (an outside option's time is its fixed mean).
        ``scenario``: ``base`` at the shares returned, rule ``shares``, ready to run.
        ``converged``: whether the gap at those shares is below ``tolerance``. ``wall_s``:
        seconds taken.
    """

    base: str
    scenario: Scenario = field(repr=False)
    seed: int
    replications: int
    max_iterations: int
    tolerance: float
    iterations: pd.DataFrame = field(repr=False)
    chosen: int
    summary: pd.DataFrame = field(repr=False)
    final: ReplicatedRun = field(repr=False)
    converged: bool
    wall_s: float = 0.0

    @property
    def gaps(self) -> pd.Series:
        """The relative gap of each iteration, by iteration."""
        return self.iterations.groupby("iteration", sort=True)["gap"].first()

    @property
    def gap(self) -> float:
        """The relative gap at the shares returned (iteration :attr:`chosen`)."""
        return float(self.gaps.loc[self.chosen])

    @property
    def shares(self) -> pd.DataFrame:
        """The shares returned: ``flow``, ``option``, ``kind``, ``share`` (0-1)."""
        return self.summary[["flow", "option", "kind", "share"]]

    def text(self) -> str:
        """A readable account (what ``corridor-sim equilibrium`` prints)."""
        return format_equilibrium(self)

    def __repr__(self) -> str:
        state = "converged" if self.converged else "not converged"
        cells = ", ".join(f"{r.flow}/{r.option} {r.share:.1%}" for r in self.shares.itertuples())
        return clip(
            f"<Equilibrium of {self.base!r}: {state}, gap {self.gap:.3g} after "
            f"{len(self.gaps)} iterations of {self.replications} replications; {cells}>"
        )

    def _repr_html_(self) -> str:
        unit, scale = time_unit(self)
        return html_block(
            f"Equilibrium of {self.base}",
            _head_lines(self),
            {
                "Iterations": as_table(*_iteration_table(self, unit, scale)),
                "At the shares returned": as_table(*_summary_table(self, unit, scale)),
            },
        )

    def to_dir(self, path: str | Path) -> Path:
        """Write ``iterations.csv``, ``summary.csv`` and ``equilibrium.json``."""
        head = {
            "scenario": self.base,
            "seed": self.seed,
            "replications": self.replications,
            "iterations": len(self.gaps),
            "max_iterations": self.max_iterations,
            "tolerance": self.tolerance,
            "chosen_iteration": self.chosen,
            "relative_gap": self.gap,
            "converged": self.converged,
        }
        tables = {"iterations": self.iterations, "summary": self.summary}
        return write_folder(path, tables, "equilibrium", head)


def option_summary(
    answer: ReplicatedRun, options: Mapping[str, tuple[Option, ...]], shares: Shares
) -> pd.DataFrame:
    """Per flow and option: its share and, over the replications of ``answer``, its
    mean and p95 transit days with the half-widths of their 95% intervals."""
    runs = answer.runs
    rows = []
    for flow, opts in options.items():
        several = sum(o.kind == ROUTE for o in opts) > 1
        for o, x in zip(opts, shares[flow], strict=True):
            row: dict[str, object] = {"flow": flow, "option": o.name, "kind": o.kind, "share": x}
            scope, subject = ("route", f"{flow}/{o.name}") if several else ("flow", flow)
            for kpi in ("transit_mean_days", "transit_p95_days"):
                if o.kind == ROUTE:
                    got = runs[(runs["scope"] == scope) & (runs["subject"] == subject)]
                    mean, half, n = mean_ci(got.loc[got["kpi"] == kpi, "value"].tolist())
                else:  # an outside option's time is its distribution's, fixed
                    mean, half, n = (
                        (o.free_h / DAY_H if kpi == "transit_mean_days" else math.nan),
                        math.nan,
                        0,
                    )
                row |= {kpi: mean, f"{kpi}_half_width": half}
            row["n"] = n
            rows.append(row)
    return pd.DataFrame(rows)


def time_unit(eq: Equilibrium) -> tuple[str, float]:
    """``("h", 24)`` if every time at the shares returned is at most
    :data:`HOURS_UP_TO` hours, else ``("days", 1)``: the unit and the factor from days."""
    days = eq.summary["transit_mean_days"]
    longest = days[days.map(math.isfinite)].max() if len(days) else 0.0
    return ("h", DAY_H) if not longest > HOURS_UP_TO / DAY_H else ("days", 1.0)


def _head_lines(eq: Equilibrium) -> list[str]:
    n = len(eq.gaps)
    if eq.converged:
        state = (
            f"Converged after {n} iteration{'s' if n > 1 else ''}: relative gap "
            f"{eq.gap:.3g} < tolerance {eq.tolerance:g}."
        )
    else:
        state = (
            f"Not converged: after {n} iterations the least relative gap is {eq.gap:.3g} "
            f"(tolerance {eq.tolerance:g}), at iteration {eq.chosen}, whose shares are "
            "returned."
        )
    return [
        f"Equilibrium of scenario {eq.base!r}: shares at which no cargo could arrive sooner "
        "by another of its options (Wardrop's user equilibrium), by the method of "
        "successive averages.",
        f"{eq.replications} replications per iteration, seeds {seeds(eq.seed, eq.replications)}, "
        "the same in every iteration (common random numbers).",
        state,
    ]


def _iteration_table(eq: Equilibrium, unit: str, scale: float) -> tuple[list[str], list[list[str]]]:
    header = [
        "iteration",
        "relative gap",
        "flow",
        "option",
        "share %",
        f"mean transit, {unit}",
        "from",
    ]
    rows = []
    last: tuple[object, object] = (None, None)
    for r in eq.iterations.itertuples():
        first = r.iteration != last[0]
        rows.append(
            [
                (f"{r.iteration} *" if r.iteration == eq.chosen else str(r.iteration))
                if first
                else "",
                f"{r.gap:.4f}" if first else "",
                str(r.flow) if first or r.flow != last[1] else "",
                str(r.option),
                num(100 * r.share, 1),
                num(r.transit_mean_days * scale, 2),
                str(r.time_from),
            ]
        )
        last = (r.iteration, r.flow)
    return header, rows


def _summary_table(eq: Equilibrium, unit: str, scale: float) -> tuple[list[str], list[list[str]]]:
    header = ["flow", "option", "share %", f"mean transit, {unit}", f"p95 transit, {unit}"]
    rows = []
    for r in eq.summary.itertuples():
        fixed = r.kind != ROUTE
        rows.append(
            [
                str(r.flow),
                str(r.option),
                num(100 * r.share, 1),
                pm(r.transit_mean_days, r.transit_mean_days_half_width, 2, scale)
                + (" (fixed)" if fixed else ""),
                "-" if fixed else pm(r.transit_p95_days, r.transit_p95_days_half_width, 2, scale),
            ]
        )
    return header, rows


def format_equilibrium(eq: Equilibrium) -> str:
    unit, scale = time_unit(eq)
    head, iters = _iteration_table(eq, unit, scale)
    s_head, s_rows = _summary_table(eq, unit, scale)
    return "\n".join(
        [
            *(textwrap.fill(line, WIDTH) for line in _head_lines(eq)),
            "",
            textwrap.fill(
                "Iterations: each option's share of its flow's cargo and its mean transit "
                "time (from: measured; last measured, for an option that delivered nothing; "
                "free flow, never measured; fixed, an outside option's mean). The relative "
                "gap is the extra time cargo spends over the fastest option of its flow, as "
                "a share of the time on that option: 0 at equilibrium. * marks the shares "
                "returned.",
                WIDTH,
            ),
            *table(head, iters, "rrllrrl"),
            "",
            f"At the shares returned: mean ± 95 % CI half-width over the {eq.replications} "
            f"replications of iteration {eq.chosen}",
            *table(s_head, s_rows, "llrrr"),
            "",
            f"cs.run(result.scenario) runs these shares (rule 'shares'). Took {eq.wall_s:.1f} s.",
        ]
    )
