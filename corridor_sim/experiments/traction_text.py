"""The "Locomotives" section of ``corridor-sim run``: per locomotive pool, its use, the
trains it hauled and how long they waited for a locomotive (mean ± 95% CI)."""

from __future__ import annotations

import pandas as pd

from corridor_sim.experiments.confidence import summarise_by
from corridor_sim.experiments.kpis import subject_runs
from corridor_sim.model.scenario import Scenario
from corridor_sim.texttable import pm, table


def traction_lines(runs: pd.DataFrame, scenario: Scenario) -> list[str]:
    """One row per locomotive pool; no lines without pools."""
    per_run = subject_runs(runs, "locomotives")
    if per_run.empty:
        return []
    pools = summarise_by(per_run, "subject")
    rows = []
    for _, r in pools.iterrows():
        spec = scenario.locomotive_pools.get(str(r["subject"]))
        fleet = "" if spec is None else f"{spec.in_service} of {spec.locomotives}"
        rows.append(
            [
                str(r["subject"]),
                fleet,
                pm(100 * r["utilisation_mean"], 100 * r["utilisation_half_width"], 0),
                pm(r["trains_per_day_mean"], r["trains_per_day_half_width"], 1),
                pm(r["wait_mean_h_mean"], r["wait_mean_h_half_width"], 1),
                pm(r["wait_p95_h_mean"], r["wait_p95_h_half_width"], 1),
                pm(100 * r["light_share_mean"], 100 * r["light_share_half_width"], 0),
            ]
        )
    return [
        "Locomotives (per pool: in service of the fleet; busy % hauling, running light or "
        "turned round; wait per train for a locomotive)",
        *table(
            ["pool", "in service", "busy %", "trains/day", "wait h", "wait p95 h", "light %"],
            rows,
            "llrrrrr",
        ),
        "",
    ]
