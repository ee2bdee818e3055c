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
from corridor_sim.experiments.confidence import summarise
from corridor_sim.experiments.executors import Executor
from corridor_sim.experiments.kpis import long_table
from corridor_sim.experiments.runner import run_grid
from corridor_sim.experiments.seeds import scenario_seed
from corridor_sim.experiments.text import HEADLINE, cell, kpi_row, per_run, subjects
from corridor_sim.experiments.views import as_table, ci_note, clip, headline_table, seeds
from corridor_sim.folders import write_folder
from corridor_sim.htmlrepr import html_block
from corridor_sim.model.scenario import Scenario
from corridor_sim.scenario.variants import with_warmup
from corridor_sim.texttable import pm, table


@dataclass
class Replications:
    """``runs``: tidy, one row per replication, KPI and subject: ``replication``,
    ``binding_element`` (of that replication), ``scope`` (corridor, flow or element),
    ``subject`` (the flow or element; empty for the corridor), ``kpi`` and ``value``;
    ``summary``: per scope, subject and KPI the ``mean``, ``half_width`` of its 95%
    Student-t interval, ``ci_low``, ``ci_high``, ``n`` and ``std`` (the KPIs:
    :mod:`corridor_sim.experiments.kpis`)."""

    scenario: str
    seed: int
    n: int
    warmup_h: float
    horizon_h: float
    runs: pd.DataFrame
    summary: pd.DataFrame

    def kpi(self, name: str, subject: str = "", *, scope: str | None = None) -> pd.Series:
        """The summary row of KPI ``name`` of the corridor or of ``subject`` (a flow or an
        element; give ``scope`` if a flow and an element share the name)."""
        s = self.summary
        rows = s[(s["kpi"] == name) & (s["subject"] == subject)]
        if scope is not None:
            rows = rows[rows["scope"] == scope]
        if len(rows) != 1:
            where = f" of {subject!r}" if subject else ""
            raise KeyError(f"{len(rows)} rows of KPI {name!r}{where} in the summary")
        return rows.iloc[0]

    def __repr__(self) -> str:
        return replications_repr(self)

    def _repr_html_(self) -> str:
        return replications_html(self)

    def text(self, top: int = 8) -> str:
        """A readable summary (what ``corridor-sim replicate`` prints)."""

        return format_replications(self, top)

    def to_dir(self, path: str | Path) -> Path:
        """Write ``runs.csv``, ``summary.csv`` (both tidy) and ``replications.json``."""
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
    runs = long_table(grid.drop(columns="point"), ["replication", "binding_element"])
    summary = summarise(runs)
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
    rows = [
        [
            f,
            cell(s, "delivered_t_per_yr", 1e-3, 1, scope="flow", subject=f),
            cell(s, "transit_mean_days", 1, 1, scope="flow", subject=f),
            cell(s, "transit_p95_days", 1, 1, scope="flow", subject=f),
        ]
        for f in subjects(s, "flow")
    ]
    lines += ["", "Flows"]
    lines += table(["flow", "delivered kt/yr", "transit mean d", "transit p95 d"], rows, "lrrr")
    lines += ["", *_ranking(rep, top)]
    return "\n".join(lines)


def scores(summary: pd.DataFrame) -> pd.DataFrame:
    """The elements' mean scores of a tidy summary, ranked (highest first)."""
    s = summary
    return rank(s[(s["scope"] == "element") & (s["kpi"] == "score")], by="mean")


def bindings(runs: pd.DataFrame) -> Counter[str]:
    """In how many replications of a tidy runs table each element was binding."""
    if "binding_element" not in runs:
        return Counter()
    return Counter(per_run(runs, ["replication"])["binding_element"])


def ranking_rows(rep: Replications, top: int) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the ranking by mean score: every signal as mean ±
    half-width, and in how many runs each element was binding."""
    s = rep.summary
    binding = bindings(rep.runs)
    traced = bool((s["kpi"] == "sole_share").any())
    columns = [("utilisation", 100, 0), ("wait_share", 100, 0), ("backlog_growth_days", 1, 1)]
    if traced:
        columns += [("sole_share", 100, 0), ("shifting_share", 100, 0)]
    rows = []
    for row in scores(s).head(top).itertuples():
        e = str(row.subject)
        cells = [str(row.rank), e, pm(row.mean, row.half_width, 2)]
        cells += [cell(s, k, sc, d, scope="element", subject=e) for k, sc, d in columns]
        cells.append(f"{binding.get(e, 0)}/{rep.n}")
        rows.append(cells)
    header = ["#", "element", "score", "util %", "wait share %", "backlog +days"]
    if traced:
        header += ["sole bn %", "shifting bn %"]
    header.append("binding in")
    return header, rows


def _ranking(rep: Replications, top: int) -> list[str]:
    header, rows = ranking_rows(rep, top)
    return [
        f"Bottleneck ranking by mean score (top {len(rows)}; {SCORE_FORMULA})",
        *table(header, rows, "ll" + "r" * (len(header) - 2)),
    ]


def binding_line(rep: Replications) -> str:
    """The element first by mean score, its score and in how many runs it was binding."""
    ranked = scores(rep.summary)
    if ranked.empty:
        return "No elements."
    top = ranked.iloc[0]
    e = str(top["subject"])
    return (
        f"Binding element: {e}, first by mean score ({pm(top['mean'], top['half_width'], 2)}) "
        f"and binding in {bindings(rep.runs).get(e, 0)} of {rep.n} runs."
    )


def replications_repr(rep: Replications) -> str:
    ranked = scores(rep.summary)
    top = str(ranked.iloc[0]["subject"]) if len(ranked) else "-"
    delivered = cell(rep.summary, "delivered_t_per_yr", 1e-6, 3)
    return clip(
        f"<Replications {rep.scenario!r}: {rep.n} runs (seed {rep.seed}); delivered "
        f"{delivered} Mt/yr; binding: {top}>"
    )


def replications_html(rep: Replications, top: int = 5) -> str:
    header, rows = ranking_rows(rep, top)
    return html_block(
        f"Replications: {rep.scenario}",
        [
            f"{rep.n} runs, seeds {seeds(rep.seed, rep.n)}; the first {rep.warmup_h / 24:g} "
            f"days of each run are discarded, statistics cover the next "
            f"{rep.horizon_h / 24:g} days.",
            ci_note(rep.n),
            binding_line(rep),
        ],
        {
            "Headline": headline_table(rep.summary),
            f"Bottleneck ranking by mean score (top {len(rows)}; {SCORE_FORMULA})": as_table(
                header, rows
            ),
        },
    )
