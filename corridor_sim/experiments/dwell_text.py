"""The "Border dwell" section of ``corridor-sim run``: hours per batch at each dwell
stage of a node, their total and the whole time at the node (mean ± 95% CI)."""

from __future__ import annotations

import pandas as pd

from corridor_sim.experiments.confidence import summarise_by
from corridor_sim.experiments.kpis import subject_runs
from corridor_sim.model.scenario import Scenario
from corridor_sim.texttable import pm, table

#: how the two rows after a node's stages are shown
SHOWN = {"total": "total", "at_node": "at node, with the wait"}


def dwell_lines(runs: pd.DataFrame, scenario: Scenario) -> list[str]:
    """One row per node and dwell stage, then its total and its time at the node; no
    lines when no node has dwell stages."""
    per_run = subject_runs(runs, "dwell")
    if per_run.empty:
        return []
    stages = summarise_by(per_run, "subject")
    rows = []
    for _, r in stages.iterrows():
        node, _, stage = str(r["subject"]).partition("/")
        spec = scenario.nodes.get(node)
        held = {s.name: s.holds_server for s in spec.dwell} if spec is not None else {}
        server = "" if stage not in held else ("yes" if held[stage] else "no")
        rows.append(
            [
                node,
                SHOWN.get(stage, stage),
                server,
                pm(r["mean_h_mean"], r["mean_h_half_width"], 1),
                pm(r["p95_h_mean"], r["p95_h_half_width"], 1),
            ]
        )
    return [
        "Border dwell (hours per train; 'holds track': whether the stage occupies a server)",
        *table(["node", "stage", "holds track", "mean h", "p95 h"], rows, "lllrr"),
        "",
    ]
