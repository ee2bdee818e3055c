"""Maximum flow with flows in both directions: a node that is both an origin and a
destination no longer makes the bound infinite; each direction is its own flow group."""

import math

import pytest
from helpers import build, flow, scenario

import corridor_sim as cs
from corridor_sim.capacity.maxflow import flow_groups, max_flow

T_PER_WAGON = 60.0


def two_way() -> dict:
    """a <-l (4 trains/day of 50 wagons)-> b; 10 wagons/day a->b, 3 wagons/day b->a."""
    return scenario(
        nodes={"a": {"kind": "terminal"}, "b": {"kind": "terminal"}},
        links={
            "l": {
                "kind": "rail",
                "from": "a",
                "to": "b",
                "travel_time": "5 h",
                "train_capacity": {"wagon": "50 wagon"},
                "line_capacity": "4 train/day",
            }
        },
        flows={
            "east": flow(["a", "b"], "10 wagon/day", "50 wagon"),
            "west": flow(["b", "a"], "3 wagon/day", "50 wagon"),
        },
    )


def test_one_flow_each_way_over_one_link_gives_its_capacity_per_direction():
    """By hand: 4 x 365 x 50 = 73,000 wagons a year in each direction."""
    bounds = cs.capacity(build(two_way()))
    table = bounds.max_flow
    assert list(table["group"]) == ["all cargo", "all cargo", "goods", "goods"]
    assert list(table["flow_group"]) == [1, 2, 1, 2]
    for row in table.itertuples():
        assert row.max_flow_t_per_yr == pytest.approx(73_000 * T_PER_WAGON, rel=1e-7)
        assert row.cut == "l"
    first = table.iloc[0]  # the larger demand (a -> b) is group 1
    assert (first["origins"], first["destinations"]) == ("a", "b")
    assert bounds.min_cut == ("l",)
    text = bounds.summary()
    assert "Flows 1: from a to b." in text and "Flows 2: from b to a." in text


def test_flow_groups_keep_every_origin_off_the_destinations_of_its_group():
    pairs = [("x", "p"), ("p", "x"), ("y", "p"), ("p", "y"), ("t", "c")]
    groups = flow_groups(pairs)
    assert groups == [[0, 2, 4], [1, 3]]
    for g in groups:
        assert not {pairs[i][0] for i in g} & {pairs[i][1] for i in g}


def test_max_flow_refuses_an_origin_that_is_also_a_destination():
    cap = {"a": math.inf, "b": math.inf, "l": 1.0}
    with pytest.raises(ValueError, match="both an origin and a destination"):
        max_flow(cap, [("l", "a", "b"), ("l", "b", "a")], ["a", "b"], ["a", "b"])


@pytest.mark.parametrize("name", cs.bundled_names())
def test_every_bundled_flow_group_has_a_finite_positive_bound(name):
    table = cs.capacity(cs.load_scenario(cs.bundled_path(name))).max_flow
    assert ((table["max_flow_t_per_yr"] > 0) & (table["max_flow_t_per_yr"] < math.inf)).all()
