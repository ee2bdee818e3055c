"""The vessel, berth, call and line KPIs that ``cs.run`` carries: the numbers of each
replication's own result tables, consistent with each other, with a 95 % CI over the
replications."""

from __future__ import annotations

import pytest

import corridor_sim as cs
from corridor_sim.engine.links.logbook import STATES
from corridor_sim.experiments.fleet_kpis import FLEET_SCOPES, fleet_kpis
from corridor_sim.experiments.kpis import split_key
from corridor_sim.experiments.run import ReplicatedRun

LINE = "port_a-port_b"


@pytest.fixture(scope="module")
def answer() -> ReplicatedRun:
    from test_run import teaching

    return cs.run(teaching(), replications=3, seed=5, workers=1, progress=False)


def values(answer: ReplicatedRun, replication: int, scope: str) -> dict[tuple[str, str], float]:
    runs = answer.runs
    rows = runs[(runs["replication"] == replication) & (runs["scope"] == scope)]
    return {(r.subject, r.kpi): r.value for r in rows.itertuples()}


def test_runs_carry_every_fleet_scope(answer):
    """Every fleet scope but ``pool``: the teaching scenario has no fleet pool."""
    assert answer.runs["scope"].unique().tolist()[3:] == list(FLEET_SCOPES[:-1])


def test_the_kpis_are_the_sample_paths_own_numbers(answer):
    """Replication 1 re-run: its tables give the tidy rows, bit for bit."""
    result = answer.sample_path(1)
    mine = fleet_kpis(result)
    for scope in FLEET_SCOPES:
        tidy = values(answer, 1, scope)
        expected = {split_key(k)[1:]: v for k, v in mine.items() if k.startswith(f"{scope}:")}
        assert tidy == expected, scope
    ferry = result.vessels.set_index("vessel").loc["ferry-1"]
    assert mine[f"vessel:{LINE}/ferry-1:voyages_per_yr"] == ferry["voyages_per_yr"]
    sea = result.throughput.set_index("element").loc[LINE]
    assert mine[f"line:{LINE}:carried_wagon_per_yr"] == pytest.approx(
        sea["units"] * 8760 / result.horizon_h
    )


@pytest.mark.parametrize("replication", [0, 1, 2])
def test_a_vessels_state_shares_add_up_to_the_whole_period(answer, replication):
    v = values(answer, replication, "vessel")
    for ferry in ("ferry-1", "ferry-2"):
        shares = [v[(f"{LINE}/{ferry}", f"{s}_share")] for s in STATES]
        assert sum(shares) == pytest.approx(1.0)
        working = sum(v[(f"{LINE}/{ferry}", f"{s}_share")] for s in ("berthing", "unloading"))
        assert v[(f"{LINE}/{ferry}", "berth_working_share")] >= working


@pytest.mark.parametrize("replication", [0, 1, 2])
def test_calls_and_berths_agree(answer, replication):
    """The line's calls at its ports are its vessels' calls; a berth's occupancy is its
    working plus idle share."""
    vessels, calls = values(answer, replication, "vessel"), values(answer, replication, "call")
    by_vessel = sum(x for (_, kpi), x in vessels.items() if kpi == "calls_per_yr")
    by_port = sum(x for (_, kpi), x in calls.items() if kpi == "calls_per_yr")
    assert by_vessel == pytest.approx(by_port) and by_port > 0
    berths = values(answer, replication, "berth")
    for port in ("port_a", "port_b"):
        b = {kpi: x for (subject, kpi), x in berths.items() if subject == f"{port}/rail_ferry"}
        assert b["occupancy"] == pytest.approx(b["working"] + b["idle"])
        assert 0.0 < b["working"] <= b["occupancy"] <= 1.0


def test_a_summary_gives_each_fleet_kpi_its_interval(answer):
    runs = answer.runs
    voyages = runs[(runs["scope"] == "vessel") & (runs["kpi"] == "voyages_per_yr")]
    assert len(voyages) == answer.n * 2
    from corridor_sim.experiments.confidence import summarise

    table = summarise(voyages)
    assert (table["n"] == answer.n).all()
    assert (table["ci_low"] <= table["mean"]).all() and (table["mean"] <= table["ci_high"]).all()
