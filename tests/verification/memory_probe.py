"""Run middle_corridor_2030_demand for N years in this process and print memory figures as
JSON (run as a script by ``test_memory.py``, one process per horizon, so that peak RSS
belongs to that run alone)."""

from __future__ import annotations

import dataclasses
import gc
import json
import resource
import sys
import time
from pathlib import Path

import corridor_sim as cs
from corridor_sim.engine.consignment import Consignment
from corridor_sim.engine.simulation import Simulation
from corridor_sim.results import SimulationResult


def rss_mb() -> float:
    """Peak resident set size of this process so far, MB.

    Read from ``VmHWM`` in /proc: ``ru_maxrss`` would do, but Linux carries it over
    ``exec`` from the process that forked this one (here the test runner, often larger).
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def deep_mb(rows: list) -> float:
    """Bytes (MB) of a list of lists of floats, as the engine keeps its time series."""
    total = sys.getsizeof(rows)
    for row in rows:
        total += sys.getsizeof(row) + sum(sys.getsizeof(x) for x in row)
    return total / 2**20


def cargo_bytes(c: Consignment) -> int:
    """Bytes of one consignment with its stage records."""
    stages = sum(sys.getsizeof(s) + sys.getsizeof(s[2]) for s in c.stages)
    return sys.getsizeof(c) + sys.getsizeof(c.stages) + stages


def main(years: float) -> dict:
    scenario = cs.load_scenario(cs.bundled_path("middle_corridor_2030_demand"))
    settings = dataclasses.replace(scenario.settings, horizon_h=years * 8760.0, warmup_h=0.0)
    # the sea level held where it is: ten years of the scenario's -22.5 cm/yr would empty
    # the ferries by the end (a backlog of millions of tonnes, a different test); and no
    # yard limits, so that the growing backlog waits in queues as consignments (what
    # in_system_mb weighs) rather than as batches held outside full yards, whose
    # bookkeeping (a waiter and a blame list per batch) it does not weigh
    nodes = {
        name: dataclasses.replace(
            n,
            water_depth=None
            if n.water_depth is None
            else dataclasses.replace(n.water_depth, trend_m_per_yr=0.0),
            storage={},
        )
        for name, n in scenario.nodes.items()
    }
    scenario = dataclasses.replace(scenario, settings=settings, nodes=nodes)
    gc.collect()
    base = rss_mb()
    started = time.perf_counter()
    sim = Simulation(scenario)
    most = [0.0]  # the most cargo held at once (MB): a storm's backlog may exceed the end's

    def weigh(_event: object = None) -> None:
        held_now = (c for h in [*sim.sources, *sim.elements] for c in h.holdings())
        most[0] = max(most[0], sum(cargo_bytes(c) for c in held_now) / 2**20)
        sim.env.timeout(30 * 24.0).callbacks.append(weigh)

    weigh()
    result = SimulationResult.from_record(sim.run())
    wall = time.perf_counter() - started
    peak = rss_mb()
    held = [c for h in [*sim.sources, *sim.elements] for c in h.holdings()]
    live = sum(1 for o in gc.get_objects() if type(o) is Consignment)
    series = deep_mb(sim.samples) + sum(deep_mb(e.daily_out) for e in sim.elements)
    return {
        "years": years,
        "base_mb": base,
        "peak_mb": peak,
        "increment_mb": peak - base,
        "wall_s": wall,
        "events": sim.events,
        "generated": sum(s.count for s in sim.sources),
        "delivered_t": float(result.flows["delivered_t"].sum()),
        "in_system": len(held),
        "live_consignments": live,
        "in_system_mb": max(most[0], sum(cargo_bytes(c) for c in held) / 2**20),
        "series_mb": series,
        "tables_mb": sum(
            getattr(result, name).memory_usage(deep=True).sum()
            for name in cs.SimulationResult.TABLES
        )
        / 2**20,
    }


if __name__ == "__main__":
    print(json.dumps(main(float(sys.argv[1]))))
