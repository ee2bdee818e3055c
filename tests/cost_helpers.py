"""A tiny rail network with costs, shared by the costs tests."""

from __future__ import annotations

from helpers import flow, scenario

RAIL = {
    "kind": "rail",
    "from": "a",
    "to": "b",
    "distance": "100 km",
    "speed": "50 km/h",
    "train_capacity": {"wagon": "10 wagon"},
}


def rail_scenario(costs: dict) -> dict:
    """Origin a, 100 km of rail (2 h), terminal b, transfer to destination c; ten wagons
    of 60 t a day in trains of ten."""
    nodes = {"a": {"kind": "origin"}, "b": {"kind": "terminal"}, "c": {"kind": "destination"}}
    links = {"a-b": RAIL, "b-c": {"kind": "transfer", "from": "b", "to": "c"}}
    return scenario(
        nodes, links, {"f": flow(["a", "b", "c"], "10 wagon/day", "10 wagon")}, costs=costs
    )


RAIL_COSTS = {
    "currency": "USD 2024",
    "carbon_price": "100 USD/t",
    "time_value": {"goods": "48 USD/wagon/day"},
    "rail_co2": {"diesel": "0.02 kg/t/km"},
    "links": {"a-b": {"tariff": {"goods": "0.05 USD/t/km"}, "traction": "diesel"}},
    "nodes": {"b": {"charge": {"goods": "2 USD/t"}}},
}
