"""Batch mechanics against schedules computed by hand.

tests/engine/test_sea.py already counts the loads of one or two identical ferries carrying
cargo one way, and tests/engine/test_pipeline.py checks a pipeline's deliveries to within
one batch. Here: a mixed fleet with berth time and a load factor, loaded both ways, must
deliver exactly the hand-computed loads; a pipeline fed above its residual capacity must
deliver exactly (capacity - base load) x 24 h every day once the first batch arrives.
"""

from __future__ import annotations

import math

import pytest
from helpers import scenario

import corridor_sim as cs


def two_way_crossing(horizon_h: float) -> dict:
    """Ports a and b (3 ferry berths each, 20 wagon/h, 1 h berth time), 200 km apart.

    fast: 40 wagons x 75 % = 30 a load at 20 km/h (10 h at sea), starts at a;
    slow: 20 wagons x 75 % = 15 a load at 10 km/h (20 h at sea), starts at b.
    Blocks of 60 wagons arrive every hour from t = 1 at both ends, so cargo always waits.
    """
    port = {
        "kind": "port",
        "berths": {"rail_ferry": 3},
        "handling_rate": {"wagon": "20 wagon/h"},
        "berth_time": "1 h",
    }
    vessel = {"berth": "rail_ferry"}
    link = {
        "kind": "sea",
        "from": "a",
        "to": "b",
        "distance": "200 km",
        "load_factor": "75 %",
        "departure": {"max_wait": "100 h"},
        "fleet": [
            {"name": "fast", **vessel, "capacity": {"wagon": "40 wagon"}, "speed": "20 km/h"},
            {"name": "slow", **vessel, "capacity": {"wagon": "20 wagon"}, "speed": "10 km/h"},
        ],
    }
    link["fleet"][1]["home"] = "to"

    def flow(a: str, b: str) -> dict:
        return {
            "commodity": "goods",
            "origin": a,
            "destination": b,
            "volume": "1440 wagon/day",
            "arrivals": {"pattern": "deterministic", "size": "60 wagon"},
            "route": [a, b],
        }

    return scenario(
        nodes={"a": port, "b": dict(port)},
        links={"a-b": link},
        flows={"west": flow("a", "b"), "east": flow("b", "a")},
        horizon=f"{horizon_h} h",
    )


def loads_before(first_h: float, cycle_h: float, horizon_h: float) -> int:
    """Deliveries at first, first + cycle, ... strictly before the horizon."""
    return math.floor((horizon_h - first_h) / cycle_h - 1e-12) + 1 if first_h < horizon_h else 0


@pytest.mark.parametrize("horizon_h", [245.0, 500.0])
def test_mixed_fleet_two_way_delivers_the_hand_computed_loads(horizon_h):
    """Each port call: 1 h berthing, unload, load (30 wagons at 20/h = 1.5 h; 15 = 0.75 h).

    fast, from a at t = 1: berth to 2, load to 3.5, sail to 13.5, berth to 14.5, unload
    to 16 (west load delivered), load to 17.5, sail to 27.5, berth, unload to 30 (east
    delivered): a 28 h round trip, west deliveries at 16 + 28k, east at 30 + 28k; it sails
    at 3.5 + 14j. slow, from b at t = 1: load to 2.75, sail 20 h, berth, unload at a at
    24.5 (east), ... a 45 h round trip: east at 24.5 + 45k, west at 47 + 45k; it sails at
    2.75 + 22.5j. Every voyage is full (cargo always waits on both sides).
    """
    result = cs.simulate(cs.build_scenario(two_way_crossing(horizon_h)), seed=1)
    fast_west = loads_before(16.0, 28.0, horizon_h)
    fast_east = loads_before(30.0, 28.0, horizon_h)
    slow_west = loads_before(47.0, 45.0, horizon_h)
    slow_east = loads_before(24.5, 45.0, horizon_h)
    if horizon_h == 245.0:  # the counts written out once
        assert (fast_west, fast_east, slow_west, slow_east) == (9, 8, 5, 5)
    delivered = result.flows.set_index("flow")["delivered_units"]
    assert delivered["west"] == 30 * fast_west + 15 * slow_west
    assert delivered["east"] == 30 * fast_east + 15 * slow_east
    vessels = result.vessels.set_index("vessel")
    assert vessels.loc["fast", "voyages"] == loads_before(3.5, 14.0, horizon_h)
    assert vessels.loc["slow", "voyages"] == loads_before(2.75, 22.5, horizon_h)
    assert list(vessels["loaded_voyages"]) == list(vessels["voyages"])
    assert list(vessels["mean_fill"]) == pytest.approx([1.0, 1.0], abs=1e-12)


def saturated_pipeline(horizon: str, warmup: str = "0 h") -> dict:
    """o --BTC-like line--> d. Capacity 1.2e6 bbl/day, base load 0.6e6 bbl/day at 8 bbl/t:
    residual 75,000 t/day = 3,125 t/h. Linefill 1e7 bbl = 1.25e6 t, so the transit time at
    full flow (150,000 t/day = 6,250 t/h) is 200 h. Parcels of 75,000 t arrive every 12 h
    from t = 12: twice what the line can take, so the queue never empties."""
    mapping = scenario(
        nodes={"o": {"kind": "pipeline_terminal"}, "d": {"kind": "destination"}},
        links={
            "o-d": {
                "kind": "pipeline",
                "from": "o",
                "to": "d",
                "capacity": "1.2e6 bbl/day",
                "base_load": "0.6e6 bbl/day",
                "linefill": "1e7 bbl",
                "density": "8 bbl/t",
            }
        },
        flows={
            "crude": {
                "commodity": "crude",
                "origin": "o",
                "destination": "d",
                "volume": "150000 t/day",
                "arrivals": {"pattern": "deterministic", "size": "75000 t"},
                "route": ["o", "d"],
            }
        },
        horizon=horizon,
    )
    mapping["simulation"]["warmup"] = warmup
    return mapping


def test_saturated_pipeline_delivers_capacity_times_time():
    """Parcel k (k = 1, 2, ...) injects over [12 + 24 (k - 1), 12 + 24 k] at 3,125 t/h and
    arrives 200 h later, at 212 + 24 k: one parcel of 75,000 t on each day from day 9, so
    every day delivers exactly the residual capacity x 24 h, and over 30 days 21 parcels
    (212 + 24 x 21 = 716 < 720)."""
    result = cs.simulate(cs.build_scenario(saturated_pipeline("30 day")), seed=1)
    per_day = result.daily.query("element == 'o-d'").set_index("day")["tonnes"]
    assert list(per_day.index) == list(range(9, 30))
    assert (per_day == 75_000.0).all()
    delivered = result.flow_daily.set_index("day")["tonnes"]
    assert delivered.equals(per_day.rename("tonnes"))
    assert result.flows.loc[0, "delivered_units"] == 21 * 75_000.0


def test_saturated_pipeline_runs_at_exactly_its_capacity():
    """After the first parcel arrives (t = 12 h = the warm-up) the line injects without a
    break: base load + injection = capacity, utilisation exactly 1."""
    result = cs.simulate(cs.build_scenario(saturated_pipeline("20 day", warmup="12 h")), seed=1)
    row = result.elements.set_index("element").loc["o-d"]
    assert row["utilisation"] == pytest.approx(1.0, rel=1e-12)
