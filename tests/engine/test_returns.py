"""Empty returns: each delivery of a loaded flow starts its empties back at once.

Ports a and b 100 km apart (10 h at 10 km/h), one ferry of 10 wagons (home a), 10 wagons
an hour handled, no berth time; 10 loaded wagons arrive at a every 24 h from t = 24.
"""

import pytest
from helpers import deliveries, ferry, flow, port, scenario, sea, start

import corridor_sim as cs
from corridor_sim.errors import ScenarioError
from corridor_sim.experiments.kpis import kpis
from corridor_sim.results import SimulationResult


def shuttle(empty_return: dict | None = None, horizon: str = "10 day") -> dict:
    loaded = flow(["a", "b"], "10 wagon/day", "10 wagon")
    if empty_return is not None:
        loaded["empty_return"] = empty_return
    return scenario(
        nodes={"a": port(), "b": port()},
        links={"a-b": sea([ferry(name="one")])},
        flows={"f": loaded},
        horizon=horizon,
    )


def test_empties_start_at_the_destination_when_the_loaded_wagons_are_delivered():
    """Loaded: 24-25 load at a, 25-35 sail, 35-36 unload at b: delivered at 36. The ten
    empties start at b at 36, load 36-37, sail 37-47, unload 47-48: delivered at a at 48,
    as the next loaded wagons arrive. So the ferry sails loaded both ways."""
    sim = start(shuttle({"share": "100 %", "tare": "24 t"}))
    loaded, empties = deliveries(sim, 0), deliveries(sim, 1)
    sim.env.run(until=100)
    assert sim.flows[1].name == "f_empty"
    assert loaded[:2] == [(pytest.approx(36.0), 10.0), (pytest.approx(60.0), 10.0)]
    assert empties[:2] == [(pytest.approx(48.0), 10.0), (pytest.approx(72.0), 10.0)]
    one = sim.links["a-b"].vessels[0]
    assert one.loaded_voyages == one.voyages  # no empty leg


def test_a_share_of_the_units_comes_back_and_the_balance_holds():
    """Half the wagons come back: each delivery of 10 starts 5 empties of 24 t each."""
    result = cs.simulate(cs.build_scenario(shuttle({"share": "50 %", "tare": "24 t"})))
    flows = result.balance.set_index("flow")
    assert flows.loc["f_empty", "generated_units"] == 0.5 * flows.loc["f", "delivered_units"]
    assert flows.loc["f_empty", "generated_t"] == 24.0 * flows.loc["f_empty", "generated_units"]
    assert (flows["difference_units"].abs() < 1e-9).all()
    assert flows.loc["f_empty", "delivered_units"] > 0


def test_the_corridor_figures_count_cargo_not_empties():
    """delivered t/yr and transit count the loaded flow only; the empties have their row."""
    result = cs.simulate(cs.build_scenario(shuttle({"tare": "24 t"})))
    table = result.flows.set_index("flow")
    assert table.loc["f_empty", "empty_of"] == "f" and table.loc["f", "empty_of"] == ""
    k = kpis(result)
    per_yr = 365 * 24 / result.horizon_h
    assert k["delivered_t_per_yr"] == pytest.approx(table.loc["f", "delivered_t"] * per_yr)
    assert k["transit_mean_days"] == pytest.approx(table.loc["f", "transit_mean_days"])
    assert k["flow:f_empty:delivered_t_per_yr"] > 0


def test_empties_survive_a_round_trip_through_a_result_folder(tmp_path):
    result = cs.simulate(cs.build_scenario(shuttle({"tare": "24 t"})))
    back = SimulationResult.from_dir(result.to_dir(tmp_path / "out"))
    assert back.flows.set_index("flow").loc["f_empty", "empty_of"] == "f"
    assert kpis(back)["delivered_t_per_yr"] == pytest.approx(kpis(result)["delivered_t_per_yr"])


@pytest.mark.parametrize(
    ("empty_return", "key", "says"),
    [
        ({"share": "100 %"}, "flows.f.empty_return", "missing required key 'tare'"),
        ({"tare": "24"}, "flows.f.empty_return.tare", "unit"),
        ({"tare": "24 t", "share": "120 %"}, "flows.f.empty_return.share", "at most 100 %"),
        ({"tare": "24 t", "back": "yes"}, "flows.f.empty_return", "back"),
    ],
)
def test_bad_empty_return_names_the_key(empty_return, key, says):
    with pytest.raises(ScenarioError) as err:
        cs.build_scenario(shuttle(empty_return))
    assert key in str(err.value) and says in str(err.value)


def test_empties_of_a_flow_in_tonnes_are_refused():
    mapping = shuttle()
    mapping["flows"]["f"].update(commodity="crude", volume="100 t/day")
    mapping["flows"]["f"]["arrivals"]["size"] = "100 t"
    mapping["flows"]["f"]["empty_return"] = {"tare": "24 t"}
    mapping["nodes"]["a"]["handling_rate"]["liquid"] = "100 t/h"
    mapping["nodes"]["b"]["handling_rate"]["liquid"] = "100 t/h"
    mapping["links"]["a-b"]["fleet"][0]["capacity"] = {"liquid": "100 t"}
    with pytest.raises(ScenarioError, match="counted in units"):
        cs.build_scenario(mapping)
