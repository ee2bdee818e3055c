"""Disruptions: scheduled closures hold cargo and release it, weather draws reproducible
closures at the stated rate, failures take node servers (and vessels) out of service."""

import datetime as dt

import numpy as np
import pytest
from helpers import deliveries, flow, per_time, port, scenario, sea, spy, start, units

from corridor_sim.engine.calendar import month_starts
from corridor_sim.engine.disruption import weather_episodes
from corridor_sim.model.disruptions import Weather


def crossing(*disruptions: dict, horizon: str = "10 day") -> dict:
    """Port a ==sea, 10 h, one ferry of 10 wagons==> port b; a block of 10 wagons arrives
    at a every hour from t = 1 (see tests/engine/test_sea.py for the timings)."""
    return scenario(
        nodes={"a": port(), "b": port()},
        links={"a-b": sea()},
        flows={"f": flow(["a", "b"], "240 wagon/day", "10 wagon")},
        disruptions=disruptions,
        horizon=horizon,
    )


def test_closure_of_a_sea_link_holds_cargo_then_releases_it():
    """No vessel sails and nothing is delivered while a sea link is closed; then it moves."""
    # Closed 0-48 h. The ferry loads the t = 1 block (done at 2) and waits, weather bound,
    # until 48; it sails 48-58, unloads by 59 and heads back empty for the waiting blocks.
    # Blocks of 1..47 h (470 wagons) are held: 10 aboard, 460 on the quay.
    closure = {"kind": "closure", "elements": ["a-b"], "start": "0 h", "duration": "48 h"}
    sim = start(crossing(closure))
    vessel = sim.links["a-b"].vessels[0]
    states = spy(vessel, "set_state", sim, lambda state: state)
    delivered = deliveries(sim)
    sim.env.run(until=47.5)
    lane = sim.links["a-b"].side(0)
    assert (vessel.state, units(vessel.hold), units(lane.waiting)) == ("weather_bound", 10, 460)
    sim.env.run(until=60)
    assert [t for t, state in states if state == "sailing"] == [48.0, 59.0]
    assert per_time(delivered) == [(59.0, 10.0)]


def test_closure_start_may_be_a_calendar_date():
    """A closure's start date counts from simulation.start (2024-01-03 = 48 h)."""
    closure = {"kind": "closure", "elements": ["a-b"], "start": "2024-01-03", "duration": "1 day"}
    sim = start(crossing(closure))
    sim.env.run(until=47.5)
    assert sim.links["a-b"].is_open
    sim.env.run(until=48.5)
    assert not sim.links["a-b"].is_open
    sim.env.run(until=72.5)
    assert sim.links["a-b"].is_open


def weather_run(days_per_month: float, seed: int) -> tuple:
    """A year of weather on the crossing: (closure times, sailings, storm hours)."""
    weather = {
        "kind": "weather",
        "elements": ["a-b"],
        "mean_episode": "1 day",
        "closure_days_per_month": [days_per_month] * 12,
    }
    sim = start(crossing(weather, horizon="365 day"), seed=seed)
    link = sim.links["a-b"]
    closures = spy(link, "close", sim, lambda: None)
    states = spy(link.vessels[0], "set_state", sim, lambda state: (state, link.is_open))
    sim.env.run(until=sim.end_h)
    sailings = [(t, is_open) for t, (state, is_open) in states if state == "sailing"]
    return [t for t, _ in closures], sailings, sim.storm_hours


def test_weather_closes_at_the_stated_rate_reproducibly():
    """Weather episodes close the link about closure_days_per_month; same seed, same storms."""
    # 10 closure days a month = 2880 h expected over the year; episodes of mean 24 h, so
    # ~120 of them (Poisson counts, exponential lengths: sd of the total ~370 h).
    closures, sailings, storm_hours = weather_run(10, seed=7)
    assert 60 < len(closures) < 180
    assert 0.6 * 2880 < storm_hours < 1.4 * 2880
    assert sailings and all(is_open for _, is_open in sailings)  # never sails into a storm
    assert weather_run(10, seed=7) == (closures, sailings, storm_hours)
    assert weather_run(10, seed=8)[0] != closures


def test_weather_with_no_closure_days_never_closes():
    """closure_days_per_month of zero draws no episode."""
    closures, _, storm_hours = weather_run(0, seed=7)
    assert (closures, storm_hours) == ([], 0.0)


def busy_station(*disruptions: dict) -> dict:
    """Terminal n with 2 servers of 2 h; one wagon an hour from t = 1, so both are busy."""
    return scenario(
        nodes={
            "n": {"kind": "terminal", "servers": 2, "service_time": "2 h"},
            "d": {"kind": "destination"},
        },
        links={"n-d": {"kind": "transfer", "from": "n", "to": "d"}},
        flows={"f": flow(["n", "d"], "24 wagon/day", "1 wagon")},
        disruptions=disruptions,
        horizon="500 h",
    )


def test_node_failures_take_servers_out():
    """A failure takes one server out: no batch starts beyond the servers left."""
    # Without failures each batch starts on arrival (the one two hours older just ended):
    # 499 starts at t = 1..499. With failures (mtbf 20 h, mttr 10 h) fewer start, and at
    # every start busy <= servers - servers out.
    control = start(busy_station())
    control.env.run(until=control.end_h)
    assert control.nodes["n"].batches_started == 499

    failures = {"kind": "failures", "elements": ["n"], "mtbf": "20 h", "mttr": "10 h"}
    sim = start(busy_station(failures))
    node = sim.nodes["n"]
    starts = spy(node, "_service", sim, lambda: (node.busy, node.servers - node.servers_out))
    fails = spy(node, "fail", sim)
    sim.env.run(until=sim.end_h)
    assert len(fails) > 5
    assert any(free == 1 for _, (_, free) in starts)  # some batches started on one server
    assert all(busy <= free for _, (busy, free) in starts)
    assert len(starts) == node.batches_started < 499


def test_same_named_vessels_on_two_links_fail_independently():
    """Each vessel's failures draw from its own stream, even if another link reuses its name."""
    # Two idle crossings a-b and c-d (the only flow goes o -> e), each with a ferry named
    # "ferry", fail every ~10 h. An idle vessel goes to repair at once, at anchorage, for
    # the time drawn at the failure: two independent exponential draws are equal with
    # probability 0; from one shared stream they are equal.
    mapping = scenario(
        nodes={
            "a": port(),
            "b": port(),
            "c": port(),
            "d": port(),
            "o": {"kind": "origin"},
            "e": {"kind": "destination"},
        },
        links={
            "a-b": sea(),
            "c-d": sea(**{"from": "c", "to": "d"}),
            "o-e": {"kind": "transfer", "from": "o", "to": "e"},
        },
        flows={"f": flow(["o", "e"], "24 wagon/day", "1 wagon")},
        disruptions=[
            {"kind": "failures", "elements": ["a-b", "c-d"], "mtbf": "10 h", "mttr": "5 h"}
        ],
    )
    sim = start(mapping)
    repairs = []
    for name in ("a-b", "c-d"):
        vessel = sim.links[name].vessels[0]
        log = spy(vessel, "set_state", sim, lambda state, v=vessel: (state, v.repair_h))
        repairs.append(log)
    sim.env.run(until=200)
    first, second = ([h for _, (state, h) in log if state == "repair"] for log in repairs)
    assert len(first) > 3 and len(second) > 3
    assert first[0] != second[0] and first != second


def test_vessel_failure_sends_the_vessel_to_repair_off_the_berth():
    """Failures on a sea link: a failed vessel is repaired, off the berth, for its drawn
    repair time."""
    # Each 'repair' state lasts exactly the repair time drawn at the failure (repair_h),
    # no berth is held meanwhile, then the vessel carries on; cargo keeps flowing.
    failures = {"kind": "failures", "elements": ["a-b"], "mtbf": "30 h", "mttr": "5 h"}
    sim = start(crossing(failures, horizon="300 h"))
    vessel = sim.links["a-b"].vessels[0]
    berths = [sim.nodes[p].berths["rail_ferry"] for p in ("a", "b")]
    log = spy(vessel, "set_state", sim, lambda state: (state, vessel.repair_h))
    held = spy(vessel, "_off_duty", sim, lambda: [b.count for b in berths])
    delivered = deliveries(sim)
    sim.env.run(until=sim.end_h)
    repairs = [i for i, (_, (state, _)) in enumerate(log) if state == "repair"]
    assert len(repairs) >= 2
    for i in repairs[:-1]:
        (t, (_, hours)), (t_next, _) = log[i], log[i + 1]
        assert t_next - t == pytest.approx(hours)
    assert held and all(counts == [0, 0] for _, counts in held)
    assert sum(qty for _, qty in delivered) > 0


def test_port_failure_takes_one_berth_out_not_the_port():
    """A failure at a port with two berths leaves one berth working: the ferry can still
    call (it is never held outside as if the port were closed)."""
    failures = {"kind": "failures", "elements": ["a"], "mtbf": "20 h", "mttr": "10 h"}
    mapping = crossing(failures, horizon="300 h")
    mapping["nodes"]["a"]["berths"] = {"rail_ferry": 2}
    sim = start(mapping)
    vessel = sim.links["a-b"].vessels[0]
    states = spy(vessel, "set_state", sim, lambda state: state)
    fails = spy(sim.nodes["a"], "fail", sim)
    sim.env.run(until=sim.end_h)
    assert len(fails) > 5
    assert "weather_bound" not in [state for _, state in states]


def test_weather_in_a_part_month_is_scaled_to_the_days_left():
    """A run that starts on 22 January sees 10/31 of January's expected closure days."""
    # 10 closure days expected in January, none later. From 22 Jan the run has 10 of 31
    # days of January left: 10 x 10/31 days = 77.4 h of storms expected in the first 240 h
    # (a month-long rate crammed into 10 days would give 240 h). Mean over 400 draws.
    spec = Weather(("a-b",), (10.0,) + (0.0,) * 11, mean_episode_h=24.0)
    starts, months = month_starts(dt.date(2024, 1, 22), 240.0)
    assert (starts[:2], months[:2]) == ([0.0, 240.0], [0, 1])
    rng = np.random.default_rng(1)
    totals = [
        sum(d for s, d in weather_episodes(spec, rng, starts, months, 240.0, 31 * 24.0) if s < 240)
        for _ in range(400)
    ]
    assert np.mean(totals) == pytest.approx(10 * 10 / 31 * 24, abs=15)
