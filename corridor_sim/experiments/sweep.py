"""Parameter sweeps: every combination of parameter values, each with replications.

>>> import corridor_sim as cs
>>> s = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
>>> result = cs.sweep(s, {"demand": [1, 2]}, replications=2, progress=False, workers=1)
>>> result.points.to_dict("records")
[{'point': 0, 'demand': 1}, {'point': 1, 'demand': 2}]
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from corridor_sim.experiments.confidence import summarise_points
from corridor_sim.experiments.executors import Executor
from corridor_sim.experiments.runner import run_grid
from corridor_sim.experiments.seeds import scenario_seed
from corridor_sim.experiments.text import cell
from corridor_sim.folders import write_folder
from corridor_sim.model.scenario import Scenario
from corridor_sim.scenario.variants import override
from corridor_sim.texttable import table


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

        return format_sweep(self)

    def to_dir(self, path: str | Path) -> Path:
        """Write ``points.csv``, ``runs.csv``, ``summary.csv`` and ``sweep.json``."""
        head = {
            "scenario": self.scenario,
            "seed": self.seed,
            "replications": self.replications,
            "parameters": self.parameters,
        }
        tables = {"points": self.points, "runs": self.runs, "summary": self.summary}
        return write_folder(path, tables, "sweep", head)


def sweep(
    scenario: Scenario,
    grid: Mapping[str, Sequence[Any]],
    *,
    replications: int = 5,
    seed: int | None = None,
    workers: int | None = None,
    executor: Executor = None,
    progress: bool = True,
) -> Sweep:
    """Run every combination of the values in ``grid`` with ``replications`` each.

    ``grid`` maps dotted paths into the scenario mapping (e.g.
    ``"links.aktau-alat.fleet[0].count": [4, 5, 6]``) or ``"demand"`` (a multiplier of
    every flow's volume) to the values to try; see :mod:`corridor_sim.scenario.variants`.
    Replication ``i`` of every point uses the same seed, so points differ only by the
    parameters (common random numbers). Each point is validated before any run starts.
    """
    if not grid:
        raise ValueError("grid must name at least one parameter")
    seed = scenario_seed(scenario, seed)
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
    summary = points.merge(summarise_points(runs, skip=names), on="point")
    return Sweep(scenario.name, seed, replications, names, points, runs, summary)


def format_sweep(sw: Sweep) -> str:
    lines = [
        f"Sweep of {sw.scenario}: {len(sw.points)} points x {sw.replications} replications, "
        f"seed {sw.seed} (the same seeds at every point)",
        "",
    ]
    rows = []
    for p in sw.points.itertuples(index=False):
        s = sw.summary[sw.summary["point"] == p.point]
        runs = sw.runs[sw.runs["point"] == p.point]
        binding = Counter(runs["binding_element"]).most_common(1)[0]
        rows.append(
            [str(p.point)]
            + [str(v) for v in list(p)[1:]]
            + [
                cell(s, "delivered_t_per_yr", 1e-6, 3),
                cell(s, "delivered_ratio", 100, 1),
                cell(s, "transit_mean_days", 1, 2),
                f"{binding[0]} ({binding[1]}/{len(runs)})",
            ]
        )
    header = [
        "point",
        *sw.parameters,
        "delivered Mt/yr",
        "delivered/offered %",
        "transit mean d",
        "binding element",
    ]
    lines += table(header, rows, "r" + "l" * len(sw.parameters) + "rrrl")
    return "\n".join(lines)
