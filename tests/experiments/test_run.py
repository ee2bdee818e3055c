"""``cs.run``: a scenario's answer over replications, every headline number with its 95%
CI, the same numbers wherever the replications ran, and one replication's full result on
demand."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

import corridor_sim as cs
from corridor_sim.experiments.kpis import run_kpis
from corridor_sim.experiments.run import SAMPLE_DIR


def teaching(days: float = 60.0) -> cs.Scenario:
    """teaching_two_ports over ``days`` of statistics (its ferry line binds)."""
    s = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
    return dataclasses.replace(s, settings=dataclasses.replace(s.settings, horizon_h=days * 24))


@pytest.fixture(scope="module")
def answer() -> cs.experiments.ReplicatedRun:
    return cs.run(teaching(), replications=4, seed=3, workers=1, progress=False)


def corridor_value(answer, replication: int, kpi: str) -> float:
    """A corridor KPI of one replication, from the tidy runs table."""
    runs = answer.runs
    rows = runs[(runs["scope"] == "corridor") & (runs["kpi"] == kpi)]
    return float(rows.set_index("replication").loc[replication, "value"])


def test_every_headline_number_has_a_confidence_interval(answer):
    assert answer.n == 4 and answer.runs["replication"].unique().tolist() == [0, 1, 2, 3]
    kpi = answer.kpi("delivered_t_per_yr")
    assert kpi["n"] == 4 and kpi["half_width"] > 0
    assert kpi["ci_low"] < kpi["mean"] < kpi["ci_high"]
    flow = answer.flows.set_index("flow").loc["goods_west"]
    assert flow["unit"] == "wagon"
    for k in ("offered_units", "delivered_units", "in_system_units", "transit_p50_days"):
        assert flow[f"{k}_half_width"] > 0, k
    top = answer.ranking.iloc[0]
    assert top["element"] == "port_a-port_b" and top["score_half_width"] > 0


def test_the_summary_shows_means_with_half_widths_and_says_over_how_many(answer):
    text = answer.summary()
    assert "95 % confidence interval over the 4 replications" in text
    assert "numpy SeedSequence(3).spawn(4)" in text
    assert "goods_west  wagons" in text and " ± " in text
    assert "Bottleneck ranking by mean score" in text
    assert "Binding element: port_a-port_b (sea link), first by mean score and first in 4 of 4" in (
        text
    )
    assert "Mass balance: OK in all 4 replications" in text


def test_the_ranking_is_by_mean_score_with_first_in_counts(answer):
    scores = answer.ranking["score_mean"].tolist()
    assert scores == sorted(scores, reverse=True)
    assert answer.ranking["rank"].tolist() == list(range(1, len(scores) + 1))
    assert answer.ranking["first_in"].sum() == 4
    per_run = answer.element_runs.groupby("element", sort=False)["score"].mean()
    assert per_run.sort_values(ascending=False, kind="stable").index.tolist() == (
        answer.ranking["element"].tolist()
    )


def test_replication_i_is_the_ith_spawned_seed_and_its_full_result_is_kept(answer):
    child = np.random.SeedSequence(3).spawn(4)[2]
    direct = run_kpis(cs.simulate(teaching(), rng=np.random.default_rng(child)))
    assert corridor_value(answer, 2, "transit_mean_days") == direct["transit_mean_days"]
    first = answer.sample_path(0)
    assert run_kpis(first)["delivered_t_per_yr"] == corridor_value(answer, 0, "delivered_t_per_yr")
    assert answer.sample_path(0) is first  # run once, then kept
    with pytest.raises(IndexError, match=r"0\.\.3"):
        answer.sample_path(4)


def test_one_and_two_worker_processes_give_identical_answers():
    s = teaching(20.0)
    one = cs.run(s, replications=4, workers=1, progress=False)
    two = cs.run(s, replications=4, workers=2, progress=False)
    for table in ("runs", "flow_runs", "element_runs", "headline", "flows", "ranking"):
        pd.testing.assert_frame_equal(getattr(one, table), getattr(two, table), obj=table)


def test_to_dir_writes_the_tables_and_one_sample_path_for_figures(answer, tmp_path):
    out = answer.to_dir(tmp_path / "answer", with_sample_path=True)
    names = {p.name for p in out.iterdir()}
    assert {"headline.csv", "flows.csv", "ranking.csv", "runs.csv", "summary.json"} <= names
    head = cs.SimulationResult.from_dir(out / SAMPLE_DIR)
    assert head.verdict == answer.sample_path(0).verdict
    summary = (out / "summary.json").read_text()
    assert '"replications": 4' in summary and '"folder": "sample_path"' in summary


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"seed": -1}, r"seed must be a whole number >= 0 \(got -1\)"),
        ({"replications": 0}, r"replications must be a whole number >= 1 \(got 0\)"),
    ],
)
def test_bad_seeds_and_counts_are_refused_before_running(kwargs, message):
    with pytest.raises(ValueError, match=message):
        cs.run(teaching(1.0), progress=False, workers=1, **kwargs)


def test_the_ranking_and_both_summaries_show_the_one_capacity(answer):
    """Capacity is one number per element (docs/capacity.md): the replicated ranking, the
    sample path's elements table and both printed summaries carry the effective capacity
    of :func:`corridor_sim.capacity`, beside throughput (which is a different column)."""
    bounds = cs.capacity(answer.scenario).elements.set_index("element")["capacity_t_per_day"]
    ranking = answer.ranking.set_index("element")["capacity_t_per_day"]
    assert ranking["port_a-port_b"] == pytest.approx(bounds["port_a-port_b"])
    assert np.isnan(ranking["factory"])  # an origin limits nothing
    path = answer.sample_path(0).elements.set_index("element")["capacity_t_per_day"]
    assert path["port_a-port_b"] == pytest.approx(bounds["port_a-port_b"])
    for text in (answer.summary(), answer.sample_path(0).summary()):
        assert "throughput t/day" in text and "capacity t/day" in text
        assert f"{bounds['port_a-port_b']:,.0f}" in text
