"""Parameter sweeps: every combination of parameter values, each with replications.

>>> import corridor_sim as cs
>>> s = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
>>> result = cs.sweep(s, {"demand": [1, 2]}, replications=2, progress=False, workers=1)
>>> result.points.to_dict("records")
[{'point': 0, 'demand': 1}, {'point': 1, 'demand': 2}]
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from corridor_sim.analysis.confidence import numeric_columns, summarise
from corridor_sim.analysis.executors import run_tasks
from corridor_sim.analysis.kpis import kpis
from corridor_sim.analysis.replicate import base_seed, replication_seeds
from corridor_sim.analysis.variants import override
from corridor_sim.engine.simulation import simulate
from corridor_sim.model.scenario import Scenario


def lean(scenario: Scenario) -> Scenario:
    """``scenario`` without its source mapping: what a worker needs, smaller to send."""
    return dataclasses.replace(scenario, raw={})


def run_point(shared: list[Scenario], task: tuple[int, int, Any]) -> dict[str, Any]:
    """Replication ``index`` of sweep point ``point`` (a worker's job)."""
    point, index, child = task
    result = simulate(shared[point], rng=np.random.default_rng(child))
    return {"point": point, "replication": index, **kpis(result)}


def run_grid(
    scenarios: Sequence[Scenario], seed: int, replications: int, desc: str, **where: Any
) -> pd.DataFrame:
    """KPIs of ``replications`` runs of each scenario, replication ``i`` of every one with
    the same seed (common random numbers), sorted by point and replication."""
    seeds = replication_seeds(seed, replications)
    tasks = [(p, i, child) for p in range(len(scenarios)) for i, child in enumerate(seeds)]
    rows = run_tasks(run_point, [lean(s) for s in scenarios], tasks, desc=desc, **where)
    return (
        pd.DataFrame(rows)
        .sort_values(["point", "replication"], kind="stable")
        .reset_index(drop=True)
    )


@dataclass
class Sweep:
    """``points``: the parameter values of each point; ``runs``: KPIs per point and
    replication; ``summary``: per point and KPI the mean and 95% interval."""

    scenario: str
    seed: int
    replications: int
    parameters: list[str]
    points: pd.DataFrame
    runs: pd.DataFrame
    summary: pd.DataFrame

    def text(self) -> str:
        """A readable table of the headline KPIs per point (``corridor-sim sweep``)."""
        from corridor_sim.analysis.experiment_text import format_sweep

        return format_sweep(self)

    def to_dir(self, path: str | Path) -> Path:
        """Write ``points.csv``, ``runs.csv``, ``summary.csv`` and ``sweep.json``."""
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        self.points.to_csv(out / "points.csv", index=False)
        self.runs.to_csv(out / "runs.csv", index=False)
        self.summary.to_csv(out / "summary.csv", index=False)
        head = {
            "scenario": self.scenario,
            "seed": self.seed,
            "replications": self.replications,
            "parameters": self.parameters,
        }
        (out / "sweep.json").write_text(json.dumps(head, indent=2))
        return out


def sweep(
    scenario: Scenario,
    grid: Mapping[str, Sequence[Any]],
    *,
    replications: int = 5,
    seed: int | None = None,
    workers: int | None = None,
    executor: Any = None,
    progress: bool = True,
) -> Sweep:
    """Run every combination of the values in ``grid`` with ``replications`` each.

    ``grid`` maps dotted paths into the scenario mapping (e.g.
    ``"links.aktau-alat.fleet[0].count": [4, 5, 6]``) or ``"demand"`` (a multiplier of
    every flow's volume) to the values to try; see :mod:`corridor_sim.analysis.variants`.
    Replication ``i`` of every point uses the same seed, so points differ only by the
    parameters (common random numbers). Each point is validated before any run starts.
    """
    if not grid:
        raise ValueError("grid must name at least one parameter")
    seed = base_seed(scenario, seed)
    names = list(grid)
    combos = list(itertools.product(*(list(grid[n]) for n in names)))
    scenarios = [override(scenario, dict(zip(names, combo, strict=True))) for combo in combos]
    points = pd.DataFrame(
        [{"point": i, **dict(zip(names, c, strict=True))} for i, c in enumerate(combos)]
    )
    runs = run_grid(
        scenarios,
        seed,
        replications,
        "sweep",
        workers=workers,
        executor=executor,
        progress=progress,
    )
    runs = points.merge(runs, on="point")
    frames = []
    for p, group in runs.groupby("point", sort=True):
        table = summarise(numeric_columns(group, skip=["point", "replication", *names]))
        table.insert(0, "point", p)
        frames.append(table)
    summary = points.merge(pd.concat(frames, ignore_index=True), on="point")
    return Sweep(scenario.name, seed, replications, names, points, runs, summary)
