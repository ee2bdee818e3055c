"""Wagon pools: cargo waits at the load node for wagons, which go back there empty once
it is unloaded."""

import copy

import pytest
from helpers import build, deliveries, flow, scenario, shortened, start
from helpers import wagon_line as line

import corridor_sim as cs


def daily(log: list[tuple[float, float]], first: int, last: int) -> list[float]:
    """Units delivered on each day from ``first`` up to ``last``."""
    out = [0.0] * (last - first)
    for t, qty in log:
        day = int(t // 24)
        if first <= day < last:
            out[day - first] += qty
    return out


@pytest.mark.parametrize(
    ("wagons", "size", "commodity", "per_wagon", "per_day"),
    [
        (1, "1 wagon", "goods", {}, 1.0),
        (10, "1 wagon", "goods", {}, 10.0),
        (4, "120 t", "crude", {"liquid": "60 t"}, 4 * 60.0),  # two wagons a consignment
        (4, "600 t", "crude", {"liquid": "60 t"}, 4 * 60.0),  # more than the whole fleet
    ],
)
def test_n_wagons_with_round_trip_t_carry_exactly_n_over_t(
    wagons, size, commodity, per_wagon, per_day
):
    """Demand far above the pool's capacity: a round trip is 10 h loaded + 14 h empty,
    T = 24 h, so N wagons carry exactly N wagon-loads a day, every day in the steady
    state, however the cargo is cut into consignments."""
    volume = "240 wagon/day" if commodity == "goods" else "30000 t/day"
    mapping = line(volume, wagons, size=size, commodity=commodity, per_wagon=per_wagon)
    sim = start(mapping)
    log = deliveries(sim)
    sim.env.run(until=24 * 20)
    assert daily(log, 5, 20) == pytest.approx([per_day] * 15)
    pool = sim.wagons["p"]
    assert pool.waiting  # the demand exceeds it: cargo waits ...
    assert pool.free < 1.0  # ... while no wagon stands free


def test_below_the_pools_capacity_cargo_never_waits():
    """5 wagon-loads a day with 10 wagons (up to 10 a day): every consignment finds a
    wagon, arrives 10 h after it was generated, and the wagons are half in use."""
    sim = start(line("5 wagon/day", 10))
    log = deliveries(sim)
    record = sim.run()
    pool = next(e for e in record.elements if e.role == "pool")
    assert pool.kind == "wagons"
    assert pool.wagons is not None
    assert pool.wagons.loads_waited == 0
    assert pool.wait_mean_h == 0.0
    gap = 24 / 5
    assert [t for t, _ in log][:3] == pytest.approx([gap + 10, 2 * gap + 10, 3 * gap + 10])
    # 5 loads a day x 24 h each = 5 wagons in use on average, of 10
    assert pool.utilisation == pytest.approx(0.5, abs=0.01)
    assert pool.wagons.round_trips.mean == pytest.approx(24.0)


def test_littles_law_on_the_pool():
    """Mean wagons in use = wagons loaded per hour x mean hours from loading to free
    again, within the round trips straddling the period's ends; random arrivals and
    empty returns."""
    mapping = line(
        "40 t/hour",
        30,
        empty={"dist": "gamma", "mean": "20 h", "cv": 0.5},
        size="60 t",
        commodity="crude",
        horizon="200 day",
        per_wagon={"liquid": "60 t"},
    )
    mapping["flows"]["f"]["arrivals"] = {"pattern": "poisson", "size": "60 t"}
    mapping["simulation"]["warmup"] = "10 day"
    record = start(mapping, seed=3).run()
    pool = next(e for e in record.elements if e.role == "pool").wagons
    assert pool is not None
    period_h = 200 * 24.0
    little = pool.wagons_loaded / period_h * pool.round_trips.mean
    assert pool.in_use_mean == pytest.approx(little, rel=0.01)
    assert pool.wagon_h / period_h == pytest.approx(pool.in_use_mean, rel=0.01)
    assert 10 < pool.in_use_mean < 30  # 40/60 loads an hour x 30 h: about 20


def test_the_wait_for_wagons_is_booked_to_the_pool():
    """Two wagons for three a day: the pool binds. Its cargo's wait appears at the pool
    in the stages table, it is fully used and ranks first as a bottleneck; its
    throughput is the cargo loaded."""
    result = cs.simulate(build(line("3 wagon/day", 2, horizon="40 day")), seed=1)
    at_pool = result.stages[result.stages["element"] == "p"]
    assert at_pool["wait_h"].sum() > 0
    row = result.elements.set_index("element").loc["p"]
    assert (row["role"], row["kind"]) == ("pool", "wagons")
    assert row["utilisation"] == pytest.approx(1.0, abs=0.02)  # from the first arrival, 8 h
    assert row["queue_mean_t"] > 0
    assert row["throughput_t_per_day"] == pytest.approx(2 * 60.0, rel=0.02)
    assert result.bottlenecks.iloc[0]["element"] == "p"


def test_the_balances_hold_while_cargo_waits_for_wagons():
    """Mid-run, with cargo waiting for wagons: every element's units in - out = what it
    holds (the load node counts its cargo waiting for wagons, as does the pool), and the
    flow's generated = delivered + in the system."""
    sim = start(line("240 wagon/day", 3))
    sim.env.run(until=100.0)
    record = sim.record()
    assert sim.wagons["p"].waiting
    for e in record.elements:
        counts = zip(e.units_in, e.units_out, e.present_units, strict=True)
        for k, (i, o, held) in enumerate(counts):
            assert i - o == pytest.approx(held), (e.name, k)
    f = record.flows[0]
    assert f.generated_units == pytest.approx(f.delivered_units + f.in_system_units)
    assert f.in_system_units > 100


def test_a_pool_that_never_binds_changes_nothing():
    """The pool draws from its own random stream: with wagons to spare, a run gives the
    same deliveries as without the pool."""
    mapping = line("20 wagon/day", 1000, empty={"dist": "exponential", "mean": "1 day"})
    mapping["flows"]["f"]["arrivals"]["pattern"] = "poisson"
    plain = {k: v for k, v in mapping.items() if k != "wagon_pools"}
    with_pool = cs.simulate(build(mapping), seed=5)
    without = cs.simulate(build(plain), seed=5)
    assert with_pool.flows.equals(without.flows)
    assert with_pool.wagons["loads_waited"].tolist() == [0]
    assert without.wagons.empty


def test_wagons_come_back_from_cargo_delivered_before_an_unload_node():
    """Routes o -> m -> d and o -> x -> d, unloaded at m: cargo sent via x keeps its
    wagons to d, where its delivery frees them. With demand in January only, every
    wagon is back at o by the end."""
    t = {"kind": "transfer", "delay": "5 h"}
    links = {
        "o-m": {**t, "from": "o", "to": "m"},
        "m-d": {**t, "from": "m", "to": "d"},
        "o-x": {**t, "from": "o", "to": "x"},
        "x-d": {**t, "from": "x", "to": "d"},
    }
    f = flow(["o", "m", "d"], "1 wagon/day", "1 wagon")
    del f["route"]
    f["routes"] = [
        {"route": ["o", "m", "d"], "share": "50 %"},
        {"route": ["o", "x", "d"], "share": "50 %"},
    ]
    f["choice"] = {"rule": "shares"}
    f["seasonality"] = [1] + [0] * 11  # January only: 12 wagons a day
    nodes = {n: {"kind": "terminal"} for n in "omxd"}
    pool = {
        "flows": ["f"],
        "load_at": "o",
        "unload_at": ["m"],
        "wagons": "20 wagon",
        "empty_return": "1 day",
    }
    mapping = scenario(nodes, links, {"f": f}, horizon="40 day", wagon_pools={"p": pool})
    sim = start(mapping)
    unloads = []
    original = sim.wagons["p"].unload
    sim.wagons["p"].unload = lambda c: (unloads.append(sim.env.now), original(c))  # type: ignore[method-assign]
    result = cs.SimulationResult.from_record(sim.run())
    routes = result.routes.set_index("route")["delivered_units"]
    assert routes.min() > 0  # both routes were taken
    assert sim.wagons["p"].free == pytest.approx(20.0)
    assert not sim.wagons["p"].waiting
    assert sim.wagons["p"].in_use.value == pytest.approx(0.0)
    assert len(unloads) == result.balance["delivered_units"].sum()  # one wagon each


@pytest.mark.parametrize(
    ("change", "key", "says"),
    [
        ({"flows": ["nope"]}, "wagon_pools.p.flows[0]", "no flow named 'nope' (flows: f)"),
        ({"load_at": "x"}, "wagon_pools.p.load_at", "no node named 'x' (nodes: o, d)"),
        ({"unload_at": ["d", "y"]}, "wagon_pools.p.unload_at[1]", "no node named 'y'"),
        ({"unload_at": "o"}, "wagon_pools.p.unload_at", "must not include load_at 'o'"),
        ({"load_at": "d", "unload_at": "o"}, "wagon_pools.p.flows[0]", "no route that passes"),
        ({"wagons": "0 wagon"}, "wagon_pools.p.wagons", "must be > 0"),
        ({"wagons": "2.5 wagon"}, "wagon_pools.p.wagons", "whole number"),
        ({"wagons": "10 t"}, "wagon_pools.p.wagons", "expected wagon"),
        ({"per_wagon": {"wagon": "2 wagon"}}, "wagon_pools.p.per_wagon.wagon", "must be 1"),
        ({"per_wagon": {"boxes": "2 TEU"}}, "wagon_pools.p.per_wagon", "allowed: container"),
        ({"per_wagon": {"container": "2 t"}}, "wagon_pools.p.per_wagon.container", "TEU"),
        ({"empty_return": "3"}, "wagon_pools.p.empty_return", "time"),
        ({"empty_return": {"dist": "gamma", "mean": "1 day"}}, "empty_return", "'cv'"),
        ({"crews": 3}, "wagon_pools.p", "unknown key 'crews'"),
    ],
)
def test_bad_pools_are_refused_naming_the_key(change, key, says):
    mapping = line("10 wagon/day", 2)
    mapping["wagon_pools"]["p"].update(change)
    with pytest.raises(cs.ScenarioError) as err:
        build(mapping)
    assert key in str(err.value)
    assert says in str(err.value)


def test_a_flow_needs_a_load_for_its_handling_class():
    mapping = line("600 t/day", 2, size="60 t", commodity="crude", per_wagon={"container": "2 TEU"})
    with pytest.raises(cs.ScenarioError) as err:
        build(mapping)
    assert "wagon_pools.p.per_wagon" in str(err.value)
    assert "no load per wagon for handling class 'liquid' of flow 'f' (given: container)" in str(
        err.value
    )


def test_a_flow_rides_one_pool_and_pool_names_are_distinct():
    mapping = line("10 wagon/day", 2)
    mapping["wagon_pools"]["q"] = dict(mapping["wagon_pools"]["p"])
    with pytest.raises(cs.ScenarioError, match="already rides pool 'p'"):
        build(mapping)
    mapping = line("10 wagon/day", 2)
    mapping["wagon_pools"]["o"] = mapping["wagon_pools"].pop("p")
    with pytest.raises(cs.ScenarioError, match="'o' already names a node"):
        build(mapping)


def test_the_documented_pool_runs_in_the_2024_scenario():
    """The example of docs/scenario_format.md on the bundled 2024 scenario (shortened):
    with 600 platforms the containers never wait; with 100 the pool binds first."""
    base = cs.load_scenario(cs.bundled_path("middle_corridor_2024"))
    raw = copy.deepcopy(base.raw)
    pool = {
        "flows": ["cont_dostyk_poti", "cont_altynkol_poti"],
        "load_at": "alat",
        "unload_at": "poti",
        "wagons": "600 wagon",
        "per_wagon": {"container": "2 TEU"},
        "empty_return": "3 day",
    }
    raw["wagon_pools"] = {"ady_platforms": pool}
    plenty = cs.simulate(shortened(cs.build_scenario(raw, name="t")))
    assert plenty.wagons.iloc[0]["loads_waited"] == 0
    assert plenty.wagons.iloc[0]["tonnes_per_day"] > 0
    pool["wagons"] = "100 wagon"
    few = cs.simulate(shortened(cs.build_scenario(raw, name="t")))
    assert few.wagons.iloc[0]["utilisation"] > 0.9
    assert few.bottlenecks.iloc[0]["element"] == "ady_platforms"
