"""The benchmark suite: writes benchmarks/RESULTS.md.

Run from the repository root:  python benchmarks/run.py [--runs 5] [--quick]

Every case runs in a fresh subprocess (for a clean peak-memory figure); medians over
``--runs`` runs. Ratios are measured in the same invocation, since absolute times on a
shared machine are noisy.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

STATIONS = [(2, 1.6), (1, 0.8), (3, 2.5), (1, 0.9)]


def jackson_waits() -> list[float]:
    """Mean wait in queue per Model T station from Erlang C (lambda = 1/h), h."""
    from math import factorial

    out = []
    for c, m in STATIONS:
        a = m
        top = a**c / factorial(c) / (1 - a / c)
        p_wait = top / (sum(a**k / factorial(k) for k in range(c)) + top)
        out.append(p_wait * m / (c - a))
    return out


# -- cases, each run in its own process --------------------------------------------------
def case_corridor_model_t(hours: float) -> dict:
    import corridor_sim as cs

    s = cs.load_scenario(HERE / "model_t.yaml")
    s = dataclasses.replace(s, settings=dataclasses.replace(s.settings, horizon_h=hours))
    t = time.perf_counter()
    r = cs.simulate(s, seed=1)
    wall = time.perf_counter() - t
    waits = r.elements.set_index("element").loc[["s1", "s2", "s3", "s4"], "wait_mean_h"]
    return {"wall_s": wall, "waits": list(waits), "events": r.events}


def case_simpy_model_t(hours: float) -> dict:
    import simpy_model_t

    t = time.perf_counter()
    waits = simpy_model_t.run(int(hours))
    return {"wall_s": time.perf_counter() - t, "waits": waits}


def case_ciw_model_t(hours: float) -> dict:
    import ciw_model_t

    t = time.perf_counter()
    waits = ciw_model_t.run(hours)
    return {"wall_s": time.perf_counter() - t, "waits": waits}


def case_scenario(name: str, years: float = 1.0, demand: float = 1.0) -> dict:
    import corridor_sim as cs
    from corridor_sim.engine.simulation import Simulation
    from corridor_sim.results import SimulationResult

    s = cs.load_scenario(cs.bundled_path(name))
    flows = {
        k: dataclasses.replace(f, volume_units_per_h=f.volume_units_per_h * demand)
        for k, f in s.flows.items()
    }
    settings = dataclasses.replace(s.settings, horizon_h=years * 8760.0)
    s = dataclasses.replace(s, flows=flows, settings=settings)
    t = time.perf_counter()
    sim = Simulation(s)
    SimulationResult.from_record(sim.run())  # the run and its tables, as cs.simulate does
    wall = time.perf_counter() - t
    return {
        "wall_s": wall,
        "sim_s": sim.wall_s,
        "events": sim.events,
        "consignments": sum(src.count for src in sim.sources),
        "units": sum(f.generated for f in sim.flows),
    }


def case_replicate(workers: int, n: int = 16) -> dict:
    import corridor_sim as cs

    s = cs.load_scenario(cs.bundled_path("middle_corridor_2024"))
    t = time.perf_counter()
    cs.replicate(s, n, seed=1, workers=workers, progress=False)
    return {"wall_s": time.perf_counter() - t}


def case_spin() -> dict:
    """A pure-Python loop: what one core does alone (the parallel ceiling's unit)."""
    t = time.perf_counter()
    x = 0
    for i in range(20_000_000):
        x += i
    return {"wall_s": time.perf_counter() - t}


def parallel_ceiling() -> float:
    """How much faster two processes finish two equal CPU-bound jobs than one process
    finishes them in turn, on this machine: the best speed-up any 2-worker pool can get."""
    from concurrent.futures import ThreadPoolExecutor

    one = _child("case_spin", {})["wall_s"] * 2
    t = time.perf_counter()
    with ThreadPoolExecutor(2) as pool:  # threads only wait on the two child processes
        list(pool.map(lambda _: _child("case_spin", {}), range(2)))
    return one / (time.perf_counter() - t)


def _child(case: str, kwargs: dict) -> dict:
    """Run ``case`` in a fresh interpreter; add its peak resident memory (MB)."""
    code = (
        f"import json, resource, sys; sys.path.insert(0, {str(HERE)!r}); import run; "
        f"out = getattr(run, {case!r})(**json.loads({json.dumps(kwargs)!r})); "
        "out['peak_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024; "
        "print(json.dumps(out))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def median_of(case: str, runs: int, **kwargs) -> dict:
    results = [_child(case, kwargs) for _ in range(runs)]
    out = dict(results[0])
    for key in ("wall_s", "sim_s", "peak_mb"):
        if key in out:
            out[key] = statistics.median(r[key] for r in results)
    out["runs"] = runs
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="Model T for 20,000 h instead of 200,000 h (a smoke run)",
    )
    args = parser.parse_args()
    hours = 20_000.0 if args.quick else 200_000.0
    lines = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    import numpy
    import simpy

    import corridor_sim

    say("# corridor_sim benchmarks")
    say()
    say(
        f"Command: `python benchmarks/run.py --runs {args.runs}"
        f"{' --quick' if args.quick else ''}` (from the repository root).  "
    )
    say(
        f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
        f"{__import__('os').cpu_count()} cores; Python {platform.python_version()}; "
        f"corridor_sim {corridor_sim.__version__}, SimPy {simpy.__version__}, "
        f"NumPy {numpy.__version__}.  "
    )
    say(
        f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. Medians over "
        f"{args.runs} runs, each in a fresh process."
    )
    say()
    say(f"## Model T (open tandem network, {hours:,.0f} h at 1 arrival/h)")
    say()
    theory = jackson_waits()
    rows = {}
    for label, case in (
        ("corridor_sim", "case_corridor_model_t"),
        ("plain SimPy", "case_simpy_model_t"),
        ("Ciw", "case_ciw_model_t"),
    ):
        rows[label] = median_of(case, args.runs, hours=hours)
    say("| model | wall s (median) | peak MB | Wq s1 | Wq s2 | Wq s3 | Wq s4 |")
    say("|---|---|---|---|---|---|---|")
    say("| Jackson theory | | | " + " | ".join(f"{w:.3f}" for w in theory) + " |")
    for label, r in rows.items():
        say(
            f"| {label} | {r['wall_s']:.2f} | {r['peak_mb']:.0f} | "
            + " | ".join(f"{w:.3f}" for w in r["waits"])
            + " |"
        )
    cs_t = rows["corridor_sim"]["wall_s"]
    say()
    say(
        f"Ratios: corridor_sim / SimPy = **{cs_t / rows['plain SimPy']['wall_s']:.2f}**; "
        f"corridor_sim / Ciw = **{cs_t / rows['Ciw']['wall_s']:.2f}**."
    )
    say()
    say("## One simulated year of the bundled scenarios")
    say()
    say("| scenario | wall s | events | events/s | consignments/s | cargo units/s | peak MB |")
    say("|---|---|---|---|---|---|---|")
    for name in ("middle_corridor_2024", "middle_corridor_2030_demand"):
        r = median_of("case_scenario", args.runs, name=name)
        say(
            f"| {name} | {r['sim_s']:.2f} | {r['events']:,} | "
            f"{r['events'] / r['sim_s']:,.0f} | {r['consignments'] / r['sim_s']:,.0f} | "
            f"{r['units'] / r['sim_s']:,.0f} | {r['peak_mb']:.0f} |"
        )
    say()
    say(
        "Wall s is the simulation run itself (SimPy clock to the horizon); peak MB is the "
        "whole process."
    )
    say()
    say("## Scaling (middle_corridor_2024)")
    say()
    say("| horizon yr | demand × | wall s | s per simulated yr | events |")
    say("|---|---|---|---|---|")
    for years, demand in ((1, 1), (2, 1), (5, 1), (10, 1), (1, 2), (1, 4)):
        r = median_of(
            "case_scenario",
            max(1, args.runs // 2),
            name="middle_corridor_2024",
            years=years,
            demand=demand,
        )
        say(
            f"| {years} | {demand} | {r['sim_s']:.2f} | {r['sim_s'] / years:.2f} | "
            f"{r['events']:,} |"
        )
    if hasattr(corridor_sim, "replicate"):
        say()
        say("## Replications (16 of middle_corridor_2024)")
        say()
        one = median_of("case_replicate", max(1, args.runs // 2), workers=1)
        two = median_of("case_replicate", max(1, args.runs // 2), workers=2)
        say("| workers | wall s |")
        say("|---|---|")
        say(f"| 1 | {one['wall_s']:.2f} |")
        say(f"| 2 | {two['wall_s']:.2f} |")
        say()
        say(f"Speed-up on 2 workers: **{one['wall_s'] / two['wall_s']:.2f}×**.")
        say()
        say(
            f"Parallel ceiling of this machine: two equal pure-Python jobs in two processes "
            f"finish **{parallel_ceiling():.2f}×** faster than in one (ideal 2.00×); no "
            f"2-worker pool can beat that here."
        )
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n")
    print(f"\nwrote {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
