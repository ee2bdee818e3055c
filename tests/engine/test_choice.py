"""Route choice in the engine: each rule splits cargo as it states, decisions happen at
the nodes where routes part, outside options take cargo out of the corridor (and the
mass balance counts it), and a flow with a choice that changes nothing runs exactly as
one with a fixed route."""

from __future__ import annotations

import math
from typing import Any

import pytest
from helpers import build, ferry, flow, port, scenario, sea, start

import corridor_sim as cs


def _border(mean: str) -> dict:
    return {"kind": "border", "servers": 1, "service_time": {"dist": "exponential", "mean": mean}}


def _transfer(a: str, b: str, delay: str = "1 h") -> dict:
    return {"kind": "transfer", "from": a, "to": b, "delay": delay}


def parallel(
    choice: dict | None,
    shares: tuple[str | None, str | None] = (None, None),
    *,
    delays: tuple[str, str] = ("1 h", "1 h"),
    volume: str = "36 wagon/day",
    horizon: str = "200 day",
    outside: dict | None = None,
    seed: int = 1,
) -> dict[str, Any]:
    """o -> a -> d or o -> b -> d; a and b are identical M/M/1 borders (mean 1 h)."""
    nodes = {
        "o": {"kind": "origin"},
        "a": _border("1 h"),
        "b": _border("1 h"),
        "d": {"kind": "destination"},
    }
    links = {
        "o-a": _transfer("o", "a", delays[0]),
        "o-b": _transfer("o", "b", delays[1]),
        "a-d": _transfer("a", "d"),
        "b-d": _transfer("b", "d"),
    }
    f = flow(["o", "a", "d"], volume, "1 wagon")
    f["arrivals"] = {"pattern": "poisson"}
    del f["route"]
    f["routes"] = [
        {"route": ["o", "a", "d"]} | ({"share": shares[0]} if shares[0] else {}),
        {"route": ["o", "b", "d"]} | ({"share": shares[1]} if shares[1] else {}),
    ]
    if choice is not None:
        f["choice"] = choice
    if outside is not None:
        f["outside"] = outside
    return scenario(nodes, links, {"f": f}, horizon=horizon, seed=seed)


def _split(mapping: dict) -> tuple[float, float, cs.SimulationResult]:
    result = cs.simulate(build(mapping))
    routes = result.routes.set_index("route")["delivered_units"]
    return routes["via a"], routes["via b"], result


def _within_binomial(k: float, n: float, p: float, z: float = 4.0) -> bool:
    """``k`` of ``n`` is within ``z`` standard deviations of a Binomial(n, p) mean."""
    return abs(k - n * p) <= z * math.sqrt(n * p * (1 - p))


@pytest.mark.parametrize("rule", ["shares", "least_time", "logit"])
def test_identical_routes_split_evenly(rule: str) -> None:
    choice = {"rule": rule} | ({"scale": "2 h"} if rule == "logit" else {})
    a, b, result = _split(parallel(choice, ("50 %", "50 %")))
    assert a + b == pytest.approx(result.flows["delivered_units"].iloc[0])
    assert _within_binomial(a, a + b, 0.5), (a, b)


def test_fixed_shares_hold() -> None:
    """20/80 of 18 wagons a day: route b (14.4 a day) stays below its border's 24."""
    a, b, _ = _split(parallel({"rule": "shares"}, ("20 %", "80 %"), volume="18 wagon/day"))
    assert _within_binomial(a, a + b, 0.2), (a, b)


def test_least_time_takes_the_faster_route() -> None:
    """Route b is 20 h longer on its first link: at 12 wagons a day (half border a's
    24) a queue at a that makes up for it (20 h, 20 wagons) is too rare to see, so
    every consignment goes via a."""
    a, b, _ = _split(
        parallel({"rule": "least_time"}, delays=("1 h", "21 h"), volume="12 wagon/day")
    )
    assert b == 0 and a > 0


def test_least_time_cuts_waiting_against_a_fixed_split() -> None:
    """Joining the shorter queue beats a blind 50/50 split of the same arrivals."""
    _, _, fixed = _split(parallel({"rule": "shares"}, ("50 %", "50 %"), volume="40 wagon/day"))
    _, _, chosen = _split(parallel({"rule": "least_time"}, volume="40 wagon/day"))
    fixed_h = fixed.flows["transit_mean_days"].iloc[0] * 24
    chosen_h = chosen.flows["transit_mean_days"].iloc[0] * 24
    assert chosen_h < fixed_h - 0.3, (chosen_h, fixed_h)


def test_logit_matches_its_formula_against_an_outside_option() -> None:
    """No queues (transfers only): the corridor takes exactly 2 h, the outside option
    3 h on average; with scale 1 h the outside share is 1 / (1 + e)."""
    nodes = {"o": {"kind": "origin"}, "d": {"kind": "destination"}}
    links = {"o-d": _transfer("o", "d", "2 h")}
    f = flow(["o", "d"], "100 wagon/day", "1 wagon")
    f["arrivals"] = {"pattern": "poisson"}
    f["choice"] = {"rule": "logit", "scale": "1 h"}
    f["outside"] = {"sea": {"transit": {"dist": "exponential", "mean": "3 h"}}}
    result = cs.simulate(build(scenario(nodes, links, {"f": f}, horizon="100 day")))
    out = result.outside.set_index("option").loc["sea"]
    offered = result.flows["offered_units"].iloc[0]
    assert _within_binomial(out["diverted_units"], offered, 1 / (1 + math.e)), out
    row = result.balance.iloc[0]
    assert row["diverted_units"] > 0
    assert row["generated_units"] == pytest.approx(
        row["delivered_units"] + row["diverted_units"] + row["in_system_units"]
    )


def test_outside_share_leaves_the_corridor_and_the_balance_holds() -> None:
    mapping = parallel(
        {"rule": "shares"},
        ("40 %", "35 %"),
        outside={"northern": {"transit": "15 day", "share": "25 %"}},
    )
    a, b, result = _split(mapping)
    out = result.outside.set_index("option").loc["northern"]
    offered = result.flows["offered_units"].iloc[0]
    assert _within_binomial(out["diverted_units"], offered, 0.25)
    assert _within_binomial(a, a + b, 40 / 75)
    assert result.flows["diverted_units"].iloc[0] == out["diverted_units"]


def test_decisions_happen_where_routes_part() -> None:
    """o -> j -> {a, b} -> d: the choice is made at j, not at the origin."""
    mapping = parallel({"rule": "least_time"})
    mapping["nodes"]["j"] = {"kind": "terminal"}
    links = mapping["links"]
    links["o-j"] = _transfer("o", "j")
    links["j-a"] = _transfer("j", "a")
    links["j-b"] = _transfer("j", "b")
    del links["o-a"], links["o-b"]
    routes = mapping["flows"]["f"]["routes"]
    routes[0]["route"] = ["o", "j", "a", "d"]
    routes[1]["route"] = ["o", "j", "b", "d"]
    result = cs.simulate(build(mapping))
    assert set(result.choices["node"]) == {"j"}
    assert result.choices["share"].sum() == pytest.approx(1.0)


def test_a_choice_that_changes_nothing_runs_as_a_fixed_route() -> None:
    """All cargo on route a by share (b 0 %): the same seed gives the same run, event for
    event, as the flow with route a alone."""
    chosen = start(parallel({"rule": "shares"}, ("100 %", "0 %"))).run()
    mapping = parallel(None)
    f = mapping["flows"]["f"]
    f["route"] = f.pop("routes")[0]["route"]
    fixed = start(mapping).run()
    assert chosen.events == fixed.events
    assert chosen.flows[0].transit.mean == fixed.flows[0].transit.mean
    assert chosen.flows[0].delivered_units == fixed.flows[0].delivered_units


def test_same_seed_same_choices() -> None:
    mapping = parallel({"rule": "logit", "scale": "1 h"})
    one = cs.simulate(build(mapping)).choices
    two = cs.simulate(build(mapping)).choices
    assert one.equals(two)


def test_pivot_keeps_the_observed_split_without_queues() -> None:
    """At 2 wagons a day the borders hardly queue: the pivot logit splits as the shares."""
    mapping = parallel({"rule": "pivot", "scale": "1 h"}, ("70 %", "30 %"), volume="2 wagon/day")
    mapping["simulation"]["horizon"] = "2000 day"
    a, b, _ = _split(mapping)
    assert _within_binomial(a, a + b, 0.7), (a, b)


def test_pivot_moves_cargo_off_the_congested_route() -> None:
    """Border a serves in 2 h (b in 1 h): at 20 wagons a day a's queue grows and the
    pivot sends less than its 70 % share there, and less than fixed shares would."""
    mapping = parallel({"rule": "pivot", "scale": "1 h"}, ("70 %", "30 %"), volume="20 wagon/day")
    mapping["nodes"]["a"]["service_time"]["mean"] = "2 h"
    a, b, result = _split(mapping)
    assert a / (a + b) < 0.6, (a, b)
    assert result.balance["difference_units"].abs().max() < 1e-6


def test_without_reaction_keeps_the_shares_and_drops_the_rest() -> None:
    mapping = parallel(
        {"rule": "logit", "scale": "2 h"},
        ("60 %", "40 %"),
        outside={"sea": {"transit": "1 h"}},
    )
    mapping["nodes"]["a"]["embargo"] = {"wagon": {"above": "5 wagon", "below": "1 wagon"}}
    fixed = cs.without_reaction(build(mapping))
    f = fixed.flows["f"]
    assert f.choice is not None and f.choice.rule == "shares"
    assert [o.share for o in f.routes] == pytest.approx([0.6, 0.4])
    assert f.outside == () and fixed.nodes["a"].embargo == {}
    a, b, result = _split(fixed.raw)
    assert result.outside.empty and _within_binomial(a, a + b, 0.6)


def _small_port(storage: str) -> dict[str, Any]:
    """o --rail--> port p (``storage``) ==one ferry of 10 wagons, 400 km==> q: the ferry
    carries about 3 wagons a day of the 6 offered; the rest may leave for a 15-day
    outside option (logit, scale 1 day)."""
    rail = {
        "kind": "rail",
        "from": "o",
        "to": "p",
        "travel_time": "1 h",
        "train_capacity": {"wagon": "10 wagon"},
        "max_wait": "1 h",
    }
    crossing = sea([ferry(home="from")], distance="400 km")
    crossing.update({"from": "p", "to": "q"})
    f = flow(["o", "p", "q"], "6 wagon/day", "10 wagon")
    f["choice"] = {"rule": "logit", "scale": "1 day"}
    f["outside"] = {"sea": {"transit": "15 day"}}
    return scenario(
        nodes={"o": {"kind": "origin"}, "p": port(storage={"wagon": storage}), "q": port()},
        links={"o-p": rail, "p-q": crossing},
        flows={"f": f},
        horizon="200 day",
    )


def test_a_small_yard_does_not_hide_the_backlog_from_route_choice() -> None:
    """The trains held outside a full yard are ahead of cargo choosing now: with room for
    one ferry load (10 wagons) the flow leaves for the outside option as it does with
    room for 2,000, instead of piling up outside the port (the 2030 anomaly: Aktau's
    1,000 TEU yard hid a backlog of ~150,000 TEU, which the hub's 6,000 TEU yard showed)."""
    small, large = (
        cs.simulate(build(_small_port(s))).flows.iloc[0] for s in ("10 wagon", "2000 wagon")
    )
    assert large["diverted_units"] > 0.3 * large["offered_units"]
    assert small["diverted_units"] == pytest.approx(large["diverted_units"], rel=0.1)
    assert small["in_system_units"] < 0.1 * small["offered_units"]
    assert small["transit_mean_days"] < 15.0 + 2.0
