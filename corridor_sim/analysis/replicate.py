"""Independent replications of a scenario, every KPI with a 95% confidence interval.

Replication ``i`` runs with ``numpy.random.default_rng(SeedSequence(seed).spawn(n)[i])``:
its streams are independent of the other replications' and, within it, keyed by element
name, so the same replication of a changed scenario meets the same storms and arrivals
(common random numbers). Results depend only on ``seed`` and ``n``, never on where or in
which order the replications ran.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from corridor_sim.analysis.confidence import numeric_columns, summarise
from corridor_sim.analysis.executors import run_tasks
from corridor_sim.analysis.kpis import kpis
from corridor_sim.engine.simulation import simulate
from corridor_sim.model.scenario import Scenario


def replication_seeds(seed: int, n: int) -> list[np.random.SeedSequence]:
    """The seed sequences of replications ``0 .. n-1`` of ``seed``."""
    return np.random.SeedSequence(seed).spawn(n)


def base_seed(scenario: Scenario, seed: int | None) -> int:
    """``seed``, or the scenario's own; an error if neither is set."""
    if seed is None:
        seed = scenario.settings.seed
    if seed is None:
        raise ValueError(f"scenario {scenario.name!r} has no simulation.seed; pass seed=")
    return seed


def run_one(shared: tuple[Scenario, bool], task: tuple[int, Any]) -> dict[str, Any]:
    """Run one replication and return its KPI dict (a worker's job; module level so it
    pickles by reference)."""
    scenario, trace = shared
    index, child = task
    result = simulate(scenario, rng=np.random.default_rng(child), trace_activity=trace)
    return {"replication": index, **kpis(result)}


def with_warmup(scenario: Scenario, warmup_h: float | None) -> Scenario:
    """``scenario`` with its warm-up set to ``warmup_h`` hours (unchanged if None)."""
    if warmup_h is None:
        return scenario
    if warmup_h < 0:
        raise ValueError(f"warmup_h must be >= 0 (got {warmup_h})")
    settings = dataclasses.replace(scenario.settings, warmup_h=float(warmup_h))
    return dataclasses.replace(scenario, settings=settings)


@dataclass
class Replications:
    """``runs``: one row of KPIs per replication, by index; ``summary``: per KPI the mean,
    standard deviation and 95% Student-t interval (see :mod:`corridor_sim.analysis.kpis`
    for the names)."""

    scenario: str
    seed: int
    n: int
    warmup_h: float
    horizon_h: float
    runs: pd.DataFrame
    summary: pd.DataFrame

    def kpi(self, name: str) -> pd.Series:
        """The summary row of KPI ``name``."""
        return self.summary.set_index("kpi").loc[name]

    def text(self, top: int = 8) -> str:
        """A readable summary (what ``corridor-sim replicate`` prints)."""
        from corridor_sim.analysis.experiment_text import format_replications

        return format_replications(self, top)

    def to_dir(self, path: str | Path) -> Path:
        """Write ``runs.csv``, ``summary.csv`` and ``replications.json``."""
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        self.runs.to_csv(out / "runs.csv", index=False)
        self.summary.to_csv(out / "summary.csv", index=False)
        head = {
            "scenario": self.scenario,
            "seed": self.seed,
            "replications": self.n,
            "warmup_days": self.warmup_h / 24,
            "horizon_days": self.horizon_h / 24,
        }
        (out / "replications.json").write_text(json.dumps(head, indent=2))
        return out


def replicate(
    scenario: Scenario,
    n: int = 10,
    *,
    seed: int | None = None,
    warmup_h: float | None = None,
    trace_activity: bool = False,
    workers: int | None = None,
    executor: Any = None,
    progress: bool = True,
) -> Replications:
    """Run ``n`` independent replications of ``scenario`` and summarise every KPI.

    ``seed`` defaults to the scenario's; ``warmup_h`` overrides its warm-up (each
    replication discards it; ``mser_warmup_days`` says what the MSER-5 rule would
    have cut); ``trace_activity`` adds the shifting-bottleneck shares. ``workers``,
    ``executor`` and ``progress`` say where to run (:mod:`~corridor_sim.analysis.executors`).
    """
    if n < 1:
        raise ValueError(f"n must be >= 1 (got {n})")
    seed = base_seed(scenario, seed)
    scenario = with_warmup(scenario, warmup_h)
    tasks = list(enumerate(replication_seeds(seed, n)))
    rows = run_tasks(
        run_one,
        (scenario, trace_activity),
        tasks,
        workers=workers,
        executor=executor,
        progress=progress,
        desc="replications",
    )
    runs = pd.DataFrame(rows).sort_values("replication", kind="stable").reset_index(drop=True)
    summary = summarise(numeric_columns(runs, skip=["replication"]))
    s = scenario.settings
    return Replications(scenario.name, seed, n, s.warmup_h, s.horizon_h, runs, summary)
