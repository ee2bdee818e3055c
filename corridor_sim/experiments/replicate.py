"""Independent replications of a scenario, every KPI with a 95% confidence interval.

Replication ``i`` runs with ``numpy.random.default_rng(SeedSequence(seed).spawn(n)[i])``:
its streams are independent of the other replications' and, within it, keyed by element
name, so the same replication of a changed scenario meets the same storms and arrivals
(common random numbers). Results depend only on ``seed`` and ``n``, never on where or in
which order the replications ran.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from corridor_sim.bottlenecks.ranking import SCORE_FORMULA, rank
from corridor_sim.experiments.confidence import numeric_columns, summarise
from corridor_sim.experiments.executors import Executor
from corridor_sim.experiments.runner import run_grid
from corridor_sim.experiments.seeds import scenario_seed
from corridor_sim.experiments.text import HEADLINE, cell, kpi_row
from corridor_sim.folders import write_folder
from corridor_sim.model.scenario import Scenario
from corridor_sim.scenario.variants import with_warmup
from corridor_sim.texttable import pm, table


@dataclass
class Replications:
    """``runs``: one row of KPIs per replication, by index; ``summary``: per KPI the mean,
    standard deviation and 95% Student-t interval (see :mod:`corridor_sim.experiments.kpis`
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

        return format_replications(self, top)

    def to_dir(self, path: str | Path) -> Path:
        """Write ``runs.csv``, ``summary.csv`` and ``replications.json``."""
        head = {
            "scenario": self.scenario,
            "seed": self.seed,
            "replications": self.n,
            "warmup_days": self.warmup_h / 24,
            "horizon_days": self.horizon_h / 24,
        }
        tables = {"runs": self.runs, "summary": self.summary}
        return write_folder(path, tables, "replications", head)


def replicate(
    scenario: Scenario,
    n: int = 10,
    *,
    seed: int | None = None,
    warmup_h: float | None = None,
    trace_activity: bool = False,
    workers: int | None = None,
    executor: Executor = None,
    progress: bool = True,
) -> Replications:
    """Run ``n`` independent replications of ``scenario`` and summarise every KPI.

    ``seed`` defaults to the scenario's; ``warmup_h`` overrides its warm-up (each
    replication discards it; ``mser_warmup_days`` says what the MSER-5 rule would
    have cut); ``trace_activity`` adds the shifting-bottleneck shares. ``workers``,
    ``executor`` and ``progress`` say where to run (:mod:`~corridor_sim.experiments.executors`).
    """
    if n < 1:
        raise ValueError(f"n must be >= 1 (got {n})")
    seed = scenario_seed(scenario, seed)
    scenario = with_warmup(scenario, warmup_h)
    where = {"workers": workers, "executor": executor, "progress": progress}
    grid = run_grid([scenario], seed, n, "replications", trace_activity=trace_activity, **where)
    runs = grid.drop(columns=["point"])
    summary = summarise(numeric_columns(runs, skip=["replication"]))
    s = scenario.settings
    return Replications(scenario.name, seed, n, s.warmup_h, s.horizon_h, runs, summary)


def format_replications(rep: Replications, top: int = 8) -> str:
    s = rep.summary
    mser = kpi_row(s, "mser_warmup_days")
    lines = [
        f"Replications of {rep.scenario}: {rep.n} runs, seed {rep.seed} "
        f"(numpy SeedSequence({rep.seed}).spawn({rep.n}))",
        f"Warm-up: the first {rep.warmup_h / 24:g} days of each run are discarded; statistics "
        f"cover the next {rep.horizon_h / 24:g} days."
        + (
            f" MSER-5 on the total queue would cut {pm(mser['mean'], mser['half_width'], 1)} days."
            if mser is not None and mser["n"]
            else ""
        ),
        "",
        "Headline (mean ± 95% CI half-width)",
    ]
    rows = [[label, cell(s, kpi, scale, d)] for kpi, label, scale, d in HEADLINE]
    lines += table(["kpi", "value"], rows, "lr")
    flows = sorted({k.split(":")[1] for k in s["kpi"] if k.startswith("flow:")})
    rows = [
        [
            f,
            cell(s, f"flow:{f}:delivered_t_per_yr", 1e-3, 1),
            cell(s, f"flow:{f}:transit_mean_days", 1, 1),
            cell(s, f"flow:{f}:transit_p95_days", 1, 1),
        ]
        for f in flows
    ]
    lines += ["", "Flows"]
    lines += table(["flow", "delivered kt/yr", "transit mean d", "transit p95 d"], rows, "lrrr")
    lines += ["", *_ranking(rep.runs, s, top)]
    return "\n".join(lines)


def _ranking(runs: pd.DataFrame, s: pd.DataFrame, top: int) -> list[str]:
    scores = rank(s[s["kpi"].str.endswith(":score")], by="mean")
    binding = Counter(runs["binding_element"]) if "binding_element" in runs else Counter()
    traced = any(k.endswith(":sole_share") for k in s["kpi"])
    rows = []
    for row in scores.head(top).itertuples():
        e = row.kpi.split(":")[1]
        cells = [
            str(row.rank),
            e,
            pm(row.mean, row.half_width, 2),
            cell(s, f"element:{e}:utilisation", 100, 0),
            cell(s, f"element:{e}:wait_share", 100, 0),
            cell(s, f"element:{e}:backlog_growth_days", 1, 1),
        ]
        if traced:
            cells += [
                cell(s, f"element:{e}:sole_share", 100, 0),
                cell(s, f"element:{e}:shifting_share", 100, 0),
            ]
        cells.append(f"{binding.get(e, 0)}/{len(runs)}")
        rows.append(cells)
    header = ["#", "element", "score", "util %", "wait share %", "backlog +days"]
    if traced:
        header += ["sole bn %", "shifting bn %"]
    header.append("binding in")
    return [
        f"Bottleneck ranking by mean score (top {len(rows)}; {SCORE_FORMULA})",
        *table(header, rows, "ll" + "r" * (len(header) - 2)),
    ]
