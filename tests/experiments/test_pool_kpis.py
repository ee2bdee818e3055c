"""The fleet-pool KPIs ``cs.run`` carries (scope ``pool``, subject ``<pool>/<line>``): the
vessel-days the pool's vessels served each line, with a 95 % CI, and the text section of
``corridor-sim run``."""

from __future__ import annotations

import pytest
from helpers import build, january_then_february

import corridor_sim as cs


@pytest.fixture(scope="module")
def answer():
    return cs.run(build(january_then_february()), replications=2, workers=1, progress=False)


def test_the_pool_scope_gives_vessel_days_per_line(answer):
    pool = answer.runs[answer.runs["scope"] == "pool"]
    assert set(pool["subject"]) == {"ferries/a-h", "ferries/b-h"}
    days = pool[pool["kpi"] == "vessel_days"].groupby("replication")["value"].sum()
    assert days.tolist() == pytest.approx([4 * 59, 4 * 59])  # every vessel-day on a line


def test_the_run_text_has_a_fleet_pool_section(answer):
    text = answer.summary()
    assert "Fleet pools" in text
    row = next(line for line in text.splitlines() if line.startswith("ferries  a-h"))
    assert "±" in row


def test_no_pool_section_without_pools():
    from test_run import teaching

    text = cs.run(teaching(), replications=2, workers=1, progress=False).summary()
    assert "Fleet pools" not in text
