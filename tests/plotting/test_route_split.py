"""The route-split figure: one bar segment per route and week, heights the deliveries."""

import pytest
from helpers import build, flow, scenario

import corridor_sim as cs
from corridor_sim import plotting


def parallel_mapping() -> dict:
    """o -> a -> d or o -> b -> d by transfers, shares 70/30, 20 wagons a day, 40 days."""
    nodes = {"o": {"kind": "origin"}, "d": {"kind": "destination"}}
    nodes |= {"a": {"kind": "terminal"}, "b": {"kind": "terminal"}}
    links = {
        f"{x}-{y}": {"kind": "transfer", "from": x, "to": y, "delay": "1 h"}
        for x, y in [("o", "a"), ("o", "b"), ("a", "d"), ("b", "d")]
    }
    f = flow(["o", "a", "d"], "20 wagon/day", "1 wagon")
    del f["route"]
    f["routes"] = [
        {"route": ["o", "a", "d"], "share": "70 %"},
        {"route": ["o", "b", "d"], "share": "30 %"},
    ]
    f["choice"] = {"rule": "shares"}
    return scenario(nodes, links, {"f": f}, horizon="40 day")


def test_route_split_stacks_the_weekly_deliveries_per_route():
    result = cs.simulate(build(parallel_mapping()))
    ax = plotting.plot_route_split(result)
    heights = sum(p.get_height() for p in ax.patches if p.get_height() > 0)
    delivered = result.route_daily.loc[result.route_daily["flow"] == "f", "units"].sum()
    assert heights == pytest.approx(delivered)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(label.startswith("via a (") for label in labels)


def test_a_flow_with_one_route_is_refused():
    result = cs.simulate(build(parallel_mapping()))
    with pytest.raises(ValueError, match="has one route"):
        plotting.plot_route_split(result, "nothing")
