"""The Background spec and where nodes and rail links accept it."""

import dataclasses

import pytest

from corridor_sim import ScenarioError
from corridor_sim.model.background import Background, trains_per_day
from corridor_sim.model.distributions import deterministic
from corridor_sim.model.network import NodeSpec, RailLink

BORDER = {"servers": 2, "service_time": deterministic(2.0), "quota_per_day": 28.0}


def test_tonnes_convert_to_trains_a_day_over_365_days():
    assert trains_per_day(32e6, 4000.0) == pytest.approx(32e6 / 4000 / 365)
    given = Background.of_tonnes(15e6, 2000.0, "poisson")
    assert given.trains_per_day == pytest.approx(20.548, abs=1e-3)
    assert (given.tonnes_per_year, given.per_train_t, given.arrivals) == (15e6, 2000.0, "poisson")
    assert given.headway_h == pytest.approx(24 / 20.548, abs=1e-4)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"trains_per_day": -1.0}, "trains_per_day: must be > 0 (got -1.0)"),
        ({"trains_per_day": "12"}, "trains_per_day: must be a number (got '12')"),
        (
            {"trains_per_day": 2.0, "arrivals": "bursty"},
            "arrivals: must be one of regular, poisson",
        ),
        ({"trains_per_day": 2.0, "tonnes_per_year": 1e6}, "per_train_t: give both"),
        (
            {"trains_per_day": 2.0, "tonnes_per_year": 7.3e6, "per_train_t": 2000.0},
            "trains_per_day: must be 10, 7.3e+06 t/yr in 2000 t trains (got 2.0)",
        ),
    ],
)
def test_bad_background_names_the_field(kwargs, message):
    with pytest.raises(ScenarioError) as caught:
        Background(**kwargs)
    assert str(caught.value).startswith(message)


def test_a_copy_with_another_rate_must_drop_the_tonnage_it_was_given_as():
    given = Background.of_tonnes(7.3e6, 2000.0)
    with pytest.raises(ScenarioError, match="trains_per_day: must be 10"):
        dataclasses.replace(given, trains_per_day=12.0)
    assert dataclasses.replace(given, trains_per_day=12.0, tonnes_per_year=None, per_train_t=None)


def test_border_terminal_and_port_with_servers_accept_background():
    for kind, extra in (("border", {}), ("terminal", {}), ("port", {"berths": {"rail_ferry": 1}})):
        node = NodeSpec("n", kind, background=Background(12.0), **BORDER, **extra)
        assert node.background == Background(12.0)


@pytest.mark.parametrize(
    ("kind", "extra", "message"),
    [
        ("origin", {}, "background: a node of kind 'origin' carries no background trains"),
        (
            "pipeline_terminal",
            {"servers": 1, "service_time": deterministic(1.0)},
            "kind 'pipeline_terminal'",
        ),
        ("border", {"quota_per_day": 28.0}, "background: needs servers to occupy"),
        (
            "border",
            {**BORDER, "quota_per_day": 12.0},
            "background: must stay below the quota (12 trains/day)",
        ),
        (
            "border",
            {"servers": 1, "service_time": deterministic(2.0)},
            "background: must stay below the servers' capacity (12 trains/day)",
        ),
    ],
)
def test_background_is_refused_where_it_has_nothing_to_take(kind, extra, message):
    with pytest.raises(ScenarioError) as caught:
        NodeSpec("n", kind, background=Background(12.0), **extra)
    assert message in str(caught.value)


def test_rail_background_needs_a_line_capacity_with_room_left():
    line = {"train_capacity": {"wagon": 50.0}}
    with pytest.raises(ScenarioError, match="background: needs line_capacity_per_day"):
        RailLink("r", "rail", "a", "b", background=Background(3.0), **line)
    with pytest.raises(ScenarioError, match=r"must stay below the line capacity \(3 trains/day\)"):
        RailLink(
            "r", "rail", "a", "b", line_capacity_per_day=3.0, background=Background(3.0), **line
        )
    ok = RailLink(
        "r", "rail", "a", "b", line_capacity_per_day=4.0, background=Background(3.0), **line
    )
    assert ok.background is not None
