"""Background trains: they take a node's servers and daily quota, and a rail line's
departure slots, and leave the corridor what is left; they are never cargo."""

import itertools
import math

import pytest
from helpers import build, deliveries, flow, scenario, spy, start

import corridor_sim as cs

DAYS = 20  # statistics period of the saturated cases, after a 2-day warm-up


def with_warmup(mapping: dict, horizon_days: int = DAYS) -> dict:
    mapping["simulation"] |= {"warmup": "2 day", "horizon": f"{horizon_days} day"}
    return mapping


def quota_station(background: dict | None, quota: str = "10 train/day") -> dict:
    """Terminal n: 30 servers of 1 h (never the limit) and a daily quota, fed 24 wagons a
    day of 1 wagon (24 trains a day: the quota is saturated) --transfer--> d."""
    node = {"kind": "terminal", "servers": 30, "service_time": "1 h", "quota": quota}
    if background is not None:
        node["background"] = background
    return with_warmup(
        scenario(
            nodes={"n": node, "d": {"kind": "destination"}},
            links={"n-d": {"kind": "transfer", "from": "n", "to": "d"}},
            flows={"f": flow(["n", "d"], "24 wagon/day", "1 wagon")},
        )
    )


def two_way_line(background: dict | None, horizon_days: int = DAYS) -> dict:
    """o <--rail, 12 train/day each way (2 h headway), trains of 1 wagon--> d; 24 wagons a
    day each way, so the line is saturated in both directions."""
    link = {
        "kind": "rail",
        "from": "o",
        "to": "d",
        "travel_time": "10 h",
        "train_capacity": {"wagon": "1 wagon"},
        "line_capacity": "12 train/day",
    }
    if background is not None:
        link["background"] = background
    return with_warmup(
        scenario(
            nodes={"o": {"kind": "origin"}, "d": {"kind": "origin"}},
            links={"o-d": link},
            flows={
                "out": flow(["o", "d"], "24 wagon/day", "1 wagon"),
                "back": flow(["d", "o"], "24 wagon/day", "1 wagon"),
            },
        ),
        horizon_days,
    )


def corridor_starts(sim) -> int:
    node = sim.nodes["n"]
    return node.batches_started - node.started_at_warmup


@pytest.mark.parametrize("per_day", [1, 4, 7])
def test_background_cuts_the_corridors_share_of_a_saturated_quota_by_its_rate(per_day):
    """10 trains a day may start; x of them are background, so the corridor gets 10 - x a
    day, exactly, and the quota stays fully used."""
    base = start(quota_station(None))
    base.run()
    assert corridor_starts(base) == 10 * DAYS
    sim = start(quota_station({"trains": f"{per_day} train/day", "arrivals": "regular"}))
    record = sim.run()
    node = sim.nodes["n"]
    assert corridor_starts(sim) == (10 - per_day) * DAYS
    assert node.background_started - node.background_at_warmup == per_day * DAYS
    (row,) = next(e for e in record.elements if e.name == "n").background
    assert (row.background_trains, row.corridor_trains) == (per_day * DAYS, (10 - per_day) * DAYS)
    assert row.capacity_trains == 10 * DAYS
    assert node.utilisation(sim.env.now, DAYS) == pytest.approx(1.0)


def test_background_goes_ahead_of_waiting_corridor_batches():
    """At midnight the quota renews: the background trains due the day before start
    first, then corridor batches take what is left of the day's starts."""
    sim = start(quota_station({"trains": "4 train/day"}))
    starts = spy(
        sim.nodes["n"], "_start_background", sim, lambda: len(sim.nodes["n"].background_waiting)
    )
    sim.env.run(until=24 * 5 + 0.5)
    at_midnight = [n for t, n in starts if t == 24 * 5]
    assert at_midnight == [4]  # the four due on day 4 waited, and went first
    assert sim.nodes["n"]._started_today == 10


def test_background_takes_a_departure_slot_in_each_direction():
    """12 slots a day each way, 3 taken by background trains: the corridor gets 9 a day
    in each direction (to within the one train whose slot straddles each end of the
    period), and the line is full."""
    days = 100
    base = start(two_way_line(None, days))
    base_trains = spy(base.links["o-d"], "run_train", base, lambda lane, train: lane.source.name)
    base.run()
    sim = start(two_way_line({"trains": "3 train/day", "arrivals": "regular"}, days))
    trains = spy(sim.links["o-d"], "run_train", sim, lambda lane, train: lane.source.name)
    sim.run()
    rail = sim.links["o-d"]
    period = 48.0
    for way in ("o", "d"):
        before = sum(1 for t, s in base_trains if s == way and t >= period)
        after = sum(1 for t, s in trains if s == way and t >= period)
        assert abs(before - 12 * days) <= 1
        assert abs(after - 9 * days) <= 1
        key = ("o", "d") if way == "o" else ("d", "o")
        assert rail.background_period(key) == 3 * days
    assert rail.utilisation(sim.env.now, days) == pytest.approx(1.0, abs=1 / (12 * days) + 1e-9)


def test_consecutive_departures_keep_the_headway_with_background():
    """No two departures in one direction (corridor or background) are closer than one
    headway (2 h), with background trains at random."""
    sim = start(two_way_line({"trains": "5 train/day", "arrivals": "poisson"}))
    rail = sim.links["o-d"]
    lane = rail.lanes[("o", "d")]
    corridor = spy(rail, "run_train", sim, lambda lane, train: lane.source.name)
    background: list[float] = []
    take = rail.take_slot

    def logged(source: str, target: str) -> None:
        if source == "o":
            background.append(max(lane.next_slot, sim.env.now))  # the slot it takes
        take(source, target)

    rail.take_slot = logged
    sim.env.run(until=24 * 10)
    times = sorted([t for t, way in corridor if way == "o"] + background)
    assert len(background) > 30
    assert len(times) > 100
    assert min(b - a for a, b in itertools.pairwise(times)) >= 2.0 - 1e-9


def test_a_background_load_that_does_not_bind_leaves_the_corridor_unchanged():
    """Background trains draw from streams of their own: at a node with servers to spare
    the corridor's deliveries are the same, at the same times, as without them."""

    def mapping(background: dict | None) -> dict:
        node = {
            "kind": "border",
            "servers": 40,
            "service_time": {"dist": "exponential", "mean": "2 h"},
        }
        if background is not None:
            node["background"] = background
        return scenario(
            nodes={"n": node, "d": {"kind": "destination"}},
            links={"n-d": {"kind": "transfer", "from": "n", "to": "d"}},
            flows={"f": flow(["n", "d"], "12 wagon/day", "1 wagon")},
            horizon="30 day",
        )

    plain = start(mapping(None))
    plain_log = deliveries(plain)
    plain.run()
    loaded = start(mapping({"trains": "6 train/day", "arrivals": "poisson"}))
    loaded_log = deliveries(loaded)
    loaded.run()
    assert loaded.nodes["n"].background_started > 150
    assert loaded_log == plain_log
    assert len(plain_log) > 300


def test_poisson_background_runs_at_its_rate_with_exponential_gaps():
    """Over a year, 12 trains a day at random: the count is within 3 standard deviations
    of 12 x 365 (Poisson), and the gaps have a coefficient of variation near 1 (regular
    trains would have 0)."""
    mapping = quota_station({"trains": "12 train/day", "arrivals": "poisson"}, quota="40 train/day")
    mapping["simulation"] |= {"warmup": "0 h", "horizon": "365 day"}
    sim = start(mapping, seed=11)
    arrivals = spy(sim.nodes["n"], "take_background", sim)
    sim.run()
    expected = 12 * 365
    assert abs(len(arrivals) - expected) < 3 * math.sqrt(expected)
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(arrivals)]
    mean = sum(gaps) / len(gaps)
    sd = math.sqrt(sum((g - mean) ** 2 for g in gaps) / (len(gaps) - 1))
    assert mean == pytest.approx(2.0, rel=0.05)
    assert sd / mean == pytest.approx(1.0, abs=0.05)


def test_regular_background_comes_one_headway_apart():
    mapping = quota_station({"trains": "8 train/day"}, quota="40 train/day")
    sim = start(mapping)
    arrivals = spy(sim.nodes["n"], "take_background", sim)
    sim.env.run(until=24 * 3)
    times = [t for t, _ in arrivals]
    assert len(times) == 24
    assert [b - a for a, b in itertools.pairwise(times)] == pytest.approx([3.0] * 23)
    assert 0.0 <= times[0] < 3.0


def test_background_trains_hold_a_server_for_the_nodes_own_server_time():
    """At a border with dwell stages, a background train holds a server for the stages
    that hold one (2 h + 3 h here) and skips the one that does not (documents)."""
    dwell = [
        {"stage": "documents", "dist": "deterministic", "mean": "6 h", "holds_server": False},
        {"stage": "gauge", "dist": "deterministic", "mean": "2 h"},
        {"stage": "check", "dist": "deterministic", "mean": "3 h"},
    ]
    mapping = scenario(
        nodes={
            "n": {
                "kind": "border",
                "servers": 1,
                "dwell": dwell,
                "background": {"trains": "1 train/day"},
            },
            "d": {"kind": "destination"},
        },
        links={"n-d": {"kind": "transfer", "from": "n", "to": "d"}},
        flows={"f": flow(["n", "d"], "1 wagon/day", "1 wagon")},
    )
    sim = start(mapping)
    node = sim.nodes["n"]
    held = spy(node, "take_background", sim, lambda hours: hours)
    sim.env.run(until=48)
    assert [h for _, h in held] == [5.0, 5.0]
    assert node.background_started == 2


def test_background_on_a_closed_line_leaves_first_on_reopening():
    """A closure of 10 h: the background trains due meanwhile take consecutive slots
    from the reopening, ahead of the corridor's trains."""
    mapping = two_way_line({"trains": "6 train/day"})
    mapping["disruptions"] = [
        {"kind": "closure", "elements": ["o-d"], "start": "100 h", "duration": "30 h"}
    ]
    sim = start(mapping)
    rail = sim.links["o-d"]
    sim.env.run(until=129.9)
    due = dict(rail.background_due)
    assert sum(due.values()) in (14, 15, 16)  # 30 h at 4 h apart, both ways
    sim.env.run(until=130.1)
    assert rail.background_due == {}
    lane = rail.lanes[("o", "d")]
    assert lane.next_slot == pytest.approx(130.0 + rail.headway_h * due[("o", "d")])


def test_mass_balance_and_deliveries_count_no_background_trains():
    """simulate() checks the mass balance of every run; background trains add no cargo
    to any flow or element."""
    result = cs.simulate(build(quota_station({"trains": "4 train/day"})))
    assert result.balance["difference_units"].abs().max() < 1e-9
    flows = result.flows.set_index("flow")
    assert flows.loc["f", "delivered_units"] == pytest.approx(6 * DAYS, abs=1)
    node = result.elements.set_index("element").loc["n"]
    assert node["utilisation"] == pytest.approx(1.0)


def random_border(background: dict | None = None) -> dict:
    """Border n: 2 servers of exponential 1.5 h, a quota of 20 trains a day; 24 wagons a
    day of 1 wagon --transfer--> d, over 30 days."""
    node = {
        "kind": "border",
        "servers": 2,
        "service_time": {"dist": "exponential", "mean": "1.5 h"},
        "quota": "20 train/day",
    }
    if background is not None:
        node["background"] = background
    return scenario(
        nodes={"n": node, "d": {"kind": "destination"}},
        links={"n-d": {"kind": "transfer", "from": "n", "to": "d"}},
        flows={"f": flow(["n", "d"], "24 wagon/day", "1 wagon")},
        horizon="30 day",
    )


@pytest.mark.parametrize(
    ("mapping", "seed", "golden"),
    [
        (lambda: quota_station(None), 2, (862, 220, 55715.0)),
        (lambda: two_way_line(None), 2, (2204, 259, 69671.0)),
        (random_border, 7, (1474, 600, 214024.073737)),
    ],
    ids=["quota", "rail", "random-border"],
)
def test_without_background_the_run_is_the_one_before_background_existed(mapping, seed, golden):
    """Events scheduled, deliveries and the sum of their times, as measured on commit
    1342c67 (before background trains existed): a scenario without them runs exactly as
    it did (no extra event, no draw moved)."""
    sim = start(mapping(), seed=seed)
    log = deliveries(sim)
    record = sim.run()
    assert sim.background == []
    assert (record.events, len(log), round(sum(t for t, _ in log), 6)) == golden
    assert all(e.background == () for e in record.elements)


def test_a_binding_background_load_moves_no_corridor_draw():
    """With background trains at the saturated random border, the corridor is slower, but
    the k-th corridor batch still draws the k-th service time of the node's own stream."""
    plain = start(random_border(), seed=7)
    loaded = start(random_border({"trains": "5 train/day", "arrivals": "poisson"}), seed=7)
    hours = []
    for sim in (plain, loaded):
        taken: list[float] = []
        draw = sim.nodes["n"]._service

        def logged(draw=draw, taken=taken) -> float:
            taken.append(draw())
            return taken[-1]

        sim.nodes["n"]._service = logged
        sim.run()
        hours.append(taken)
    n = min(len(h) for h in hours)
    assert n > 400
    assert hours[0][:n] == hours[1][:n]
    assert len(hours[1]) < len(hours[0])  # the background took starts from the corridor
