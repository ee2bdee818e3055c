"""Locomotive pools: trains wait for a locomotive of their territory, which hauls them,
is turned round and runs light back to where trains wait."""

import pytest
from helpers import build, flow, scenario, spy, start, units

import corridor_sim as cs


def line(
    volume: str, locomotives: int, turnaround: str = "2 h", horizon: str = "30 day", **pool
) -> dict:
    """o --rail 10 h, trains of 5 wagons--> d, hauled by a pool of ``locomotives``."""
    return scenario(
        nodes={"o": {"kind": "origin"}, "d": {"kind": "destination"}},
        links={
            "o-d": {
                "kind": "rail",
                "from": "o",
                "to": "d",
                "travel_time": "10 h",
                "train_capacity": {"wagon": "5 wagon"},
                "max_wait": "100 h",
            }
        },
        flows={"f": flow(["o", "d"], volume, "1 wagon")},
        horizon=horizon,
        locomotive_pools={
            "kz": {
                "lines": ["o-d"],
                "locomotives": f"{locomotives} locomotive",
                "turnaround": turnaround,
                **pool,
            }
        },
    )


def departures(sim) -> list:
    return spy(sim.links["o-d"], "run_train", sim, lambda lane, train: units(train))


@pytest.mark.parametrize("locomotives", [1, 3])
def test_n_locomotives_with_round_trip_t_give_n_24_over_t_departures_a_day(locomotives):
    """Demand far above the pool's capacity: a locomotive hauls o->d (10 h), is turned
    round (2 h), runs light back (10 h) and is turned round (2 h): T = 24 h, so N
    locomotives give exactly N trains a day, every one full."""
    sim = start(line("240 wagon/day", locomotives))
    trains = departures(sim)
    sim.env.run(until=24 * 20)
    steady = [t for t, _ in trains if 24 * 5 <= t < 24 * 20]
    assert len(steady) == locomotives * 15
    assert all(w == 5.0 for _, w in trains)
    assert sim.traction["kz"].light_runs >= locomotives * 15


def test_departures_follow_demand_below_the_pools_capacity():
    """Demand of 2 trains a day with 3 locomotives (up to 3 trains a day): every train
    leaves when full, at 12 h intervals, and none waits for a locomotive."""
    sim = start(line("10 wagon/day", 3))
    trains = departures(sim)
    sim.env.run(until=24 * 10)
    assert [t for t, _ in trains][:4] == pytest.approx([12.0, 24.0, 36.0, 48.0])
    assert sim.traction["kz"].trains_waited == 0


def test_availability_takes_locomotives_out_of_service():
    """4 locomotives at 50 % availability run as 2: 2 trains a day."""
    sim = start(line("240 wagon/day", 4, availability="50 %"))
    trains = departures(sim)
    sim.env.run(until=24 * 20)
    assert len([t for t, _ in trains if 24 * 5 <= t < 24 * 20]) == 2 * 15


def test_littles_law_on_the_pool():
    """Mean locomotives busy = assignments per hour x mean hours per assignment, within
    the work straddling the period's ends; random arrivals and turnarounds."""
    mapping = line("18 wagon/day", 4, horizon="200 day")
    mapping["flows"]["f"]["arrivals"] = {"pattern": "poisson", "size": "1 wagon"}
    mapping["simulation"]["warmup"] = "10 day"
    record = start(mapping, seed=3).run()
    pool = next(e for e in record.elements if e.role == "pool").traction
    assert pool is not None
    period_h = 200 * 24.0  # the horizon: the statistics period, after the warm-up
    little = pool.assignments / period_h * (pool.busy_h / pool.assignments)
    assert pool.busy_mean == pytest.approx(little, rel=0.01)
    assert 0.5 < pool.busy_mean < 4.0


def test_the_wait_for_a_locomotive_is_booked_to_the_pool():
    """With one locomotive and two trains a day, the second train of each pair waits;
    its cargo's wait appears at the pool in the stages table, and the pool ranks as a
    bottleneck element."""
    result = cs.simulate(build(line("20 wagon/day", 1, horizon="40 day")), seed=1)
    stages = result.stages
    at_pool = stages[stages["element"] == "kz"]
    assert at_pool["wait_h"].sum() > 0
    row = result.elements.set_index("element").loc["kz"]
    assert row["role"] == "pool"
    assert row["utilisation"] == pytest.approx(1.0, abs=0.02)


def test_the_mass_balance_holds_with_a_pool():
    """Cargo waiting for a locomotive is in the system (the run checks the balance too;
    this asserts that much is waiting, so the check has something to find)."""
    result = cs.simulate(build(line("240 wagon/day", 2)), seed=1)
    f = result.balance.iloc[0]
    assert f["in_system_units"] > 1000
    assert f["generated_units"] == pytest.approx(
        f["delivered_units"] + f["diverted_units"] + f["in_system_units"]
    )


@pytest.mark.parametrize(
    ("change", "key", "says"),
    [
        ({"lines": ["nowhere"]}, "locomotive_pools.kz.lines[0]", "must name a rail link"),
        ({"locomotives": "4"}, "locomotive_pools.kz.locomotives", "locomotive"),
        ({"locomotives": "2.5 locomotive"}, "locomotive_pools.kz.locomotives", "whole"),
        ({"availability": "120 %"}, "locomotive_pools.kz.availability", "at most 100 %"),
        ({"availability": "10 %"}, "locomotive_pools.kz.availability", "no locomotive"),
        ({"depot": "x"}, "locomotive_pools.kz.depot", "end of one of the pool's lines"),
        ({"turnaround": "2"}, "locomotive_pools.kz.turnaround", "time"),
        ({"crews": 3}, "locomotive_pools.kz", "crews"),
    ],
)
def test_bad_pools_are_refused_naming_the_key(change, key, says):
    mapping = line("10 wagon/day", 2)
    mapping["locomotive_pools"]["kz"].update(change)
    with pytest.raises(cs.ScenarioError) as err:
        build(mapping)
    assert key in str(err.value)
    assert says in str(err.value)


@pytest.mark.parametrize("second", [False, True])
def test_a_pool_named_like_a_node_is_refused(second):
    """Also when it is not the first pool (the check once read the first pool's
    territory instead of the scenario's nodes from the second pool on)."""
    mapping = line("10 wagon/day", 2)
    pool = mapping["locomotive_pools"]["kz"]
    mapping["locomotive_pools"] = {"o": pool}
    if second:
        mapping["nodes"].update({"p": {"kind": "origin"}, "q": {"kind": "destination"}})
        mapping["links"]["p-q"] = {**mapping["links"]["o-d"], "from": "p", "to": "q"}
        mapping["locomotive_pools"] = {"kz": pool, "q": {**pool, "lines": ["p-q"]}}
    with pytest.raises(cs.ScenarioError, match="already names a node or link"):
        build(mapping)


def test_a_pool_over_two_separate_lines_is_refused():
    mapping = line("10 wagon/day", 2)
    mapping["nodes"].update({"p": {"kind": "origin"}, "q": {"kind": "destination"}})
    mapping["links"]["p-q"] = {**mapping["links"]["o-d"], "from": "p", "to": "q"}
    mapping["locomotive_pools"]["kz"]["lines"] = ["o-d", "p-q"]
    with pytest.raises(cs.ScenarioError, match="one network"):
        build(mapping)


def test_a_locomotive_hauls_the_next_leg_then_returns_home():
    """Territory o -> m -> d (10 h each), one locomotive, depot o, no turnaround: it
    hauls the first train to m, the same cargo on to d when it is re-formed there, and
    then runs light home (20 h)."""
    mapping = line("5 wagon/day", 1, turnaround="0 h", horizon="5 day", depot="o")
    rail = mapping["links"].pop("o-d")
    mapping["nodes"]["m"] = {"kind": "terminal"}
    mapping["links"]["o-m"] = {**rail, "to": "m"}
    mapping["links"]["m-d"] = {**rail, "from": "m"}
    mapping["flows"]["f"]["route"] = ["o", "m", "d"]
    mapping["locomotive_pools"]["kz"]["lines"] = ["o-m", "m-d"]
    sim = start(mapping)
    legs = {
        name: spy(sim.links[name], "run_train", sim, lambda lane, train: units(train))
        for name in ("o-m", "m-d")
    }
    sim.env.run(until=24 * 4)
    assert legs["o-m"][:2] == [pytest.approx((24.0, 5.0)), pytest.approx((64.0, 5.0))]
    assert legs["m-d"][:1] == [pytest.approx((34.0, 5.0))]  # home light from d at 44 h
    assert sim.traction["kz"].light_runs >= 1
