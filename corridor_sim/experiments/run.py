"""A scenario's answer: independent replications, every headline number with its 95% CI.

``run(scenario)`` is what ``corridor-sim run`` prints: ten replications by default,
through the one runner (:func:`~corridor_sim.experiments.runner.run_grid`) with seeds
``numpy SeedSequence(seed).spawn(n)`` (:mod:`~corridor_sim.experiments.seeds`), so the
numbers depend only on the scenario, ``seed`` and ``n``, never on ``workers``. Each
replication sends back :func:`~corridor_sim.experiments.kpis.run_kpis`; the
:class:`ReplicatedRun` holds them per replication and summarised: flows, the bottleneck
ranking by mean score (:func:`corridor_sim.bottlenecks.ranking.rank`), the binding
element and the mass balance of every replication. One replication's full result, for
figures, is :meth:`ReplicatedRun.sample_path`.

>>> import corridor_sim as cs
>>> teaching = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
>>> answer = cs.run(teaching, replications=3, workers=1, progress=False)
>>> answer.binding, answer.first_in
('port_a-port_b', 3)
>>> answer.runs.columns.tolist()
['replication', 'binding_element', 'scope', 'subject', 'kpi', 'value']
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from corridor_sim.experiments import run_tables, run_text
from corridor_sim.experiments.confidence import summarise
from corridor_sim.experiments.executors import Executor
from corridor_sim.experiments.kpis import CORRIDOR, by_name, long_table, run_kpis
from corridor_sim.experiments.runner import run_grid, sample_path
from corridor_sim.experiments.seeds import check_seed, scenario_seed
from corridor_sim.folders import write_folder
from corridor_sim.model.scenario import Scenario
from corridor_sim.results.result import SimulationResult

#: the subfolder of :meth:`ReplicatedRun.to_dir` holding one replication's full result
SAMPLE_DIR = "sample_path"


@dataclass
class ReplicatedRun:
    """``n`` replications of ``scenario`` from base ``seed``.

    Per replication: ``runs`` (tidy, one row per replication, KPI and subject:
    ``replication``, ``binding_element``, ``scope`` (corridor, flow or element),
    ``subject`` (the flow or element; empty for the corridor), ``kpi``, ``value``; the
    KPIs: :mod:`~corridor_sim.experiments.kpis`), and the same numbers one row per
    replication and flow (``flow_runs``) or element (``element_runs``), one column per
    KPI. Over replications: ``headline`` (per corridor KPI: ``scope``, ``subject``,
    ``kpi``, ``mean``, ``half_width`` of its 95% Student-t interval, ``ci_low``,
    ``ci_high``, ``n``, ``std``), ``flows`` (per flow, ``<kpi>_mean`` and
    ``<kpi>_half_width``) and ``ranking`` (the same per element, by mean score, with
    ``first_in``: in how many replications it ranked first). ``wall_s``: seconds taken.
    """

    scenario: Scenario = field(repr=False)
    seed: int
    n: int
    runs: pd.DataFrame = field(repr=False)
    flow_runs: pd.DataFrame = field(repr=False)
    element_runs: pd.DataFrame = field(repr=False)
    headline: pd.DataFrame = field(repr=False)
    flows: pd.DataFrame = field(repr=False)
    ranking: pd.DataFrame = field(repr=False)
    trace_activity: bool = False
    wall_s: float = 0.0
    _paths: dict[int, SimulationResult] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def name(self) -> str:
        """The scenario's name."""
        return self.scenario.name

    @property
    def binding(self) -> str:
        """The binding element: first by mean score over the replications."""
        return str(self.ranking.iloc[0]["element"]) if len(self.ranking) else ""

    @property
    def first_in(self) -> int:
        """In how many replications :attr:`binding` ranked first."""
        return int(self.ranking.iloc[0]["first_in"]) if len(self.ranking) else 0

    @property
    def seeds(self) -> str:
        """How the replications' seeds were made, as code."""
        return f"numpy SeedSequence({self.seed}).spawn({self.n})"

    def kpi(self, name: str) -> pd.Series:
        """The headline row (mean, half_width, ci_low, ci_high, n, std) of KPI ``name``."""
        return self.headline.set_index("kpi").loc[name]

    def __repr__(self) -> str:
        return run_text.run_repr(self)

    def _repr_html_(self) -> str:
        return run_text.run_html(self)

    def summary(self, top: int = 8) -> str:
        """A readable summary, every number as mean ± 95% CI half-width (what
        ``corridor-sim run`` prints)."""
        return run_text.format_run(self, top)

    def sample_path(self, index: int = 0) -> SimulationResult:
        """The full result of replication ``index`` (re-run here once, then kept; its
        numbers are the rows of replication ``index`` of :attr:`runs`): one sample path,
        e.g. for figures, not an answer."""
        if not 0 <= index < self.n:
            raise IndexError(f"replication index must be in 0..{self.n - 1} (got {index})")
        if index not in self._paths:
            self._paths[index] = sample_path(
                self.scenario, self.seed, index, trace_activity=self.trace_activity
            )
        return self._paths[index]

    def headline_dict(self) -> dict[str, Any]:
        """The answer as plain data (``summary.json``)."""
        return run_tables.headline_dict(self)

    def to_dir(self, path: str | Path, *, with_sample_path: bool = False) -> Path:
        """Write the tables (CSV) and ``summary.json`` into folder ``path``; with
        ``with_sample_path``, also re-run replication 0 and write its full result into
        ``path/sample_path/`` (a folder ``corridor-sim plot`` reads)."""
        tables = {
            "headline": self.headline,
            "flows": self.flows,
            "ranking": self.ranking,
            "runs": self.runs,
            "flow_runs": self.flow_runs,
            "element_runs": self.element_runs,
        }
        head = self.headline_dict()
        if with_sample_path:
            head["sample_path"] = {
                "folder": SAMPLE_DIR,
                "replication": 0,
                "seed": f"{self.seeds}[0]",
                "note": "one sample path, for figures; not an answer",
            }
        out = write_folder(path, tables, "summary", head)
        if with_sample_path:
            self.sample_path(0).to_dir(out / SAMPLE_DIR)
        return out


def run(
    scenario: Scenario,
    replications: int = 10,
    *,
    seed: int | None = None,
    trace_activity: bool = False,
    workers: int | None = None,
    executor: Executor = None,
    progress: bool = True,
) -> ReplicatedRun:
    """Run ``replications`` independent replications of ``scenario`` and summarise them.

    ``seed`` (a whole number >= 0) defaults to the scenario's; replication ``i`` runs with
    ``SeedSequence(seed).spawn(replications)[i]``. ``trace_activity`` adds the
    shifting-bottleneck shares to the ranking. ``workers``, ``executor`` and ``progress``
    say where to run (:mod:`~corridor_sim.experiments.executors`); they never change the
    numbers.
    """
    if isinstance(replications, bool) or not isinstance(replications, int) or replications < 1:
        raise ValueError(f"replications must be a whole number >= 1 (got {replications!r})")
    seed = check_seed(scenario_seed(scenario, seed))
    started = time.perf_counter()
    where = {"workers": workers, "executor": executor, "progress": progress}
    grid = run_grid(
        [scenario],
        seed,
        replications,
        "replications",
        trace_activity=trace_activity,
        measure=run_kpis,
        **where,
    )
    runs = long_table(grid.drop(columns="point"), ["replication", "binding_element"])
    flow_runs, element_runs = by_name(runs, "flow"), by_name(runs, "element")
    return ReplicatedRun(
        scenario=scenario,
        seed=seed,
        n=replications,
        runs=runs,
        flow_runs=flow_runs,
        element_runs=element_runs,
        headline=summarise(runs[runs["scope"] == CORRIDOR]),
        flows=run_tables.flow_table(flow_runs, scenario),
        ranking=run_tables.ranking_table(element_runs, runs, scenario),
        trace_activity=trace_activity,
        wall_s=time.perf_counter() - started,
    )
