"""Reading the costs section: amounts in USD with a unit, names that exist."""

from __future__ import annotations

import copy

import pytest
from cost_helpers import RAIL_COSTS, rail_scenario

from corridor_sim import ScenarioError, build_scenario
from corridor_sim.scenario.costs import rate


def with_costs(**change: object) -> dict:
    costs = copy.deepcopy(RAIL_COSTS)
    costs.update(change)
    return rail_scenario(costs)


def test_prices_are_turned_into_usd_per_unit():
    costs = build_scenario(rail_scenario(RAIL_COSTS), source="s.yaml").costs
    assert costs is not None
    assert costs.links["a-b"].tariff_usd_per_unit == {"goods": pytest.approx(300.0)}
    assert costs.nodes["b"].charge_usd_per_unit == {"goods": pytest.approx(120.0)}
    assert costs.time_value_usd_per_unit_h == {"goods": pytest.approx(2.0)}
    assert costs.rail_co2_t_per_tkm["diesel"] == pytest.approx(2e-5)


def test_three_part_units():
    assert rate("1200 USD/FEU") == (600.0, ("money", "TEU"))
    assert rate("0.05 USD/t/km") == (0.05, ("money", "mass", "length"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"links": {"a-b": {"tariff": {"goods": "300 EUR/wagon"}}}},
            r"s\.yaml.*costs\.links\.a-b\.tariff\.goods: unknown unit 'EUR': "
            r"amounts are in USD.*expected USD/wagon; USD/t",
        ),
        (
            {"links": {"a-b": {"tariff": {"goods": 300}}}},
            r"costs\.links\.a-b\.tariff\.goods: needs a number with a unit",
        ),
        (
            {"links": {"a-b": {"tariff": {"goods": "300 USD/h"}}}},
            r"costs\.links\.a-b\.tariff\.goods: expected USD/wagon; USD/t.* \(got '300 USD/h'",
        ),
        (
            {"links": {"nowhere": {"tariff": {"goods": "3 USD/t"}}}},
            r"costs\.links\.nowhere: no link named 'nowhere' \(links: a-b, b-c\)",
        ),
        (
            {"nodes": {"b": {"charge": {"coal": "3 USD/t"}}}},
            r"costs\.nodes\.b\.charge\.coal: no commodity named 'coal' \(commodities: goods",
        ),
        ({"currency": "EUR 2024"}, r"costs\.currency: must be a currency and price year"),
        (
            {"nodes": {"b": {"per_call": "3000 USD"}}},
            r"costs\.nodes\.b\.per_call: applies to ports \('b' is a terminal\)",
        ),
        ({"colour": "red"}, r"costs\.colour: unknown key 'colour'; allowed: currency, carbon"),
    ],
)
def test_bad_costs_are_refused_naming_file_key_and_what_is_allowed(change, message):
    with pytest.raises(ScenarioError, match=message):
        build_scenario(with_costs(**change), source="s.yaml")


def test_a_price_per_tonne_km_needs_a_distance():
    mapping = with_costs(links={"b-c": {"tariff": {"goods": "0.05 USD/t/km"}}})
    with pytest.raises(ScenarioError, match=r"costs\.links\.b-c\.tariff\.goods: .*distance"):
        build_scenario(mapping)
