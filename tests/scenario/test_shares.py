"""A scenario at fixed route shares: rule shares in the specs, and a source mapping that
rebuilds to the same shares."""

from __future__ import annotations

import pytest
from helpers import build, flow, scenario

from corridor_sim.scenario.shares import with_shares
from corridor_sim.scenario.variants import override


def _transfer(a: str, b: str) -> dict[str, str]:
    return {"kind": "transfer", "from": a, "to": b, "delay": "1 h"}


def two_routes_and_outside() -> dict:
    nodes = {k: {"kind": "terminal"} for k in ("a", "b")}
    nodes |= {"o": {"kind": "origin"}, "d": {"kind": "destination"}}
    links = {n: _transfer(n[0], n[2]) for n in ("o-a", "o-b", "a-d", "b-d")}
    f = flow(["o", "a", "d"], "24 wagon/day", "1 wagon")
    del f["route"]
    f["routes"] = [{"route": ["o", "a", "d"]}, {"route": ["o", "b", "d"], "label": "south"}]
    f["choice"] = {"rule": "least_time"}
    f["outside"] = {"sea": {"transit": "3 day"}}
    return scenario(nodes, links, {"f": f})


def test_shares_are_set_in_the_specs_and_survive_an_override() -> None:
    shared = with_shares(build(two_routes_and_outside()), {"f": (0.5, 0.3, 0.2)})
    f = shared.flows["f"]
    assert f.choice is not None and f.choice.rule == "shares"
    assert [(r.label, r.share) for r in f.routes] == [("via a", 0.5), ("south", 0.3)]
    assert [(o.name, o.share) for o in f.outside] == [("sea", 0.2)]
    rebuilt = override(shared, {"simulation.horizon": "5 day"}).flows["f"]
    assert [r.share for r in rebuilt.routes] == pytest.approx([0.5, 0.3])
    assert rebuilt.outside[0].share == pytest.approx(0.2)
    assert rebuilt.routes == f.routes and rebuilt.choice == f.choice


def test_a_lone_route_with_an_outside_option_keeps_its_share_in_the_mapping() -> None:
    """A flow's only route, beside an outside option, is written as a routes list of one
    with its share, so an override rebuilt from the mapping keeps the shares."""
    mapping = two_routes_and_outside()
    f = mapping["flows"]["f"]
    del f["routes"]
    f["route"] = ["o", "a", "d"]
    shared = with_shares(build(mapping), {"f": (0.6, 0.4)})
    assert [r.share for r in shared.flows["f"].routes] == [0.6]
    rebuilt = override(shared, {"simulation.seed": 7})
    assert [r.share for r in rebuilt.flows["f"].routes] == pytest.approx([0.6])
    assert rebuilt.flows["f"].outside[0].share == pytest.approx(0.4)
