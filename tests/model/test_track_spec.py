"""The frozen Track spec: sections, occupation, the analytic single-track capacity and
errors naming the field."""

import pytest

from corridor_sim.errors import ScenarioError
from corridor_sim.model.network import RailLink
from corridor_sim.model.track import DOUBLE, Track


def test_sections_split_the_travel_time_equally():
    track = Track("single", passing_loops=4, loop_time_h=0.5)
    assert track.sections == 5
    assert track.section_h(20.0) == pytest.approx(4.0)
    assert track.occupation_h(20.0) == pytest.approx(4.5)


@pytest.mark.parametrize(("loops", "pairs"), [(0, 24 / (2 * 11.0)), (3, 24 / (2 * 3.5))])
def test_pairs_per_day_is_the_classic_formula(loops, pairs):
    """1440 / (t1 + t2 + tau1 + tau2) minutes: 10 h line, tau = 1 h."""
    assert Track("single", loops, 1.0).pairs_per_day(10.0) == pytest.approx(pairs)


def test_double_is_the_default_of_a_rail_link():
    link = RailLink("l", "rail", "a", "b", travel_time_h=1.0, train_capacity={"wagon": 5.0})
    assert link.track == DOUBLE
    assert not link.track.single


@pytest.mark.parametrize(
    ("kwargs", "path", "message"),
    [
        ({"kind": "triple"}, "kind", "must be one of double, single (got 'triple')"),
        ({"kind": "single", "passing_loops": -1}, "passing_loops", "must be >= 0 (got -1)"),
        ({"kind": "single", "passing_loops": 1.5}, "passing_loops", "must be a whole number"),
        ({"kind": "single", "passing_loops": 5000}, "passing_loops", "must be <= 1000"),
        ({"kind": "single", "loop_time_h": -1.0}, "loop_time_h", "must be >= 0 (got -1.0)"),
        ({"passing_loops": 2}, "passing_loops", "a double track has no passing loops"),
        ({"loop_time_h": 0.2}, "loop_time_h", "a double track has no passing loops"),
    ],
)
def test_bad_track_names_the_field(kwargs, path, message):
    with pytest.raises(ScenarioError) as info:
        Track(**kwargs)
    assert info.value.key_path == path
    assert message in str(info.value)


def test_rail_link_refuses_a_track_that_is_not_a_track():
    with pytest.raises(ScenarioError) as info:
        RailLink("l", "rail", "a", "b", train_capacity={"wagon": 5.0}, track="single")  # type: ignore[arg-type]
    assert info.value.key_path == "track"
