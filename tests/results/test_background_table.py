"""The background table, the ``background`` KPI scope and the "Background traffic"
section of a run."""

import pytest
from helpers import build, flow, scenario

import corridor_sim as cs
from corridor_sim.experiments.background_text import background_lines
from corridor_sim.experiments.kpis import SCOPES, run_kpis
from corridor_sim.results.background import BACKGROUND_COLUMNS

DAYS = 30


def border_and_line() -> cs.Scenario:
    """Border b (quota 10 trains a day, 4 of them background) then a rail line b-d of 12
    trains a day each way (3 background trains each way); 24 wagons a day of 1 wagon
    from o, so the border's quota binds."""
    nodes = {
        "o": {"kind": "origin"},
        "b": {
            "kind": "border",
            "servers": 20,
            "service_time": "1 h",
            "quota": "10 train/day",
            "background": {"trains": "4 train/day"},
        },
        "d": {"kind": "destination"},
    }
    links = {
        "o-b": {"kind": "transfer", "from": "o", "to": "b"},
        "b-d": {
            "kind": "rail",
            "from": "b",
            "to": "d",
            "travel_time": "5 h",
            "train_capacity": {"wagon": "1 wagon"},
            "line_capacity": "12 train/day",
            "background": {"tonnes": "2190 kt/yr", "per_train": "2000 t"},
        },
    }
    mapping = scenario(
        nodes, links, {"f": flow(["o", "b", "d"], "24 wagon/day", "1 wagon")}, horizon=f"{DAYS} day"
    )
    mapping["simulation"]["warmup"] = "2 day"
    return build(mapping)


@pytest.fixture(scope="module")
def result() -> cs.SimulationResult:
    return cs.simulate(border_and_line(), seed=3)


def test_background_table_counts_trains_and_shares(result):
    table = result.background
    assert list(table.columns) == BACKGROUND_COLUMNS
    rows = {(r.element, r.direction): r for r in table.itertuples()}
    assert list(rows) == [("b", ""), ("b-d", "b>d"), ("b-d", "d>b")]
    border = rows[("b", "")]
    assert (border.background_trains, border.corridor_trains) == (4 * DAYS, 6 * DAYS)
    assert border.capacity_trains == 10 * DAYS
    assert (border.background_share, border.corridor_share) == pytest.approx((0.4, 0.6))
    out, back = rows[("b-d", "b>d")], rows[("b-d", "d>b")]
    assert out.trains_per_day == pytest.approx(3.0)  # 2190 kt/yr in 2000 t trains
    assert out.background_trains == back.background_trains == 3 * DAYS
    assert out.capacity_trains == 12 * DAYS
    # the border lets 6 trains a day through; the line has 9 a day left for them
    assert abs(out.corridor_trains - 6 * DAYS) <= 1
    assert back.corridor_trains == 0


def test_utilisation_counts_background_use(result):
    util = result.elements.set_index("element")["utilisation"]
    assert util["b"] == pytest.approx(1.0)
    assert util["b-d"] == pytest.approx((3 + 6) / 12, abs=1 / (12 * DAYS))


def test_no_cargo_is_made_or_lost(result):
    assert result.balance["difference_units"].abs().max() < 1e-9
    assert result.flows.set_index("flow").loc["f", "delivered_units"] <= 6 * DAYS + 1


def test_kpi_scope_agrees_with_the_table(result):
    out = run_kpis(result)
    assert "background" in SCOPES
    assert out["background:b:background_per_day"] == pytest.approx(4.0)
    assert out["background:b:corridor_per_day"] == pytest.approx(6.0)
    assert out["background:b:background_share"] == pytest.approx(0.4)
    assert out["background:b-d/d>b:corridor_share"] == 0.0


def test_run_prints_a_background_section_only_with_background():
    answer = cs.run(border_and_line(), replications=2, workers=1, progress=False)
    lines = background_lines(answer.runs, answer.scenario)
    assert lines[0].startswith("Background traffic")
    body = [line.split()[:2] for line in lines[3:6]]
    assert body == [["b", "4"], ["b-d", "b"], ["b-d", "d"]]
    assert "3 trains/day (2.19 Mt/yr at 2000 t a train), regular" in lines[4]
    assert "Background traffic" in answer.summary()
    plain = cs.run(
        cs.load_scenario(cs.bundled_path("teaching_two_ports")),
        replications=2,
        workers=1,
        progress=False,
    )
    assert background_lines(plain.runs, plain.scenario) == []
    assert "Background traffic" not in plain.summary()


def test_saved_result_reads_back_its_background_table(result, tmp_path):
    result.to_dir(tmp_path / "r")
    back = cs.SimulationResult.from_dir(tmp_path / "r")
    columns = ["element", "direction", "background_trains", "corridor_trains"]
    assert back.background[columns].fillna("").values.tolist() == (
        result.background[columns].values.tolist()
    )


def test_analytic_capacity_leaves_out_the_background_trains():
    """The capacity bounds count what background trains leave: 6 of the border's 10
    trains a day, 9 of the line's 12."""
    bounds = cs.capacity(border_and_line()).elements.set_index("element")
    per_yr = bounds["capacity_t_per_yr"]
    assert per_yr["b"] == pytest.approx(6 * 365 * 60.0)
    assert per_yr["b-d"] == pytest.approx(9 * 365 * 60.0)
    assert "less background 4/day" in bounds.loc["b", "formula"]
    assert "(12 - 3 background) trains/day" in bounds.loc["b-d", "formula"]
