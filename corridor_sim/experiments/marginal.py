"""Marginal value of capacity: the throughput one more unit of each element buys, and
what the cargo each investment of a catalogue lets through costs a tonne.

For every element that some flow uses, one unit more of its capacity: a vessel on a sea
link (one more of its most numerous vessel type), a berth of each berth type a port's
vessels use, one server at a border or terminal, +10% of a daily quota, of a rail line's
capacity and of a pipeline's capacity. Given an investment catalogue, each of its options
too, built in with the options it requires; its cost per tonne gained is its equivalent
annual cost over the gain (:mod:`~corridor_sim.experiments.marginal_cost`). Each change
runs with the baseline's replication seeds (common random numbers), and the gain is the
paired difference in cargo delivered a year, with its 95% interval.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from corridor_sim.experiments.compare import paired
from corridor_sim.experiments.executors import Executor
from corridor_sim.experiments.kpis import CORRIDOR, long_table
from corridor_sim.experiments.marginal_cost import (
    DISCOUNT_RATE,
    OPTION,
    UNIT,
    YEARS,
    costs,
    no_costs,
    option_scenarios,
)
from corridor_sim.experiments.marginal_result import MarginalValues
from corridor_sim.experiments.runner import run_grid
from corridor_sim.experiments.seeds import scenario_seed
from corridor_sim.model.catalogue import Catalogue, capital_recovery_factor
from corridor_sim.model.scenario import Scenario
from corridor_sim.scenario.increments import increments
from corridor_sim.scenario.variants import override, scale_demand


def marginal_value(
    scenario: Scenario,
    *,
    replications: int = 5,
    seed: int | None = None,
    demand: float = 1.0,
    catalogue: Catalogue | None = None,
    years: int = YEARS,
    discount_rate: float = DISCOUNT_RATE,
    workers: int | None = None,
    executor: Executor = None,
    progress: bool = True,
) -> MarginalValues:
    """Rank one more unit of each element's capacity by the cargo it lets through; with
    a ``catalogue``, each of its options too, with its cost per tonne gained.

    ``demand`` scales every flow first (at today's demand only an element that holds
    cargo back can gain anything). Gains are paired differences against the baseline
    with 95% Student-t intervals; see the module doc for the units tried. Each option is
    built in with the options it requires (``apply_options``), and costed by its
    equivalent annual cost, ``capex * r / (1 - (1 + r) ** -years) + opex`` (the capital
    recovery factor at the real rate ``r`` = ``discount_rate``, default 6 %, over
    ``years``, default 25), over the gain: money per tonne a year more delivered
    (:mod:`~corridor_sim.experiments.marginal_cost`). Runs 1 + increments + options
    scenarios, ``replications`` times each.

    Raises :class:`~corridor_sim.errors.ScenarioError` listing the options that do not
    apply to ``scenario``, and ValueError for ``years`` < 1 or ``discount_rate`` <= -1,
    before anything runs.
    """
    seed = scenario_seed(scenario, seed)
    changes = increments(scenario)
    options = []
    if catalogue is not None:
        capital_recovery_factor(discount_rate, years)  # refuse bad money before running
        options = option_scenarios(scenario, catalogue)
    scenarios = [
        scale_demand(scenario, demand),
        *(override(scenario, {**paths, "demand": demand}) for _, _, paths in changes),
        *(scale_demand(built, demand) for _, _, built in options),
    ]
    grid = run_grid(
        scenarios,
        seed,
        replications,
        "marginal value",
        workers=workers,
        executor=executor,
        progress=progress,
    )
    runs = long_table(grid, ["point", "replication"])
    runs = runs[runs["scope"] == CORRIDOR]
    rows = []
    for i, (element, change, _) in enumerate(changes, start=1):
        row = {"kind": UNIT, "element": element, "change": change, **_gain(runs, i)}
        rows.append({**row, "with_options": "", **no_costs()} if catalogue is not None else row)
    if catalogue is not None:
        rows += _option_rows(runs, catalogue, options, 1 + len(changes), years, discount_rate)
    table = pd.DataFrame(rows)
    if catalogue is None and len(table):
        table = table.drop(columns="kind")
    if len(table):
        table = table.sort_values("gain_t_per_yr", ascending=False, kind="stable")
    table.insert(0, "rank", range(1, len(table) + 1))
    return MarginalValues(
        scenario.name,
        seed,
        replications,
        demand,
        table.reset_index(drop=True),
        catalogue=None if catalogue is None else catalogue.name,
        money="" if catalogue is None else catalogue.money,
        years=years,
        discount_rate=discount_rate,
    )


def _option_rows(
    runs: pd.DataFrame,
    catalogue: Catalogue,
    options: list[tuple[str, tuple[str, ...], Scenario]],
    first: int,
    years: int,
    discount_rate: float,
) -> list[dict[str, Any]]:
    """A row per option (run as points ``first``, ``first + 1``, ...): its gain and money."""
    rows = []
    for i, (name, package, _) in enumerate(options, start=first):
        gain = _gain(runs, i)
        with_ = [n for n in package if n != name]
        rows.append(
            {
                "kind": OPTION,
                "element": name,
                "change": f"{OPTION}, with {' + '.join(with_)}" if with_ else OPTION,
                "with_options": " + ".join(with_),
                **gain,
                **costs(
                    catalogue,
                    package,
                    gain["gain_t_per_yr"],
                    gain["ci_low"],
                    gain["ci_high"],
                    years=years,
                    discount_rate=discount_rate,
                ),
            }
        )
    return rows


def _gain(runs: pd.DataFrame, point: int) -> dict[str, Any]:
    """The paired gain of ``point`` over the baseline (point 0): cargo delivered a year
    with its 95 % interval, the change in mean transit time and delivered / offered."""
    d = paired(runs, 0, point).set_index("kpi")
    gain = d.loc["delivered_t_per_yr"]
    return {
        "gain_t_per_yr": gain["difference"],
        "half_width": gain["half_width"],
        "ci_low": gain["ci_low"],
        "ci_high": gain["ci_high"],
        "n": gain["n"],
        "transit_change_days": d.loc["transit_mean_days", "difference"],
        "delivered_ratio": d.loc["delivered_ratio", "variant_mean"],
    }


__all__ = ["MarginalValues", "marginal_value"]
