"""Fleet pools: every review one vessel moves to the line with the most cargo waiting per
vessel (and only at reviews); it changes line at the hub, and the lines' records count
the vessels that served them (engine/links/pool.py)."""

import dataclasses

import pandas as pd
import pytest
from helpers import REVIEW_DAYS, build, short, spy, start
from helpers import january_then_february as pooled

import corridor_sim as cs

DAY = 24.0


def assigned(sim) -> dict[str, int]:
    return {line.name: n for line, n in sim.pools[0].assigned().items()}


def test_a_vessel_moves_to_the_line_with_the_queue_and_back_when_it_moves():
    sim = start(pooled())
    sim.env.run(until=30 * DAY)  # January: the queue is at a
    assert assigned(sim) == {"a-h": 3, "b-h": 1}
    serving = {name: sorted(v.name for v in sim.links[name].vessels) for name in ("a-h", "b-h")}
    assert len(serving["a-h"]) == 3 and len(serving["b-h"]) == 1
    sim.env.run(until=58 * DAY)  # February: the queue is at b
    assert assigned(sim) == {"a-h": 1, "b-h": 3}
    record = sim.record()
    vessels = {v.name: v for e in record.elements for v in e.vessels}
    assert vessels["b1"].hours_by_line["a-h"] > 0 or vessels["b2"].hours_by_line["a-h"] > 0
    assert any(vessels[n].hours_by_line.get("b-h", 0) > 0 for n in ("a1", "a2"))
    assert sum(v.switches for v in vessels.values()) >= 3
    for v in vessels.values():  # every hour of the period is on some line
        assert sum(v.hours_by_line.values()) == pytest.approx(58 * DAY)


def test_a_vessel_changes_line_only_at_the_hub_with_an_empty_hold():
    sim = start(pooled())
    log = []
    for v in sim.pools[0].vessels:
        original = v._switch

        def switching(v=v, original=original):
            log.append((v.link.ports[v.port_index].name, len(v.hold)))
            original()

        v._switch = switching
    sim.env.run(until=58 * DAY)
    assert log and all(entry == ("h", 0) for entry in log)


def test_vessels_are_reassigned_only_at_reviews():
    sim = start(pooled())
    reviews = spy(sim.pools[0], "review", sim)
    logs = [spy(v, "reassign", sim) for v in sim.pools[0].vessels]
    sim.env.run(until=58 * DAY)
    moves = [t for log in logs for t, _ in log]
    period = REVIEW_DAYS * DAY
    assert [t for t, _ in reviews] == [k * period for k in range(1, 29)]  # 58 days: the last at 56
    assert moves and all(t % period == 0 for t in moves)
    assert len(moves) <= len(reviews)  # at most one a review


def test_no_move_without_a_queue_and_none_back_at_once():
    """The hysteresis: with no cargo waiting, or the receiver's backlog per vessel after
    the move no larger than the donor's, nothing moves."""
    sim = start(pooled())
    pool = sim.pools[0]
    assert pool.review() is None  # t = 0, nothing waits
    a, b = pool.lines
    a.queue.add(100.0, 0.0)  # 100 t for a-h, 2 vessels each: 100/3 > 0/1
    assert pool.review() is not None
    assert pool.review() is None  # a-h has 3, b-h 1: b-h cannot give its last
    b.queue.add(40.0, 0.0)  # 100/3 = 33 vs 40/1: b is the receiver; 40/2 > 100/2? no
    assert pool.review() is None


def test_mass_balance_holds_with_pools():
    """Every consignment is found once (aboard, waiting or held) while vessels change
    line: the result's balance checks pass, and generated = delivered + in system."""
    result = cs.simulate(build(pooled()))
    assert (result.balance["difference_units"].abs() < 1e-9).all()
    pools = result.pools.set_index("line")
    assert pools["vessel_days"].sum() == pytest.approx(4 * 59)
    assert set(pools["home_vessels"]) == {2}


def test_a_pool_that_never_reviews_changes_nothing():
    """A pool whose first review comes after the run: the tables are those of the
    scenario without the pool, to the bit."""
    scenario = dataclasses.replace(short("middle_corridor_2024", 30), fleet_pools={})
    pool = cs.model.FleetPool("asco", ("kuryk-alat", "turkmenbashi-alat"), 1e6)
    pooled = dataclasses.replace(scenario, fleet_pools={"asco": pool})
    plain, idle = cs.simulate(scenario, seed=3), cs.simulate(pooled, seed=3)
    for name in ("elements", "throughput", "flows", "vessels", "calls", "balance", "queues"):
        pd.testing.assert_frame_equal(getattr(plain, name), getattr(idle, name), check_exact=True)
    assert plain.pools.empty and len(idle.pools) == 2


def test_an_empty_fleet_pools_section_is_no_pool():
    mapping = pooled()
    mapping["fleet_pools"] = {}
    empty = cs.simulate(build(mapping))
    del mapping["fleet_pools"]
    absent = cs.simulate(build(mapping))
    for name in ("elements", "flows", "vessels", "balance"):
        pd.testing.assert_frame_equal(getattr(empty, name), getattr(absent, name), check_exact=True)
