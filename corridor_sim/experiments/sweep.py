"""Parameter sweeps: every combination of parameter values, each with replications.

>>> import corridor_sim as cs
>>> s = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
>>> result = cs.sweep(s, {"demand": [1, 2]}, replications=2, progress=False, workers=1)
>>> result.points.to_dict("records")
[{'point': 0, 'demand': 1}, {'point': 1, 'demand': 2}]
>>> result.summary[["point", "demand", "scope", "subject", "kpi"]].head(1).to_dict("records")
[{'point': 0, 'demand': 1, 'scope': 'corridor', 'subject': '', 'kpi': 'delivered_t_per_yr'}]
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from corridor_sim.experiments.confidence import summarise
from corridor_sim.experiments.executors import Executor
from corridor_sim.experiments.kpis import long_table
from corridor_sim.experiments.runner import run_grid
from corridor_sim.experiments.seeds import scenario_seed
from corridor_sim.experiments.text import cell, per_run
from corridor_sim.experiments.views import as_table, ci_note, clip, seeds
from corridor_sim.folders import write_folder
from corridor_sim.htmlrepr import html_block
from corridor_sim.model.scenario import Scenario
from corridor_sim.scenario.variants import override
from corridor_sim.texttable import table


@dataclass
class Sweep:
    """``points``: the parameter values of each point; ``runs``: tidy, one row per point,
    replication, KPI and subject (``point``, the parameters, ``replication``,
    ``binding_element``, ``scope``, ``subject``, ``kpi``, ``value``); ``summary``: per
    point (with its parameters), scope, subject and KPI the ``mean``, the ``half_width``
    of its 95% interval, ``ci_low``, ``ci_high``, ``n`` and ``std``."""

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

    def __repr__(self) -> str:
        return sweep_repr(self)

    def _repr_html_(self) -> str:
        return sweep_html(self)

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
    grid = run_grid(
        scenarios,
        seed,
        replications,
        "sweep",
        workers=workers,
        executor=executor,
        progress=progress,
    )
    runs = points.merge(long_table(grid, ["point", "replication", "binding_element"]), on="point")
    summary = points.merge(summarise(runs, by=["point"]), on="point")
    return Sweep(scenario.name, seed, replications, names, points, runs, summary)


def sweep_rows(sw: Sweep) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the headline per point: its parameters, cargo delivered,
    delivered / offered and transit time (mean ± 95% CI half-width), and the element
    most often binding."""
    rows = []
    for p in sw.points.itertuples(index=False):
        s = sw.summary[sw.summary["point"] == p.point]
        runs = per_run(sw.runs[sw.runs["point"] == p.point], ["replication"])
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
    return header, rows


def format_sweep(sw: Sweep) -> str:
    header, rows = sweep_rows(sw)
    lines = [
        f"Sweep of {sw.scenario}: {len(sw.points)} points x {sw.replications} replications, "
        f"seed {sw.seed} (the same seeds at every point)",
        "",
        *table(header, rows, "r" + "l" * len(sw.parameters) + "rrrl"),
    ]
    return "\n".join(lines)


def binding_line(sw: Sweep) -> str:
    """The element binding most often at each point, in one line."""
    runs = per_run(sw.runs, ["point", "replication"])
    top = {
        int(p): Counter(g["binding_element"]).most_common(1)[0][0]
        for p, g in runs.groupby("point", sort=True)
    }
    if len(set(top.values())) == 1:
        return f"Binding element: {next(iter(top.values()))} at every point."
    return "Binding element by point: " + ", ".join(f"{p}: {e}" for p, e in top.items()) + "."


def sweep_repr(sw: Sweep) -> str:
    return clip(
        f"<Sweep {sw.scenario!r}: {len(sw.points)} points of {', '.join(sw.parameters)} x "
        f"{sw.replications} replications (seed {sw.seed})>"
    )


def sweep_html(sw: Sweep) -> str:
    header, rows = sweep_rows(sw)
    return html_block(
        f"Sweep: {sw.scenario}",
        [
            f"{len(sw.points)} points x {sw.replications} replications, seeds "
            f"{seeds(sw.seed, sw.replications)}, the same at every point (common random "
            "numbers).",
            ci_note(sw.replications),
            binding_line(sw),
        ],
        {"Headline per point": as_table(header, rows)},
    )
