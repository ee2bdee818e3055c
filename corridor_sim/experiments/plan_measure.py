"""What :func:`corridor_sim.plan` measures of each package it simulates (cargo delivered,
of the target's flows or all; diverted; in the system; a flow's transit p95 and cost per
unit, each a mean and 95 % half-width over the replications, with common random numbers)
and whether a package meets its target."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from corridor_sim.experiments.confidence import mean_ci
from corridor_sim.experiments.cost_kpis import cost_kpis
from corridor_sim.experiments.kpis import kpis, long_table
from corridor_sim.experiments.plan_result import Target
from corridor_sim.experiments.runner import run_grid
from corridor_sim.model.scenario import Scenario
from corridor_sim.results.result import SimulationResult


def measure(
    scenarios: Sequence[Scenario], target: Target, seed: int, n: int, where: dict[str, Any]
) -> list[dict[str, Any]]:
    """Per scenario: delivered (of the target's flows, or all), the corridor's cargo
    diverted to competing corridors (t/yr) and left in it at the end (t), the target
    flow's transit p95 and door-to-door cost per unit (mean, half-width), the binding
    element."""
    measure = plan_kpis if target.cost_per_unit_usd is not None else kpis
    grid = run_grid(list(scenarios), seed, n, "plan", measure=measure, **where)
    runs = long_table(grid, ["point", "replication"])
    out = []
    for point in range(len(scenarios)):
        mine = runs[runs["point"] == point]
        got: dict[str, Any] = {}
        if target.flows:
            rows = mine[
                (mine["scope"] == "flow")
                & mine["subject"].isin(target.flows)
                & (mine["kpi"] == "delivered_t_per_yr")
            ]
            delivered = rows.groupby("replication")["value"].sum()
        else:
            delivered = mine[(mine["scope"] == "corridor") & (mine["kpi"] == "delivered_t_per_yr")][
                "value"
            ]
        got["delivered_mean"], got["delivered_hw"], _ = mean_ci(delivered.tolist())
        corridor = mine[mine["scope"] == "corridor"]
        for kpi, key in (("diverted_t_per_yr", "diverted"), ("in_system_t", "in_system")):
            values = corridor[corridor["kpi"] == kpi]["value"].tolist()
            got[f"{key}_mean"], got[f"{key}_hw"], _ = mean_ci(values)
        got["p95_mean"], got["p95_hw"] = _flow_kpi(mine, "flow", target.flow, "transit_p95_days")
        got["cost_mean"], got["cost_hw"] = _flow_kpi(mine, "cost", target.flow, "total_usd")
        binding = grid[grid["point"] == point]["binding_element"]
        got["binding"] = binding.mode().iloc[0] if len(binding) else ""
        out.append(got)
    return out


def plan_kpis(result: SimulationResult) -> dict[str, float | str]:
    """The headline KPIs and the flows' costs of one run (a cost target's measure)."""
    return {**kpis(result), **cost_kpis(result)}


def _flow_kpi(runs: pd.DataFrame, scope: str, flow: str | None, kpi: str) -> tuple[float, float]:
    """Mean and 95 % half-width over replications of ``flow``'s ``kpi`` (NaN: none)."""
    if not flow:
        return math.nan, math.nan
    rows = runs[(runs["scope"] == scope) & (runs["subject"] == flow) & (runs["kpi"] == kpi)]
    if rows.empty:
        return math.nan, math.nan
    mean, hw, _ = mean_ci(rows["value"].tolist())
    return mean, hw


def meets(row: Mapping[str, Any], target: Target) -> bool:
    """True if the 95 % interval of each target's mean lies on its right side."""
    ok = True
    if target.delivered_t_per_yr is not None:
        low = row["delivered_mean"] - half_width(row["delivered_hw"])
        ok = ok and low >= target.delivered_t_per_yr
    if target.transit_p95_days is not None:
        high = row["p95_mean"] + half_width(row["p95_hw"])
        ok = ok and high <= target.transit_p95_days
    if target.cost_per_unit_usd is not None:
        high = row["cost_mean"] + half_width(row["cost_hw"])
        ok = ok and high <= target.cost_per_unit_usd
    return bool(ok)


def half_width(value: float) -> float:
    """A 95 % half-width, 0 where none was measured (NaN: one replication)."""
    return 0.0 if math.isnan(value) else value
