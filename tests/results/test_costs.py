"""Costs and emissions of a run (corridor_sim.results.costs): hand sums on tiny networks."""

from __future__ import annotations

import pytest
from cost_helpers import RAIL_COSTS, rail_scenario
from helpers import build, flow, port, scenario, sea

from corridor_sim import simulate
from corridor_sim.model.costs import FUEL_STATE_OF
from corridor_sim.results.costs import cost_tables


def test_cost_per_unit_on_a_tiny_network_equals_the_hand_sum():
    """Tariff 0.05 USD/t/km x 60 t x 100 km = 300; charge 2 USD/t x 60 t = 120; time
    2 h on the train x 2 USD/h = 4; CO2 0.02 kg/t/km x 60 t x 100 km = 0.12 t, at 100 USD/t
    = 12: 436 USD per wagon, 436 / 60 per tonne."""
    result = simulate(build(rail_scenario(RAIL_COSTS)), seed=1)
    row = result.costs.set_index("flow").loc["f"]
    assert row["tariff_usd"] == pytest.approx(300.0)
    assert row["charges_usd"] == pytest.approx(120.0)
    assert row["time_usd"] == pytest.approx(4.0)
    assert row["co2_t"] == pytest.approx(0.12)
    assert row["carbon_usd"] == pytest.approx(12.0)
    assert row["total_usd"] == pytest.approx(436.0)
    assert row["total_usd_per_t"] == pytest.approx(436.0 / 60)
    assert row["co2_kg_per_t"] == pytest.approx(2.0)
    by_element = result.cost_elements.set_index("element")
    assert by_element.loc["a-b", "total_usd"] == pytest.approx(316.0)
    assert by_element.loc["b", "total_usd"] == pytest.approx(120.0)
    assert result.cost_elements["total_usd"].sum() == pytest.approx(row["total_usd"])


def test_a_dearer_carbon_price_reprices_without_a_new_run():
    """cost_tables re-prices a run: only the carbon part moves."""
    result = simulate(build(rail_scenario(RAIL_COSTS)), seed=1)
    dearer = build(rail_scenario({**RAIL_COSTS, "carbon_price": "200 USD/t"}))
    row = cost_tables(dearer, result).costs.set_index("flow").loc["f"]
    assert row["carbon_usd"] == pytest.approx(24.0)
    assert row["tariff_usd"] == pytest.approx(300.0)


SEA_COSTS = {
    "currency": "USD 2024",
    "fuels": {"MGO": {"co2": "3.206 t/t", "price": "700 USD/t"}},
    "vessels": {
        "a-b": {
            "fuel": "MGO",
            "burn": {"sailing": "24 t/day", "at_berth": "2.4 t/day", "at_anchorage": "1 t/day"},
            "operating": {"sailing": "2400 USD/day"},
        }
    },
}


def test_emissions_of_one_voyage_equal_fuel_times_factor_by_hand():
    """One voyage of 100 km at 10 km/h: 10 h sailing at 1 t/h, 1 h loading and 1 h
    unloading alongside at 0.1 t/h, the rest idle at anchorage (not in the burn table's
    states but at_anchorage: 1 t/day). Fuel = 10 + 0.2 + idle/24 t; CO2 = fuel x 3.206."""
    mapping = scenario(
        {"a": port(), "b": port()},
        {"a-b": sea()},
        {"f": flow(["a", "b"], "10 wagon/day", "10 wagon")},
        horizon="2 day",
        costs=SEA_COSTS,
    )
    result = simulate(build(mapping), seed=1)
    vessel = result.vessels.iloc[0]
    assert (vessel["voyages"], vessel["sailing_h"]) == (1, 10.0)
    assert (vessel["loading_h"], vessel["unloading_h"]) == (1.0, 1.0)
    idle_h = vessel["idle_h"]
    fuel = 10 * 1.0 + 2 * 0.1 + idle_h / 24
    ops = result.operator_costs.set_index("subject").loc["a-b"]
    assert ops["fuel_t"] == pytest.approx(fuel)
    assert ops["co2_t"] == pytest.approx(fuel * 3.206)
    assert ops["fuel_usd"] == pytest.approx(fuel * 700)
    assert ops["operating_usd"] == pytest.approx(10 * 100.0)
    # the one flow carried all 600 t the link carried: it bears all its CO2
    assert result.costs.loc[0, "co2_t"] * 10 == pytest.approx(fuel * 3.206)
    assert result.costs.loc[0, "total_usd"] == 0.0  # operators' costs are not the shipper's


def test_every_vessel_state_has_a_fuel_state():
    from corridor_sim.engine.links.logbook import STATES

    assert set(FUEL_STATE_OF) == set(STATES)


def test_a_run_without_costs_has_empty_cost_tables():
    mapping = rail_scenario(RAIL_COSTS)
    del mapping["costs"]
    result = simulate(build(mapping), seed=1)
    assert result.costs.empty and result.cost_elements.empty and result.operator_costs.empty
