"""The capacity of a sea link and its ports counts the whole vessel call: formalities, the
wait for the entry window and scheduled maintenance, as the simulation does."""

import pytest
from helpers import build, ferry, flow, port, scenario, sea

import corridor_sim as cs

T_PER_WAGON = 60.0
YEAR_H = 8760.0


def line(volume: str = "1 wagon/day", horizon: str = "10 day") -> dict:
    """Two ferries of 10 wagons, a -> b 100 km (10 h); both ports: 1 h berth time, 1 h
    arrival and 0.5 h departure formalities; b lets vessels in 06:00-18:00 only (a vessel
    ready at a random hour waits 12² / 48 = 3 h on average); each ferry is in drydock
    36.5 days a year (90 % in service)."""
    steps = {"berth_time": "1 h", "formalities": {"arrival": "1 h", "departure": "30 min"}}
    fleet = [
        {
            "type": "ferry",
            "count": 2,
            **ferry(maintenance={"every": "365 day", "duration": "36.5 day"}),
        }
    ]
    fleet[0].pop("name")
    return scenario(
        nodes={
            "a": port(**steps),
            "b": port(**steps, entry_window={"from": "6 h", "to": "18 h"}),
        },
        links={"a-b": sea(fleet, departure={"max_wait": "1 h"})},
        flows={"f": flow(["a", "b"], volume, "10 wagon")},
        horizon=horizon,
    )


def test_sea_link_round_trip_counts_formalities_entry_wait_and_maintenance():
    """Round trip: 2 x 10 h sailing + 2 x (1 h berth + 1.5 h formalities) + 3 h entry at
    b + 2 x 1 h handling = 30 h; 2 ferries x 10 wagons x 8760 / 30 x 0.9 in service."""
    row = cs.capacity(build(line())).elements.set_index("element").loc["a-b"]
    expected = 2 * 10 * YEAR_H / 30.0 * 0.9 * T_PER_WAGON
    assert row["capacity_t_per_yr"] == pytest.approx(expected, rel=1e-9)
    assert "round trip 30.0 h" in row["formula"]
    assert "1 h berth + 1.5 h formalities + 3 h entry at b" in row["formula"]
    assert "0.900 in service (36.5 days of maintenance every 365 days)" in row["formula"]


def test_port_berth_counts_the_call_overhead_it_is_kept_for():
    """Port b unloads only: a 10-wagon load takes 1 h of handling and 1 + 1.5 + 3 = 5.5 h
    of berth time, formalities and entry wait, so its berth handles 10 / 6.5 wagons an
    hour."""
    caps = cs.capacity(build(line())).elements.set_index("element")["capacity_t_per_yr"]
    assert caps["b"] == pytest.approx(10 / 6.5 * YEAR_H * T_PER_WAGON)
    assert caps["a"] == pytest.approx(10 / 3.5 * YEAR_H * T_PER_WAGON)


def test_a_saturated_line_moves_about_its_capacity():
    """With cargo always waiting, a year of the line moves within 3 % of its capacity (the
    entry-window wait is an average over the hour a ferry arrives) and never more than
    its no-downtime ceiling."""
    mapping = line(volume="20000 wagon/yr", horizon="365 day")
    scenario_ = build(mapping)
    result = cs.simulate(scenario_, seed=3)
    moved = result.elements.set_index("element").loc["a-b", "throughput_t"]
    capacity = cs.capacity(scenario_).elements.set_index("element")
    assert moved == pytest.approx(capacity.loc["a-b", "capacity_t_per_yr"], rel=0.03)
    vessels = result.vessels
    assert vessels["maintenance_h"].tolist() == pytest.approx([36.5 * 24] * 2)
    assert (vessels["entry_h"] > 0).all()
