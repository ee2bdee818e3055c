"""Single-track rail lines: trains of both directions share the sections between the
passing loops, cross at the loops, and the line carries the classic analytic capacity."""

import math

import pytest
import simpy
from helpers import TAU_H, TRAVEL_H, build, spy, start, units
from helpers import rail_both_ways as line

import corridor_sim as cs
from corridor_sim.engine.consignment import MOVE, WAIT
from corridor_sim.engine.links.track import SingleTrack
from corridor_sim.experiments.confidence import summarise_by
from corridor_sim.experiments.kpis import subject_runs
from corridor_sim.model.track import Track

DAYS = 60  # the helper's horizon


# -- the sections, as a tiny simulation -----------------------------------------------------
def test_trains_cross_at_the_loop_and_take_turns():
    """One loop (two sections of 5 h, held 6 h): A (forward) and B (backward) start at 0,
    meet at the loop at 5 and wait there until the other's section is free at 6; A2,
    forward behind A, waits at the line's end while B (the other direction) goes first."""
    env = simpy.Environment()
    track = SingleTrack(env, Track("single", 1, TAU_H), TRAVEL_H)
    log: list[tuple[str, float]] = []
    for name, direction in (("A", 0), ("B", 1), ("A2", 0)):
        track.run(direction, lambda name=name: log.append((name, env.now)))
    env.run()
    # A2 enters section 0 when B has left it (11) plus tau: 12; then 5 h + 5 h.
    assert sorted(log, key=lambda e: (e[1], e[0])) == [("A", 11.0), ("B", 11.0), ("A2", 22.0)]
    assert (track.trains, track.waited) == (3, 3)
    assert track.waits.mean == pytest.approx((1.0 + 1.0 + 12.0) / 3)


def test_followers_are_a_hold_apart_and_spaced_trains_never_wait():
    """Same direction: the second train enters each section one hold (5 + 1 h) after the
    first; a train starting after the line is clear does not wait."""
    env = simpy.Environment()
    track = SingleTrack(env, Track("single", 1, TAU_H), TRAVEL_H)
    log: list[float] = []
    track.run(0, lambda: log.append(env.now))
    track.run(0, lambda: log.append(env.now))
    env.run()
    assert log == [10.0, 16.0]
    assert track.waited == 1
    env.timeout(1.0).callbacks.append(lambda _e: track.run(1, lambda: log.append(env.now)))
    env.run()
    assert log == [10.0, 16.0, 27.0]
    assert (track.trains, track.waited) == (3, 1)


# -- capacity ------------------------------------------------------------------------------
def trains_per_day(mapping: dict, replications: int = 5) -> tuple[float, float]:
    """Mean and 95 % CI half-width over replications of the trains a day that ran the
    whole single track (both directions) in the statistics period."""
    rr = cs.run(build(mapping), replications, workers=1, progress=False)
    per_run = subject_runs(rr.runs, "loops")
    summary = summarise_by(per_run, "subject").set_index("subject").loc["a-b"]
    return summary["trains_mean"] / DAYS, summary["trains_half_width"] / DAYS


@pytest.mark.parametrize("loops", [0, 3])
def test_both_ways_saturated_reach_the_pairs_formula(loops):
    """Demand of 12 trains a day each way, far above capacity: the line carries
    1440 / (t1 + t2 + tau1 + tau2) pairs a day (t: running time over a section)."""
    t_min = 60 * TRAVEL_H / (loops + 1)
    pairs = 1440 / (2 * t_min + 2 * 60 * TAU_H)
    mean, half = trains_per_day(line(loops))
    slack = 1.0 / DAYS  # one train more or less at the ends of the period
    assert mean / 2 == pytest.approx(pairs, abs=half / 2 + slack)
    assert mean / 2 <= pairs + slack  # never above the capacity


@pytest.mark.parametrize("loops", [0, 3])
def test_one_way_saturated_carries_one_train_per_hold(loops):
    """With traffic one way only the line carries 1440 / (t + tau) trains a day."""
    capacity = 1440 / (60 * TRAVEL_H / (loops + 1) + 60 * TAU_H)
    mean, half = trains_per_day(line(loops, back=None))
    assert mean == pytest.approx(capacity, abs=half + 1.0 / DAYS)


def test_the_two_ways_share_the_capacity():
    result = cs.simulate(build(line(3)), seed=2)
    delivered = result.flows.set_index("flow")["delivered_units"]
    assert delivered["ab"] == pytest.approx(delivered["ba"], rel=0.05)


# -- double track, balance, waits ----------------------------------------------------------
def test_double_track_runs_exactly_as_without_a_track_key():
    """``track: double`` is the default: the same events and deliveries as no key."""
    plain = cs.simulate(build(line(None)), seed=4)
    double = cs.simulate(build(line(None, track="double")), seed=4)
    assert double.events == plain.events
    assert double.flows.equals(plain.flows)
    assert double.loops.empty


def test_double_track_carries_more_than_a_single_track():
    """Each direction has its own track: no loop waits, more trains than the section
    capacity (the fault the single track fixes)."""
    double = cs.simulate(build(line(None)), seed=4)
    single = cs.simulate(build(line(0)), seed=4)
    assert double.flows["delivered_units"].sum() > 2 * single.flows["delivered_units"].sum()


def test_mass_balance_holds_with_trains_waiting_at_the_loops():
    """Trains waiting at a loop or on a section still hold their cargo."""
    sim = start(line(1))
    sim.env.run(until=5 * 24.0)
    link = sim.links["a-b"]
    on_track = sum(units(train) for train in link.in_transit.values())
    assert link.track.waiting > 0 and on_track > 0
    assert units(link.holdings()) >= on_track
    result = cs.simulate(build(line(1)), seed=3)
    assert result.balance["difference_units"].abs().max() < 1e-6
    assert result.flows["in_system_units"].sum() > 100  # the backlog is still counted


def test_spaced_trains_one_way_never_wait_at_a_loop():
    """One train every 12.5 h one way (demand below 1 / (t + tau)): no loop waits."""
    mapping = line(3, back=None, there="9.6 wagon/day")
    mapping["flows"]["ab"]["arrivals"] = {"pattern": "deterministic", "size": "5 wagon"}
    loops = cs.simulate(build(mapping), seed=1).loops.set_index("link").loc["a-b"]
    assert loops["trains"] == pytest.approx(DAYS * 24 / 12.5, abs=1)
    assert (loops["waited_trains"], loops["wait_mean_h"], loops["wait_p95_h"]) == (0, 0.0, 0.0)
    assert loops["busiest_section_share"] == pytest.approx(3.5 / 12.5, rel=0.02)


def test_opposing_traffic_waits_and_is_reported():
    loops = cs.simulate(build(line(3)), seed=1).loops.set_index("link").loc["a-b"]
    assert 0 < loops["waited_trains"] <= loops["trains"]
    assert loops["wait_mean_h"] > 0 and loops["wait_p95_h"] >= loops["wait_mean_h"]
    assert loops["busiest_section_share"] == pytest.approx(1.0, abs=0.01)


@pytest.mark.parametrize("loops", [0, 3])
def test_a_saturated_single_track_shows_its_queue_and_wait_share(loops):
    """Far above capacity both ways, trains queue for the sections, not at the nodes:
    that wait is the link's (its cargo's stages, its queue and waits), so the line
    ranks first on wait share and backlog growth, not on utilisation alone."""
    result = cs.simulate(build(line(loops)), seed=1)
    ranking = result.bottlenecks.set_index("element").loc["a-b"]
    assert ranking["wait_share"] > 0.9
    assert ranking["queue_growth_t_per_day"] > 1000  # some 12 trains a day stay behind
    assert ranking["backlog_growth_days"] > 7
    stages = result.stages[result.stages["element"] == "a-b"]
    assert (stages["wait_h"] > stages["move_h"]).all()
    assert stages["move_h"].tolist() == pytest.approx([TRAVEL_H, TRAVEL_H])  # the run moves
    row = result.elements.set_index("element").loc["a-b"]
    assert row["wait_mean_h"] > TRAVEL_H and row["queue_mean_t"] > 0


def test_trains_waiting_on_the_line_are_in_the_link_queue():
    """At any moment the link's queue is the cargo waiting at its nodes plus that of the
    trains waiting for a section, and each waiting consignment's wait began when its
    train stopped (its moving time closed at that moment)."""
    sim = start(line(1))
    link = sim.links["a-b"]
    for day in (2, 5, 9):
        sim.env.run(until=day * 24.0)
        on_line = list(link.track.queued())
        assert on_line and len(on_line) <= len(list(link.queued()))
        assert link.queue.value == pytest.approx(sum(c.tonnes for c in link.queued()))
        for section in link.track.sections:
            for train in (*section.queues[0], *section.queues[1]):
                assert {c.t for c in train.cargo} == {train.since}


def test_waits_at_a_loop_are_marked_on_the_link():
    """A and B (one loop, sections of 5 h held 6 h) meet at the loop at 5 and wait 1 h:
    each consignment moves 5 h, waits 1 h, moves 5 h, all on the link."""
    mapping = line(1, there="5 wagon/day", back="5 wagon/day")
    for f in mapping["flows"].values():
        f["arrivals"] = {"pattern": "deterministic", "size": "5 wagon"}  # a full train a day
    sim = start(mapping)
    log = spy(sim.flows[0], "deliver", sim, lambda c, now: list(c.stages))
    sim.env.run(until=3 * 24.0)
    index = sim.links["a-b"].index
    first = [(e, k, h) for e, k, h in log[0][1] if e == index]
    assert first == [(index, MOVE, 5.0), (index, WAIT, 1.0), (index, MOVE, 5.0)]


def test_route_choice_sees_the_wait_for_the_first_section():
    """expected_h adds a hold per train queued at the first section."""
    sim = start(line(0))
    sim.env.run(until=3 * 24.0)
    link = sim.links["a-b"]
    lane = next(iter(link.lanes.values()))
    queued = link.track.queued_at_start(lane.direction)
    assert queued > 0
    probe = lane.waiting[0] if lane.waiting else None
    if probe is not None:
        assert lane.expected_h(probe) >= queued * (TRAVEL_H + TAU_H) + TRAVEL_H
    assert link.track.expected_wait_h(lane.direction) >= queued * (TRAVEL_H + TAU_H)
    assert math.isfinite(link.utilisation(sim.env.now, 3.0))


def test_line_capacity_still_spaces_departures_on_a_single_track():
    """1 train a day one way, below the track's 2.18: the headway binds, no loop waits,
    and the utilisation is the line capacity's."""
    result = cs.simulate(build(line(0, back=None, line_capacity="1 train/day")), seed=1)
    loops = result.loops.set_index("link").loc["a-b"]
    assert loops["trains"] == pytest.approx(DAYS, abs=1)
    assert loops["waited_trains"] == 0
    util = result.elements.set_index("element").loc["a-b", "utilisation"]
    assert util == pytest.approx(1.0, abs=0.02)
    assert loops["busiest_section_share"] == pytest.approx(11.0 / 24.0, abs=0.01)
