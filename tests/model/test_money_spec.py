"""Money in route choice (``RouteChoice.money``): the specs refuse what they cannot use,
a route's money is the tariffs and charges along it, and ``money_h`` turns it into hours
of the cargo's time or says what is missing."""

from __future__ import annotations

import pytest

from corridor_sim.errors import ScenarioError
from corridor_sim.model.choice import OutsideOption, RouteChoice, money_h
from corridor_sim.model.costs import Costs, LinkCosts, NodeCosts
from corridor_sim.model.distributions import deterministic

PATH_A = ("o", "o-a", "a", "a-d", "d")
PATH_B = ("o", "o-b", "b", "b-d", "d")
COSTS = Costs(
    "USD 2024",
    links={
        "o-a": LinkCosts("o-a", {"goods": 300.0, "other": 7.0}),
        "a-d": LinkCosts("a-d", {"goods": 50.0}),
    },
    nodes={"a": NodeCosts("a", {"goods": 10.0}), "d": NodeCosts("d", {"goods": 4.0})},
    time_value_usd_per_unit_h={"goods": 2.0},
)


def test_a_routes_money_is_its_tariffs_and_charges() -> None:
    assert COSTS.route_usd(PATH_A, "goods") == 300.0 + 10.0 + 50.0 + 4.0
    assert COSTS.route_usd(PATH_B, "goods") == 4.0  # only d charges
    assert COSTS.route_usd(PATH_A, "other") == 7.0
    assert COSTS.route_usd(PATH_A, "unpriced") == 0.0


def test_money_in_hours_is_money_over_the_time_value() -> None:
    sea = OutsideOption("sea", deterministic(30.0), cost_usd_per_unit=100.0)
    routes, outside = money_h((PATH_A, PATH_B), (sea,), "goods", COSTS)
    assert routes == (364.0 / 2.0, 4.0 / 2.0)
    assert outside == (50.0,)


def test_money_needs_a_costs_section() -> None:
    with pytest.raises(ScenarioError, match="needs a 'costs' section") as e:
        money_h((PATH_A,), (), "goods", None, "flows.f")
    assert e.value.key_path == "flows.f.choice.money"


@pytest.mark.parametrize("value", [None, 0.0])
def test_money_needs_a_time_value_above_zero(value: float | None) -> None:
    values = {} if value is None else {"goods": value}
    costs = Costs("USD 2024", time_value_usd_per_unit_h=values)
    with pytest.raises(ScenarioError, match=r"needs costs.time_value.goods above 0") as e:
        money_h((PATH_A,), (), "goods", costs, "flows.f")
    assert e.value.key_path == "flows.f.choice.money"


def test_money_needs_each_outside_options_cost() -> None:
    paid = OutsideOption("sea", deterministic(30.0), cost_usd_per_unit=0.0)
    unpaid = OutsideOption("north", deterministic(20.0))
    with pytest.raises(ScenarioError, match="is needed when the choice counts money") as e:
        money_h((PATH_A,), (paid, unpaid), "goods", COSTS, "flows.f")
    assert e.value.key_path == "flows.f.outside.north.cost"


def test_money_is_for_the_rules_that_compare_values() -> None:
    assert RouteChoice("least_time", money=True).money
    assert RouteChoice("pivot", 48.0, money=True).money
    with pytest.raises(ScenarioError, match="rule is 'shares'") as e:
        RouteChoice("shares", money=True)
    assert e.value.key_path == "money"
    with pytest.raises(ScenarioError, match="must be true or false"):
        RouteChoice("logit", 48.0, money="yes")  # type: ignore[arg-type]


def test_an_outside_options_cost_is_not_negative() -> None:
    with pytest.raises(ScenarioError, match="cost_usd_per_unit"):
        OutsideOption("sea", deterministic(30.0), cost_usd_per_unit=-1.0)
