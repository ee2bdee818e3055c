"""The loops table, the ``loops`` KPI scope and the "Passing loops" section of a run."""

import pytest
from helpers import build
from helpers import rail_both_ways as line

import corridor_sim as cs
from corridor_sim.experiments.kpis import SCOPES, run_kpis
from corridor_sim.experiments.loop_text import loop_lines
from corridor_sim.results.loops import LOOP_COLUMNS


@pytest.fixture(scope="module")
def result() -> cs.SimulationResult:
    return cs.simulate(build(line(3)), seed=3)


def test_one_row_per_single_track_line(result):
    table = result.loops
    assert list(table.columns) == LOOP_COLUMNS
    assert table["link"].tolist() == ["a-b"]
    row = table.iloc[0]
    assert row["sections"] == 4
    assert 0 < row["waited_trains"] <= row["trains"]


def test_kpis_carry_the_loops_scope(result):
    assert "loops" in SCOPES
    out = run_kpis(result)
    row = result.loops.iloc[0]
    assert out["loops:a-b:trains"] == row["trains"]
    assert out["loops:a-b:wait_p95_h"] == pytest.approx(row["wait_p95_h"])


def test_run_text_shows_the_loops_only_for_single_tracks():
    rr = cs.run(build(line(3)), 2, workers=1, progress=False)
    lines = loop_lines(rr.runs, rr.scenario)
    assert lines[0].startswith("Passing loops")
    assert lines[3].split()[:2] == ["a-b", "3"]
    assert "Passing loops (single-track lines" in rr.summary()
    plain = cs.run(build(line(None)), 2, workers=1, progress=False)
    assert loop_lines(plain.runs, plain.scenario) == []


def test_loops_table_survives_saving(result, tmp_path):
    back = cs.SimulationResult.from_dir(result.to_dir(tmp_path / "r"))
    assert back.loops["link"].tolist() == ["a-b"]
    assert back.loops["trains"].tolist() == result.loops["trains"].tolist()
