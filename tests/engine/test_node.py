"""Nodes: parallel servers with a service time and a daily quota of batch starts (their
storage is tested in ``test_yard.py``)."""

from helpers import deliveries, flow, per_time, scenario, start


def station(**node: object) -> dict:
    """Terminal n (processing every batch) --transfer, no delay--> d; one wagon an hour
    (24 wagons/day of 1 wagon) arrives at n from t = 1."""
    return scenario(
        nodes={"n": {"kind": "terminal", **node}, "d": {"kind": "destination"}},
        links={"n-d": {"kind": "transfer", "from": "n", "to": "d"}},
        flows={"f": flow(["n", "d"], "24 wagon/day", "1 wagon")},
    )


def test_two_servers_serve_two_batches_and_the_third_waits():
    """Two servers with 5 h service: batches 1 and 2 start at once, batch 3 waits for 1."""
    # Arrivals at 1, 2, 3, 4: batch 1 runs 1-6, batch 2 runs 2-7, batch 3 waits for the
    # first free server (6) and runs 6-11, batch 4 runs 7-12.
    sim = start(station(servers=2, service_time="5 h"))
    delivered = deliveries(sim)
    sim.env.run(until=3.5)
    node = sim.nodes["n"]
    assert (node.busy, len(node.waiting)) == (2, 1)
    sim.env.run(until=12.5)
    assert per_time(delivered) == [(6.0, 1.0), (7.0, 1.0), (11.0, 1.0), (12.0, 1.0)]


def test_gauge_change_adds_to_the_service_time():
    """At a border, gauge_change is added to the service time of every batch."""
    # 2 h service + 3 h gauge change = 5 h on one server: batch 1 (t = 1) leaves at 6,
    # batch 2 (t = 2) waits and leaves at 11.
    sim = start(
        station(
            kind="border", service_time="2 h", gauge_change={"dist": "deterministic", "mean": "3 h"}
        )
    )
    delivered = deliveries(sim)
    sim.env.run(until=12)
    assert per_time(delivered) == [(6.0, 1.0), (11.0, 1.0)]


def test_daily_quota_defers_the_third_batch_to_the_next_day():
    """A quota of 2 train/day: the third batch starts at hour 24, not on arrival."""
    # Three servers of 1 h are never the limit. Batches 1 and 2 start at 1 and 2 (done at
    # 2 and 3); the quota is then spent, so batches 3, 4 (and 21 more) wait until hour 24,
    # when 3 and 4 start together and finish at 25.
    sim = start(station(servers=3, service_time="1 h", quota="2 train/day"))
    delivered = deliveries(sim)
    sim.env.run(until=23.5)
    node = sim.nodes["n"]
    assert (node.batches_started, len(node.waiting)) == (2, 21)
    sim.env.run(until=25.5)
    assert per_time(delivered) == [(2.0, 1.0), (3.0, 1.0), (25.0, 2.0)]
