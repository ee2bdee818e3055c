"""The equilibrium mode: MSA finds Wardrop's equal times on two M/M/1 borders, its gap
falls and it says when it converged, an outside option loses cargo as the successive
averages say, the shares found survive an override, and the answer does not depend on
where the replications ran."""

from __future__ import annotations

import math
from typing import Any

import pytest
from helpers import build, flow, scenario

import corridor_sim as cs
from corridor_sim.experiments import Equilibrium
from corridor_sim.experiments.equilibrium import all_or_nothing, msa_step, relative_gap
from corridor_sim.scenario.variants import override

LAMBDA_PER_H, MU_A_PER_H, MU_B_PER_H = 2.0, 2.0, 1.0
#: Wardrop: 1 / (mu_a - x_a) = 1 / (mu_b - x_b), x_a + x_b = lambda
X_A_PER_H = (LAMBDA_PER_H + MU_A_PER_H - MU_B_PER_H) / 2  # 1.5 wagons/h
SHARE_A = X_A_PER_H / LAMBDA_PER_H  # 0.75
TIME_H = 1 / (MU_A_PER_H - X_A_PER_H)  # 2 h on both routes


def _border(mean: str) -> dict[str, Any]:
    return {"kind": "border", "servers": 1, "service_time": {"dist": "exponential", "mean": mean}}


def _transfer(a: str, b: str, delay: str = "0 h") -> dict[str, str]:
    return {"kind": "transfer", "from": a, "to": b, "delay": delay}


def two_borders(horizon: str = "400 day", choice: dict | None = None) -> dict[str, Any]:
    """o -> a -> d or o -> b -> d: M/M/1 borders a (mu 2/h) and b (mu 1/h), transfers
    without delay, Poisson arrivals of 2 wagons an hour, one at a time; 5 days warm-up."""
    nodes = {
        "o": {"kind": "origin"},
        "a": _border("30 min"),
        "b": _border("1 h"),
        "d": {"kind": "destination"},
    }
    links = {n: _transfer(n[0], n[2]) for n in ("o-a", "o-b", "a-d", "b-d")}
    f = flow(["o", "a", "d"], f"{LAMBDA_PER_H * 24:g} wagon/day", "1 wagon")
    f["arrivals"] = {"pattern": "poisson"}
    del f["route"]
    f["routes"] = [{"route": ["o", "a", "d"]}, {"route": ["o", "b", "d"]}]
    f["choice"] = choice or {"rule": "least_time"}
    mapping = scenario(nodes, links, {"f": f}, horizon=horizon)
    mapping["simulation"]["warmup"] = "5 day"
    return mapping


@pytest.fixture(scope="module")
def mm1() -> Equilibrium:
    """The two borders' equilibrium from a poor start, 40/60 under rule shares (border b
    at 1.2 times its rate): 4 replications of 400 days per iteration (about 19,000 wagons
    a replication), tolerance 0.02 (see the test below)."""
    mapping = two_borders(choice={"rule": "shares"})
    for route, share in zip(mapping["flows"]["f"]["routes"], ("40 %", "60 %"), strict=True):
        route["share"] = share
    return cs.equilibrium(
        build(mapping), replications=4, iterations=12, tolerance=0.02, workers=1, progress=False
    )


def test_two_mm1_borders_reach_wardrops_shares_and_equal_times(mm1: Equilibrium) -> None:
    """Near the equilibrium t_a = 1/(2 - 2s) and t_b = 1/(2s - 1) for share s on a, so
    each 0.01 of share moves the two times 0.16 h apart and the relative gap by 0.02 to
    0.06; a gap below 0.02, give or take the noise of the times (about 0.1 h with these
    replications), puts s within 0.02 of 0.75, and the two times within their CIs of each
    other and within 0.3 h of 2 h."""
    shares = mm1.shares.set_index("option")["share"]
    assert shares["via a"] == pytest.approx(SHARE_A, abs=0.02)
    assert shares["via b"] == pytest.approx(1 - SHARE_A, abs=0.02)
    s = mm1.summary.set_index("option")
    a, b = s.loc["via a"], s.loc["via b"]
    halves = a["transit_mean_days_half_width"] + b["transit_mean_days_half_width"]
    assert abs(a["transit_mean_days"] - b["transit_mean_days"]) <= halves
    for row in (a, b):
        assert row["transit_mean_days"] * 24 == pytest.approx(TIME_H, abs=0.3)
        assert row["n"] == 4


def test_msa_starts_from_the_scenarios_shares_and_averages(mm1: Equilibrium) -> None:
    """Share k on a is the mean of the start (0.4) and k - 1 all-or-nothing solutions:
    0.4, then 0.7 (all on a, b being overloaded), 0.8, ..."""
    on_a = mm1.iterations.loc[mm1.iterations["option"] == "via a", "share"].tolist()
    assert on_a[:3] == pytest.approx([0.4, 0.7, 0.8])
    for k, share in enumerate(on_a, start=1):
        ones = share * k - 0.4
        assert ones == pytest.approx(round(ones))


def test_the_gap_falls_and_converged_says_the_tolerance_was_reached(mm1: Equilibrium) -> None:
    gaps = mm1.gaps
    assert gaps.iloc[-1] < gaps.iloc[0]
    assert mm1.converged and mm1.gap < mm1.tolerance
    assert mm1.chosen == len(gaps) < mm1.max_iterations  # it stopped there
    per_iteration = mm1.iterations.groupby("iteration")["share"].sum().tolist()
    assert per_iteration == pytest.approx([1.0] * len(gaps))
    assert set(mm1.iterations["time_from"]) == {"measured"}


def test_the_scenario_returned_runs_the_shares_found(mm1: Equilibrium) -> None:
    """Rule shares at the shares found; an override (rebuilt from the source mapping)
    keeps them."""
    f = mm1.scenario.flows["f"]
    assert f.choice is not None and f.choice.rule == "shares"
    found = mm1.shares.set_index("option")["share"]
    assert [r.share for r in f.routes] == pytest.approx([found["via a"], found["via b"]])
    shorter = override(mm1.scenario, {"simulation.horizon": "20 day"})
    assert [r.share for r in shorter.flows["f"].routes] == pytest.approx(
        [r.share for r in f.routes]
    )
    assert mm1.final.scenario is mm1.scenario


def test_text_shows_the_iterations_and_the_shares_with_cis(mm1: Equilibrium) -> None:
    text = mm1.text()
    assert f"Converged after {mm1.chosen} iterations: relative gap" in text
    assert "iteration  relative gap  flow  option  share %  mean transit, h" in text
    assert "± 95 % CI half-width over the 4 replications" in text
    assert repr(mm1).startswith("<Equilibrium of 'test': converged, gap")
    assert "<table>" in mm1._repr_html_()


def test_to_dir_writes_the_tables(mm1: Equilibrium, tmp_path) -> None:
    out = mm1.to_dir(tmp_path / "eq")
    assert sorted(p.name for p in out.iterdir()) == [
        "equilibrium.json",
        "iterations.csv",
        "summary.csv",
    ]


def test_an_outside_option_slower_than_the_corridor_keeps_an_msa_average() -> None:
    """No queue: the corridor takes 2 h, the outside option 3 h on average. From an even
    split every auxiliary solution is all on the corridor, so after k iterations the
    outside share is the start's 1/2 averaged with k - 1 zeros, 1/(2k), and the gap
    1/(2k) x (3 - 2) / 2. Never reaching 0.02 in 5 iterations, the least gap (the last)
    is returned, not converged."""
    nodes = {"o": {"kind": "origin"}, "d": {"kind": "destination"}}
    f = flow(["o", "d"], "24 wagon/day", "1 wagon")
    f["choice"] = {"rule": "least_time"}
    f["outside"] = {"sea": {"transit": {"dist": "exponential", "mean": "3 h"}}}
    mapping = scenario(nodes, {"o-d": _transfer("o", "d", "2 h")}, {"f": f}, horizon="5 day")
    eq = cs.equilibrium(
        build(mapping), replications=1, iterations=5, tolerance=0.02, workers=1, progress=False
    )
    sea = eq.iterations[eq.iterations["option"] == "sea"]
    assert sea["share"].tolist() == pytest.approx([1 / (2 * k) for k in range(1, 6)])
    assert eq.gaps.tolist() == pytest.approx([1 / (4 * k) for k in range(1, 6)])
    assert set(sea["time_from"]) == {"fixed"}
    assert not eq.converged and eq.chosen == 5
    assert "Not converged: after 5 iterations the least relative gap is 0.05" in eq.text()
    assert eq.scenario.raw["flows"]["f"]["outside"]["sea"]["share"] == "10 %"  # 1 / (2 x 5)


def test_same_seed_same_answer_with_one_or_two_workers() -> None:
    mapping = two_borders(horizon="40 day")
    runs = [
        cs.equilibrium(
            build(mapping), replications=2, iterations=3, tolerance=1e-9, workers=w, progress=False
        )
        for w in (1, 2)
    ]
    one, two = runs
    assert one.iterations.equals(two.iterations)
    assert one.summary.equals(two.summary)
    assert one.chosen == two.chosen and len(one.gaps) == 3


def test_a_scenario_without_a_choice_is_refused_naming_its_flows() -> None:
    nodes = {"o": {"kind": "origin"}, "d": {"kind": "destination"}}
    flows = {"f": flow(["o", "d"], "24 wagon/day", "1 wagon")}
    single = build(scenario(nodes, {"o-d": _transfer("o", "d")}, flows))
    with pytest.raises(cs.ScenarioError, match=r"^flows: no flow of scenario 'test' has a choice"):
        cs.equilibrium(single, progress=False)
    with pytest.raises(cs.ScenarioError, match=r"its flows \(f\) each have one route"):
        cs.equilibrium(single, progress=False)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"replications": 0}, "replications must be a whole number >= 1 (got 0)"),
        ({"iterations": 1.5}, "iterations must be a whole number >= 1 (got 1.5)"),
        ({"tolerance": 0}, "tolerance must be a number > 0, e.g. 0.02 (got 0)"),
    ],
)
def test_bad_arguments_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        cs.equilibrium(build(two_borders()), progress=False, **kwargs)


def test_msa_steps_toward_the_fastest_option_and_the_gap_is_zero_at_equal_times() -> None:
    aux = all_or_nothing({"f": (2.0, 1.0, 1.0)})
    assert aux == {"f": (0.0, 0.5, 0.5)}  # ties split evenly
    assert msa_step({"f": (1.0, 0.0, 0.0)}, aux, 1) == {"f": (0.5, 0.25, 0.25)}
    sc = build(two_borders())
    assert relative_gap(sc, {"f": (0.75, 0.25)}, {"f": (2.0, 2.0)}) == 0.0
    # 48 wagons/day x 60 t: 0.25 of it spends 1 h more than the 2 h of the rest
    assert relative_gap(sc, {"f": (0.75, 0.25)}, {"f": (2.0, 3.0)}) == pytest.approx(0.125)
    assert math.isinf(relative_gap(sc, {"f": (0.5, 0.5)}, {"f": (0.0, 1.0)}))
