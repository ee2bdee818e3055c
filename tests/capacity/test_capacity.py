"""Capacity bounds: hand-computed element capacities, maximum flow and minimum cut on small
networks, the mixed-commodity rule, and simulations that never beat the bound."""

import math

import pytest
from helpers import build, ferry, flow, port, scenario, sea
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corridor_sim as cs
from corridor_sim.capacity.maxflow import max_flow
from corridor_sim.capacity.resources import Resource, mixed_capacity

T_PER_WAGON = 60.0


def rail(a: str, b: str, per_day: float, **extra: object) -> dict:
    return {
        "kind": "rail",
        "from": a,
        "to": b,
        "travel_time": "5 h",
        "train_capacity": {"wagon": "50 wagon"},
        "line_capacity": f"{per_day} train/day",
        **extra,
    }


def two_paths(server_hours: float | None = None) -> dict:
    """o -A (10 trains/day)-> m -B (4/day)-> d, and o -C (3/day)-> d; trains of 50 wagons.

    By hand, in wagons a year: A 182,500, B 73,000, C 54,750; the flow is
    min(A, B) + C = 127,750 and the cut is {B, C}. A single server at m taking
    ``server_hours`` per train caps the upper path at 8760 / h x 50 wagons instead.
    """
    m = {"kind": "terminal"}
    if server_hours:
        m.update(servers=1, service_time=f"{server_hours} h")
    return scenario(
        nodes={"o": {"kind": "origin"}, "m": m, "d": {"kind": "destination"}},
        links={"A": rail("o", "m", 10), "B": rail("m", "d", 4), "C": rail("o", "d", 3)},
        flows={
            "upper": flow(["o", "m", "d"], "10 wagon/day", "50 wagon"),
            "lower": flow(["o", "d"], "10 wagon/day", "50 wagon"),
        },
    )


def test_max_flow_and_cut_of_two_parallel_paths_match_the_hand_computation():
    bounds = cs.capacity(build(two_paths()))
    row = bounds.max_flow.set_index("group").loc["all cargo"]
    assert row["max_flow_t_per_yr"] == pytest.approx(127_750 * T_PER_WAGON, rel=1e-7)
    assert bounds.min_cut == ("B", "C")
    caps = bounds.elements.set_index("element")["capacity_t_per_yr"]
    assert caps["A"] == pytest.approx(182_500 * T_PER_WAGON)
    assert math.isinf(caps["o"]) and math.isinf(caps["m"])


def test_a_node_capacity_counts_in_the_max_flow_node_splitting():
    """A server of 12 h a train at m passes 730 trains = 36,500 wagons a year, less than
    line B; the cut moves from B to m."""
    bounds = cs.capacity(build(two_paths(server_hours=12)))
    row = bounds.max_flow.set_index("group").loc["goods"]
    assert row["max_flow_t_per_yr"] == pytest.approx((36_500 + 54_750) * T_PER_WAGON, rel=1e-7)
    assert row["cut"] == "C, m"


def test_max_flow_doctest_example_and_an_uncapacitated_path():
    cap = {"a": math.inf, "b": math.inf, "l": math.inf}
    assert max_flow(cap, [("l", "a", "b")], ["a"], ["b"]).value == math.inf


def test_sea_link_capacity_is_vessels_times_load_times_round_trips_net_of_weather():
    """2 ferries x 10 wagons; round trip 2 x 10 h sailing + 2 x 1 h berth + 2 x 1 h
    handling = 24 h, 365 a year; weather closes 3 days every month (36 of 365 days)."""
    mapping = scenario(
        nodes={"a": port(berth_time="1 h"), "b": port(berth_time="1 h")},
        links={
            "a-b": sea(
                fleet=[
                    {
                        "type": "ferry",
                        "count": 2,
                        "berth": "rail_ferry",
                        "capacity": {"wagon": "10 wagon"},
                        "speed": "10 km/h",
                    }
                ]
            )
        },
        flows={"f": flow(["a", "b"], "1 wagon/day", "1 wagon")},
        disruptions=[
            {
                "kind": "weather",
                "elements": ["a-b"],
                "mean_episode": "1 day",
                "closure_days_per_month": [3] * 12,
            }
        ],
    )
    row = cs.capacity(build(mapping)).elements.set_index("element").loc["a-b"]
    expected = 2 * 10 * 365 * (365 - 36) / 365 * T_PER_WAGON
    assert row["capacity_t_per_yr"] == pytest.approx(expected, rel=1e-9)
    assert "2 x 10 wagon" in row["formula"] and "round trip 24.0 h" in row["formula"]


def test_port_capacity_is_berths_times_rate_times_the_handling_share_of_a_call():
    """Port a: 1 berth at 10 wagon/h; a 10-wagon load takes 1 h plus 1 h berth time, so
    the berth handles 5 wagons an hour on average: 43,800 wagons a year."""
    mapping = scenario(
        nodes={"a": port(berth_time="1 h"), "b": port(berth_time="1 h")},
        links={"a-b": sea()},
        flows={"f": flow(["a", "b"], "1 wagon/day", "1 wagon")},
    )
    caps = cs.capacity(build(mapping)).elements.set_index("element")["capacity_t_per_yr"]
    assert caps["a"] == pytest.approx(43_800 * T_PER_WAGON)


def test_mixed_commodities_share_resources_optimally_not_harmonically():
    """Ferries carry either 1 (wagons) or 1 (trucks); a Ro-Ro carries 1 of trucks only. Half
    and half, the ferries take all wagons and the Ro-Ro all trucks: 2, not the harmonic
    1 / (0.5 / 1 + 0.5 / 2) = 1.33."""
    ferries = Resource("ferries", {"wagons": 1.0, "trucks": 1.0})
    roro = Resource("roro", {"trucks": 1.0})
    assert mixed_capacity((ferries, roro), {"wagons": 1, "trucks": 1}) == pytest.approx(2.0)
    assert mixed_capacity((ferries,), {"wagons": 1, "trucks": 1}) == pytest.approx(1.0)
    assert mixed_capacity((roro,), {"wagons": 1}) == 0.0


@pytest.mark.parametrize("name", cs.bundled_names())
def test_every_bundled_scenario_has_finite_bounds_and_a_cut(name):
    bounds = cs.capacity(cs.load_scenario(cs.bundled_path(name)))
    total = bounds.max_flow.iloc[0]
    assert 0 < total["max_flow_t_per_yr"] < math.inf
    assert bounds.min_cut
    assert "Maximum flow" in bounds.summary()


def chain(p: dict) -> dict:
    """factory -rail-> a ==sea==> b -rail-> gate (servers) -> market, one commodity."""
    return scenario(
        nodes={
            "factory": {"kind": "origin"},
            "a": port(
                berths={"rail_ferry": p["berths"]},
                berth_time=f"{p['berth_h']} h",
                handling_rate={"wagon": f"{p['rate']} wagon/h"},
            ),
            "b": port(berth_time="1 h"),
            "gate": {
                "kind": "border",
                "servers": p["servers"],
                "service_time": f"{p['service_h']} h",
            },
            "market": {"kind": "destination"},
        },
        links={
            "factory-a": rail("factory", "a", p["line_a"]),
            "a-b": sea(
                fleet=[
                    ferry(
                        name=f"f{i}",
                        capacity={"wagon": f"{p['load']} wagon"},
                        speed=f"{p['speed']} km/h",
                    )
                    for i in range(p["vessels"])
                ],
                departure={"max_wait": "12 h"},
            ),
            "b-gate": rail("b", "gate", p["line_b"]),
            "gate-market": {"kind": "transfer", "from": "gate", "to": "market"},
        },
        flows={
            "f": {
                **flow(
                    ["factory", "a", "b", "gate", "market"], f"{p['demand']} wagon/day", "25 wagon"
                ),
                "arrivals": {"pattern": "block_train", "size": "25 wagon"},
            }
        },
        horizon="40 day",
        seed=p["seed"],
    )


params = st.fixed_dictionaries(
    {
        "berths": st.integers(1, 2),
        "berth_h": st.sampled_from([0.5, 2, 4]),
        "rate": st.sampled_from([5, 10, 30]),
        "servers": st.integers(1, 3),
        "service_h": st.sampled_from([1, 4, 10]),
        "line_a": st.sampled_from([2, 6, 20]),
        "line_b": st.sampled_from([1, 3, 12]),
        "load": st.sampled_from([10, 25, 60]),
        "speed": st.sampled_from([10, 25]),
        "vessels": st.integers(1, 3),
        "demand": st.sampled_from([50, 200, 800]),
        "seed": st.integers(0, 10_000),
    }
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params)
def test_a_simulation_never_moves_more_than_the_bound(p):
    """Throughput of every element over the run <= capacity x run length, plus the cargo
    of one batch per parallel unit (servers, berths, vessels) that the edges of the
    period may add."""
    s = build(chain(p))
    bounds = cs.capacity(s).elements.set_index("element")["capacity_t_per_yr"]
    result = cs.simulate(s)
    years = s.settings.horizon_h / 8760
    slack = {
        "factory-a": 50,
        "a": p["berths"] * p["load"],
        "a-b": p["vessels"] * p["load"],
        "b-gate": 50,
        "gate": p["servers"] * 50,
    }
    for e in result.elements.itertuples():
        if e.element in slack:
            limit = bounds[e.element] * years + slack[e.element] * T_PER_WAGON
            assert e.throughput_t <= limit + 1e-6, (e.element, e.throughput_t, limit)


def test_no_run_of_the_2024_scenario_exceeds_its_no_downtime_ceiling():
    """Simulated tonnes per year at every limited element <= its no-downtime ceiling.

    The capacity (net of expected downtime) may be exceeded by a run with mild weather;
    the ceiling that ignores downtime may not. Checked on the 2024 scenario (120 days
    after warm-up).
    """
    import dataclasses

    scenario = cs.load_scenario(cs.bundled_path("middle_corridor_2024"))
    settings = dataclasses.replace(scenario.settings, horizon_h=120 * 24.0)
    result = cs.simulate(dataclasses.replace(scenario, settings=settings), seed=3)
    ceilings = cs.capacity(scenario).elements.set_index("element")["ceiling_t_per_yr"]
    per_yr = result.elements.set_index("element")["throughput_t_per_day"] * 365
    checked = 0
    for element, ceiling in ceilings.items():
        if ceiling < float("inf"):
            assert per_yr[element] <= ceiling * 1.0001, element
            checked += 1
    assert checked >= 15
