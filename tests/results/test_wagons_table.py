"""The wagons table, the ``wagons`` KPI scope and the "Wagon pools" section of a run."""

import pytest
from helpers import build
from helpers import wagon_line as line

import corridor_sim as cs
from corridor_sim.experiments.kpis import SCOPES, run_kpis
from corridor_sim.experiments.wagon_text import wagon_lines
from corridor_sim.results.wagons import WAGON_COLUMNS


@pytest.fixture(scope="module")
def result() -> cs.SimulationResult:
    return cs.simulate(build(line("3 wagon/day", 2, horizon="40 day")), seed=1)


def test_one_row_per_wagon_pool(result):
    table = result.wagons
    assert list(table.columns) == WAGON_COLUMNS
    row = table.iloc[0]
    assert (row["pool"], row["wagons"]) == ("p", 2)
    # two wagons, each round trip 24 h: two loads a day of one wagon (60 t)
    assert row["loads_per_day"] == pytest.approx(2.0, rel=0.02)
    assert row["wagons_per_day"] == pytest.approx(2.0, rel=0.02)
    assert row["tonnes_per_day"] == pytest.approx(120.0, rel=0.02)
    assert row["round_trip_mean_h"] == pytest.approx(24.0)
    assert row["in_use_mean"] == pytest.approx(2 * row["utilisation"])
    assert 0 < row["wait_mean_h"] <= row["wait_p95_h"]
    assert row["loads_waited"] > 0


def test_kpis_carry_the_wagons_scope(result):
    assert "wagons" in SCOPES
    out = run_kpis(result)
    row = result.wagons.iloc[0]
    assert out["wagons:p:loads_per_day"] == pytest.approx(row["loads_per_day"])
    assert out["wagons:p:round_trip_mean_h"] == pytest.approx(row["round_trip_mean_h"])


def test_run_text_shows_wagon_pools_only_when_there_are_some():
    rr = cs.run(build(line("3 wagon/day", 2)), 2, workers=1, progress=False)
    lines = wagon_lines(rr.runs, rr.scenario)
    assert lines[0].startswith("Wagon pools")
    assert lines[3].split()[:2] == ["p", "2"]
    assert "Wagon pools (in use %" in rr.summary()
    mapping = line("3 wagon/day", 2)
    del mapping["wagon_pools"]
    plain = cs.run(build(mapping), 2, workers=1, progress=False)
    assert wagon_lines(plain.runs, plain.scenario) == []
    assert plain.summary().count("Wagon pools") == 0


def test_wagons_table_survives_saving(result, tmp_path):
    back = cs.SimulationResult.from_dir(result.to_dir(tmp_path / "r"))
    assert back.wagons["pool"].tolist() == ["p"]
    assert back.wagons["loads_per_day"].tolist() == result.wagons["loads_per_day"].tolist()
