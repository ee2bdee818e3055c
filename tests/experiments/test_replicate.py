"""Replications: seeds from SeedSequence.spawn, intervals that shrink with n, and the same
numbers whether run here, on two worker processes or on a Dask cluster."""

import numpy as np
import pandas as pd
import pytest
from helpers import build, scenario

import corridor_sim as cs
from corridor_sim.experiments.confidence import mean_ci
from corridor_sim.experiments.kpis import kpis


def mm1(horizon: str = "20 day") -> cs.Scenario:
    """Poisson wagons (20 a day) through one exponential server (1 h mean): an M/M/1
    queue at 83% load, noisy enough for intervals to matter."""
    return build(
        scenario(
            nodes={
                "o": {"kind": "origin"},
                "n": {
                    "kind": "terminal",
                    "servers": 1,
                    "service_time": {"dist": "exponential", "mean": "1 h"},
                },
                "d": {"kind": "destination"},
            },
            links={
                "o-n": {"kind": "transfer", "from": "o", "to": "n"},
                "n-d": {"kind": "transfer", "from": "n", "to": "d"},
            },
            flows={
                "f": {
                    "commodity": "goods",
                    "origin": "o",
                    "destination": "d",
                    "volume": "20 wagon/day",
                    "arrivals": {"pattern": "poisson"},
                    "route": ["o", "n", "d"],
                }
            },
            horizon=horizon,
            seed=11,
        )
    )


def test_mean_ci_is_the_student_t_interval():
    mean, half, n = mean_ci([1.0, 2.0, 3.0, float("nan")])
    assert (mean, n) == (2.0, 3)
    assert half == pytest.approx(4.302652729749464 * 1.0 / np.sqrt(3))
    assert np.isnan(mean_ci([5.0])[1])


def test_replication_i_is_the_run_with_the_ith_spawned_seed():
    s = mm1()
    rep = cs.replicate(s, 3, seed=5, workers=1, progress=False)
    child = np.random.SeedSequence(5).spawn(3)[2]
    direct = kpis(cs.simulate(s, rng=np.random.default_rng(child)))
    transit = rep.runs[(rep.runs["scope"] == "corridor") & (rep.runs["kpi"] == "transit_mean_days")]
    assert transit.set_index("replication").loc[2, "value"] == direct["transit_mean_days"]
    assert transit["replication"].tolist() == [0, 1, 2]
    assert transit["value"].nunique() == 3  # independent streams


def test_confidence_intervals_shrink_with_more_replications():
    s = mm1()
    few = cs.replicate(s, 3, workers=1, progress=False)
    many = cs.replicate(s, 12, workers=1, progress=False)
    for kpi, subject in (
        ("transit_mean_days", ""),
        ("delivered_t_per_yr", ""),
        ("utilisation", "n"),
    ):
        assert many.kpi(kpi, subject)["half_width"] < few.kpi(kpi, subject)["half_width"], kpi
        row = many.kpi(kpi, subject)
        assert row["ci_low"] < row["mean"] < row["ci_high"]


def test_the_warm_up_override_is_used_and_reported(tmp_path):
    rep = cs.replicate(mm1(), 2, warmup_h=48.0, workers=1, progress=False)
    assert rep.warmup_h == 48.0
    assert "first 2 days of each run are discarded" in rep.text()
    out = rep.to_dir(tmp_path)
    assert {p.name for p in out.iterdir()} == {"runs.csv", "summary.csv", "replications.json"}


def test_one_and_two_worker_processes_give_identical_results():
    s = mm1("10 day")
    one = cs.replicate(s, 4, workers=1, progress=False)
    two = cs.replicate(s, 4, workers=2, progress=False)
    pd.testing.assert_frame_equal(one.runs, two.runs)
    pd.testing.assert_frame_equal(one.summary, two.summary)


def test_a_dask_local_cluster_gives_identical_results():
    distributed = pytest.importorskip("distributed")
    s = mm1("10 day")
    local = cs.replicate(s, 4, workers=1, progress=False)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = cs.replicate(s, 4, executor=client, progress=False)
        swept = cs.sweep(s, {"demand": [0.5, 1.0]}, replications=2, executor=client, progress=False)
    pd.testing.assert_frame_equal(local.runs, on_dask.runs)
    here = cs.sweep(s, {"demand": [0.5, 1.0]}, replications=2, workers=1, progress=False)
    pd.testing.assert_frame_equal(here.runs, swept.runs)


def test_the_progress_bar_can_be_shown_and_switched_off(capsys):
    cs.replicate(mm1("2 day"), 2, workers=1, progress=True)
    assert "replications" in capsys.readouterr().err
    cs.replicate(mm1("2 day"), 2, workers=1, progress=False)
    assert capsys.readouterr().err == ""


def test_a_negative_seed_is_refused_with_the_rule():
    with pytest.raises(ValueError, match=r"seed must be a whole number >= 0 \(got -1\)"):
        cs.replicate(mm1("1 day"), 2, seed=-1, workers=1, progress=False)
