"""One ranking: the score formula, the ordering every ranking uses, and the score printed
wherever a ranking is printed."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import corridor_sim as cs
from corridor_sim.bottlenecks.ranking import GROWTH_SATURATES_DAYS, SCORE_FORMULA, rank, score


@pytest.mark.parametrize(
    ("util", "share", "growth", "expected"),
    [
        (0.5, 0.1, 0.0, 0.6),
        (0.5, 0.1, -3.0, 0.6),  # a shrinking queue adds nothing
        (0.5, 0.1, GROWTH_SATURATES_DAYS / 2, 1.1),
        (0.5, 0.1, 100.0, 1.6),  # growth counts at most one point
        (0.5, 0.1, math.inf, 1.6),
        (math.nan, 0.2, 0.0, 0.2),  # no utilisation (an origin): counts as 0
    ],
)
def test_the_score_adds_three_signals_each_up_to_one(util, share, growth, expected):
    assert score(util, share, growth) == pytest.approx(expected)


def test_rank_orders_by_score_highest_first_and_keeps_ties_in_order():
    table = pd.DataFrame({"element": list("abcd"), "score_mean": [0.2, 0.9, 0.2, 0.5]})
    ranked = rank(table, by="score_mean")
    assert ranked["element"].tolist() == ["b", "d", "a", "c"]
    assert ranked["rank"].tolist() == [1, 2, 3, 4]
    assert rank(ranked, by="score_mean")["rank"].tolist() == [1, 2, 3, 4]  # re-rankable


def test_a_runs_ranking_is_its_scores_ranked(result):
    b = result.bottlenecks
    assert b["score"].tolist() == sorted(b["score"], reverse=True)
    again = [score(r.utilisation, r.wait_share, r.backlog_growth_days) for r in b.itertuples()]
    assert again == pytest.approx(b["score"].tolist())


def test_the_single_run_summary_prints_the_score_of_each_row(result):
    text = result.summary()
    assert SCORE_FORMULA in text
    lines = text.split("Bottleneck ranking by score", 1)[1].splitlines()
    header, rows = lines[1].split(), lines[3:11]
    assert header[:4] == ["#", "element", "kind", "score"]
    for row, b in zip(rows, result.bottlenecks.itertuples(), strict=False):
        cells = row.split()
        assert cells[1] == b.element and cells[4] == f"{b.score:.2f}"


def test_replications_rank_by_mean_score_with_the_same_function():
    s = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
    answer = cs.run(s, replications=3, workers=1, progress=False)
    means = answer.element_runs.groupby("element", sort=False)["score"].mean().reset_index()
    expected = rank(means, by="score")["element"].tolist()
    assert answer.ranking["element"].tolist() == expected
