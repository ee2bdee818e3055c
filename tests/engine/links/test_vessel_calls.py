"""A vessel call as it happens: anchorage, entry window, berth, formalities, unload, load,
formalities, sail; waiting for cargo at anchorage; repairs and maintenance off the berth.

Tiny simulations with hand-worked timelines: ports a and b 100 km apart (10 h at 10 km/h),
one rail-ferry berth each, handling 10 wagons (or 100 t of crude) an hour, no berth time
unless a test sets one; every vessel carries 10 wagons (see tests/helpers.py).
"""

import pytest
from helpers import ferry, flow, port, scenario, sea, spy, start

import corridor_sim as cs

LIQUID_PORT = {"wagon": "10 wagon/h", "liquid": "100 t/h"}


class StateLog(dict):
    """Every vessel's ``(time, state)`` changes, by vessel name (a state set again, as
    an idle vessel woken by cargo it cannot carry does, is not a change)."""

    def __getitem__(self, name: str) -> list:
        log = super().__getitem__(name)
        return [entry for i, entry in enumerate(log) if i == 0 or entry[1] != log[i - 1][1]]


def state_log(sim, link: str = "a-b") -> StateLog:
    return StateLog(
        {v.name: spy(v, "set_state", sim, lambda state: state) for v in sim.links[link].vessels}
    )


def spans(log: list, state: str, until: float) -> list[tuple[float, float]]:
    """The ``(start, end)`` of each stay in ``state`` (end: the next change, or ``until``)."""
    out = []
    for i, (t, s) in enumerate(log):
        if s == state:
            end = log[i + 1][0] if i + 1 < len(log) else until
            out.append((pytest.approx(t), pytest.approx(end)))
    return out


def two_way(**link: object) -> dict:
    """Wagons a -> b, one every 8 h from t = 8 (ferry 'one', home a); crude b -> a, 100 t
    a day from t = 24 (tanker 'two', home b, on the same rail-ferry berths)."""
    tanker = ferry(name="two", home="to", capacity={"liquid": "100 t"})
    return scenario(
        nodes={"a": port(handling_rate=LIQUID_PORT), "b": port(handling_rate=LIQUID_PORT)},
        links={"a-b": sea([ferry(name="one"), tanker], **link)},
        flows={
            "f": flow(["a", "b"], "3 wagon/day", "1 wagon"),
            "g": flow(["b", "a"], "100 t/day", "100 t", commodity="crude"),
        },
    )


def test_a_feeder_waiting_for_cargo_at_anchorage_leaves_the_berth_to_a_second_vessel():
    """'one' loads its first wagon and waits at anchorage, not on a's only berth, so
    'two' berths and unloads there at once."""
    # one: wagon at 8, loaded 8-8.1; room for 9 more, max_wait 100 h: it leaves the berth.
    # At 80 the nine wagons of 16..80 fill it: it berths again, loads them by 80.9, sails.
    # two: loads 100 t at b 24-25, crosses 25-35, berths at a at once, unloads 35-36; with
    # nothing to carry it waits at anchorage until the next crude, at b at 48.
    # On the berth (wait_at: berth), two would wait at anchorage until 80.9.
    sim = start(two_way())
    log = state_log(sim)
    sim.env.run(until=90)
    assert log["one"] == [
        (0, "idle"),
        (8.0, "waiting_berth"),
        (8.0, "loading"),
        (pytest.approx(8.1), "waiting_cargo"),
        (80.0, "waiting_berth"),
        (80.0, "loading"),
        (pytest.approx(80.9), "sailing"),
    ]
    assert log["two"][:8] == [
        (0, "idle"),
        (pytest.approx(24.0), "waiting_berth"),
        (pytest.approx(24.0), "loading"),
        (pytest.approx(25.0), "sailing"),
        (pytest.approx(35.0), "waiting_berth"),
        (pytest.approx(35.0), "unloading"),
        (pytest.approx(36.0), "blocked"),  # the port takes the crude at once
        (pytest.approx(36.0), "idle"),
    ]


def test_waiting_at_berth_reproduces_the_former_call():
    """``wait_at: berth`` keeps 'one' alongside while it waits for cargo (idle at berth),
    so 'two' waits at anchorage until one sails; the berth counts as occupied but idle."""
    # one: loads the wagons of 8, 16, ..., 80 as they come (0.1 h each), full at 80.1.
    # two: at a at 35, waits for the berth until 80.1, unloads 80.1-81.1.
    sim = start(two_way(departure={"max_wait": "100 h", "wait_at": "berth"}))
    log = state_log(sim)
    sim.env.run(until=90)
    assert spans(log["one"], "idle_berth", 90)[:2] == [(8.1, 16.0), (16.1, 24.0)]
    assert [t for t, s in log["one"] if s == "sailing"] == [pytest.approx(80.1)]
    assert spans(log["two"], "waiting_berth", 90)[1] == (35.0, 80.1)
    assert spans(log["two"], "unloading", 90) == [(80.1, 81.1)]
    berths = cs.SimulationResult.from_record(sim.record()).berths.set_index("port")
    # a's berth over 0-90 h: one alongside 8-80.1 (working 10 x 0.1 h), two 80.1-81.1
    assert berths.loc["a", "working"] == pytest.approx((1.0 + 1.0) / 90)
    assert berths.loc["a", "idle"] == pytest.approx((72.1 - 1.0) / 90)
    assert berths.loc["a", "utilisation"] == berths.loc["a", "working"]


def test_a_repair_does_not_block_the_berth():
    """A ferry that failed at sea unloads at its next call, then leaves the berth for its
    repair; a second ferry uses the berth meanwhile."""
    # Both ferries start at b; blocks of 10 wagons b -> a arrive at 24, 48, ... 'one'
    # loads the first 24-25 and sails (25-35); it fails at 30, needing 50 h of repair.
    # At a it unloads 35-36 and is repaired off the berth 36-86. 'two' loads the second
    # block 48-49, crosses and unloads at a 59-60 (held outside until 86 if the repair
    # kept the berth).
    mapping = scenario(
        nodes={"a": port(), "b": port()},
        links={"a-b": sea([ferry(name="one", home="to"), ferry(name="two", home="to")])},
        flows={"g": flow(["b", "a"], "10 wagon/day", "10 wagon")},
    )
    sim = start(mapping)
    log = state_log(sim)
    one = sim.links["a-b"].vessels[0]
    sim.env.timeout(30).callbacks.append(lambda _: one.break_down(50.0))
    sim.env.run(until=100)
    assert spans(log["one"], "unloading", 100) == [(35.0, 36.0)]
    assert spans(log["one"], "repair", 100) == [(36.0, 86.0)]
    assert spans(log["two"], "unloading", 100)[0] == (59.0, 60.0)
    assert (59.0, 59.0) in spans(log["two"], "waiting_berth", 100)  # a free berth at a


def test_drydock_removes_a_vessel_for_exactly_its_period():
    """Maintenance every 105 h for 20 h: the ferry goes on its date if it is free, else
    after it has unloaded, and is out for exactly 20 h each time."""
    # Planned at 0 and 105 (one vessel: offset 0). 0-20 in drydock. Blocks of 10 wagons
    # a -> b arrive every 100 h: loaded 100-101, crossed 101-111, unloaded 111-112; the
    # 105 date is due by then, so it goes at 112 (at b) until 132; idle at b until the
    # next block at 200.
    link = sea([ferry(maintenance={"every": "105 h", "duration": "20 h"})])
    mapping = scenario(
        nodes={"a": port(), "b": port()},
        links={"a-b": link},
        flows={"f": flow(["a", "b"], "2.4 wagon/day", "10 wagon")},
        horizon="205 h",
    )
    sim = start(mapping)
    log = state_log(sim)
    sim.env.run(until=sim.end_h)
    assert spans(log["ferry"], "maintenance", 205) == [(0.0, 20.0), (112.0, 132.0)]
    assert spans(log["ferry"], "unloading", 205) == [(111.0, 112.0)]
    vessels = cs.SimulationResult.from_record(sim.record()).vessels
    assert vessels.loc[0, "maintenance_h"] == pytest.approx(40.0)


def test_drydock_dates_are_staggered_over_the_fleet():
    """Three idle ferries with maintenance every 90 h go at 0, 30 and 60 h (i/n of the
    period), each for exactly its 10 h."""
    fleet = [
        {
            "type": "ferry",
            "count": 3,
            **ferry(maintenance={"every": "90 h", "duration": "10 h"}),
        }
    ]
    fleet[0].pop("name")
    mapping = scenario(
        nodes={"a": port(), "b": port()},
        links={"a-b": sea(fleet)},
        flows={"f": flow(["a", "b"], "1 wagon/day", "10 wagon")},  # first at 240 h
        horizon="200 h",
    )
    sim = start(mapping)
    log = state_log(sim)
    sim.env.run(until=sim.end_h)
    assert [spans(log[f"ferry-{i}"], "maintenance", 200) for i in (1, 2, 3)] == [
        [(0.0, 10.0), (90.0, 100.0), (180.0, 190.0)],
        [(30.0, 40.0), (120.0, 130.0)],
        [(60.0, 70.0), (150.0, 160.0)],
    ]


def test_an_unload_and_load_call_takes_the_sum_of_its_steps():
    """At b a call is berth time + arrival formalities + unloading + loading + departure
    formalities: 1 + 0.5 + 1 + 1 + 0.25 = 3.75 h."""
    # Blocks of 10 wagons both ways at 24 h. At a: berthing 24-25, formalities 25-25.5,
    # loading 25.5-26.5, formalities 26.5-26.75, sail 26.75-36.75. At b: berthing to
    # 37.75, formalities to 38.25, unloading to 39.25, loading to 40.25, formalities to
    # 40.5, sail.
    steps = {"berth_time": "1 h", "formalities": {"arrival": "30 min", "departure": "15 min"}}
    mapping = scenario(
        nodes={"a": port(**steps), "b": port(**steps)},
        links={"a-b": sea()},
        flows={
            "f": flow(["a", "b"], "10 wagon/day", "10 wagon"),
            "g": flow(["b", "a"], "10 wagon/day", "10 wagon"),
        },
        horizon="41 h",
    )
    sim = start(mapping)
    log = state_log(sim)
    sim.env.run(until=sim.end_h)
    at_b = [(t, s) for t, s in log["ferry"] if t >= 36.75]
    assert at_b == [
        (pytest.approx(36.75), "waiting_berth"),
        (pytest.approx(36.75), "berthing"),
        (pytest.approx(37.75), "formalities"),
        (pytest.approx(38.25), "unloading"),
        (pytest.approx(39.25), "blocked"),  # the port takes the wagons at once
        (pytest.approx(39.25), "loading"),
        (pytest.approx(40.25), "formalities"),
        (pytest.approx(40.5), "sailing"),
    ]
    calls = cs.SimulationResult.from_record(sim.record()).calls.set_index("port")
    assert calls.loc["b", "turnaround_mean_h"] == pytest.approx(3.75)
    assert calls.loc["a", "turnaround_mean_h"] == pytest.approx(26.75 - 24.0)


def test_an_entry_window_delays_berthing_to_the_window():
    """Daylight entry at b (06:00-18:00): a ferry arriving at 21:00 waits at anchorage
    until 06:00 and then berths; the wait is its 'entry' time."""
    # 10 wagons at a at 24 h, loaded by 25; 200 km at 10 km/h: at b at 45 h (21:00 of
    # day 1); enters at 54 h (06:00 of day 2) and unloads 54-55.
    mapping = scenario(
        nodes={"a": port(), "b": port(entry_window={"from": "6 h", "to": "18 h"})},
        links={"a-b": sea(distance="200 km")},
        flows={"f": flow(["a", "b"], "10 wagon/day", "10 wagon")},
        horizon="56 h",
    )
    sim = start(mapping)
    log = state_log(sim)
    sim.env.run(until=sim.end_h)
    assert spans(log["ferry"], "entry", 56) == [(45.0, 54.0)]
    assert spans(log["ferry"], "unloading", 56) == [(54.0, 55.0)]
    vessels = cs.SimulationResult.from_record(sim.record()).vessels
    assert vessels.loc[0, "entry_h"] == pytest.approx(9.0)


def test_littles_law_and_the_mass_balance_hold_at_the_anchorage():
    """Vessels queueing for a berth: every request is granted or still waits at the end
    (mass balance), and the anchorage hours of the vessel table equal the waits measured
    on the berths themselves, so L = lambda W with either (Little's law)."""
    # Five ferries, one berth at each port, Poisson wagons both ways, an entry window at
    # b and random formalities: the queue for the berths forms and drains many times.
    steps = {
        "berth_time": "1 h",
        "formalities": {"arrival": {"dist": "exponential", "mean": "2 h"}},
    }
    fleet = [{"type": "ferry", "count": 5, **ferry()}]
    fleet[0].pop("name")
    mapping = scenario(
        nodes={"a": port(**steps), "b": port(**steps, entry_window={"from": "20 h", "to": "8 h"})},
        links={"a-b": sea(fleet, departure={"max_wait": "12 h"})},
        flows={
            "f": flow(["a", "b"], "100 wagon/day", "1 wagon"),
            "g": flow(["b", "a"], "40 wagon/day", "1 wagon"),
        },
        horizon="60 day",
    )
    for f in mapping["flows"].values():
        f["arrivals"]["pattern"] = "poisson"
    sim = start(mapping)
    requests: list[list[float]] = []  # [asked, granted] per berth request

    def logged(request):
        def ask():
            event = request()
            entry = [sim.env.now, float("nan")]
            requests.append(entry)
            event.callbacks.append(lambda _: entry.__setitem__(1, sim.env.now))
            return event

        return ask

    for name in ("a", "b"):
        berths = sim.nodes[name].berths["rail_ferry"]
        berths.request = logged(berths.request)
    sim.env.run(until=sim.end_h)
    end = sim.end_h
    granted = [done - asked for asked, done in requests if done == done]
    waiting = [end - asked for asked, done in requests if done != done]
    result = cs.SimulationResult.from_record(sim.record())
    arrivals = len(requests)
    assert arrivals == len(granted) + len(waiting) > 300  # mass balance at the anchorage
    assert sum(granted) > 100  # the queue did form
    anchorage_h = result.vessels["anchorage_h"].sum()
    assert anchorage_h == pytest.approx(sum(granted) + sum(waiting))
    rate, wait = arrivals / end, (sum(granted) + sum(waiting)) / arrivals
    assert anchorage_h / end == pytest.approx(rate * wait)  # L = lambda W
    assert result.vessels["entry_h"].sum() > 0  # the window held some vessels too


def test_a_port_closed_while_a_vessel_waits_at_anchorage_keeps_it_there():
    """20 wagons at a at t = 12: 'one' loads 12-13 and sails 13-23, 'two' loads 13-14 and
    sails 14-24. At b (2 h berth time) 'one' berths 23-25 and unloads 25-26; 'two' waits
    at anchorage from 24. b closes from 25 to 40: 'one', alongside, finishes (unloading
    goes on); the berth comes free at 26, but 'two' may not berth until b reopens at 40:
    berthing 40-42, unloading 42-43. (Before, it berthed at 26, in the closure.)"""
    mapping = scenario(
        nodes={"a": port(), "b": port(berth_time="2 h")},
        links={"a-b": sea([ferry(name="one"), ferry(name="two")])},
        flows={"f": flow(["a", "b"], "40 wagon/day", "20 wagon")},
        disruptions=[{"kind": "closure", "elements": ["b"], "start": "25 h", "duration": "15 h"}],
    )
    sim = start(mapping)
    log = state_log(sim)
    sim.env.run(until=45)
    two = [(t, s) for t, s in log["two"] if t >= 24]
    assert two[:4] == [
        (pytest.approx(24.0), "waiting_berth"),
        (pytest.approx(26.0), "weather_bound"),
        (pytest.approx(40.0), "berthing"),
        (pytest.approx(42.0), "unloading"),
    ]
