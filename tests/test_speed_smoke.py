"""Speed guard: Model T in corridor_sim must stay within 1.5x of plain SimPy.

Both run in this process, interleaved, best of three, for 20,000 simulated hours; a ratio
(not an absolute time) so that a slow or busy machine does not fail it. The full benchmark
suite is ``python benchmarks/run.py`` (benchmarks/RESULTS.md).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import time
from pathlib import Path

import corridor_sim as cs

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
HOURS = 20_000.0


def _simpy_model_t():
    spec = importlib.util.spec_from_file_location("simpy_model_t", BENCH / "simpy_model_t.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_model_t_within_one_and_a_half_times_plain_simpy():
    """corridor_sim / SimPy wall-time ratio on Model T <= 1.5 (same run, best of 3)."""
    plain = _simpy_model_t()
    scenario = cs.load_scenario(BENCH / "model_t.yaml")
    scenario = dataclasses.replace(
        scenario, settings=dataclasses.replace(scenario.settings, horizon_h=HOURS)
    )
    ours, theirs = [], []
    for _ in range(3):
        t = time.perf_counter()
        result = cs.simulate(scenario, seed=1)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        plain.run(int(HOURS))
        theirs.append(time.perf_counter() - t)
    ratio = min(ours) / min(theirs)
    assert result.flows.delivered_units.iloc[0] > 0.95 * HOURS  # it really ran the model
    assert ratio <= 1.5, f"Model T: corridor_sim {min(ours):.2f} s vs SimPy {min(theirs):.2f} s"
