"""The sea crossing's tables over the replications: per vessel class (ships of one type
averaged in each replication, then a CI over the replications) and per berth type."""

from __future__ import annotations

import numpy as np
import pytest

import corridor_sim as cs
from corridor_sim.experiments.confidence import mean_ci
from corridor_sim.experiments.fleet_tables import berth_table, class_table, vessel_class
from corridor_sim.experiments.run import ReplicatedRun


@pytest.fixture(scope="module")
def answer() -> ReplicatedRun:
    from test_run import teaching

    return cs.run(teaching(), replications=3, seed=5, workers=1, progress=False)


def test_a_class_row_averages_its_ships_then_takes_the_ci_over_replications(answer):
    runs = answer.runs
    ships = runs[(runs["scope"] == "vessel") & (runs["kpi"] == "voyages_per_yr")]
    assert ships["subject"].nunique() == 2  # teaching: two ferries of one type
    per_run = ships.groupby("replication")["value"].mean().tolist()
    mean, half, n = mean_ci(per_run)
    row = class_table(runs).set_index("class").loc["port_a-port_b/ferry"]
    assert row["vessels"] == 2 and n == 3
    assert row["voyages_per_yr_mean"] == pytest.approx(mean)
    assert row["voyages_per_yr_half_width"] == pytest.approx(half)


def test_berth_occupancy_is_working_plus_idle(answer):
    table = berth_table(answer.runs)
    assert len(table) > 0
    total = table["working_mean"] + table["idle_mean"]
    assert np.allclose(table["occupancy_mean"], total)


def test_no_vessels_no_tables(answer):
    runs = answer.runs[~answer.runs["scope"].isin(["vessel", "berth"])]
    assert class_table(runs).empty and berth_table(runs).empty


def test_numbered_ships_share_a_class_and_named_ships_keep_theirs():
    assert vessel_class("l/balakan-12") == "l/balakan"
    assert vessel_class("l/Zarifa Aliyeva") == "l/Zarifa Aliyeva"
