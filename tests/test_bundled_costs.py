"""The bundled 2024 scenario's costs: they load, and every cargo flow has a positive
cost and CO2; the figure, the KPIs and the run text carry them."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import bundled_run

from corridor_sim import run
from corridor_sim.experiments.cost_kpis import COST_KPIS, cost_kpis
from corridor_sim.plotting import plot_costs
from corridor_sim.plotting.figures import figure_makers


def test_bundled_costs_load_and_every_cargo_flow_costs_something():
    scenario, result = bundled_run("middle_corridor_2024")
    assert scenario.costs is not None and scenario.costs.currency == "USD 2024"
    costs = result.costs.set_index("flow")
    assert set(costs.index) == set(result.flows["flow"])
    assert (costs["total_usd"] > 0).all()
    assert (costs["co2_t"] > 0).all()
    containers = costs[costs["unit"] == "TEU"]
    # the through rate is USD 1,250-1,625 per TEU China-Europe; inside the model, less
    assert containers["tariff_usd"].between(500, 1625).all()
    parts = costs[["tariff_usd", "charges_usd", "time_usd", "carbon_usd"]].sum(axis=1)
    assert parts.to_numpy() == pytest.approx(costs["total_usd"].to_numpy())
    assert (result.operator_costs["total_usd"] > 0).all()


def test_the_costs_figure_stacks_every_kind():
    _, result = bundled_run("middle_corridor_2024")
    assert "costs" in figure_makers(result)
    ax = plot_costs(result)
    assert len(ax.patches) == 4 * len(result.costs)
    assert ax.get_xlabel().startswith("USD per tonne")
    with pytest.raises(ValueError, match="per must be 't' or 'unit'"):
        plot_costs(result, per="kg")


def test_a_result_without_costs_has_no_costs_figure():
    _, result = bundled_run("teaching_two_ports")
    assert "costs" not in figure_makers(result)
    with pytest.raises(ValueError, match="no costs section"):
        plot_costs(result)


def test_cost_kpis_and_the_run_text():
    scenario, result = bundled_run("middle_corridor_2024")
    kpis = cost_kpis(result)
    assert len(kpis) == len(COST_KPIS) * len(result.costs)
    answer = run(scenario, replications=2, workers=1, progress=False)
    text = answer.summary()
    assert "Costs (USD 2024 per unit delivered" in text
    per_flow = answer.runs[answer.runs["scope"] == "cost"]
    assert isinstance(per_flow, pd.DataFrame) and len(per_flow) > 0
