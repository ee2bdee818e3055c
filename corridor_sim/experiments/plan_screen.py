"""Screening for :func:`corridor_sim.plan` (steps 1-4 of its method): the packages a
catalogue allows, the analytic bound on the cargo a package can deliver, options that
change no capacity (inert), options that move no cut of a package, and the largest
packages (for the reach check). Pure functions of the scenario and catalogue: nothing
here simulates."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from corridor_sim.capacity.report import capacity
from corridor_sim.experiments.plan_result import Package
from corridor_sim.model.catalogue import Catalogue
from corridor_sim.model.scenario import Scenario
from corridor_sim.scenario.catalogue import apply_options

MAX_OPTIONS = 20  # 2^20 sets take about 5 s to enumerate on this machine


def packages(
    catalogue: Catalogue,
    budget: float | None,
    among: Iterable[str] | None = None,
    cost: Callable[[Package], float] | None = None,
) -> list[Package]:
    """Every feasible set of options (of ``among``, default all) whose capex is within
    ``budget``, cheapest first by ``cost`` (default capex), then fewest."""
    names = sorted(catalogue.options if among is None else among)
    if len(names) > MAX_OPTIONS:
        raise ValueError(
            f"the catalogue has {len(names)} options that could help; plan enumerates at most "
            f"{MAX_OPTIONS} (2^n packages): give it a smaller catalogue"
        )
    out = [
        combo
        for k in range(len(names) + 1)
        for combo in itertools.combinations(names, k)
        if catalogue.feasible(combo) and (budget is None or catalogue.capex(combo) <= budget + 1e-9)
    ]
    price = catalogue.capex if cost is None else cost
    return sorted(out, key=lambda p: (price(p), len(p), p))


#: cargo delivered in the statistics period may exceed what arrived in it by what arrived
#: during the warm-up and was delivered after it: a few days of the year at most
CARRY_OVER = 0.02


def volume_bound(scenario: Scenario, margin: float = 0.0) -> float:
    """An upper bound on the cargo ``scenario`` can deliver, t/yr: per group of flows of
    its capacity report, the lesser of the maximum flow (raised by ``margin``: a year
    milder than the average beats the effective capacities) and the demand (raised by
    :data:`CARRY_OVER`), summed."""
    flows = capacity(scenario).max_flow
    flows = flows[flows["group"] == "all cargo"]
    capped = pd.concat(
        [
            flows["max_flow_t_per_yr"] * (1 + margin),
            flows["demand_t_per_yr"] * (1 + CARRY_OVER),
        ],
        axis=1,
    ).min(axis=1)
    return float(capped.sum())


#: sections the capacity report does not read: an option touching them is never inert
UNBOUNDED = ("locomotive_pools", "wagon_pools")


def inert(scenario: Scenario, catalogue: Catalogue) -> set[str]:
    """The options that change no element's effective capacity and no part of the
    network: their capacity report equals the scenario's, element by element, and they
    touch nothing the report leaves out (:data:`UNBOUNDED`: rolling-stock pools)."""
    base = capacity(scenario).elements.set_index("element")["capacity_t_per_yr"]
    out = set()
    for name in catalogue.options:
        if not catalogue.feasible((name,)):
            continue
        if on_pools(catalogue, name):
            continue
        other = capacity(apply_options(scenario, catalogue, (name,))).elements
        changed = other.set_index("element")["capacity_t_per_yr"]
        if set(changed.index) == set(base.index) and all(
            _same(changed[e], base[e]) for e in base.index
        ):
            out.add(name)
    return out


def _same(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def maximal(catalogue: Catalogue, candidates: Sequence[Package]) -> list[Package]:
    """The packages of ``candidates`` to which no other option can be added (with the
    options it requires) and stay among them: the most a budget and the catalogue's
    exclusions allow."""
    present = {frozenset(p) for p in candidates}
    out = []
    for p in candidates:
        have = set(p)
        grows = (have | {o} | catalogue.requires_all(o) for o in catalogue.options if o not in have)
        if not any(frozenset(g) in present for g in grows):
            out.append(p)
    return out


def moves_no_cut(
    package: Package,
    bounds: dict[Package, float],
    scenario: Scenario,
    catalogue: Catalogue,
    margin: float,
) -> str | None:
    """An option of ``package`` that raises no capacity bound over the package without
    it (so moves no cut of it, and cannot make it meet a volume target it misses), or
    None. Options on rolling-stock pools, which the bound does not see, never count."""
    for option in package:
        rest = tuple(o for o in package if o != option)
        if on_pools(catalogue, option) or not catalogue.feasible(rest):
            continue
        if rest not in bounds:
            variant = apply_options(scenario, catalogue, rest) if rest else scenario
            bounds[rest] = volume_bound(variant, margin)
        if bounds[package] <= bounds[rest] * (1 + 1e-9):
            return option
    return None


def on_pools(catalogue: Catalogue, name: str) -> bool:
    option = catalogue.options[name]
    return any(
        str(p).startswith(UNBOUNDED) for p in (*option.changes, *option.adds, *option.extends)
    )
