"""Same seed, same result, bit for bit: in another process and across worker counts.

A spawned interpreter has its own string-hash seed (PYTHONHASHSEED is random per process
unless set), so set and dict orders keyed by strings differ from this process's: a result
that depended on them would differ here.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pandas as pd
from child_runs import run, shortened_bundled

import corridor_sim as cs

NAME = "middle_corridor_2024"  # weather, failures, every link kind but pipelines
SEED = 11


def assert_same(a: cs.SimulationResult, b: cs.SimulationResult) -> None:
    for table in cs.SimulationResult.TABLES:
        pd.testing.assert_frame_equal(getattr(a, table), getattr(b, table), check_exact=True)
    assert (a.verdict, a.events, a.seed) == (b.verdict, b.events, b.seed)


def test_same_seed_in_a_spawned_process_gives_identical_tables():
    """middle_corridor_2024 and kazakh_crude_btc (pipeline) run in a fresh interpreter and
    here: every result table equal, bit for bit."""
    names = [NAME, "kazakh_crude_btc"]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        children = list(pool.map(run, names, [SEED] * len(names)))
    for name, child in zip(names, children, strict=True):
        assert_same(child, run(name, SEED))


def test_replicate_on_one_and_two_workers_is_identical():
    """cs.replicate(..., workers=1) and workers=2: the same KPIs per replication and the
    same summary, bit for bit."""
    scenario = shortened_bundled(NAME)
    serial = cs.replicate(scenario, 4, seed=SEED, workers=1, progress=False)
    parallel = cs.replicate(scenario, 4, seed=SEED, workers=2, progress=False)
    pd.testing.assert_frame_equal(serial.runs, parallel.runs, check_exact=True)
    pd.testing.assert_frame_equal(serial.summary, parallel.summary, check_exact=True)
    assert serial.runs["replication"].unique().tolist() == [0, 1, 2, 3]
