"""Route choice on generalised cost (``choice.money``): each option's value is its time
plus its money over the cargo's time value, and the rules split as their formulas say.

The network has no queues (terminals without servers, transfer links), so every route's
expected time is its links' delays and the values are known exactly: route a takes 2 h,
route b 22 h; the cargo's time value is 48 USD/wagon/day, 2 USD per wagon-hour.
"""

from __future__ import annotations

import copy
import math
from typing import Any

import pytest
from helpers import build, flow, scenario, start

import corridor_sim as cs

VALUE_USD_PER_H = 2.0


def _transfer(a: str, b: str, delay: str) -> dict:
    return {"kind": "transfer", "from": a, "to": b, "delay": delay}


def two_routes(
    choice: dict,
    *,
    tariff_a: float = 0.0,
    shares: tuple[str, str] | None = None,
    outside: dict | None = None,
    volume: str = "100 wagon/day",
) -> dict[str, Any]:
    """o -> a -> d (2 h, ``tariff_a`` USD/wagon on o-a) or o -> b -> d (22 h, free)."""
    nodes = {
        "o": {"kind": "origin"},
        "a": {"kind": "terminal"},
        "b": {"kind": "terminal"},
        "d": {"kind": "destination"},
    }
    links = {
        "o-a": _transfer("o", "a", "1 h"),
        "o-b": _transfer("o", "b", "21 h"),
        "a-d": _transfer("a", "d", "1 h"),
        "b-d": _transfer("b", "d", "1 h"),
    }
    f = flow(["o", "a", "d"], volume, "1 wagon")
    f["arrivals"] = {"pattern": "poisson"}
    del f["route"]
    f["routes"] = [{"route": ["o", "a", "d"]}, {"route": ["o", "b", "d"]}]
    if shares is not None:
        for route, share in zip(f["routes"], shares, strict=True):
            route["share"] = share
    f["choice"] = choice
    if outside is not None:
        f["outside"] = outside
    costs = {
        "currency": "USD 2024",
        "time_value": {"goods": f"{24 * VALUE_USD_PER_H:g} USD/wagon/day"},
        "links": {"o-a": {"tariff": {"goods": f"{tariff_a:g} USD/wagon"}}},
    }
    return scenario(nodes, links, {"f": f}, horizon="100 day", costs=costs)


def _split(mapping: dict) -> tuple[float, float, cs.SimulationResult]:
    result = cs.simulate(build(mapping))
    routes = result.routes.set_index("route")["delivered_units"]
    return routes.get("via a", 0.0), routes.get("via b", 0.0), result


def _within_binomial(k: float, n: float, p: float, z: float = 4.0) -> bool:
    """``k`` of ``n`` is within ``z`` standard deviations of a Binomial(n, p) mean."""
    return abs(k - n * p) <= z * math.sqrt(n * p * (1 - p))


@pytest.mark.parametrize(("tariff_a", "via_a"), [(30.0, True), (50.0, False)])
def test_least_time_pays_for_time_saved_up_to_its_value(tariff_a: float, via_a: bool) -> None:
    """Route a saves 20 h, worth 40 USD: at 30 USD more it is the better deal, at 50 USD
    not; without money it always wins."""
    a, b, _ = _split(two_routes({"rule": "least_time", "money": True}, tariff_a=tariff_a))
    assert (a > 0 and b == 0) if via_a else (a == 0 and b > 0), (a, b)
    a, b, _ = _split(two_routes({"rule": "least_time"}, tariff_a=tariff_a))
    assert a > 0 and b == 0, (a, b)


def test_logit_shares_follow_the_generalised_cost() -> None:
    """30 USD on route a is 15 h: values 17 h and 22 h, so with a scale of 5 h route a
    takes 1 / (1 + e^-1) = 73 % (on time alone, 2 h against 22 h, 98 %)."""
    choice = {"rule": "logit", "scale": "5 h", "money": True}
    a, b, _ = _split(two_routes(choice, tariff_a=30.0))
    assert _within_binomial(a, a + b, 1 / (1 + math.exp(-1))), (a, b)
    del choice["money"]
    a, b, _ = _split(two_routes(choice, tariff_a=30.0))
    assert _within_binomial(a, a + b, 1 / (1 + math.exp(-4))), (a, b)


def _diverted_share(mapping: dict) -> tuple[float, float]:
    result = cs.simulate(build(mapping))
    out = result.outside.set_index("option").loc["sea", "diverted_units"]
    return float(out), float(result.flows["offered_units"].iloc[0])


@pytest.mark.parametrize(
    ("cost", "value_h"),
    [
        ("0 USD/wagon", 10.0),  # mean 10 h, free: beats route a's 2 h + 15 h
        ("20 USD/wagon", 20.0),  # 10 h + 10 h
        ("0.5 USD/t", 25.0),  # 60 t a wagon: 30 USD, 15 h
    ],
)
def test_an_outside_options_cost_moves_cargo_as_the_logit_says(cost: str, value_h: float) -> None:
    """Logit, scale 5 h, over route a (17 h with its 30 USD), route b (22 h) and the sea
    (exponential transit of mean 10 h, + its cost over the time value)."""
    mapping = two_routes(
        {"rule": "logit", "scale": "5 h", "money": True},
        tariff_a=30.0,
        outside={"sea": {"transit": {"dist": "exponential", "mean": "10 h"}, "cost": cost}},
    )
    weights = [math.exp(-v / 5.0) for v in (17.0, 22.0, value_h)]
    diverted, offered = _diverted_share(mapping)
    assert _within_binomial(diverted, offered, weights[2] / sum(weights)), (diverted, offered)


def test_pivot_keeps_the_split_whatever_the_routes_cost_and_weighs_it_against_the_sea() -> None:
    """No queues: the pivot splits the corridor 70/30 however dear route a is (its money
    is in both T and T0); against the sea the corridor counts at its shares-weighted
    value, 0.7 x (2 + 50) + 0.3 x 22 = 43 h, the sea at 40 h + 5 h."""
    mapping = two_routes(
        {"rule": "pivot", "scale": "5 h", "money": True},
        tariff_a=100.0,
        shares=("70 %", "30 %"),
        outside={"sea": {"transit": "40 h", "cost": "10 USD/wagon"}},
    )
    a, b, result = _split(mapping)
    assert _within_binomial(a, a + b, 0.7), (a, b)
    out = result.outside.set_index("option").loc["sea", "diverted_units"]
    offered = result.flows["offered_units"].iloc[0]
    corridor, sea = math.exp(-43.0 / 5.0), math.exp(-45.0 / 5.0)
    assert _within_binomial(out, offered, sea / (corridor + sea)), (out, offered)


def test_money_that_is_zero_changes_nothing_in_a_bundled_scenario() -> None:
    """middle_corridor_2024 with every route choice counting money, all of it zero (no
    tariffs, outside options free): event for event the run without money."""
    raw = copy.deepcopy(cs.load_scenario("middle_corridor_2024").raw)
    raw["simulation"] |= {"horizon": "40 day", "warmup": "0 h"}
    off = start(copy.deepcopy(raw), seed=3).run()
    raw["costs"] |= {"links": {}, "nodes": {}}
    chose = [
        f for f in raw["flows"].values() if f.get("choice", {"rule": "shares"})["rule"] != "shares"
    ]
    assert len(chose) >= 4
    for f in chose:
        f["choice"]["money"] = True
        for option in f.get("outside", {}).values():
            option["cost"] = "0 USD/TEU"
    on = start(raw, seed=3).run()
    assert on.events == off.events
    assert [f.delivered_units for f in on.flows] == [f.delivered_units for f in off.flows]
    assert [f.transit.mean for f in on.flows] == [f.transit.mean for f in off.flows]
