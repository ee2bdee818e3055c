"""Booking and priority on sea links: a vessel loads scheduled cargo before spot cargo,
then by arrival order, across and within handling classes; room booked for a flow on a
scheduled sailing is held for it until the vessel sails.

Tiny simulations with hand-worked timelines: ports a and b 100 km apart (10 h at
10 km/h), one rail-ferry berth each, handling 10 wagons (or 10 TEU) an hour, no berth
time; the ferry carries 10 wagons (see tests/helpers.py).
"""

import dataclasses

import pytest
from helpers import bundled_run, ferry, flow, port, scenario, sea, shortened, start

import corridor_sim as cs

MIXED_PORT = {"wagon": "10 wagon/h", "container": "10 TEU/h"}


def two_flows(spot: dict, other: dict, link: dict, **extra: dict) -> dict:
    """Flows ``s`` and ``p`` from a to b over ``link``."""
    mapping = scenario(
        nodes={"a": port(handling_rate=MIXED_PORT), "b": port(handling_rate=MIXED_PORT)},
        links={"a-b": link},
        flows={"s": spot, "p": other},
        horizon="60 h",
    )
    mapping["commodities"]["boxes"] = {
        "unit": "TEU",
        "mass_per_unit": "10 t",
        "handling": "container",
    }
    for key, value in extra.items():
        mapping["flows"]["p"][key] = value
    return mapping


def aboard_at_sailing(sim) -> list:
    """``(time, [(flow, units), ...])`` each time the vessel starts to sail, in the order
    its cargo was loaded."""
    vessel = sim.links["a-b"].vessels[0]
    log: list = []
    original = vessel.set_state

    def spy(state: str) -> None:
        if state == "sailing":
            log.append((sim.env.now, [(c.flow.name, c.qty) for c in vessel.hold]))
        original(state)

    vessel.set_state = spy
    return log


# Spot wagons: 8 at t = 12 (then every 12 h); the other flow: 6 units at t = 15 (then
# every 15 h). The ferry starts empty at b (home 'to'): cargo at a at 12 sends it over;
# it berths at a at 22 and loads 10 units in 1 h, sailing full at 23.
SPOT = flow(["a", "b"], "16 wagon/day", "8 wagon")
LATER_WAGONS = flow(["a", "b"], "9.6 wagon/day", "6 wagon")
LATER_BOXES = flow(["a", "b"], "9.6 TEU/day", "6 TEU", commodity="boxes")
FROM_B = sea([ferry(home="to", capacity={"wagon": "10 wagon", "container": "10 TEU"})])


@pytest.mark.parametrize("later", [LATER_WAGONS, LATER_BOXES], ids=["wagons", "containers"])
def test_a_priority_train_boards_before_earlier_spot_wagons(later):
    """The scheduled train of t = 15 boards first, then 4 of the 8 spot wagons of t = 12,
    within a handling class (wagons) and across classes (containers on the ferry)."""
    sim = start(two_flows(SPOT, later, FROM_B, priority="scheduled"))
    log = aboard_at_sailing(sim)
    sim.env.run(until=30)
    assert log[1:] == [(pytest.approx(23.0), [("p", 6.0), ("s", pytest.approx(4.0))])]
    assert log[0][0] == 12.0  # the empty crossing from b
    spot_left = sim.links["a-b"].side(0).waiting
    assert [(c.flow.name, c.qty, c.created) for c in spot_left] == [
        ("s", pytest.approx(4.0), 12.0),
        ("s", 8.0, 24.0),
    ]


@pytest.mark.parametrize("priority", ["spot", None])
def test_without_priority_the_earlier_spot_wagons_board_first(priority):
    """All spot (set, or by default): first come, first served: the 8 wagons of t = 12,
    then 2 of the train of t = 15."""
    extra = {"priority": priority} if priority else {}
    sim = start(two_flows(SPOT, LATER_WAGONS, FROM_B, **extra))
    log = aboard_at_sailing(sim)
    sim.env.run(until=30)
    assert log[1:] == [(pytest.approx(23.0), [("s", 8.0), ("p", pytest.approx(2.0))])]


def test_one_priority_class_for_every_flow_changes_nothing():
    """Priority orders flows only against each other: the teaching scenario with every flow
    scheduled gives the same tables as with every flow spot (the default), seed for seed."""
    base, spot = bundled_run("teaching_two_ports")
    flows = {k: dataclasses.replace(f, priority="scheduled") for k, f in base.flows.items()}
    scheduled = cs.simulate(dataclasses.replace(base, flows=flows))
    for name in ("flows", "elements", "vessels", "calls", "stages", "balance"):
        a, b = getattr(spot, name), getattr(scheduled, name)
        assert a.equals(b), name


# -- booking ---------------------------------------------------------------------------
# One ferry at a, slots every 24 h (0, 24, 48, ...), no max_wait. Spot: 8 wagons at 40
# (then every 40 h); the booked flow: 3 wagons at 45 (then every 45 h), 4 wagons booked
# per sailing. At 40 the ferry berths for the spot wagons; its slot is 48.
# Without a booking it loads all 8 (40-40.8) and waits at anchorage; at 45 the 3 wagons
# can fill it: it berths again, loads 2 of them and sails full at 45.2, before its slot.
# With the booking, 4 wagons of room are held: it loads 6 spot wagons (40-40.6) and
# waits; at 45 the 3 booked wagons fill 3 of the 4 held, so it waits on to its slot,
# berths, loads them (48-48.3) and sails at 48.3 with 9 wagons: 1 booked wagon of room
# sails empty and 2 spot wagons wait for the next sailing.
SPOT_40 = flow(["a", "b"], "4.8 wagon/day", "8 wagon")
BOOKED_45 = flow(["a", "b"], "1.6 wagon/day", "3 wagon")
SCHEDULED = sea(departure={"every": "24 h"})
BOOKING = {"link": "a-b", "per_sailing": "4 wagon"}


@pytest.mark.parametrize(
    ("booking", "sailings"),
    [
        (None, [(pytest.approx(45.2), [("s", 8.0), ("p", pytest.approx(2.0))])]),
        (BOOKING, [(pytest.approx(48.3), [("s", pytest.approx(6.0)), ("p", 3.0)])]),
    ],
    ids=["no booking", "booked"],
)
def test_booked_room_is_held_for_the_booked_flow_until_the_sailing(booking, sailings):
    extra = {"booking": booking} if booking else {}
    sim = start(two_flows(SPOT_40, BOOKED_45, SCHEDULED, **extra))
    log = aboard_at_sailing(sim)
    sim.env.run(until=44)
    held = [(c.flow.name, c.qty) for c in sim.links["a-b"].side(0).waiting]
    assert held == ([("s", pytest.approx(2.0))] if booking else [])  # room held at 44
    sim.env.run(until=55)
    assert log == sailings


def test_booked_cargo_joins_its_own_queue_when_its_class_queue_is_empty():
    """Spot: 4 wagons at 40, all loaded (40-40.4) into the 6 not booked, which leaves
    their queue empty when the 3 booked wagons come at 45; they still board at the slot.
    (Queues compare by content: an empty new queue once passed for the empty spot one.)"""
    spot = flow(["a", "b"], "2.4 wagon/day", "4 wagon")
    mapping = two_flows(spot, BOOKED_45, SCHEDULED, booking=BOOKING)
    mapping["simulation"]["horizon"] = "200 h"
    sim = start(mapping)
    log = aboard_at_sailing(sim)
    sim.env.run(until=55)
    assert log == [(pytest.approx(48.3), [("s", 4.0), ("p", 3.0)])]
    sim.env.run(until=199)  # the booked queue empties and fills again: still one queue
    queues = sim.links["a-b"].side(0).by_class["wagon"]
    assert [(q.rank, q.flow and q.flow.name) for q in queues] == [(1, None), (1, "p")]


def test_booked_and_used_room_are_reported_per_flow_and_port():
    """One sailing from a in the 60 h: 4 wagons booked, 3 used; the return from b carried
    nothing loaded at b, so it is no scheduled sailing and books nothing."""
    result = cs.simulate(
        cs.build_scenario(two_flows(SPOT_40, BOOKED_45, SCHEDULED, booking=BOOKING))
    )
    rows = result.bookings.to_dict(orient="records")
    assert rows == [
        {
            "link": "a-b",
            "flow": "p",
            "port": "a",
            "sailings": 1,
            "booked_units": 4.0,
            "used_units": pytest.approx(3.0),
            "used_share": pytest.approx(0.75),
        }
    ]
    assert result.balance["difference_units"].abs().max() < 1e-9


def test_a_booking_larger_than_the_vessel_holds_the_whole_vessel():
    """15 wagons booked on a 10-wagon ferry: the whole ferry is the flow's. The spot
    wagons of t = 40 cannot board (the ferry berths, loads nothing, and waits idle); the
    booked wagons of t = 45 board at 45-45.3 and the ferry sails with them alone at its
    slot, 48."""
    big = {"link": "a-b", "per_sailing": "15 wagon"}
    sim = start(two_flows(SPOT_40, BOOKED_45, SCHEDULED, booking=big))
    log = aboard_at_sailing(sim)
    sim.env.run(until=55)
    assert log == [(48.0, [("p", 3.0)])]


# -- schedule reliability --------------------------------------------------------------
# Spot wagons only: 8 at t = 40, loaded 40-40.8; the ferry waits at anchorage for its slot
# at 48 and sails from there, unless the sea is closed (45-60: it sails at 60, 12 h after
# its slot) or max_wait (2 h after it was ready at 40) sends it early, at 42 (6 h early).
@pytest.mark.parametrize(
    ("departure", "closed", "delay_h", "on_time"),
    [
        ({"every": "24 h"}, False, 0.0, 1.0),
        ({"every": "24 h"}, True, 12.0, 1.0),  # default tolerance 24 h
        ({"every": "24 h", "on_time_within": "12 h"}, True, 12.0, 1.0),  # inclusive
        ({"every": "24 h", "on_time_within": "6 h"}, True, 12.0, 0.0),
        ({"every": "24 h", "max_wait": "2 h", "on_time_within": "4 h"}, False, -6.0, 0.0),
    ],
)
def test_a_sailing_is_on_time_within_the_tolerance_of_its_slot(departure, closed, delay_h, on_time):
    closure = {"kind": "closure", "elements": ["a-b"], "start": "45 h", "duration": "15 h"}
    mapping = scenario(
        nodes={"a": port(), "b": port()},
        links={"a-b": sea(departure=departure)},
        flows={"s": SPOT_40},
        horizon="75 h",
        disruptions=[closure] if closed else [],
    )
    result = cs.simulate(cs.build_scenario(mapping))
    calls = result.calls.set_index("port")
    assert calls.loc["a", "sailings"] == 1
    assert calls.loc["a", "slot_delay_mean_h"] == pytest.approx(delay_h)
    assert calls.loc["a", "on_time_share"] == on_time
    assert result.elements.set_index("element").loc["a-b", "on_time_share"] == on_time
    assert calls.loc["b", "sailings"] == 0  # the empty return is not a scheduled sailing


def test_links_without_a_schedule_have_no_reliability():
    """A link sailing on max_wait alone has no slots: NaN, and no KPI."""
    _, result = bundled_run("teaching_two_ports")
    assert result.calls["on_time_share"].isna().all()
    assert result.elements["on_time_share"].isna().all()


def test_mass_balance_holds_with_priorities_and_bookings():
    """The corridor scenario with a scheduled, booked container flow on a scheduled
    feeder line: every unit generated is delivered or still in the system."""
    base = shortened(cs.load_scenario(cs.bundled_path("middle_corridor_2024")), 90 * 24.0)
    link = dataclasses.replace(base.links["aktau-alat"], every_h=72.0, max_wait_h=None)
    name = "cont_dostyk_poti"
    booked = dataclasses.replace(
        base.flows[name], priority="scheduled", booking=cs.model.Booking("aktau-alat", 100.0)
    )
    scenario_ = dataclasses.replace(
        base, links={**base.links, "aktau-alat": link}, flows={**base.flows, name: booked}
    )
    result = cs.simulate(scenario_, seed=3)
    assert result.balance["difference_units"].abs().max() < 1e-6
    row = result.bookings.set_index("flow").loc[name]
    assert row["sailings"] > 0
    assert 0 < row["used_units"] <= row["booked_units"] == pytest.approx(100.0 * row["sailings"])
    assert 0 <= result.elements.set_index("element").loc["aktau-alat", "on_time_share"] <= 1
