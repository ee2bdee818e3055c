"""Route shares at user equilibrium: where no cargo could reach its destination sooner by
another of its options.

Wardrop's first principle (Wardrop 1952): at user equilibrium the options a flow uses
all take the same time, and none it leaves unused takes less. :func:`equilibrium` finds
the shares that meet it by the method of successive averages (MSA; Sheffi 1985, *Urban
Transportation Networks*, ch. 5 and, for stochastic times, ch. 12), over the flows that
have two or more options (routes, and outside options whose time is the mean of their
transit distribution, fixed whatever the load). Iteration ``k`` (from 1):

1. every such flow takes rule ``shares`` at the current shares ``x_k`` (at ``k = 1`` the
   scenario's own under rule ``shares``, else an even split over its options);
2. ``replications`` replications run (:func:`~corridor_sim.experiments.run.run`), with the
   same seeds at every iteration, so that the times of two iterations differ by the
   shares, not by luck (common random numbers);
3. each option's time ``t`` is its mean transit over the replications, pooled (weighted
   by the cargo each delivered); an option that delivered nothing keeps the time last
   measured on it, or, never measured, its time with nothing waiting (links and mean
   service times: a lower bound, so that an option is never written off untried);
4. the relative gap ``sum_f sum_r x_fr (t_fr - t_f,min) / sum_f sum_r x_fr t_f,min``,
   ``x`` the cargo assigned (t/h: share times the flow's volume), is the extra time
   cargo spends over the fastest option of its flow, as a share of the time it would
   spend on it (Boyce, Ralevic-Dekic and Bar-Gera 2004); at equilibrium it is 0;
5. if it is below ``tolerance``, ``x_k`` is the answer; else the auxiliary shares ``y``
   put all of each flow on its fastest option (split evenly among ties) and
   ``x_k+1 = x_k + (y - x_k) / (k + 1)``, the MSA step, which makes ``x_k+1`` the mean
   of the start and the ``k`` auxiliary solutions.

MSA converges for separable, increasing times (Sheffi ch. 12, and for noisy times too,
since its steps sum to infinity and their squares do not); it does so slowly, so the gap
also tells how far from equilibrium the shares returned are. With simulated times the
gap cannot fall much below the noise of the time estimates: more replications, or a
longer horizon, lower that floor. After ``iterations`` without reaching ``tolerance``
the last shares are returned with ``converged`` False.

The same scenario and seed give the same iterations and shares whatever ``workers``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

import pandas as pd

from corridor_sim.experiments.equilibrium_options import Option, choice_flows, start_shares
from corridor_sim.experiments.equilibrium_result import Equilibrium, option_summary
from corridor_sim.experiments.executors import Executor
from corridor_sim.experiments.run import ReplicatedRun, run
from corridor_sim.experiments.seeds import check_seed, scenario_seed
from corridor_sim.model.scenario import Scenario
from corridor_sim.scenario.shares import Shares, with_shares

DAY_H = 24.0
#: how an option's time in an iteration was found
MEASURED, LAST, FREE, FIXED = "measured", "last measured", "free flow", "fixed"
Options = dict[str, tuple[Option, ...]]
Times = dict[str, tuple[float, ...]]


def equilibrium(
    scenario: Scenario,
    *,
    replications: int = 5,
    iterations: int = 20,
    tolerance: float = 0.02,
    seed: int | None = None,
    workers: int | None = None,
    executor: Executor = None,
    progress: bool = True,
) -> Equilibrium:
    """The user-equilibrium shares of ``scenario``'s flows with a choice, by the method
    of successive averages (the module docstring gives the method).

    ``replications`` per iteration, at most ``iterations`` iterations, stopping when the
    relative gap is below ``tolerance``; ``seed`` defaults to the scenario's.
    ``workers``, ``executor`` and ``progress`` say where to run, never what comes out.
    Raises :class:`~corridor_sim.errors.ScenarioError` if no flow has two or more options.
    """
    _check(replications, iterations, tolerance)
    seed = check_seed(scenario_seed(scenario, seed))
    options = choice_flows(scenario)
    shares: Shares = {f: start_shares(scenario.flows[f]) for f in options}
    known: dict[tuple[str, int], float] = {}
    rows: list[dict[str, object]] = []
    started = time.perf_counter()
    where = {"workers": workers, "executor": executor, "progress": progress}
    best: tuple[float, int, ReplicatedRun, Shares] | None = None
    for k in range(1, iterations + 1):
        answer = run(with_shares(scenario, shares), replications, seed=seed, **where)
        times, sources = option_times(answer, options, known)
        gap = relative_gap(scenario, shares, times)
        rows += _rows(k, gap, options, shares, times, sources)
        if best is None or gap < best[0]:
            best = (gap, k, answer, shares)
        if gap < tolerance or k == iterations:
            break
        shares = msa_step(shares, all_or_nothing(times), k)
    assert best is not None  # iterations >= 1
    gap, k, answer, shares = best
    return Equilibrium(
        base=scenario.name,
        scenario=answer.scenario,
        seed=seed,
        replications=replications,
        max_iterations=iterations,
        tolerance=tolerance,
        iterations=pd.DataFrame(rows),
        chosen=k,
        summary=option_summary(answer, options, shares),
        final=answer,
        converged=gap < tolerance,
        wall_s=time.perf_counter() - started,
    )


def _check(replications: int, iterations: int, tolerance: float) -> None:
    for name, value in (("replications", replications), ("iterations", iterations)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a whole number >= 1 (got {value!r})")
    if not (isinstance(tolerance, int | float) and tolerance > 0 and math.isfinite(tolerance)):
        raise ValueError(f"tolerance must be a number > 0, e.g. 0.02 (got {tolerance!r})")


def pooled_times_h(answer: ReplicatedRun) -> dict[tuple[str, str], float]:
    """Per ``(scope, subject)`` of the ``route`` and ``flow`` scopes of ``answer.runs``,
    the mean transit time over its replications, hours, weighted by the cargo each
    delivered (NaN where none was)."""
    runs = answer.runs
    kpis = ("transit_mean_days", "delivered_t_per_yr")
    rows = runs[runs["scope"].isin(("route", "flow")) & runs["kpi"].isin(kpis)]
    wide = rows.pivot(index=["scope", "subject", "replication"], columns="kpi", values="value")
    t = wide["transit_mean_days"]
    w = wide["delivered_t_per_yr"].where(t.notna() & (wide["delivered_t_per_yr"] > 0), 0.0)
    total = (t.fillna(0.0) * w).groupby(level=[0, 1], sort=False).sum()
    weight = w.groupby(level=[0, 1], sort=False).sum()
    mean = (total / weight.where(weight > 0)) * DAY_H
    return {(str(s), str(n)): float(v) for (s, n), v in mean.items()}


def option_times(
    answer: ReplicatedRun, options: Options, known: dict[tuple[str, int], float]
) -> tuple[Times, dict[str, tuple[str, ...]]]:
    """Each option's time (hours) in ``answer`` and how it was found (:data:`MEASURED`,
    :data:`LAST`, :data:`FREE`, :data:`FIXED`); ``known`` (last measured, by flow and
    option index) is updated."""
    pooled = pooled_times_h(answer)
    times: Times = {}
    sources: dict[str, tuple[str, ...]] = {}
    for flow, opts in options.items():
        several = sum(o.kind == "route" for o in opts) > 1
        ts, ss = [], []
        for i, o in enumerate(opts):
            key = ("route", f"{flow}/{o.name}") if several else ("flow", flow)
            t = pooled.get(key, math.nan) if o.kind == "route" else o.free_h
            if o.kind != "route":
                source = FIXED
            elif math.isfinite(t):
                known[(flow, i)], source = t, MEASURED
            elif (flow, i) in known:
                t, source = known[(flow, i)], LAST
            else:
                t, source = o.free_h, FREE
            ts.append(t)
            ss.append(source)
        times[flow], sources[flow] = tuple(ts), tuple(ss)
    return times, sources


def relative_gap(scenario: Scenario, shares: Shares, times: Times) -> float:
    """``sum x (t - t_min) / sum x t_min`` over the flows of ``shares``, ``x`` each
    option's cargo (t/h) and ``t_min`` its flow's least time (0 when both sums are 0)."""
    excess = base = 0.0
    for flow, ts in times.items():
        spec = scenario.flows[flow]
        demand_t_per_h = (
            spec.volume_units_per_h * scenario.commodities[spec.commodity].mass_per_unit_t
        )
        least = min(ts)
        for x, t in zip(shares[flow], ts, strict=True):
            excess += demand_t_per_h * x * (t - least)
            base += demand_t_per_h * x * least
    if base > 0:
        return excess / base
    return 0.0 if excess <= 0 else math.inf


def all_or_nothing(times: Times) -> dict[str, tuple[float, ...]]:
    """Per flow, all of it on its fastest option (an even split among ties).

    >>> all_or_nothing({"f": (3.0, 2.0, 2.0)})
    {'f': (0.0, 0.5, 0.5)}
    """
    out = {}
    for flow, ts in times.items():
        least = min(ts)
        fastest = [t <= least * (1 + 1e-12) for t in ts]
        out[flow] = tuple(float(f) / sum(fastest) for f in fastest)
    return out


def msa_step(shares: Shares, auxiliary: Shares, k: int) -> dict[str, tuple[float, ...]]:
    """``x + (y - x) / (k + 1)`` per flow: the step of iteration ``k`` of the method of
    successive averages from ``shares`` ``x`` toward ``auxiliary`` ``y``.

    >>> msa_step({"f": (0.5, 0.5)}, {"f": (1.0, 0.0)}, 1)
    {'f': (0.75, 0.25)}
    """
    step = 1.0 / (k + 1)
    return {
        f: tuple(x + (y - x) * step for x, y in zip(xs, auxiliary[f], strict=True))
        for f, xs in shares.items()
    }


def _rows(
    k: int,
    gap: float,
    options: Options,
    shares: Shares,
    times: Times,
    sources: dict[str, tuple[str, ...]],
) -> list[dict[str, object]]:
    """The rows of iteration ``k`` of :attr:`Equilibrium.iterations`."""
    rows: list[dict[str, object]] = []
    for flow, opts in options.items():
        values: Sequence[float] = shares[flow]
        for o, x, t, s in zip(opts, values, times[flow], sources[flow], strict=True):
            rows.append(
                {
                    "iteration": k,
                    "gap": gap,
                    "flow": flow,
                    "option": o.name,
                    "kind": o.kind,
                    "share": x,
                    "transit_mean_days": t / DAY_H,
                    "time_from": s,
                }
            )
    return rows
