"""Sea links: vessels load at berth, wait for more cargo at anchorage, sail when full or
after max_wait, take distance / speed at sea, carry capacity x load_factor, and shuttle
to deliver a countable number of loads (the steps of a call: test_vessel_calls.py)."""

import pytest
from helpers import deliveries, ferry, flow, per_time, port, scenario, sea, spy, start, units

import corridor_sim as cs


def crossing(volume: str, size: str = "1 wagon", link: dict | None = None, **setting: str) -> dict:
    """Port a ==sea (100 km, ferry of 10 wagons at 10 km/h)==> port b, one flow a -> b.

    Ports handle 10 wagons/h with no berth time, so a wagon takes 0.1 h to load or unload.
    """
    return scenario(
        nodes={"a": port(), "b": port()},
        links={"a-b": link or sea()},
        flows={"f": flow(["a", "b"], volume, size)},
        **setting,
    )


def voyages(sim) -> list:
    """Log (time, wagons aboard) each time the vessel starts to sail."""
    vessel = sim.links["a-b"].vessels[0]
    log = spy(vessel, "set_state", sim, lambda state: (state, units(vessel.hold)))
    return log


def sailings(log: list) -> list:
    return [(t, aboard) for t, (state, aboard) in log if state == "sailing"]


def test_ferry_waits_for_a_full_load_then_sails():
    """With max_wait far off, the ferry waits at anchorage until a full load waits, then
    berths again, loads it and sails."""
    # Wagons arrive every 8 h (3/day) at 8, 16, 24, 32; capacity 4, each loads in 0.1 h.
    # The ferry loads the first at 8-8.1 and leaves the berth; at 32 the three waiting
    # fill it: it berths (no berth time), loads them by 32.3 and sails; 10 h at sea, 4 x
    # 0.1 h to unload: delivered at 42.7, when it sails back empty for the wagon of 40.
    link = sea([ferry(capacity={"wagon": "4 wagon"})])
    sim = start(crossing("3 wagon/day", link=link))
    log = voyages(sim)
    delivered = deliveries(sim)
    sim.env.run(until=43)
    assert sailings(log) == [(pytest.approx(32.3), 4.0), (pytest.approx(42.7), 0.0)]
    assert per_time(delivered) == [(pytest.approx(42.7), pytest.approx(4.0))]


def test_ferry_sails_after_max_wait_with_a_part_load():
    """A part-loaded ferry sails max_wait after it was ready (the first wagon's arrival),
    having berthed again for what came while it waited at anchorage."""
    # The idle ferry berths when the first wagon arrives at 8: deadline 8 + 10 = 18. It
    # loads that wagon and waits at anchorage; at 18 it berths for the wagon of 16, loads
    # it by 18.1 and sails with 2; delivered at 28.1 + 0.2, when it sails back empty for
    # the wagon that arrived at a at 24.
    link = sea(departure={"max_wait": "10 h"})
    sim = start(crossing("3 wagon/day", link=link))
    log = voyages(sim)
    delivered = deliveries(sim)
    sim.env.run(until=17)
    assert sim.links["a-b"].vessels[0].state == "waiting_cargo"  # at anchorage
    sim.env.run(until=30)
    assert sailings(log) == [(pytest.approx(18.1), 2.0), (pytest.approx(28.3), 0.0)]
    assert per_time(delivered) == [(pytest.approx(28.3), pytest.approx(2.0))]


def test_sailing_time_is_distance_over_speed():
    """A crossing lasts distance / speed: 450 km at 14 kn = 450 / (14 x 1.852) h."""
    # A full load of 10 wagons arrives at 24 and loads in 1 h: sail at 25; the next state
    # (waiting for a berth at b) begins on arrival.
    link = sea([ferry(speed="14 kn")], distance="450 km")
    sim = start(crossing("10 wagon/day", size="10 wagon", link=link))
    log = voyages(sim)
    sim.env.run(until=60)
    hours = 450 / (14 * 1.852)
    i = next(i for i, (_, (state, _)) in enumerate(log) if state == "sailing")
    assert log[i][0] == pytest.approx(25.0)
    assert log[i + 1][0] - log[i][0] == pytest.approx(hours)
    assert sim.links["a-b"].vessels[0].sailing_h == pytest.approx(hours)


@pytest.mark.parametrize(
    ("load_factor", "expected"),
    [
        # 8 wagons fit in 10: the ferry loads them (0.8 h), waits at anchorage and sails
        # from there at 24 + 10 h max_wait
        ("100 %", [(pytest.approx(34.0), 8.0)]),
        # capacity 10 x 50 % = 5: full after 0.5 h, sails at 24.5 with 5, 3 stay behind
        ("50 %", [(pytest.approx(24.5), 5.0)]),
    ],
)
def test_load_factor_reduces_what_a_voyage_carries(load_factor, expected):
    """load_factor scales vessel capacity: a 50 % ferry of 10 wagons is full at 5."""
    # One block of 8 wagons arrives at t = 24 (8 wagons/day in blocks of 8).
    link = sea(departure={"max_wait": "10 h"}, load_factor=load_factor)
    sim = start(crossing("8 wagon/day", size="8 wagon", link=link))
    log = voyages(sim)
    sim.env.run(until=35)
    assert sailings(log) == expected


@pytest.mark.parametrize(("count", "loads"), [(1, 11), (2, 22)])
def test_fleet_delivers_the_hand_computed_number_of_loads(count, loads):
    """With cargo always waiting, each ferry delivers one load per round trip."""
    # Blocks of 10 wagons arrive hourly from t = 1, so cargo always waits at a. A ferry
    # loads 1 h, sails 10 h, unloads 1 h (delivered), sails back empty 10 h: a 22 h cycle.
    # Ferry 1 delivers at 13 + 22k, ferry 2 an hour later (it loads the t = 2 block):
    # 11 deliveries each before the 240 h horizon (13 + 220 = 233 and 14 + 220 = 234),
    # 22 voyages each (sailing at 2 + 11j, or 3 + 11j, j = 0..21), half of them loaded.
    link = sea([{"type": "ferry", **ferry(), "count": count}])
    link["fleet"][0].pop("name")
    mapping = crossing("240 wagon/day", size="10 wagon", link=link, horizon="240 h")
    for p in ("a", "b"):
        mapping["nodes"][p]["berths"] = {"rail_ferry": 2}
    result = cs.simulate(cs.build_scenario(mapping), seed=1)
    assert result.flows.loc[0, "delivered_units"] == pytest.approx(10.0 * loads)
    assert list(result.vessels["voyages"]) == [22] * count
    assert list(result.vessels["loaded_voyages"]) == [11] * count
    assert list(result.vessels["mean_fill"]) == pytest.approx([1.0] * count)


def test_scheduled_departure_waits_for_the_slot():
    """With departure every 12 h, a part-loaded ferry sails at its next slot."""
    # Slots at 0, 12, 24, ...; the first wagon arrives and is loaded at 8-8.1; the next
    # comes at 16, after the slot, so the ferry sails from anchorage at 12 with one wagon.
    link = sea(departure={"every": "12 h"})
    sim = start(crossing("3 wagon/day", link=link))
    log = voyages(sim)
    sim.env.run(until=15)
    assert sailings(log) == [(12.0, 1.0)]
