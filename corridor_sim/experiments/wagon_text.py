"""The "Wagon pools" section of ``corridor-sim run``: per wagon pool, its use, the cargo
it loaded, how long cargo waited for wagons and the wagons' round trip (mean ± 95% CI)."""

from __future__ import annotations

import pandas as pd

from corridor_sim.experiments.confidence import summarise_by
from corridor_sim.experiments.kpis import subject_runs
from corridor_sim.model.scenario import Scenario
from corridor_sim.texttable import pm, table


def wagon_lines(runs: pd.DataFrame, scenario: Scenario) -> list[str]:
    """One row per wagon pool; no lines without pools."""
    per_run = subject_runs(runs, "wagons")
    if per_run.empty:
        return []
    pools = summarise_by(per_run, "subject")
    rows = []
    for _, r in pools.iterrows():
        spec = scenario.wagon_pools.get(str(r["subject"]))
        rows.append(
            [
                str(r["subject"]),
                "" if spec is None else f"{spec.wagons:,}",
                pm(100 * r["utilisation_mean"], 100 * r["utilisation_half_width"], 0),
                pm(r["loads_per_day_mean"], r["loads_per_day_half_width"], 1),
                pm(r["tonnes_per_day_mean"], r["tonnes_per_day_half_width"], 0),
                pm(r["wait_mean_h_mean"], r["wait_mean_h_half_width"], 1),
                pm(r["wait_p95_h_mean"], r["wait_p95_h_half_width"], 1),
                pm(r["round_trip_mean_h_mean"], r["round_trip_mean_h_half_width"], 1),
            ]
        )
    header = ["pool", "wagons", "in use %", "loads/day", "t/day", "wait h", "wait p95 h"]
    return [
        "Wagon pools (in use %: loaded or returning empty; wait per tonne for wagons at the "
        "load node; round trip from loading to free again)",
        *table([*header, "round trip h"], rows, "lrrrrrrr"),
        "",
    ]
