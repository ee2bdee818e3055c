"""The analytic capacity of a single-track rail line: the pairs a day of a parallel
timetable when flows use it both ways, one train per hold of a section when one way only,
at most the line capacity if one is given."""

import math

import pytest
from helpers import build
from helpers import rail_both_ways as line

import corridor_sim as cs
from corridor_sim.capacity.elements import both_ways

T_PER_TRAIN = 5 * 60.0  # the helper's trains: 5 wagons of 60 t


def capacity_row(mapping: dict) -> dict:
    return cs.capacity(build(mapping)).elements.set_index("element").loc["a-b"].to_dict()


def test_both_ways_gives_the_pairs_a_day_of_the_longest_section():
    """10 h, 3 loops: sections of 150 min, a 60 min station interval. By hand:
    1440 / (150 + 150 + 60 + 60) = 24 / 7 trains a day each way, x 365 x 300 t."""
    row = capacity_row(line(3))
    assert row["capacity_t_per_yr"] == pytest.approx(24 / 7 * 365 * T_PER_TRAIN, rel=1e-12)
    assert row["capacity_t_per_day"] == pytest.approx(24 / 7 * T_PER_TRAIN, rel=1e-12)
    assert "both ways: 1440 / (2 x 150 + 2 x 60) min = 3.43 pairs/day" in row["formula"]


def test_one_way_only_gives_one_train_per_hold():
    """The same line with flows one way: 1440 / (150 + 60) = 48 / 7 trains a day."""
    row = capacity_row(line(3, back=None))
    assert row["capacity_t_per_yr"] == pytest.approx(48 / 7 * 365 * T_PER_TRAIN, rel=1e-12)
    assert "one way: 1440 / (150 + 60) min" in row["formula"]


@pytest.mark.parametrize(
    ("loops", "back", "per_day", "trains"),
    [
        (3, "60 wagon/day", 2, 2.0),  # the line capacity binds: 2 < 24/7
        (0, None, 5, 24 / 11),  # the track binds: 1440 / (600 + 60) < 5
    ],
)
def test_the_lesser_of_line_capacity_and_track_holds(loops, back, per_day, trains):
    row = capacity_row(line(loops, back=back, line_capacity=f"{per_day} train/day"))
    assert row["capacity_t_per_yr"] == pytest.approx(trains * 365 * T_PER_TRAIN, rel=1e-12)
    assert row["formula"].startswith(f"min({per_day} trains/day, single track")


def test_a_double_track_without_line_capacity_has_no_limit():
    assert math.isinf(capacity_row(line(None))["capacity_t_per_yr"])
    assert math.isinf(capacity_row(line(None, track="double"))["capacity_t_per_yr"])


def test_a_track_held_for_no_time_has_no_limit():
    mapping = line(2)
    mapping["links"]["a-b"]["travel_time"] = "0 h"
    mapping["links"]["a-b"]["track"]["loop_time"] = "0 h"
    row = capacity_row(mapping)
    assert math.isinf(row["capacity_t_per_yr"])
    assert row["formula"].endswith("no limit")


def test_every_route_a_flow_may_take_counts_for_both_ways():
    """A flow b -> a with a second route around the line still uses it both ways if
    either route runs on it backwards; a flow with no volume does not count."""
    mapping = line(3)
    assert both_ways(build(mapping), build(mapping).links["a-b"])
    mapping["flows"]["ba"]["volume"] = "0 wagon/day"
    scenario = build(mapping)
    assert not both_ways(scenario, scenario.links["a-b"])


def test_a_saturated_single_track_carries_its_analytic_capacity():
    """Demand far above the bound both ways: the line carries the bound each way (its
    throughput counts both), to within a train or two over the 60 days counted."""
    mapping = line(3)
    result = cs.simulate(build(mapping), seed=1)
    bound = capacity_row(mapping)["capacity_t_per_day"]
    row = result.elements.set_index("element").loc["a-b"]
    assert row["capacity_t_per_day"] == pytest.approx(bound)
    slack = 2 * 2 * T_PER_TRAIN / 60
    assert row["throughput_t_per_day"] == pytest.approx(2 * bound, abs=slack)
    delivered = result.flows.set_index("flow")["delivered_units"]
    assert delivered["ab"] == pytest.approx(delivered["ba"], abs=2 * 5)
