"""The largest demand multiplier a scenario sustains: a bisection decided on replications.

**Statistics period.** Every run measures whole calendar years starting in the calmest
month (:func:`~corridor_sim.experiments.seasonal.whole_years`), so the start and the end
of the period fall at the same, calm point of the season.

**A run at multiplier m** (every flow's volume times ``m``) gives two numbers: the cargo
delivered in the statistics period over the cargo that chose the corridor (tonnes /
tonnes; the cargo offered, less what chose a competing corridor of its own accord:
``carried_ratio`` of :mod:`~corridor_sim.experiments.kpis`, which is delivered / offered
when no flow has an outside option; cargo an embargo turned away counts as not carried),
and the
largest rise of an element's queue from the start to the end of the period, in days of
that element's capacity (``capacity_t_per_day`` of ``result.elements``; in days of
capacity rather than throughput, so one queued train cannot count as weeks at low demand).

**A step** runs ``replications`` replications at ``m`` (common random numbers: replication
``i`` has the same seed at every ``m``) and decides on the 95% Student-t interval of the
mean of each number: *sustainable* when the carried ratio lies wholly at or above
``1 - tolerance`` and the queue rise wholly at or below ``max_backlog_days``; *saturated*
when either lies wholly on the wrong side; otherwise it doubles the replications, up to
``max_replications``, and then stays *undecided*. (Runs that all agree give an interval of
width zero: once runs at any step have varied, such a step adds replications too.) This
is a sequential test with an
indifference zone (Law 2015, *Simulation Modeling and Analysis*, 5th ed., ch. 9-10): a
step near the saturation point, where the mean is within noise of its threshold, is left
undecided rather than guessed.

**The search** doubles or halves from ``start`` until a sustainable and a saturated step
bracket the saturation point (within ``LIMITS``), then bisects the gaps between decided
and undecided steps, assuming that the expected numbers worsen with ``m`` (bisection with
noisy responses: Waeber, Frazier & Henderson 2013, *SIAM J. Control Optim.* 51(3)). The
answer is the bracket ``[low, high]``: the largest multiplier decided sustainable and the
smallest decided saturated, clipped to the searched range. It is *found* when the bracket
is narrower than ``precision`` of ``low``, else *inconclusive* (the undecided steps lie in
between), or *above range* / *below range* at the ends. Each decided step has 95%
confidence; the bracket as a whole somewhat less (several steps).

The element that breaks first is, at the step that set ``high``, the most frequent over
its replications of: the element whose queue rose most if that broke the rule, else the
top of the bottleneck ranking. The transit-time curve is then measured at fractions of
the estimate (the middle of the bracket).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from corridor_sim.bottlenecks.ranking import GROWTH_SATURATES_DAYS
from corridor_sim.experiments.bisection import LIMITS, bisect, bracket
from corridor_sim.experiments.confidence import mean_ci, summarise
from corridor_sim.experiments.executors import Executor, run_tasks
from corridor_sim.experiments.kpis import CORRIDOR, kpis, long_table, queue_rise_t
from corridor_sim.experiments.runner import lean, run_grid
from corridor_sim.experiments.saturation_result import (
    SATURATED,
    SUSTAINABLE,
    UNDECIDED,
    Saturation,
    breaks_first,
    statistics_days,
)
from corridor_sim.experiments.seasonal import whole_years
from corridor_sim.experiments.seeds import replication_seeds, scenario_seed
from corridor_sim.model.scenario import Scenario
from corridor_sim.results.result import SimulationResult
from corridor_sim.results.simulate import simulate
from corridor_sim.scenario.variants import scale_demand

__all__ = ["LIMITS", "Criterion", "Saturation", "Steps", "saturation"]

#: the KPIs of the transit-time curve
CURVE_KPIS = ("delivered_ratio", "transit_mean_days", "delivered_t_per_yr")


@dataclass(frozen=True)
class Criterion:
    """When a step counts as sustainable, and how finely to bisect (see module doc)."""

    tolerance: float = 0.03
    max_backlog_days: float = GROWTH_SATURATES_DAYS
    precision: float = 0.02
    start: float = 1.0

    def __post_init__(self) -> None:
        if not 0 <= self.tolerance < 1:
            raise ValueError(f"tolerance must be in [0, 1) (got {self.tolerance!r})")
        if not self.max_backlog_days > 0:
            raise ValueError(f"max_backlog_days must be > 0 (got {self.max_backlog_days!r})")
        if not 0 < self.precision < 1:
            raise ValueError(f"precision must be in (0, 1) (got {self.precision!r})")
        if not LIMITS[0] <= self.start <= LIMITS[1]:
            raise ValueError(
                f"start must be in [{LIMITS[0]:g}, {LIMITS[1]:g}] (got {self.start!r})"
            )

    def decide(self, runs: Sequence[dict[str, Any]]) -> dict[str, Any]:
        """A step's verdict from its runs, with both numbers' means and 95% intervals."""
        ratio, r_half, n = mean_ci([r["delivered_ratio"] for r in runs])
        backlog, b_half, _ = mean_ci([r["backlog_days"] for r in runs])
        floor = 1 - self.tolerance
        verdict = UNDECIDED
        if n >= 2 and not (math.isnan(r_half) or math.isnan(b_half)):
            if ratio + r_half < floor or backlog - b_half > self.max_backlog_days:
                verdict = SATURATED
            elif ratio - r_half >= floor and backlog + b_half <= self.max_backlog_days:
                verdict = SUSTAINABLE
        return {
            "runs": len(runs),
            "verdict": verdict,
            "delivered_ratio": ratio,
            "delivered_ratio_ci_low": ratio - r_half,
            "delivered_ratio_ci_high": ratio + r_half,
            "backlog_days": backlog,
            "backlog_days_ci_low": backlog - b_half,
            "backlog_days_ci_high": backlog + b_half,
        }


def varies(runs: Sequence[dict[str, Any]]) -> bool:
    """True if the runs differ in delivered / offered or in the queue rise."""
    return any(len({r[k] for r in runs}) > 1 for k in ("delivered_ratio", "backlog_days"))


def backlog_days(result: SimulationResult) -> tuple[float, str]:
    """The largest rise of an element's queue over the statistics period in days of its
    capacity (elements without a limit left out), and which element."""
    caps = result.elements.set_index("element")["capacity_t_per_day"]
    worst, name = 0.0, ""
    for element, rise in queue_rise_t(result).items():
        cap = caps.get(element, math.nan)
        if math.isfinite(cap) and cap > 0 and rise / cap > worst:
            worst, name = float(rise / cap), str(element)
    return worst, name


def _share(part: float | str, whole: float | str) -> float:
    """``part / whole`` of two KPI values (0 if nothing was offered)."""
    return float(part) / float(whole) if float(whole) > 0 else 0.0


def probe(shared: Scenario, task: tuple[float, int, np.random.SeedSequence]) -> dict[str, Any]:
    """Replication ``index`` at multiplier ``m`` (a worker's job): one row of ``probes``."""
    m, index, child = task
    result = simulate(scale_demand(shared, m), rng=np.random.default_rng(child))
    k = kpis(result)
    days, worst = backlog_days(result)
    return {
        "multiplier": m,
        "replication": index,
        "delivered_ratio": k["carried_ratio"],
        "diverted_share": _share(k["diverted_t_per_yr"], k["offered_t_per_yr"]),
        "backlog_days": days,
        "backlog_element": worst,
        "transit_mean_days": k["transit_mean_days"],
        "binding_element": k["binding_element"],
    }


@dataclass
class Steps:
    """The steps of a search: at each multiplier, runs added until its verdict holds.

    A step starts with ``first`` replications and doubles them, up to one per seed of
    ``seeds``, while undecided, or while all its runs agree after runs have varied."""

    rule: Criterion
    scenario: Scenario
    seeds: list[np.random.SeedSequence]
    first: int
    where: dict[str, Any]
    rows: list[dict[str, Any]] = field(default_factory=list)
    probes: list[dict[str, Any]] = field(default_factory=list)
    varied: bool = False

    def decide(self, m: float) -> str:
        """Run the step at multiplier ``m``; its verdict."""
        runs: list[dict[str, Any]] = []
        n, cap = self.first, len(self.seeds)
        while True:
            tasks = [(m, i, self.seeds[i]) for i in range(len(runs), n)]
            runs += run_tasks(
                probe, self.scenario, tasks, desc=f"saturation x{m:.3g}", **self.where
            )
            step = self.rule.decide(runs)
            spread = varies(runs)
            self.varied = self.varied or spread
            if (step["verdict"] != UNDECIDED and (spread or not self.varied)) or n >= cap:
                break
            n = min(cap, 2 * n)
        self.rows.append({"step": len(self.rows) + 1, "multiplier": m, **step})
        self.probes.extend(runs)
        return str(step["verdict"])


def saturation(
    scenario: Scenario,
    *,
    replications: int = 5,
    max_replications: int | None = None,
    seed: int | None = None,
    criterion: Criterion | None = None,
    years: int | None = None,
    warmup_h: float | None = None,
    curve: Sequence[float] = (0.25, 0.5, 0.75, 1.0),
    workers: int | None = None,
    executor: Executor = None,
    progress: bool = True,
) -> Saturation:
    """Find the largest demand multiplier ``scenario`` sustains (see module doc).

    Each step starts with ``replications`` (at least 2) and adds up to
    ``max_replications`` (default ``4 * replications``). ``criterion`` sets the tolerance
    on delivered vs offered, the queue-rise bound, the bisection precision and the first
    multiplier tried. The statistics period is ``years`` whole calendar years (default:
    the scenario's horizon, rounded) starting on the first day of the calmest month after
    at least ``warmup_h`` hours of warm-up (default: the scenario's); a scenario without
    seasons keeps its own period. ``curve``: fractions of the estimate at which the
    transit-time curve is measured (empty: none).
    """
    rule = criterion or Criterion()
    cap = 4 * replications if max_replications is None else max_replications
    if replications < 2 or cap < replications:
        raise ValueError(
            "replications must be >= 2 (a step is decided on a confidence interval) and "
            f"max_replications >= replications (got {replications} and {cap})"
        )
    scenario = whole_years(scenario, years=years, warmup_h=warmup_h)
    seed = scenario_seed(scenario, seed)
    where = {"workers": workers, "executor": executor, "progress": progress}
    steps = Steps(rule, lean(scenario), replication_seeds(seed, cap), replications, where)
    tried = bisect(steps.decide, rule.start, rule.precision)
    low, high, _ = bracket(tried)
    probes = pd.DataFrame(steps.probes)
    first, share = breaks_first(probes, high, rule.max_backlog_days)
    sat = Saturation(
        scenario=scenario.name,
        seed=seed,
        criterion=rule,
        low=low,
        high=min(high, max(tried)),
        searched=(min(tried), max(tried)),
        replications=replications,
        max_replications=cap,
        breaks_first=first,
        breaks_first_share=share,
        steps=pd.DataFrame(steps.rows).sort_values("multiplier").reset_index(drop=True),
        probes=probes,
        period=statistics_days(scenario),
    )
    sat.curve = transit_curve(scenario, sat.multiplier, curve, seed, replications, where)
    return sat


def transit_curve(
    scenario: Scenario,
    multiplier: float,
    fractions: Sequence[float],
    seed: int,
    replications: int,
    where: dict[str, Any],
) -> pd.DataFrame:
    """Delivered share, mean transit time and delivered tonnes at ``fractions`` of
    ``multiplier``, mean over replications with 95% intervals: a tidy summary with the
    ``fraction`` and ``multiplier`` of each point first."""
    if not fractions or not multiplier > 0:
        return pd.DataFrame()
    points = [f * multiplier for f in fractions]
    grid = run_grid(
        [scale_demand(scenario, m) for m in points], seed, replications, "curve", **where
    )
    runs = long_table(grid, ["point", "replication"])
    runs = runs[(runs["scope"] == CORRIDOR) & runs["kpi"].isin(CURVE_KPIS)]
    table = summarise(runs, by=["point"])
    point = table.pop("point")
    table.insert(0, "multiplier", [points[p] for p in point])
    table.insert(0, "fraction", [fractions[p] for p in point])
    return table
