"""The one runner of every experiment: replications of scenarios, anywhere, as KPI rows.

Workers receive lean scenarios (without their source mapping) once, and small tasks (a
point, a replication index, a seed); each task runs one simulation and sends back its
KPI dict (:func:`~corridor_sim.experiments.kpis.kpis`, or another ``measure`` of a
result). Results come back in task order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from corridor_sim.experiments.executors import run_tasks
from corridor_sim.experiments.kpis import kpis
from corridor_sim.experiments.seeds import replication_seeds
from corridor_sim.model.scenario import Scenario
from corridor_sim.results.result import SimulationResult
from corridor_sim.results.simulate import simulate

Task = tuple[int, int, np.random.SeedSequence]  # point, replication, seed
#: what a run sends back: a flat dict of a result's numbers (a module-level function, so
#: that it pickles by reference)
Measure = Callable[[SimulationResult], dict[str, Any]]


def lean(scenario: Scenario) -> Scenario:
    """``scenario`` without its source mapping: what a worker needs, smaller to send."""
    return dataclasses.replace(scenario, raw={})


def run_point(shared: tuple[list[Scenario], bool, Measure], task: Task) -> dict[str, Any]:
    """Replication ``index`` of scenario ``point`` (a worker's job; module level so it
    pickles by reference): its measured dict."""
    scenarios, trace, measure = shared
    point, index, child = task
    result = simulate(scenarios[point], rng=np.random.default_rng(child), trace_activity=trace)
    return {"point": point, "replication": index, **measure(result)}


def sample_path(
    scenario: Scenario, seed: int, index: int, *, trace_activity: bool = False
) -> SimulationResult:
    """The full result of replication ``index`` of ``seed``: the run whose numbers are row
    ``index`` of :func:`run_grid` (spawned seeds do not depend on how many there are)."""
    child = replication_seeds(seed, index + 1)[index]
    return simulate(scenario, rng=np.random.default_rng(child), trace_activity=trace_activity)


def run_grid(
    scenarios: Sequence[Scenario],
    seed: int,
    replications: int,
    desc: str,
    *,
    trace_activity: bool = False,
    measure: Measure = kpis,
    **where: Any,
) -> pd.DataFrame:
    """KPIs (or what ``measure`` takes from each result) of ``replications`` runs of each
    scenario, replication ``i`` of every one with the same seed (common random numbers),
    sorted by point and replication. ``where``
    passes ``workers``, ``executor`` and ``progress`` to
    :func:`~corridor_sim.experiments.executors.run_tasks`."""
    seeds = replication_seeds(seed, replications)
    tasks = [(p, i, child) for p in range(len(scenarios)) for i, child in enumerate(seeds)]
    shared = ([lean(s) for s in scenarios], trace_activity, measure)
    rows = run_tasks(run_point, shared, tasks, desc=desc, **where)
    return (
        pd.DataFrame(rows)
        .sort_values(["point", "replication"], kind="stable")
        .reset_index(drop=True)
    )
