"""The dwell table, the ``dwell`` KPI scope and the "Border dwell" section of a run."""

import pytest
from helpers import build, flow, scenario

import corridor_sim as cs
from corridor_sim.experiments.dwell_text import dwell_lines
from corridor_sim.experiments.kpis import SCOPES, run_kpis
from corridor_sim.results.dwell import DWELL_COLUMNS


def two_borders() -> cs.Scenario:
    """Border b (dwell: documents off the track, then a gauge change on it) and terminal
    t (service_time only) between origin o and destination d."""
    dwell = [
        {
            "stage": "documents",
            "dist": "lognormal",
            "mean": "6 h",
            "cv": 1.0,
            "holds_server": False,
        },
        {"stage": "gauge_change", "dist": "gamma", "mean": "2 h", "cv": 0.5},
    ]
    nodes = {
        "o": {"kind": "origin"},
        "b": {"kind": "border", "servers": 2, "dwell": dwell},
        "t": {"kind": "terminal", "service_time": "1 h"},
        "d": {"kind": "destination"},
    }
    links = {
        "o-b": {"kind": "transfer", "from": "o", "to": "b"},
        "b-t": {"kind": "transfer", "from": "b", "to": "t", "delay": "3 h"},
        "t-d": {"kind": "transfer", "from": "t", "to": "d"},
    }
    return build(
        scenario(
            nodes,
            links,
            {"f": flow(["o", "b", "t", "d"], "12 wagon/day", "1 wagon")},
            horizon="60 day",
        )
    )


@pytest.fixture(scope="module")
def result() -> cs.SimulationResult:
    return cs.simulate(two_borders(), seed=3)


def test_dwell_table_rows_per_stage_then_total_and_at_node(result):
    table = result.dwell
    assert list(table.columns) == DWELL_COLUMNS
    assert table[["node", "stage"]].values.tolist() == [
        ["b", "documents"],
        ["b", "gauge_change"],
        ["b", "total"],
        ["b", "at_node"],
    ]
    rows = table.set_index("stage")
    # every batch that started service in the period, counted once per row (the last
    # few arrivals are still with their documents at the end)
    assert len(set(rows["batches"])) == 1
    assert 60 * 12 - 10 < rows["batches"].iloc[0] <= 60 * 12
    assert rows.loc["total", "mean_h"] == pytest.approx(
        rows.loc["documents", "mean_h"] + rows.loc["gauge_change", "mean_h"]
    )
    assert rows.loc["at_node", "mean_h"] >= rows.loc["total", "mean_h"]
    assert (rows["p50_h"] <= rows["p95_h"]).all()


def test_mass_balance_holds_with_dwell(result):
    assert result.balance["difference_units"].abs().max() < 1e-6


def test_kpi_scope_agrees_with_the_table(result):
    out = run_kpis(result)
    assert "dwell" in SCOPES
    for row in result.dwell.itertuples():
        assert out[f"dwell:b/{row.stage}:mean_h"] == row.mean_h
        assert out[f"dwell:b/{row.stage}:p95_h"] == row.p95_h
    assert not any(key.startswith("dwell:t/") for key in out)


def test_run_prints_a_border_dwell_section_only_with_dwell():
    answer = cs.run(two_borders(), replications=2, workers=1, progress=False)
    lines = dwell_lines(answer.runs, answer.scenario)
    assert lines[0].startswith("Border dwell")
    assert [line.split()[:2] for line in lines[3:7]] == [
        ["b", "documents"],
        ["b", "gauge_change"],
        ["b", "total"],
        ["b", "at"],
    ]
    assert "Border dwell" in answer.summary()
    plain = cs.run(
        cs.load_scenario(cs.bundled_path("teaching_two_ports")),
        replications=2,
        workers=1,
        progress=False,
    )
    assert dwell_lines(plain.runs, plain.scenario) == []


def test_saved_result_reads_back_its_dwell_table(result, tmp_path):
    result.to_dir(tmp_path / "r")
    back = cs.SimulationResult.from_dir(tmp_path / "r")
    assert back.dwell[["node", "stage", "batches"]].values.tolist() == (
        result.dwell[["node", "stage", "batches"]].values.tolist()
    )
