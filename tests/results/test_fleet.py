"""The vessel, berth and call tables: hours by state add up, berth occupancy is working
plus idle, and calls are counted once per sailing after a berth call."""

import pytest
from helpers import bundled_run, ferry, flow, port, scenario, sea

import corridor_sim as cs
from corridor_sim.engine.links.logbook import STATES
from corridor_sim.results.fleet import BERTH_COLUMNS, CALL_COLUMNS


@pytest.fixture(scope="module")
def corridor_result():
    return bundled_run("middle_corridor_2024")[1]


def test_vessel_hours_by_state_fill_the_statistics_period(corridor_result):
    vessels = corridor_result.vessels
    hours = vessels[[f"{s}_h" for s in STATES]].sum(axis=1)
    assert hours.tolist() == pytest.approx([corridor_result.horizon_h] * len(vessels))
    per_yr = vessels["voyages"] * 8760 / corridor_result.horizon_h
    assert vessels["voyages_per_yr"].tolist() == pytest.approx(per_yr.tolist())
    groups = vessels[["berthing_h", "formalities_h", "unloading_h", "loading_h"]].sum(axis=1)
    assert vessels["berth_working_h"].tolist() == pytest.approx(groups.tolist())
    assert (vessels["anchorage_h"] == vessels["waiting_berth_h"]).all()


def test_berth_occupancy_is_working_plus_idle(corridor_result):
    berths = corridor_result.berths
    assert list(berths.columns) == BERTH_COLUMNS
    assert berths["occupancy"].tolist() == pytest.approx(
        (berths["working"] + berths["idle"]).tolist()
    )
    assert (berths["utilisation"] == berths["working"]).all()
    assert ((berths["occupancy"] >= 0) & (berths["occupancy"] <= 1 + 1e-9)).all()


def test_port_utilisation_counts_working_berths_only(corridor_result):
    """A port without servers is as busy as its busiest berth type at work."""
    elements = corridor_result.elements.set_index("element")
    busiest = corridor_result.berths.groupby("port")["working"].max()
    for name, share in busiest.items():
        assert elements.loc[name, "utilisation"] == pytest.approx(share)


def test_calls_per_link_and_port_add_up_to_the_vessels_calls(corridor_result):
    calls = corridor_result.calls
    assert list(calls.columns) == CALL_COLUMNS
    by_link = calls.groupby("link")["calls"].sum()
    from_vessels = corridor_result.vessels.groupby("link")["calls"].sum()
    assert by_link.to_dict() == from_vessels.to_dict()
    assert (calls["turnaround_p95_h"] >= calls["turnaround_mean_h"] * 0.5).all()


def test_an_idle_berth_is_occupied_not_working():
    """A ferry waiting alongside for cargo (wait_at: berth): a's berth is occupied from
    the first wagon at 8 h to the end at 48 h, and working only while it loads."""
    link = sea([ferry()], departure={"max_wait": "100 h", "wait_at": "berth"})
    mapping = scenario(
        nodes={"a": port(), "b": port()},
        links={"a-b": link},
        flows={"f": flow(["a", "b"], "3 wagon/day", "1 wagon")},
        horizon="48 h",
    )
    result = cs.simulate(cs.build_scenario(mapping))
    a = result.berths.set_index("port").loc["a"]
    assert a["occupancy"] == pytest.approx(40 / 48)  # alongside from 8 h on
    assert a["working"] == pytest.approx(5 * 0.1 / 48)  # wagons of 8, 16, ..., 40
    assert a["idle"] == pytest.approx((40 - 0.5) / 48)
    vessel = result.vessels.iloc[0]
    assert vessel["idle_berth_h"] == pytest.approx(40 - 0.5)
    assert vessel["berth_idle_h"] == pytest.approx(40 - 0.5)
