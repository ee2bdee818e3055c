"""The "Passing loops" section of ``corridor-sim run``: per single-track rail line, the
trains that ran it, those that waited for a section and their waits (mean ± 95% CI)."""

from __future__ import annotations

import pandas as pd

from corridor_sim.experiments.confidence import summarise_by
from corridor_sim.experiments.kpis import subject_runs
from corridor_sim.model.network import RailLink
from corridor_sim.model.scenario import Scenario
from corridor_sim.texttable import pm, table

BUSIEST = "busiest_section_share"


def loop_lines(runs: pd.DataFrame, scenario: Scenario) -> list[str]:
    """One row per single-track rail line; no lines when there is none."""
    per_run = subject_runs(runs, "loops")
    if per_run.empty:
        return []
    lines = summarise_by(per_run, "subject")
    rows = []
    for _, r in lines.iterrows():
        link = scenario.links.get(str(r["subject"]))
        loops = str(link.track.passing_loops) if isinstance(link, RailLink) else ""
        rows.append(
            [
                str(r["subject"]),
                loops,
                pm(r["trains_mean"], r["trains_half_width"], 0),
                pm(r["waited_trains_mean"], r["waited_trains_half_width"], 0),
                pm(r["wait_mean_h_mean"], r["wait_mean_h_half_width"], 2),
                pm(r["wait_p95_h_mean"], r["wait_p95_h_half_width"], 2),
                pm(100 * r[f"{BUSIEST}_mean"], 100 * r[f"{BUSIEST}_half_width"], 0),
            ]
        )
    header = ["line", "loops", "trains", "waited", "wait mean h", "wait p95 h"]
    return [
        "Passing loops (single-track lines: trains waiting for a section, hours per train)",
        *table([*header, "busiest section %"], rows, "lrrrrrr"),
        "",
    ]
