"""The largest demand multiplier a scenario sustains, by bisection with replications.

A run at multiplier ``m`` (every flow's volume times ``m``) is *sustainable* when the
cargo delivered in the statistics period is at least ``1 - tolerance`` of the cargo
offered (tonnes), and no element's queue is longer at the end of the statistics period
than at its start by more than ``max_backlog_days`` days of its analytic capacity
(:func:`~corridor_sim.capacity`). Measuring in days of capacity rather than of
throughput keeps a single queued train from counting as weeks at low demand; comparing
the ends of a one-year period compares the same season, provided the period starts and
ends in a calm one (see ``warmup_h``).

Each replication (its own random streams, the same for every multiplier it tries) finds
its own saturation multiplier: it doubles or halves from ``start`` to bracket it, then
bisects until the bracket is narrower than ``precision`` of it. The answer is the mean
over replications with a 95% Student-t interval. The element that breaks first is, at the
smallest unsustainable multiplier a replication found, the element whose queue rose most
(if that broke the rule), else the top of the bottleneck ranking; the most frequent one
over replications is reported. The transit-time curve is then measured at fractions of
the saturation multiplier.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from corridor_sim.bottlenecks.ranking import GROWTH_SATURATES_DAYS
from corridor_sim.capacity.report import capacity
from corridor_sim.experiments.confidence import (
    mean_ci,
    summarise_points,
)
from corridor_sim.experiments.executors import Executor, run_tasks
from corridor_sim.experiments.kpis import kpis
from corridor_sim.experiments.runner import lean, run_grid
from corridor_sim.experiments.seeds import replication_seeds, scenario_seed
from corridor_sim.experiments.text import cell
from corridor_sim.folders import write_folder
from corridor_sim.model.scenario import Scenario
from corridor_sim.results.simulate import simulate
from corridor_sim.scenario.variants import scale_demand, with_warmup
from corridor_sim.texttable import table

LIMITS = (1 / 64, 64.0)  # multipliers searched
#: the KPIs of the transit-time curve
CURVE_KPIS = ("delivered_ratio", "transit_mean_days", "delivered_t_per_yr")


@dataclass(frozen=True)
class Criterion:
    """When a run counts as sustainable, and how finely to bisect."""

    tolerance: float = 0.03
    max_backlog_days: float = GROWTH_SATURATES_DAYS
    precision: float = 0.02
    start: float = 1.0

    def backlog(self, k: dict[str, Any], per_day: dict[str, float]) -> tuple[float, str]:
        """The largest rise of an element's queue over the statistics period in days of
        its capacity (``per_day``, t/day; unlimited elements are left out), and which."""
        worst, name = 0.0, ""
        for element, cap in per_day.items():
            days = k.get(f"element:{element}:queue_rise_t", 0.0) / cap if cap > 0 else 0.0
            if days > worst:
                worst, name = days, element
        return worst, name

    def sustainable(self, k: dict[str, Any], backlog_days: float) -> bool:
        return k["delivered_ratio"] >= 1 - self.tolerance and backlog_days <= self.max_backlog_days


def bisect_one(
    shared: tuple[Scenario, Criterion, dict[str, float]], task: tuple[int, Any]
) -> dict[str, Any]:
    """One replication's search (a worker's job): its probes and its bracket."""
    scenario, rule, per_day = shared
    index, child = task
    probes: list[dict[str, Any]] = []

    def ok(m: float) -> bool:
        result = simulate(scale_demand(scenario, m), rng=np.random.default_rng(child))
        k = kpis(result)
        days, worst = rule.backlog(k, per_day)
        good = rule.sustainable(k, days)
        probes.append(
            {
                "replication": index,
                "multiplier": m,
                "sustainable": good,
                "delivered_ratio": k["delivered_ratio"],
                "backlog_days": days,
                "backlog_element": worst,
                "transit_mean_days": k["transit_mean_days"],
                "binding_element": k["binding_element"],
            }
        )
        return good

    lo, hi = 0.0, rule.start
    if ok(hi):
        lo, hi = hi, 0.0
        while not hi and lo < LIMITS[1]:
            m = lo * 2
            lo, hi = (m, 0.0) if ok(m) else (lo, m)
    else:
        while not lo and hi > LIMITS[0]:
            m = hi / 2
            lo, hi = (m, hi) if ok(m) else (0.0, m)
    while lo and hi and hi - lo > rule.precision * lo:
        m = (lo + hi) / 2
        lo, hi = (m, hi) if ok(m) else (lo, m)
    at_hi = [p for p in probes if p["multiplier"] == hi]
    breaks = ""
    if at_hi:
        p = at_hi[-1]
        over = p["backlog_days"] > rule.max_backlog_days
        breaks = p["backlog_element"] if over else p["binding_element"]
    return {"replication": index, "low": lo, "high": hi, "breaks_first": breaks, "probes": probes}


@dataclass
class Saturation:
    """``multiplier`` (mean over replications) with its 95% interval ``ci``;
    ``replications``: each one's bracket and first-breaking element; ``probes``: every run
    of the search; ``curve``: KPIs at fractions of the multiplier."""

    scenario: str
    seed: int
    criterion: Criterion
    multiplier: float
    half_width: float
    breaks_first: str
    breaks_first_share: float
    replications: pd.DataFrame
    probes: pd.DataFrame
    curve: pd.DataFrame
    period: tuple[dt.date, dt.date] | None = None  # first and last day of the statistics

    @property
    def ci(self) -> tuple[float, float]:
        return self.multiplier - self.half_width, self.multiplier + self.half_width

    def text(self) -> str:
        """A readable summary (``corridor-sim saturation``)."""

        return format_saturation(self)

    def to_dir(self, path: str | Path) -> Path:
        """Write ``replications.csv``, ``probes.csv``, ``curve.csv``, ``saturation.json``."""
        head = {
            "scenario": self.scenario,
            "seed": self.seed,
            "multiplier": self.multiplier,
            "ci": list(self.ci),
            "breaks_first": self.breaks_first,
            "breaks_first_share": self.breaks_first_share,
            **dataclasses.asdict(self.criterion),
        }
        tables = {"replications": self.replications, "probes": self.probes, "curve": self.curve}
        return write_folder(path, tables, "saturation", head)


def saturation(
    scenario: Scenario,
    *,
    replications: int = 5,
    seed: int | None = None,
    criterion: Criterion | None = None,
    warmup_h: float | None = None,
    curve: Sequence[float] = (0.25, 0.5, 0.75, 1.0),
    workers: int | None = None,
    executor: Executor = None,
    progress: bool = True,
) -> Saturation:
    """Find the largest demand multiplier ``scenario`` sustains (see module doc).

    ``criterion`` sets the tolerance on delivered vs offered, the queue-growth bound, the
    bisection precision and the first multiplier tried; ``curve`` the fractions of the
    found multiplier at which the transit-time curve is measured (empty: none).

    ``warmup_h`` overrides the scenario's warm-up. Both tests compare the end of the
    statistics period with its start, so with seasonal weather choose a warm-up that puts
    both in a calm season: a period that ends amid winter storms counts the storm backlog
    as cargo the corridor failed to move, whatever the demand.
    """
    rule = criterion or Criterion()
    scenario = with_warmup(scenario, warmup_h)
    seed = scenario_seed(scenario, seed)
    where = {"workers": workers, "executor": executor, "progress": progress}
    tasks = list(enumerate(replication_seeds(seed, replications)))
    caps = capacity(scenario).elements.set_index("element")["capacity_t_per_yr"]
    per_day = {e: c / 365.0 for e, c in caps.items() if math.isfinite(c)}
    shared = (lean(scenario), rule, per_day)
    found = run_tasks(bisect_one, shared, tasks, desc="saturation", **where)
    reps = pd.DataFrame([{k: v for k, v in r.items() if k != "probes"} for r in found])
    reps["multiplier"] = (reps["low"] + reps["high"].where(reps["high"] > 0, reps["low"])) / 2
    probes = pd.DataFrame([p for r in found for p in r["probes"]])
    mean, half, _ = mean_ci(reps["multiplier"].tolist())
    counts = Counter(reps["breaks_first"])
    first, times = counts.most_common(1)[0]
    points = [f * mean for f in curve]
    table = pd.DataFrame()
    if points:
        runs = run_grid(
            [scale_demand(scenario, m) for m in points], seed, replications, "curve", **where
        )
        summary = summarise_points(runs)
        table = summary[summary["kpi"].isin(CURVE_KPIS)].reset_index(drop=True)
        point = table.pop("point")
        table.insert(0, "multiplier", [points[p] for p in point])
        table.insert(0, "fraction", [curve[p] for p in point])
    run = scenario.settings
    period = (
        run.start + dt.timedelta(hours=run.warmup_h),
        run.start + dt.timedelta(hours=run.end_h - 1e-9),  # the last day
    )
    return Saturation(
        scenario.name, seed, rule, mean, half, first, times / len(reps), reps, probes, table, period
    )


def format_saturation(sat: Saturation) -> str:
    rule = sat.criterion
    lo, hi = sat.ci
    lines = [
        f"Saturation of {sat.scenario}: {len(sat.replications)} replications, seed {sat.seed}"
        + (f"; statistics from {sat.period[0]} to {sat.period[1]}" if sat.period else ""),
        f"Sustainable = delivered >= {1 - rule.tolerance:.0%} of offered and no queue longer at "
        f"the end than at the start by more than {rule.max_backlog_days:g} days of its capacity; "
        f"bisection to {rule.precision:.0%}.",
        "",
        f"Saturation demand multiplier: {sat.multiplier:.3f} (95% CI {lo:.3f} - {hi:.3f})",
        f"Breaks first: {sat.breaks_first} (in {sat.breaks_first_share:.0%} of replications)",
        "",
    ]
    rows = [
        [
            str(r.replication),
            f"{r.low:.3f}",
            f"{r.high:.3f}" if r.high else "-",
            f"{r.multiplier:.3f}",
            r.breaks_first,
        ]
        for r in sat.replications.itertuples()
    ]
    lines += table(
        ["replication", "sustained", "failed", "estimate", "breaks first"], rows, "rrrrl"
    )
    if len(sat.curve):
        lines += ["", "Transit-time curve up to saturation"]
        rows = []
        for (f, m), g in sat.curve.groupby(["fraction", "multiplier"], sort=True):
            rows.append(
                [
                    f"{f:.0%}",
                    f"{m:.3f}",
                    cell(g, "transit_mean_days", 1, 2),
                    cell(g, "delivered_ratio", 100, 1),
                    cell(g, "delivered_t_per_yr", 1e-6, 3),
                ]
            )
        lines += table(
            [
                "of saturation",
                "multiplier",
                "transit mean d",
                "delivered/offered %",
                "delivered Mt/yr",
            ],
            rows,
            "rrrrr",
        )
    return "\n".join(lines)
