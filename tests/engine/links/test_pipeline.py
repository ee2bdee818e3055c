"""Pipelines: corridor batches are injected one at a time at the residual capacity
(capacity - base load) and arrive a transit time later."""

import pytest
from helpers import deliveries, flow, per_time, scenario, start

import corridor_sim as cs


def pipeline(volume: str, horizon: str = "10 day", **line: str) -> dict:
    """Tank farm o --pipeline, 1000 t/h with a 600 t/h base load--> d; 10,000 t parcels."""
    spec = {
        "kind": "pipeline",
        "from": "o",
        "to": "d",
        "capacity": "1000 t/h",
        "base_load": "600 t/h",
        **line,
    }
    if "linefill" not in line:
        spec.setdefault("transit_time", "30 h")
    return scenario(
        nodes={"o": {"kind": "pipeline_terminal"}, "d": {"kind": "destination"}},
        links={"o-d": spec},
        flows={"f": flow(["o", "d"], volume, "10000 t", commodity="crude")},
        horizon=horizon,
    )


@pytest.mark.parametrize(
    "line",
    [
        {"transit_time": "30 h"},
        {"linefill": "30000 t"},  # transit = linefill / flow = 30,000 t / 1000 t/h = 30 h
        {  # the same line in barrels at 7.3 bbl/t: 1000 t/h = 175,200 bbl/day
            "capacity": "175200 bbl/day",
            "base_load": "105120 bbl/day",
            "density": "7.3 bbl/t",
            "transit_time": "30 h",
        },
    ],
    ids=["transit_time", "linefill", "barrels"],
)
def test_batch_injects_at_the_residual_rate_and_arrives_after_transit(line):
    """A 10,000 t batch at residual 400 t/h injects for 25 h and arrives 30 h later."""
    # Parcels arrive at 24 and 48 (10,000 t/day). Parcel 1 injects 24-49 (10000 / 400 =
    # 25 h) and arrives at 79; parcel 2 waits for the line, injects 49-74, arrives at 104.
    sim = start(pipeline("10000 t/day", **line))
    delivered = deliveries(sim)
    sim.env.run(until=30)
    link = sim.links["o-d"]
    assert link.residual == pytest.approx(400.0)
    assert (len(link.injecting), link.injection.value) == (1, pytest.approx(400.0))
    sim.env.run(until=110)
    assert per_time(delivered) == [
        (pytest.approx(79.0), pytest.approx(10000.0)),
        (pytest.approx(104.0), pytest.approx(10000.0)),
    ]


def test_delivery_over_a_horizon_is_limited_to_the_residual_capacity():
    """Inflow above the residual capacity: deliveries ≈ residual x time, not the inflow."""
    # 20,000 t/day (833 t/h) offered, 400 t/h residual. Parcels inject back to back from
    # the first arrival at 12: parcel k (1-based) arrives at 12 + 25 k + 30, so 27 of them
    # arrive before 720 h (12 + 675 + 30 = 717) = 270,000 t, vs 400 x (720 - 42) = 271,200.
    result = cs.simulate(cs.build_scenario(pipeline("20000 t/day", horizon="30 day")))
    row = result.flows.iloc[0]
    assert row.delivered_units == pytest.approx(270000.0)
    assert row.delivered_units == pytest.approx(400 * (720 - 42), abs=10000)
    # offered: one parcel every 12 h, 59 or 60 in 720 h (the last falls on the boundary)
    assert row.offered_units == pytest.approx(20000.0 * 30, abs=10000)


def test_closure_pauses_injection_and_the_batch_resumes_after_it():
    """A closure stops injection; the part-injected batch finishes after reopening."""
    # Parcel 1 injects from 24; closed 30-40 after 6 h x 400 = 2,400 t, the remaining
    # 7,600 t take 19 h more: injected at 59, delivered at 89. Parcel 2 (arrived at 48)
    # injects 59-84 and is delivered at 114.
    mapping = pipeline("10000 t/day")
    mapping["disruptions"] = [
        {"kind": "closure", "elements": ["o-d"], "start": "30 h", "duration": "10 h"}
    ]
    sim = start(mapping)
    delivered = deliveries(sim)
    sim.env.run(until=35)
    link = sim.links["o-d"]
    assert (len(link.injecting), link.injection.value) == (1, 0.0)
    sim.env.run(until=120)
    assert per_time(delivered) == [
        (pytest.approx(89.0), pytest.approx(10000.0)),
        (pytest.approx(114.0), pytest.approx(10000.0)),
    ]
