"""The planner: the cheapest package of options that meets a target, screened by the
capacity bounds, decided by simulation with common random numbers."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

import pytest
from helpers import build, flow, scenario

import corridor_sim as cs
from corridor_sim.experiments.plan import (
    Target,
    meets,
    packages,
    pareto,
    plan,
    volume_bound,
)
from corridor_sim.experiments.plan_measure import measure
from corridor_sim.model.catalogue import Catalogue, Option
from corridor_sim.scenario.catalogue import apply_options

DAY_T = 60.0 * 365  # t/yr of one wagon a day (60 t a wagon)


def catalogue(options: Mapping[str, tuple[float, dict[str, Any], tuple[str, ...]]]) -> Catalogue:
    """A tiny catalogue: name -> (capex, dotted-path changes, excluded names)."""
    return Catalogue(
        "test",
        "USD",
        2024,
        {
            name: Option(name, capex, 0.0, 2024, changes=changes, excludes=excludes)
            for name, (capex, changes, excludes) in options.items()
        },
    )


def chain(servers: tuple[int, int] = (1, 3), per_day: int = 20) -> cs.Scenario:
    """o -> b1 -> b2 -> d: two borders of ``servers`` servers at 2 h a wagon (12 a day a
    server), ``per_day`` wagons a day."""
    return build(
        scenario(
            nodes={
                "o": {"kind": "origin"},
                "b1": {"kind": "border", "servers": servers[0], "service_time": "2 h"},
                "b2": {"kind": "border", "servers": servers[1], "service_time": "2 h"},
                "d": {"kind": "destination"},
            },
            links={
                "o-b1": {"kind": "transfer", "from": "o", "to": "b1", "delay": "1 h"},
                "b1-b2": {"kind": "transfer", "from": "b1", "to": "b2", "delay": "1 h"},
                "b2-d": {"kind": "transfer", "from": "b2", "to": "d", "delay": "1 h"},
            },
            flows={"f": flow(["o", "b1", "b2", "d"], f"{per_day} wagon/day", "1 wagon")},
            horizon="40 day",
        )
    )


OPTIONS = {
    "b1_plus1": (10.0, {"nodes.b1.servers": 2}, ("b1_plus2",)),
    "b1_plus2": (18.0, {"nodes.b1.servers": 3}, ("b1_plus1",)),
    "b1_faster": (25.0, {"nodes.b1.service_time": "1 h"}, ()),
    "road_works": (1.0, {"links.o-b1.delay": "3 h"}, ()),  # moves no cut
}


def exhaustive(s: cs.Scenario, cat: Catalogue, target: Target, budget: float | None):
    """Every package simulated; the cheapest that meets the target (or None)."""
    every = packages(cat, budget)
    got = measure([apply_options(s, cat, p) for p in every], target, 1, 3, {"progress": False})
    ok = [p for p, g in zip(every, got, strict=True) if meets(g, target)]
    return min(ok, key=lambda p: (cat.capex(p), len(p), p)) if ok else None


def test_the_known_optimum_is_found_and_the_inert_option_screened_out():
    """Border b1 (12 wagons a day) holds back 20 a day; one more server (capex 10) lets
    19+ through; the road works change no capacity and are screened out."""
    s, cat = chain(), catalogue(OPTIONS)
    target = Target(delivered_t_per_yr=19 * DAY_T)
    result = plan(s, cat, target=target, replications=3, seed=1, workers=1, progress=False)
    assert result.chosen == ("b1_plus1",)
    assert result.chosen == exhaustive(s, cat, target, None)
    screened = result.packages.set_index("package")["screened"]
    assert screened["road_works"] == "inert option"
    assert "b1_plus1" in result.text() and "binding" in result.text()
    assert list(result.steps["package"]) == ["(nothing)", "b1_plus1"]
    assert result.steps["binding"].iloc[0] == "b1"


def test_plan_never_exceeds_the_budget():
    s, cat = chain(), catalogue(OPTIONS)
    target = Target(delivered_t_per_yr=19 * DAY_T)
    result = plan(s, cat, target=target, budget=9.0, replications=3, workers=1, progress=False)
    assert result.chosen is None
    assert (result.packages["capex"] <= 9.0).all()
    assert result.unreachable  # the largest package within 9 (nothing) misses it
    assert "No package can meet the target" in result.text()


def test_the_frontier_has_no_dominated_point():
    simulated = [
        {"package": "a", "capex": 0.0, "delivered_mean": 1.0, "p95_mean": 5.0},
        {"package": "b", "capex": 10.0, "delivered_mean": 2.0, "p95_mean": 5.0},
        {"package": "c", "capex": 12.0, "delivered_mean": 1.5, "p95_mean": 6.0},  # b beats it
        {"package": "d", "capex": 20.0, "delivered_mean": 2.0, "p95_mean": 4.0},
    ]
    import pandas as pd

    front = pareto(pd.DataFrame(simulated))
    assert list(front["package"]) == ["a", "b", "d"]
    rows = front.to_dict("records")
    for x in rows:
        for y in rows:
            assert not (
                y["capex"] <= x["capex"]
                and y["delivered_mean"] >= x["delivered_mean"]
                and y["p95_mean"] <= x["p95_mean"]
                and (y["capex"], y["delivered_mean"], y["p95_mean"])
                != (x["capex"], x["delivered_mean"], x["p95_mean"])
            )


@pytest.mark.parametrize("case", range(3))
def test_screening_never_removes_the_exhaustive_pick(case):
    """Random two-border chains and server options: the planner's package is the one
    exhaustive simulation of every package picks."""
    rng = random.Random(case)
    servers = (rng.randint(1, 2), rng.randint(1, 2))
    per_day = rng.randint(14, 30)
    s = chain(servers, per_day)
    cat = catalogue(
        {
            "b1_more": (rng.uniform(5, 15), {"nodes.b1.servers": servers[0] + 1}, ()),
            "b2_more": (rng.uniform(5, 15), {"nodes.b2.servers": servers[1] + 1}, ()),
            "b2_lots": (rng.uniform(16, 30), {"nodes.b2.servers": servers[1] + 2}, ("b2_more",)),
            "road_works": (1.0, {"links.o-b1.delay": "3 h"}, ()),
        }
    )
    target = Target(delivered_t_per_yr=(per_day - 1) * DAY_T)
    got = plan(s, cat, target=target, replications=3, seed=1, batch=2, workers=1, progress=False)
    assert got.chosen == exhaustive(s, cat, target, None)


def test_the_volume_bound_is_the_max_flow_at_most_the_demand():
    """One server: 12 wagons a day (raised by the margin); three: the demand of 20 a
    day, raised by the warm-up's carry-over only."""
    assert volume_bound(chain((1, 3), 20)) == pytest.approx(12 * DAY_T, rel=0.01)
    assert volume_bound(chain((1, 3), 20), 0.1) == pytest.approx(13.2 * DAY_T, rel=0.01)
    assert volume_bound(chain((3, 3), 20), 0.1) == pytest.approx(20.4 * DAY_T, rel=0.01)


def test_an_unreachable_target_is_found_out_on_the_largest_packages():
    """No package reaches 25 wagons a day (the demand is 20): the bound screens every one
    out; with ``reach`` only the largest packages are simulated (to say how far the
    catalogue gets), and the plan says none can meet it; without, none is simulated."""
    s, cat = chain(), catalogue(OPTIONS)
    common = {"replications": 2, "workers": 1, "progress": False}
    target = Target(delivered_t_per_yr=25 * DAY_T)
    got = plan(s, cat, target=target, reach=False, **common)
    assert got.chosen is None and not got.packages["simulated"].any()
    assert set(got.packages["screened"]) <= {"bound below target", "inert option"}
    reached = plan(s, cat, target=target, **common)
    simulated = set(reached.packages[reached.packages["simulated"]]["package"])
    assert reached.unreachable and reached.chosen is None
    tops = {"b1_faster + b1_plus1", "b1_faster + b1_plus2"}  # b1_plus1 and 2 exclude
    steps = {" + ".join(sorted(o)) or "(nothing)" for o in reached.steps["options"]}
    assert tops <= simulated and simulated - tops <= steps  # nothing else was simulated
    assert "No package can meet the target" in reached.text()
    assert "The most delivered of those simulated (the low end of its interval): " in reached.text()


def test_a_locomotive_option_is_never_inert():
    """The capacity report does not bound rolling-stock pools, so an option on one is
    kept even though the report does not change."""
    from corridor_sim.experiments.plan import inert

    s = cs.load_scenario("middle_corridor_2024")
    cat = catalogue(
        {"locos": (1.0, {"locomotive_pools.georgian_railway.locomotives": "30 locomotive"}, ())}
    )
    assert inert(s, cat) == set()


def test_a_transit_target_needs_its_flow():
    with pytest.raises(ValueError, match="flow"):
        Target(transit_p95_days=10.0)
    with pytest.raises(ValueError, match="needs"):
        Target()


def test_the_plan_figure_marks_the_chosen_package_and_the_target():
    from corridor_sim.plotting.plan import plot_plan

    s, cat = chain(), catalogue(OPTIONS)
    target = Target(delivered_t_per_yr=19 * DAY_T)
    result = plan(s, cat, target=target, replications=2, workers=1, progress=False, steps=False)
    ax = plot_plan(result)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "chosen package" in labels and "target" in labels
    assert any("1: b1_plus1" in t.get_text() for t in ax.texts)
    assert ax.get_ylabel() == "cargo delivered (Mt/yr)"


def test_the_steps_add_each_option_after_those_it_requires():
    """B is cheaper but needs A: the steps go nothing, A, A + B."""
    from corridor_sim.experiments.plan import _steps

    cat = Catalogue(
        "test",
        "USD",
        2024,
        {
            "a": Option("a", 10.0, 0.0, 2024, changes={"nodes.b1.servers": 2}),
            "b": Option(
                "b", 5.0, 0.0, 2024, changes={"nodes.b1.service_time": "1 h"}, requires=("a",)
            ),
        },
    )
    steps = _steps(
        chain(), cat, ("a", "b"), Target(delivered_t_per_yr=1.0), 1, 2, {"progress": False}
    )
    assert list(steps["package"]) == ["(nothing)", "a", "a + b"]


def costed_chain() -> cs.Scenario:
    """The chain of :func:`chain` with a time value of 24 USD per wagon-day (1 USD an
    hour) and a charge of 100 USD a wagon at b2: a wagon's cost is 100 + its hours."""
    raw = scenario(
        nodes={
            "o": {"kind": "origin"},
            "b1": {"kind": "border", "servers": 1, "service_time": "2 h"},
            "b2": {"kind": "border", "servers": 3, "service_time": "2 h"},
            "d": {"kind": "destination"},
        },
        links={
            "o-b1": {"kind": "transfer", "from": "o", "to": "b1", "delay": "1 h"},
            "b1-b2": {"kind": "transfer", "from": "b1", "to": "b2", "delay": "1 h"},
            "b2-d": {"kind": "transfer", "from": "b2", "to": "d", "delay": "1 h"},
        },
        flows={"f": flow(["o", "b1", "b2", "d"], "20 wagon/day", "1 wagon")},
        horizon="40 day",
        costs={
            "currency": "USD 2024",
            "time_value": {"goods": "24 USD/wagon/day"},
            "nodes": {"b2": {"charge": {"goods": "100 USD/wagon"}}},
        },
    )
    return build(raw)


def test_a_cost_target_is_met_by_the_cheapest_package_that_cuts_the_wait():
    """b1 serves 12 of 20 wagons a day: wagons wait for days, so each costs hundreds of
    USD of time. One more server (capex 10) cuts a wagon's cost to 100 USD of charge + a
    few hours (1 USD each): at most 130 USD meets the target; the road works (capex 1,
    inert for volume) lengthen the trip and are simulated and fail, as a cost target
    keeps options that change no capacity."""
    s, cat = costed_chain(), catalogue(OPTIONS)
    target = Target(cost_per_unit_usd=130.0, flow="f")
    result = plan(s, cat, target=target, replications=3, seed=1, workers=1, progress=False)
    assert result.chosen == ("b1_plus1",)
    assert result.chosen == exhaustive(s, cat, target, None)
    rows = result.packages.set_index("package")
    assert rows.loc["road_works", "simulated"] and not rows.loc["road_works", "meets"]
    assert rows.loc["(nothing)", "cost_mean"] > 200.0
    assert 100.0 < rows.loc["b1_plus1", "cost_mean"] < 130.0
    assert "cost" in result.text() and "USD per unit" in result.target.describe()


def test_a_delivery_target_over_some_flows_counts_only_theirs():
    """Target.flows sums the listed flows' delivery; a flow not in the scenario is named."""
    s, cat = chain(), catalogue(OPTIONS)
    target = Target(delivered_t_per_yr=19 * DAY_T, flows=("f",))
    result = plan(s, cat, target=target, replications=2, seed=1, workers=1, progress=False)
    assert result.chosen == ("b1_plus1",)
    with pytest.raises(ValueError, match="target flow 'g' is not in scenario"):
        plan(s, cat, target=Target(delivered_t_per_yr=1.0, flows=("g",)), progress=False)
    with pytest.raises(ValueError, match="needs delivered_t_per_yr"):
        Target(transit_p95_days=1.0, flow="f", flows=("f",))


def two_ways() -> Catalogue:
    """Two ways to let 20 wagons a day through b1: one more server (capex 10, opex 5 a
    year) or a faster border (capex 15, no opex, in service from 2031 only)."""
    return Catalogue(
        "test",
        "USD",
        2024,
        {
            "server": Option("server", 10.0, 5.0, 2026, changes={"nodes.b1.servers": 2}),
            "faster": Option("faster", 15.0, 0.0, 2031, changes={"nodes.b1.service_time": "1 h"}),
        },
    )


def test_whole_life_cost_and_the_year_change_the_cheapest_package():
    """By capex the server wins; over 10 years of opex (undiscounted: 10 + 50 = 60
    against 15) the faster border does; in 2030 the faster border is not yet in
    service, so the server wins again."""
    s, target = chain(), Target(delivered_t_per_yr=19 * DAY_T)
    common = {"target": target, "replications": 2, "seed": 1, "workers": 1, "progress": False}
    assert plan(s, two_ways(), steps=False, **common).chosen == ("server",)
    whole = plan(s, two_ways(), steps=False, years=10, discount_rate=0.0, **common)
    assert whole.chosen == ("faster",)
    assert whole.packages.set_index("package").loc["server", "cost"] == pytest.approx(60.0)
    assert "whole-life cost" in whole.text()
    in_2030 = plan(s, two_ways(), steps=False, years=10, discount_rate=0.0, year=2030, **common)
    assert in_2030.chosen == ("server",)
    assert "faster" not in set(in_2030.packages["package"])
    assert "in service by 2030" in in_2030.text()


def test_an_option_that_moves_no_cut_of_its_package_is_screened():
    """b1 binds (12 wagons a day); b2 has 3 servers already: one more at b2 raises no
    bound, alone or beside b1's, so no package with it is simulated."""
    s = chain()
    cat = catalogue({**OPTIONS, "b2_plus1": (2.0, {"nodes.b2.servers": 4}, ())})
    target = Target(delivered_t_per_yr=19 * DAY_T)
    result = plan(s, cat, target=target, replications=2, seed=1, workers=1, progress=False)
    assert result.chosen == ("b1_plus1",)
    rows = result.packages.set_index("package")
    assert rows.loc["b1_plus1 + b2_plus1", "screened"] == "b2_plus1 moves no cut"
    assert not rows.loc["b1_plus1 + b2_plus1", "simulated"]


def test_when_none_meets_the_most_delivered_and_what_binds_after_it_are_shown():
    """20.2 wagons a day is within the bound (20.4: demand + 2 %) but above the demand
    of 20: the largest packages are simulated and fail, so none can meet it; the plan
    names the package delivering most, steps to the largest, and the steps join the
    packages simulated (and the frontier)."""
    s, cat = chain(), catalogue(OPTIONS)
    target = Target(delivered_t_per_yr=20.2 * DAY_T)
    result = plan(s, cat, target=target, replications=2, seed=1, workers=1, progress=False)
    assert result.chosen is None and result.unreachable and len(result.steps)
    text = result.text()
    assert "The most delivered of those simulated" in text
    assert f"Steps to {result.steps.iloc[-1]['package']}: what binds after each" in text
    simulated = result.packages[result.packages["simulated"]]
    assert "(nothing)" in set(simulated["package"])  # the first step
    assert len(result.frontier) >= 1
