"""The shifting-bottleneck method: hand-worked period sets, and the engine's activity trace
on tiny deterministic lines."""

import pandas as pd
import pytest
from helpers import build, flow, scenario

import corridor_sim as cs
from corridor_sim.bottlenecks.active_period import momentary_bottlenecks, shifting_bottlenecks


def shares(periods, start=0.0, end=12.0):
    table = shifting_bottlenecks(periods, start, end).set_index("element")
    return {
        e: (round(r.sole_share * end, 6), round(r.shifting_share * end, 6))
        for e, r in table.iterrows()
    }


def test_the_longer_overlapping_period_takes_over_and_the_overlap_is_shifting():
    """a active 0-6, b 4-12: a leads until b (8 h) starts at 4; overlap 4-6 is shifting."""
    assert momentary_bottlenecks({"a": [(0, 6)], "b": [(4, 12)]}, 0, 12) == [
        (0, 4, "a", (0, 6)),
        (4, 12, "b", (4, 12)),
    ]
    assert shares({"a": [(0, 6)], "b": [(4, 12)]}) == {"a": (4.0, 2.0), "b": (6.0, 2.0)}


def test_a_short_period_inside_a_long_one_never_leads():
    """b's 2 h period lies inside a's 12 h period: a is the sole bottleneck throughout."""
    assert shares({"a": [(0, 12)], "b": [(3, 5)]}) == {"a": (12.0, 0.0), "b": (0.0, 0.0)}


def test_gaps_and_the_statistics_window():
    """With nothing active 3-5 there is no bottleneck then; periods are clipped to the
    window but compared at full length (a's 0-3 started before the window)."""
    table = shifting_bottlenecks({"a": [(-10, 3)], "b": [(5, 8)]}, 0, 10).set_index("element")
    assert table.loc["a", "sole_share"] == pytest.approx(0.3)
    assert table.loc["b", "sole_share"] == pytest.approx(0.3)
    assert table.loc["a", "active_share"] == pytest.approx(0.3)
    assert table["shifting_share"].sum() == 0


def line(service_h: float = 1.0) -> dict:
    """o -> n (1 server, ``service_h`` per wagon) -> d, one wagon every 2 h from t = 2."""
    return scenario(
        nodes={
            "o": {"kind": "origin"},
            "n": {"kind": "terminal", "servers": 1, "service_time": f"{service_h} h"},
            "d": {"kind": "destination"},
        },
        links={
            "o-n": {"kind": "transfer", "from": "o", "to": "n"},
            "n-d": {
                "kind": "rail",
                "from": "n",
                "to": "d",
                "travel_time": "1 h",
                "train_capacity": {"wagon": "1 wagon"},
                "line_capacity": "8 train/day",
            },
        },
        flows={"f": flow(["o", "n", "d"], "12 wagon/day", "1 wagon")},
        horizon="1 day",
    )


def test_the_engine_records_a_server_busy_and_a_line_within_its_headway():
    """Wagons reach n at 2, 4, ...; the server works 2-3, 4-5, ...; each wagon leaves as a
    train at once and takes the line for its 3 h headway: 3-6, then 6-9 (the next train
    waits for the slot at 6), merged into one period."""
    result = cs.simulate(build(line()), trace_activity=True)
    assert result.activity["n"][:3] == [(2.0, 3.0), (4.0, 5.0), (6.0, 7.0)]
    assert result.activity["n-d"][0] == (3.0, 24.0)
    assert "o-n" not in result.activity  # a transfer has no capacity to trace


def test_tracing_changes_no_result():
    s = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
    plain, traced = cs.simulate(s, seed=3), cs.simulate(s, seed=3, trace_activity=True)
    assert plain.activity is None
    pd.testing.assert_frame_equal(plain.elements, traced.elements)
    pd.testing.assert_frame_equal(plain.flows, traced.flows)
    assert set(traced.activity) == {"port_a", "port_b", "port_a-port_b"}
