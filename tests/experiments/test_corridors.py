"""The simulated corridor beside its competitors (corridor_sim.compare_corridors): hand
sums on a tiny container line, and clear errors."""

from __future__ import annotations

import copy

import pytest
from helpers import build, flow, scenario

from corridor_sim import ScenarioError, compare_corridors, run
from corridor_sim.experiments.corridors import PUBLISHED, SIMULATED
from corridor_sim.scenario.competition import read_journey

BOX = {"unit": "TEU", "mass_per_unit": "10 t", "handling": "container"}
COSTS = {
    "currency": "USD 2024",
    "time_value": {"box": "24 USD/TEU/day"},
    "rail_co2": {"diesel": "0.02 kg/t/km"},
    "links": {"a-b": {"tariff": {"box": "300 USD/TEU"}, "traction": "diesel"}},
    "nodes": {"b": {"charge": {"box": "50 USD/TEU"}}},
}
JOURNEY = {
    "label": "A -> Z",
    "currency": "USD 2024",
    "flows": ["f"],
    "legs": {"outside": {"transit": "2 day", "price": "100 USD/TEU", "co2": "5 kg/t"}},
    "alternatives": {
        "sea": {
            "label": "Sea",
            "transit": {"low": "30 day", "high": "40 day"},
            "price": {"low": "1000 USD/FEU", "high": "2000 USD/FEU"},
            "co2": "200 kg/t",
        }
    },
}


def box_line(costs: dict | None = COSTS) -> dict:
    """Origin a, 100 km of rail (2 h) in trains of 10 TEU, terminal b, destination c."""
    nodes = {"a": {"kind": "origin"}, "b": {"kind": "terminal"}, "c": {"kind": "destination"}}
    rail = {
        "kind": "rail",
        "from": "a",
        "to": "b",
        "distance": "100 km",
        "speed": "50 km/h",
        "train_capacity": {"container": "10 TEU"},
    }
    links = {"a-b": rail, "b-c": {"kind": "transfer", "from": "b", "to": "c"}}
    raw = scenario(
        nodes,
        links,
        {"f": flow(["a", "b", "c"], "10 TEU/day", "10 TEU", "box")},
        **({"costs": costs} if costs else {}),
    )
    raw["commodities"]["box"] = BOX
    return raw


@pytest.fixture(scope="module")
def answer():
    return run(build(box_line()), 2, seed=5, workers=1, progress=False)


def test_the_simulated_flow_adds_the_legs_outside_to_its_hand_sums(answer):
    """Price 300 + 50 in the model + 100 outside = 450 USD/TEU; CO2 0.02 kg/t/km x 10 t x
    100 km = 20 kg in the model + 5 kg/t x 10 t outside = 70 kg/TEU; days: the flow's own
    transit + 2."""
    c = compare_corridors(answer, read_journey(copy.deepcopy(JOURNEY)))
    sim = c.table[c.table["kind"] == SIMULATED].iloc[0]
    assert sim["price_usd_per_teu"] == pytest.approx(450.0)
    assert sim["co2_kg_per_teu"] == pytest.approx(70.0)
    own = answer.flow_runs.set_index("flow").loc["f", "transit_mean_days"].mean()
    assert sim["transit_days"] == pytest.approx(own + 2.0)
    assert sim["transit_low_days"] <= sim["transit_high_days"]
    # time value: 1 USD per TEU-hour over the model's hours and the 48 h outside
    assert sim["time_value_usd_per_teu"] == pytest.approx(own * 24 + 48.0, rel=1e-6)


def test_a_published_route_is_its_span_in_teu_and_kg_per_teu(answer):
    """1,000-2,000 USD/FEU = 500-1,000 USD/TEU; 200 kg/t x 10 t/TEU = 2,000 kg/TEU; time
    value 35 days x 24 USD/TEU-day at the middle of the span."""
    c = compare_corridors(answer, read_journey(copy.deepcopy(JOURNEY)))
    sea = c.table[c.table["kind"] == PUBLISHED].set_index("route").loc["Sea"]
    assert (sea["price_low_usd_per_teu"], sea["price_high_usd_per_teu"]) == (500.0, 1000.0)
    assert sea["price_usd_per_teu"] == 750.0
    assert sea["co2_kg_per_teu"] == pytest.approx(2000.0)
    assert sea["time_value_usd_per_teu"] == pytest.approx(35 * 24.0)
    assert sea["generalised_usd_per_teu"] == pytest.approx(750.0 + 35 * 24.0)
    text = c.text()
    assert "Sea" in text and "500-1,000" in text and "± " in text


def test_a_flow_missing_from_the_scenario_is_named(answer):
    journey = copy.deepcopy(JOURNEY)
    journey["flows"] = ["f", "g"]
    with pytest.raises(ScenarioError, match=r"flow 'g' is not in scenario.*flows: f"):
        compare_corridors(answer, read_journey(journey))


def test_a_scenario_without_costs_is_refused():
    bare = run(build(box_line(None)), 2, seed=5, workers=1, progress=False)
    with pytest.raises(ScenarioError, match="no costs section"):
        compare_corridors(bare, read_journey(copy.deepcopy(JOURNEY)))


def test_the_comparison_writes_its_table(answer, tmp_path):
    c = compare_corridors(answer, read_journey(copy.deepcopy(JOURNEY)))
    folder = c.to_dir(tmp_path / "out")
    assert (folder / "corridors.csv").read_text(encoding="utf-8").startswith("route,")
    assert "2 replications" in repr(c) or "(2 replications)" in repr(c)
