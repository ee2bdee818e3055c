"""The "Costs" section of ``corridor-sim run``: per flow, the shipper's door-to-door cost
per unit by kind and per tonne, and CO2 per tonne (mean ± 95% CI)."""

from __future__ import annotations

import pandas as pd

from corridor_sim.experiments.confidence import summarise_by
from corridor_sim.experiments.kpis import subject_runs
from corridor_sim.model.scenario import Scenario
from corridor_sim.texttable import pm, table

SHOWN = ("tariff_usd", "charges_usd", "time_usd", "carbon_usd", "total_usd", "total_usd_per_t")


def cost_lines(runs: pd.DataFrame, scenario: Scenario) -> list[str]:
    """One row per flow; no lines without a costs section."""
    per_run = subject_runs(runs, "cost")
    if per_run.empty or scenario.costs is None:
        return []
    flows = summarise_by(per_run, "subject")
    rows = []
    for _, r in flows.iterrows():
        spec = scenario.flows.get(str(r["subject"]))
        unit = "" if spec is None else scenario.commodities[spec.commodity].unit
        rows.append(
            [
                str(r["subject"]),
                unit,
                *(pm(r[f"{k}_mean"], r[f"{k}_half_width"], 0) for k in SHOWN),
                pm(r["co2_kg_per_t_mean"], r["co2_kg_per_t_half_width"], 1),
            ]
        )
    currency = scenario.costs.currency
    return [
        f"Costs ({currency} per unit delivered, by kind; the shipper's door-to-door cost: "
        "tariffs + charges + time value + carbon; operators' costs are not added)",
        *table(
            ["flow", "unit", "tariff", "charges", "time", "carbon", "total", "per t", "kg CO2/t"],
            rows,
            "llrrrrrrr",
        ),
        "",
    ]
