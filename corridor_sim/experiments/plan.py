"""The cheapest package of investments that meets a target: ``corridor_sim.plan``.

Method (screen analytically, then decide by simulation with common random numbers):

1. **Packages.** Every set of the catalogue's options that its ``requires`` and
   ``excludes`` allow and whose capex is within the budget, cheapest first (at most
   :data:`MAX_OPTIONS` options: 2^n sets).
2. **Inert options** (a target on volume alone). An option that changes no element's
   effective capacity and no part of the network (the capacity report of the scenario
   with it equals the report without it, element by element) cannot move any cut, alone
   or with others, so cannot raise the volume delivered: it is left out of the packages
   (and listed alone as screened), unless an option that may help requires it. Options
   on rolling-stock pools are never called inert: the capacity report does not bound
   pools. A transit-time or cost target keeps them (a border-time cut changes no
   capacity, yet shortens transit and the time value of the cargo).
3. **Bound.** Cargo delivered in a year is at most, per group of flows of the capacity
   report (:func:`corridor_sim.capacity`), the lesser of its maximum flow and its
   demand; a package whose sum of these bounds (the maximum flows raised by ``margin``:
   effective capacities count an *average* year's downtime, so a mild year can beat
   them; the demand by :data:`CARRY_OVER`) falls short of the target cannot meet a
   volume target and is not simulated.
4. **Simulation.** The surviving packages, cheapest first (at most ``max_simulated`` of
   them), are simulated in batches of ``batch``, each package ``replications`` times
   with the seeds of every other (common random numbers,
   :func:`~corridor_sim.experiments.runner.run_grid`). A package meets the target when
   the 95 % interval of its mean lies entirely on the right side: delivered ``ci_low >=
   target``, transit p95 and cost per unit ``ci_high <= target``. The first batch
   holding one stops the search; the cheapest of them is the answer (every cheaper
   package was simulated before it and failed, or was screened out).
5. **Steps.** The chosen options are added one at a time, cheapest first, and each step
   simulated, to say what binds after each ("after +2 ferries, Aktau's yard binds").

The Pareto frontier is taken over every package simulated (capex, delivered, transit
p95): a package is on it unless another is no dearer, delivers no less and is no slower,
and is better in one of them.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from corridor_sim.experiments.confidence import LEVEL
from corridor_sim.experiments.executors import Executor
from corridor_sim.experiments.plan_measure import half_width, measure, meets
from corridor_sim.experiments.plan_result import (
    Package,
    PlanResult,
    Target,
    label,
    most_delivered,
)
from corridor_sim.experiments.plan_screen import (
    CARRY_OVER,
    MAX_OPTIONS,
    inert,
    maximal,
    moves_no_cut,
    packages,
    volume_bound,
)
from corridor_sim.experiments.seeds import scenario_seed
from corridor_sim.model.catalogue import Catalogue
from corridor_sim.model.scenario import Scenario
from corridor_sim.scenario.catalogue import apply_options


def plan(
    scenario: Scenario,
    catalogue: Catalogue,
    *,
    target: Target,
    budget: float | None = None,
    replications: int = 10,
    seed: int | None = None,
    batch: int = 4,
    margin: float = 0.1,
    max_simulated: int = 40,
    steps: bool = True,
    year: int | None = None,
    years: int | None = None,
    discount_rate: float = 0.06,
    reach: bool = True,
    workers: int | None = None,
    executor: Executor = None,
    progress: bool = True,
) -> PlanResult:
    """The cheapest package of ``catalogue``'s options that meets ``target`` within
    ``budget`` (capex), by the method of the module docstring.

    Cheapest by capex, or with ``years`` by whole-life cost: capex plus ``years`` of opex
    discounted at ``discount_rate`` (:meth:`~corridor_sim.model.catalogue.Catalogue.cost`).
    With ``year``, only options available (in service) by that year are considered.
    With ``reach`` (a volume target alone), the largest packages are simulated first: if
    none of them meets the target, none can, and the search ends there."""
    import time

    started = time.perf_counter()
    seed = scenario_seed(scenario, seed)
    _check_target(scenario, target)

    def price(p: Package) -> float:
        if years is None:
            return catalogue.capex(p)
        return catalogue.cost(p, years, discount_rate=discount_rate)

    late = set() if year is None else set(catalogue.options) - set(catalogue.available(year))
    volume = target.delivered_t_per_yr is not None
    only_volume = volume and target.transit_p95_days is None and target.cost_per_unit_usd is None
    dropped = inert(scenario, catalogue) if only_volume else set()
    dropped -= {r for o in catalogue.options if o not in dropped for r in catalogue.requires_all(o)}
    useful = [o for o in catalogue.options if o not in dropped | late]
    candidates = packages(catalogue, budget, useful, price)
    alone = [
        (o,)
        for o in sorted(dropped - late)
        if budget is None or catalogue.options[o].capex <= budget
    ]
    records: list[dict[str, Any]] = []
    built: dict[Package, Scenario] = {}
    to_run: list[Package] = []

    def record(p: Package, screened: str = "") -> dict[str, Any]:
        """A package's row of the answer, before it is screened or simulated."""
        rec = {
            "package": label(p),
            "options": p,
            "capex": catalogue.capex(p),
            "cost": price(p),
            "bound_t_per_yr": math.nan,
            "screened": screened,
            "simulated": False,
        }
        records.append(rec)
        return rec

    for p in candidates:
        record(p)
    for p in alone:
        record(p, "inert option")
    by_package = {r["options"]: r for r in records}
    bounds: dict[Package, float] = {}
    where = {"workers": workers, "executor": executor, "progress": progress}
    chosen: Package | None = None
    simulated = 0
    stopped = False
    unreachable = False
    if only_volume and reach:
        tops = maximal(catalogue, candidates)
        top_bounds = {}
        for p in tops:
            variant = apply_options(scenario, catalogue, p) if p else scenario
            built[p] = variant
            top_bounds[p] = bounds[p] = volume_bound(variant, margin)
        tops = sorted(tops, key=lambda p: -top_bounds[p])[:batch]
        for p in tops:
            by_package[p]["bound_t_per_yr"] = top_bounds[p]
        _simulate(tops, built, by_package, target, seed, replications, where)
        simulated += len(tops)
        # none can, if even the high end of every largest package's interval falls short
        # (not merely its low end: an option may lower delivery, so a smaller package
        # can deliver more than the largest)
        assert target.delivered_t_per_yr is not None
        unreachable = all(
            by_package[p]["delivered_mean"] + half_width(by_package[p]["delivered_hw"])
            < target.delivered_t_per_yr
            for p in tops
        )
    for p in [] if unreachable else candidates:
        if by_package[p]["simulated"]:  # one of the largest packages, simulated first
            if not by_package[p]["meets"]:
                continue
            if to_run:  # the cheaper packages waiting go first
                chosen = _simulate(to_run, built, by_package, target, seed, replications, where)
                simulated += len(to_run)
                to_run = []
            if chosen is None:
                chosen = p
            break
        if chosen is not None and price(p) > price(chosen):
            break
        if simulated + len(to_run) >= max_simulated:
            stopped = True
            break
        rec = by_package[p]
        variant = apply_options(scenario, catalogue, p) if p else scenario
        if volume:
            assert target.delivered_t_per_yr is not None
            rec["bound_t_per_yr"] = bounds[p] = volume_bound(variant, margin)
            if rec["bound_t_per_yr"] < target.delivered_t_per_yr:
                rec["screened"] = "bound below target"
                continue
        if only_volume:
            idle = moves_no_cut(p, bounds, scenario, catalogue, margin)
            if idle:
                rec["screened"] = f"{idle} moves no cut"
                continue
        built[p] = variant
        to_run.append(p)
        if len(to_run) >= batch or p == candidates[-1]:
            chosen = _simulate(to_run, built, by_package, target, seed, replications, where)
            simulated += len(to_run)
            to_run = []
            if chosen is not None:
                break
    if chosen is None and to_run:
        chosen = _simulate(to_run, built, by_package, target, seed, replications, where)
    stepped = pd.DataFrame()
    top = most_delivered(pd.DataFrame(records))
    best = chosen if chosen is not None else (top["options"] if top is not None else None)
    if steps and best:
        stepped = _steps(scenario, catalogue, best, target, seed, replications, where)
        for row in stepped.to_dict("records"):  # each step is a package simulated too
            key = tuple(sorted(row["options"]))
            if key not in by_package:
                by_package[key] = record(key)
            rec = by_package[key]
            if not rec["simulated"]:
                kpis_ = {k: v for k, v in row.items() if k not in ("package", "options", "capex")}
                rec.update(kpis_, simulated=True, screened="", meets=meets(row, target))
    table_ = pd.DataFrame(records)
    frontier = pareto(table_[table_["simulated"]])
    return PlanResult(
        scenario.name,
        target,
        budget,
        replications,
        seed,
        chosen,
        table_,
        frontier,
        stepped,
        time.perf_counter() - started,
        max_simulated if stopped and chosen is None else None,
        "capex"
        if years is None
        else f"whole-life cost (capex + {years} years of opex at {discount_rate:.1%})",
        year,
        unreachable,
    )


def _check_target(scenario: Scenario, target: Target) -> None:
    """The target's flows exist; a cost target needs a costs section."""
    for name in (target.flow, *target.flows):
        if name and name not in scenario.flows:
            raise ValueError(
                f"target flow {name!r} is not in scenario {scenario.name!r} "
                f"(flows: {', '.join(sorted(scenario.flows))})"
            )
    if target.cost_per_unit_usd is not None and scenario.costs is None:
        raise ValueError(
            f"a cost target needs the scenario's costs section; {scenario.name!r} has none"
        )


def _simulate(
    batch: list[Package],
    built: dict[Package, Scenario],
    records: dict[Package, dict[str, Any]],
    target: Target,
    seed: int,
    n: int,
    where: dict[str, Any],
) -> Package | None:
    got = measure([built[p] for p in batch], target, seed, n, where)
    for p, g in zip(batch, got, strict=True):
        records[p].update(g, simulated=True)
        records[p]["meets"] = meets(records[p], target)
    passing = [p for p in batch if records[p]["meets"]]
    return passing[0] if passing else None


def _steps(
    scenario: Scenario,
    catalogue: Catalogue,
    chosen: Package,
    target: Target,
    seed: int,
    n: int,
    where: dict[str, Any],
) -> pd.DataFrame:
    pending = sorted(chosen, key=lambda o: (catalogue.options[o].capex, o))
    order: list[str] = []
    while pending:  # cheapest first, each after the options it requires
        ready = next(
            (o for o in pending if set(catalogue.options[o].requires) & set(chosen) <= set(order)),
            pending[0],
        )
        order.append(ready)
        pending.remove(ready)
    prefixes: list[Package] = [()]
    for o in order:
        prefixes.append((*prefixes[-1], o))
    feasible = [p for p in prefixes if catalogue.feasible(p)]
    runs = [apply_options(scenario, catalogue, p) if p else scenario for p in feasible]
    got = measure(runs, target, seed, n, where)
    return pd.DataFrame(
        [
            {"package": label(p), "options": p, "capex": catalogue.capex(p), **g}
            for p, g in zip(feasible, got, strict=True)
        ]
    )


def pareto(simulated: pd.DataFrame) -> pd.DataFrame:
    """The packages no other beats: not dearer, delivering no less, no slower (transit
    p95, where measured), and better in one."""
    if simulated.empty:
        return simulated
    rows = simulated.reset_index(drop=True)
    keep = []
    for i, a in rows.iterrows():
        dominated = False
        for j, b in rows.iterrows():
            if i == j:
                continue
            no_worse = (
                b["capex"] <= a["capex"]
                and b["delivered_mean"] >= a["delivered_mean"]
                and not (b.get("p95_mean", math.nan) > a.get("p95_mean", math.nan))
            )
            better = (
                b["capex"] < a["capex"]
                or b["delivered_mean"] > a["delivered_mean"]
                or b.get("p95_mean", math.nan) < a.get("p95_mean", math.nan)
            )
            if no_worse and better:
                dominated = True
                break
        keep.append(not dominated)
    return rows[keep].sort_values("capex", kind="stable").reset_index(drop=True)


__all__ = [
    "CARRY_OVER",
    "LEVEL",
    "MAX_OPTIONS",
    "PlanResult",
    "Target",
    "inert",
    "meets",
    "packages",
    "pareto",
    "plan",
    "volume_bound",
]
