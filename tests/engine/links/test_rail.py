"""Rail links: trains form at the upstream node, leave full or after max_wait, and are
spaced by the line capacity."""

import pytest
from helpers import deliveries, flow, per_time, scenario, spy, start, units


def line(volume: str, size: str = "1 wagon", **rail: str) -> dict:
    """o --rail (10 h, trains of 5 wagons, max_wait 100 h)--> d, one deterministic flow."""
    link = {
        "kind": "rail",
        "from": "o",
        "to": "d",
        "travel_time": "10 h",
        "train_capacity": {"wagon": "5 wagon"},
        "max_wait": "100 h",
        **rail,
    }
    return scenario(
        nodes={"o": {"kind": "origin"}, "d": {"kind": "destination"}},
        links={"o-d": link},
        flows={"f": flow(["o", "d"], volume, size)},
    )


def departures(sim) -> list:
    """Log (time, wagons) of each train the o-d link dispatches."""
    return spy(sim.links["o-d"], "run_train", sim, lambda lane, train: units(train))


def test_full_train_departs_when_its_last_wagon_arrives():
    """A train waits for a full load and leaves exactly when the Nth unit arrives."""
    # 24 wagons/day of 1 wagon: arrivals at t = 1, 2, 3, ...; capacity 5, so a train is
    # full at t = 5, 10, 15; each takes 10 h, so the first 5 wagons are delivered at 15.
    sim = start(line("24 wagon/day"))
    trains = departures(sim)
    delivered = deliveries(sim)
    sim.env.run(until=15.5)
    assert trains == [(5.0, 5.0), (10.0, 5.0), (15.0, 5.0)]
    assert per_time(delivered) == [(15.0, 5.0)]


def test_part_load_leaves_after_max_wait():
    """A part-full train leaves max_wait after its first wagon arrived."""
    # 3 wagons/day: arrivals every 8 h at 8, 16, 24, 32, ...; capacity 10, max_wait 20 h:
    # the first train leaves at 8 + 20 = 28 with 3 wagons (8, 16, 24), the second at
    # 32 + 20 = 52 with 3 wagons (32, 40, 48).
    sim = start(line("3 wagon/day", train_capacity={"wagon": "10 wagon"}, max_wait="20 h"))
    trains = departures(sim)
    sim.env.run(until=27.9)
    lane = next(iter(sim.links["o-d"].lanes.values()))
    assert (trains, units(lane.waiting)) == ([], 3.0)
    sim.env.run(until=60)
    assert trains == [(28.0, 3.0), (52.0, 3.0)]


@pytest.mark.parametrize(
    ("line_capacity", "expected"),
    [
        (None, [2.0 * k for k in range(1, 14)]),  # no limit: each full train leaves on arrival
        ("4 train/day", [2.0, 8.0, 14.0, 20.0, 26.0]),  # headway 24 / 4 = 6 h
        ("3 train/day", [2.0, 10.0, 18.0, 26.0]),  # headway 24 / 3 = 8 h
    ],
)
def test_line_capacity_spaces_departures_by_the_headway(line_capacity, expected):
    """Departures are at least 24 h / line_capacity apart, even when full trains wait."""
    # Full trains (5 wagons, 60 wagons/day = 12 a day) arrive every 2 h from t = 2.
    extra = {"line_capacity": line_capacity} if line_capacity else {}
    sim = start(line("60 wagon/day", size="5 wagon", **extra))
    trains = departures(sim)
    sim.env.run(until=27)
    assert [t for t, _ in trains] == expected


def test_travel_time_is_distance_over_speed():
    """A train takes distance / speed: 600 km at 30 km/h = 20 h."""
    # The first train is full at t = 5 (see above) and arrives at 5 + 20 = 25.
    mapping = line("24 wagon/day")
    link = mapping["links"]["o-d"]
    del link["travel_time"]
    link.update(distance="600 km", speed="30 km/h")
    sim = start(mapping)
    delivered = deliveries(sim)
    sim.env.run(until=26)
    assert sim.links["o-d"].travel_h == 20.0
    assert per_time(delivered) == [(25.0, 5.0)]


def test_closed_line_holds_trains_until_it_reopens():
    """No train leaves while the rail link is closed; the full trains leave on reopening."""
    # Closed 0-29.5 h while a wagon arrives each hour: at 29.5 the 29 waiting wagons make
    # 5 full trains, which leave at once (no line capacity); the 4 left over plus the wagon
    # of t = 30 fill the next train at 30.
    mapping = line("24 wagon/day")
    mapping["disruptions"] = [
        {"kind": "closure", "elements": ["o-d"], "start": "0 h", "duration": "29.5 h"}
    ]
    sim = start(mapping)
    trains = departures(sim)
    sim.env.run(until=30.5)
    assert trains == [(29.5, 5.0)] * 5 + [(30.0, 5.0)]
