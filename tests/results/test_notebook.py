"""A result in a notebook: a short repr, an HTML view with the verdict and tables, and
calendar dates beside every time counted from t = 0."""

from __future__ import annotations

import html

import pandas as pd
import pytest
from helpers import build, bundled_run, flow, port, scenario, sea

import corridor_sim as cs
from corridor_sim.errors import ResultError

DATED = {"queues": "time_h", "daily": "day", "flow_daily": "day"}
HOURS = {"time_h": 1.0, "day": 24.0}


@pytest.fixture(scope="module")
def teaching() -> cs.SimulationResult:
    return bundled_run("teaching_two_ports")[1]


def closed_crossing(warmup: str) -> cs.Scenario:
    """Port a ==sea==> port b, 24 blocks of 10 wagons a day, the crossing closed on
    2024-01-05 and 06; calendar start 2024-01-01, statistics from the end of ``warmup``."""
    mapping = scenario(
        nodes={"a": port(), "b": port()},
        links={"a-b": sea()},
        flows={"f": flow(["a", "b"], "240 wagon/day", "10 wagon")},
        disruptions=[
            {"kind": "closure", "elements": ["a-b"], "start": "2024-01-05", "duration": "2 day"}
        ],
        horizon="8 day",
    )
    mapping["simulation"]["warmup"] = warmup
    return build(mapping)


def test_repr_is_one_short_line_naming_the_run_and_its_binding_element(teaching):
    text = repr(teaching)
    assert len(text) < 300 and "\n" not in text
    binding = teaching.bottlenecks["element"].iloc[0]
    for part in ("teaching_two_ports", f"seed {teaching.seed}", "one sample path", binding):
        assert part in text
    assert "queue_t" not in text and "time_h" not in text  # no table dumped


def test_repr_html_labels_one_sample_path_and_shows_verdict_flows_and_ranking(teaching):
    page = teaching._repr_html_()
    assert f"One sample path (seed {teaching.seed})" in page
    assert html.escape(teaching.verdict) in page
    assert "delivered (kt)" in page and "transit mean (days)" in page  # units in headers
    for name in teaching.flows["flow"]:
        assert f">{name}</td>" in page
    for name in teaching.bottlenecks["element"].head(5):
        assert f">{name}</td>" in page
    kt = teaching.flows["delivered_t"].iloc[0] / 1e3
    assert f">{kt:,.1f}</td>" in page  # formatted, not 642000.0


@pytest.mark.parametrize(("name", "column"), DATED.items())
def test_every_time_from_t0_has_a_calendar_date_beside_it(teaching, name, column):
    table = getattr(teaching, name)
    assert list(table.columns).index("date") == list(table.columns).index(column) + 1
    assert pd.api.types.is_datetime64_any_dtype(table["date"])
    expected = pd.Timestamp(teaching.start) + pd.to_timedelta(
        table[column].astype(float) * HOURS[column], unit="h"
    )
    pd.testing.assert_series_equal(table["date"], expected, check_names=False)


def test_the_statistics_period_starts_one_warm_up_after_the_start_date(teaching):
    queues = teaching.queues
    first = queues.loc[queues["time_h"] >= teaching.warmup_h, "date"].min()
    assert first == pd.Timestamp(teaching.start) + pd.Timedelta(hours=teaching.warmup_h)
    assert queues["date"].min() == pd.Timestamp(teaching.start)  # t = 0: the start date


def test_dates_agree_with_the_calendar_of_dated_closures():
    """Nothing is delivered on a day inside the closure dates, whatever the warm-up."""
    for warmup in ("0 day", "3 day"):
        daily = cs.simulate(closed_crossing(warmup)).flow_daily
        run = pd.date_range("2024-01-01", periods=daily["day"].max() + 1, freq="D")
        idle = set(run) - set(daily["date"])
        assert idle and all(
            pd.Timestamp("2024-01-05") <= d < pd.Timestamp("2024-01-07") for d in idle
        ), warmup


def test_dates_survive_to_dir_and_from_dir(teaching, tmp_path):
    back = cs.SimulationResult.from_dir(teaching.to_dir(tmp_path))
    for name in DATED:
        assert pd.api.types.is_datetime64_any_dtype(getattr(back, name)["date"])
        pd.testing.assert_series_equal(
            getattr(back, name)["date"], getattr(teaching, name)["date"], check_dtype=False
        )


def test_a_folder_saved_without_dates_gets_them_on_reading(teaching, tmp_path):
    folder = teaching.to_dir(tmp_path)
    for name in DATED:
        path = folder / f"{name}.csv"
        pd.read_csv(path).drop(columns="date").to_csv(path, index=False)
    back = cs.SimulationResult.from_dir(folder)
    pd.testing.assert_series_equal(back.queues["date"], teaching.queues["date"], check_dtype=False)


def test_a_date_column_that_is_not_dates_is_a_result_error(teaching, tmp_path):
    folder = teaching.to_dir(tmp_path)
    queues = pd.read_csv(folder / "queues.csv")
    queues["date"] = "soon"
    queues.to_csv(folder / "queues.csv", index=False)
    with pytest.raises(ResultError, match=r"queues\.csv: column 'date' must hold ISO dates"):
        cs.SimulationResult.from_dir(folder)


def test_notebook_views_carry_a_small_figure_of_the_answer(teaching):
    """Scenario, result and replicated run each show a small inline SVG bar figure: the
    flows' volumes, and the top elements' utilisation (the binding one in vermillion;
    over replications with a 95 % CI whisker)."""
    scenario = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
    assert "<svg" in scenario._repr_html_() and "goods_west" in scenario._repr_html_()
    page = teaching._repr_html_()
    assert page.count("<svg") == 1 and "#D55E00" in page
    answer = cs.run(scenario, replications=2, workers=1, progress=False)
    view = answer._repr_html_()
    assert "<svg" in view and "<line" in view and "mean ± 95 % CI over 2" in view
