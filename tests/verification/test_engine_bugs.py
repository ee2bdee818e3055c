"""Bugs the verification suite found, as minimal reproductions.

Fixed ones stay as regression tests. Open ones are strict xfails: each states what should
happen, fails today, and ``strict=True`` turns the fix into a failure here, so whoever
fixes it removes the mark.
"""

from __future__ import annotations

import pytest
from helpers import flow, scenario, spy, units

import corridor_sim as cs
from corridor_sim.engine.simulation import Simulation


def yard_before_a_line(wagons_per_day: int) -> dict:
    """o --transfer--> yard y (room for 100 wagons) --rail, 2 trains/day--> d; blocks of
    50 wagons (one full train) arrive every 24 h / (wagons_per_day / 50)."""
    return scenario(
        nodes={
            "o": {"kind": "origin"},
            "y": {"kind": "terminal", "storage": {"wagon": "100 wagon"}},
            "d": {"kind": "destination"},
        },
        links={
            "o-y": {"kind": "transfer", "from": "o", "to": "y"},
            "y-d": {
                "kind": "rail",
                "from": "y",
                "to": "d",
                "travel_time": "1 h",
                "train_capacity": {"wagon": "50 wagon"},
                "line_capacity": "2 train/day",
                "max_wait": "100 h",
            },
        },
        flows={"f": flow(["o", "y", "d"], f"{wagons_per_day} wagon/day", "50 wagon")},
        horizon="30 h",
    )


def test_line_capacity_holds_when_loading_frees_upstream_storage():
    """A full train every hour, headway 12 h: trains must leave at 1, 13 and 25 h.

    Found by test_invariants.py: at 13 h loading the second train freed the yard, a held
    block was admitted and filled the lane again, and a re-entrant try_depart dispatched
    it at once: 10 trains left at 13 h and 12 at 25 h (utilisation 9.2). Fixed in
    engine/rail.py (re-entry guard; next slot set before loading).
    """
    sim = Simulation(cs.build_scenario(yard_before_a_line(1200)))
    trains = spy(sim.links["y-d"], "run_train", sim, lambda lane, train: units(train))
    sim.run()
    assert trains == [(1.0, 50.0), (13.0, 50.0), (25.0, 50.0)]


def test_many_held_blocks_do_not_exhaust_the_stack():
    """With a block every 36 s, about 1,200 blocks are held when the line frees at 13 h;
    with the bug above each admission nested another departure and the run died of
    RecursionError."""
    cs.simulate(cs.build_scenario(yard_before_a_line(120_000)))


def test_cargo_held_for_another_flows_link_does_not_break_the_result():
    """Yard y (room for 10 wagons) fills with flow b's wagons waiting for a train to d2;
    flow a's wagons (o -> y -> d1) are held outside y, blamed on the rail link y-d2, which
    is not on a's route. Found by test_invariants.py: building the stages table raised
    ValueError ("<Rail object> is not in list"). Fixed in analysis/results.py (now the
    position of a StageRecord, FlowState.record)."""
    mapping = scenario(
        nodes={
            "o": {"kind": "origin"},
            "y": {"kind": "terminal", "storage": {"wagon": "10 wagon"}},
            "d1": {"kind": "destination"},
            "d2": {"kind": "destination"},
        },
        links={
            "o-y": {"kind": "transfer", "from": "o", "to": "y"},
            "y-d1": {"kind": "transfer", "from": "y", "to": "d1"},
            "y-d2": {
                "kind": "rail",
                "from": "y",
                "to": "d2",
                "travel_time": "1 h",
                "train_capacity": {"wagon": "100 wagon"},
                "max_wait": "20 h",
            },
        },
        flows={
            "a": flow(["o", "y", "d1"], "24 wagon/day", "1 wagon"),
            "b": flow(["y", "d2"], "24 wagon/day", "1 wagon"),
        },
        horizon="3 day",
    )
    result = cs.simulate(cs.build_scenario(mapping))
    stages = result.stages.set_index(["flow", "element"])
    assert stages.loc[("a", "y-d2"), "wait_h"] > 0  # a's wait outside y, blamed on y-d2


def test_two_way_rail_utilisation_is_at_most_one():
    """Rail a-b, 2 trains/day, full trains offered both ways every hour. The engine runs 2
    trains a day in each direction (20 + 20 in 10 days); utilisation counted both
    directions' trains against one direction's capacity and read 2.0. Fixed in
    analysis/metrics.py (now Rail.utilisation): the busier direction's trains, 1.0."""
    mapping = scenario(
        nodes={"a": {"kind": "terminal"}, "b": {"kind": "terminal"}},
        links={
            "a-b": {
                "kind": "rail",
                "from": "a",
                "to": "b",
                "travel_time": "1 h",
                "train_capacity": {"wagon": "10 wagon"},
                "line_capacity": "2 train/day",
            }
        },
        flows={
            "east": flow(["a", "b"], "240 wagon/day", "10 wagon"),
            "west": flow(["b", "a"], "240 wagon/day", "10 wagon"),
        },
        horizon="10 day",
    )
    result = cs.simulate(cs.build_scenario(mapping))
    assert result.elements.set_index("element").loc["a-b", "utilisation"] == pytest.approx(1.0)
    assert list(result.flows["delivered_units"]) == [200.0, 200.0]


def test_capacity_of_a_port_whose_cargo_uses_no_berth():
    """A port with servers on a route of transfers (its cargo never uses a berth, but a
    sea link elsewhere could): cs.capacity() raises ZeroDivisionError in mixed_capacity,
    because _port weights every group, the servers too, by berth handlings (0 here).
    The servers alone bound it: 1 server x 8760 h / 1 h x 1 wagon x 60 t = 525,600 t/yr."""
    mapping = scenario(
        nodes={
            "o": {"kind": "origin"},
            "p": {
                "kind": "port",
                "berths": {"rail_ferry": 1},
                "handling_rate": {"wagon": "10 wagon/h"},
                "servers": 1,
                "service_time": "1 h",
            },
            "d": {"kind": "destination"},
        },
        links={
            "o-p": {"kind": "transfer", "from": "o", "to": "p"},
            "p-d": {"kind": "transfer", "from": "p", "to": "d"},
        },
        flows={"f": flow(["o", "p", "d"], "24 wagon/day", "1 wagon")},
    )
    report = cs.capacity(cs.build_scenario(mapping))
    row = report.elements.set_index("element").loc["p"]
    assert row["capacity_t_per_yr"] == pytest.approx(525_600.0)
