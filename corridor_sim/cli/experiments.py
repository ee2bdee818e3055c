"""The experiment commands of ``corridor-sim``: capacity, bottlenecks, replicate, sweep,
saturation, compare, marginal and equilibrium. A thin layer: parse, load, call the library, print,
write."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from corridor_sim.bottlenecks.evidence import agreement
from corridor_sim.capacity import CapacityReport, capacity
from corridor_sim.cli import arguments as a
from corridor_sim.experiments import (
    Comparison,
    Criterion,
    Equilibrium,
    MarginalValues,
    Replications,
    Saturation,
    Sweep,
    compare,
    equilibrium,
    marginal_value,
    replicate,
    run,
    saturation,
    sweep,
)
from corridor_sim.experiments.marginal_cost import DISCOUNT_RATE, YEARS
from corridor_sim.experiments.run_text import header_lines, ranking_lines


def scenario_argument(p: argparse.ArgumentParser) -> None:
    """The positional ``scenario`` (a file or bundled name)."""
    p.add_argument("scenario", help="scenario file or bundled name")


def add_parsers(sub: Any) -> None:
    """Add the experiment sub-commands to the ``corridor-sim`` sub-parsers ``sub``."""
    p = a.add_command(
        sub,
        "capacity",
        "effective capacity of every element, maximum flow, minimum cut",
        "Each element's capacity from the scenario alone (no simulation): its effective "
        "capacity (net of expected downtime: weather, closures, failures) in t/day and "
        "Mt/yr with its formula, the no-downtime ceiling, the load the flows put on it, "
        "the maximum flow through the network and its minimum cut (docs/capacity.md).",
        ["corridor-sim capacity middle_corridor_2024 --out out/capacity"],
    )
    scenario_argument(p)
    a.add_out(p)
    p = a.add_command(
        sub,
        "bottlenecks",
        "the bottleneck ranking over replications, every signal, and the cut",
        "The bottleneck ranking of `corridor-sim run` (the same replications: same seed "
        "and -n give the same order), each signal as mean ± 95 % CI half-width, with the "
        "share of time each element was the sole or a shifting momentary bottleneck "
        "(Roser et al.), its analytic load and whether it is on the minimum cut.",
        ["corridor-sim bottlenecks middle_corridor_2024 --top 15 --out out/bottlenecks"],
    )
    scenario_argument(p)
    p.add_argument("--top", type=a.count, default=10, help="rows to show (default: 10)")
    a.add_replications(p, 10)
    a.add_times(p)
    a.add_reaction(p)
    a.add_out(p, "write the ranking (CSV) into DIR")
    p = a.add_command(
        sub,
        "replicate",
        "independent replications, KPIs with 95%% CIs",
        "Independent replications of a scenario (seeds SeedSequence(seed).spawn(n)); every "
        "KPI with its 95 % Student-t interval, and what the MSER-5 rule says of the warm-up.",
        ["corridor-sim replicate middle_corridor_2024 -n 20 --warmup '60 day' --trace"],
    )
    scenario_argument(p)
    p.add_argument("--trace", action="store_true", help="add shifting-bottleneck shares")
    experiment_options(p, 10)
    p = a.add_command(
        sub,
        "sweep",
        "run every combination of parameter values",
        "Run every combination of the values given (--set, --demand), with replications "
        "at each point and common random numbers across points.",
        [
            "corridor-sim sweep middle_corridor_2024 "
            "--set 'links.kuryk-alat.fleet[0].count=4,5,6' --demand 1,1.5",
        ],
    )
    scenario_argument(p)
    p.add_argument(
        "--set",
        dest="settings",
        type=a.setting,
        action="append",
        default=[],
        metavar="PATH=V1,V2",
        help="values of a dotted path, e.g. links.aktau-alat.fleet[0].count=4,5,6 (repeatable)",
    )
    p.add_argument(
        "--demand", type=a.multipliers, metavar="M1,M2", help="demand multipliers, e.g. 1,1.5,2"
    )
    experiment_options(p, 5)
    p = a.add_command(
        sub,
        "saturation",
        "largest demand multiplier sustained: a bracket decided on replications",
        "The largest multiplier of all demand the corridor sustains (delivered within "
        "--tolerance of offered, queues not rising), as a bracket [sustained, saturated] "
        "found by bisection whose every step is decided on replications (adding them up "
        "to --max-replications; 'inconclusive' when they cannot decide), with the "
        "transit-time curve up to it. The statistics cover whole years starting on the "
        "1st of the calmest month, so seasonal storms count once; no --warmup needed.",
        ["corridor-sim saturation middle_corridor_2024 -n 5 --out out/sat"],
    )
    scenario_argument(p)
    p.add_argument(
        "--tolerance",
        type=a.fraction,
        default=0.03,
        help="shortfall of delivered vs offered allowed (default: 0.03)",
    )
    p.add_argument(
        "--precision",
        type=a.fraction,
        default=0.02,
        help="relative width at which bisection stops (default: 0.02)",
    )
    p.add_argument(
        "--years",
        type=a.count,
        metavar="N",
        help="whole years of statistics per run (default: the scenario's horizon, "
        "rounded, at least 1)",
    )
    p.add_argument(
        "--max-replications",
        type=a.count,
        metavar="N",
        help="replications a step may grow to before it is left undecided (default: 4 × -n)",
    )
    a.add_replications(p, 5, least=2)
    a.add_times(
        p,
        warmup_help="at least this warm-up, e.g. '60 day'; the statistics start on the 1st "
        "of the calmest month after it (default: the scenario's warm-up)",
    )
    a.add_reaction(p)
    a.add_out(p)
    p = a.add_command(
        sub,
        "compare",
        "variant minus baseline, paired (common random numbers)",
        "Each KPI of a variant minus the baseline's, paired replication by replication "
        "(common random numbers), with the 95 % CI of the difference.",
        [
            "corridor-sim compare middle_corridor_2024 caspian_storm -n 10 --out out/storm",
            "corridor-sim compare middle_corridor_2024 middle_corridor_2024 "
            "--baseline-without-reaction",
        ],
    )
    p.add_argument("baseline", help="scenario file or bundled name")
    p.add_argument("variant", help="scenario file or bundled name")
    experiment_options(p, 10, baseline=True)
    p = a.add_command(
        sub,
        "marginal",
        "throughput gained by one more unit of each capacity",
        "What one more vessel, berth or server (or 10 % more line capacity) at each "
        "element buys in delivered t/yr, paired against the baseline, ranked. With "
        "--catalogue, each option of an investment catalogue (docs/catalogue.md) too, built "
        "in with the options it requires, and its cost per tonne gained: the equivalent "
        "annual cost (capex x r / (1 - (1 + r)^-N) + opex, over --years N at "
        "--discount-rate r) over the gain, in the catalogue's money, with a second ranking "
        "of the options by it (the cheapest tonne).",
        [
            "corridor-sim marginal middle_corridor_2030_demand --demand 1.2 --top 5",
            "corridor-sim marginal middle_corridor_2030_demand "
            "--catalogue catalogue_middle_corridor -n 3",
        ],
    )
    scenario_argument(p)
    p.add_argument("--demand", type=float, default=1.0, help="demand multiplier (default: 1)")
    p.add_argument("--top", type=a.count, default=10, help="rows to show (default: 10)")
    p.add_argument(
        "--catalogue",
        metavar="NAME_OR_PATH",
        help="also rank this catalogue's options (a file or bundled name) by cost per tonne",
    )
    p.add_argument(
        "--years",
        type=a.count,
        metavar="N",
        help=f"years the capex is spread over, with --catalogue (default: {YEARS})",
    )
    p.add_argument(
        "--discount-rate",
        type=a.rate,
        metavar="RATE",
        help="real discount rate a year, with --catalogue, e.g. 6%% or 0.06 "
        f"(default: {DISCOUNT_RATE * 100:g}%%)",
    )
    experiment_options(p, 5)
    p = a.add_command(
        sub,
        "equilibrium",
        "route shares at which no cargo could arrive sooner another way",
        "The shares of each flow's routes and outside options at user equilibrium "
        "(Wardrop: every option in use takes the same time, none unused takes less), by "
        "the method of successive averages: each iteration runs -n replications at the "
        "current shares (the same seeds every time), measures each option's mean transit "
        "time and moves the shares 1/(k+1) of the way toward the fastest option, until the "
        "relative gap is below --tolerance. Prints the gap and shares of every iteration "
        "and the times at the shares found with 95 % CIs (docs/equilibrium.md).",
        ["corridor-sim equilibrium examples/route_equilibrium.yaml -n 5 --out out/equilibrium"],
    )
    scenario_argument(p)
    p.add_argument(
        "--iterations",
        type=a.count,
        default=20,
        metavar="K",
        help="iterations at most (default: 20)",
    )
    p.add_argument(
        "--tolerance",
        type=a.fraction,
        default=0.02,
        metavar="G",
        help="relative gap at which to stop (default: 0.02)",
    )
    experiment_options(p, 5)


def experiment_options(
    p: argparse.ArgumentParser, replications: int, *, baseline: bool = False
) -> None:
    """What every experiment takes: replications, times, reactions and ``--out``."""
    a.add_replications(p, replications)
    a.add_times(p)
    a.add_reaction(p, baseline=baseline)
    a.add_out(p)


def _write(
    thing: CapacityReport
    | Replications
    | Sweep
    | Saturation
    | Comparison
    | MarginalValues
    | Equilibrium,
    args: argparse.Namespace,
) -> int:
    if args.out:
        print(f"\nWrote the tables to {thing.to_dir(args.out)}/")
    return 0


def write_figure(fig: Any, path: Path) -> None:
    """Save ``fig`` (PNG) beside the tables and close it."""
    import matplotlib.pyplot as plt

    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=150, bbox_inches="tight")
    plt.close(fig)
    print(f"Wrote {path}")


def _capacity(args: argparse.Namespace) -> int:
    report = capacity(a.load(args.scenario, args))
    print(report.summary())
    return _write(report, args)


def _bottlenecks(args: argparse.Namespace) -> int:
    scenario = a.load(args.scenario, args)
    answer = run(scenario, args.replications, seed=args.seed, trace_activity=True, **a.where(args))
    bounds = capacity(scenario)
    print(*header_lines(answer), "", *ranking_lines(answer, args.top, bounds), sep="\n")
    if len(answer.ranking):
        print("", agreement(answer.ranking, bounds), sep="\n")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        answer.ranking.to_csv(args.out / "bottleneck_ranking.csv", index=False)
        print(f"\nWrote bottleneck_ranking.csv to {args.out}/")
    return 0


def _replicate(args: argparse.Namespace) -> int:
    rep = replicate(
        a.load(args.scenario, args, warmup=False),
        args.replications,
        seed=args.seed,
        warmup_h=args.warmup_h,
        trace_activity=args.trace,
        **a.where(args),
    )
    print(rep.text())
    return _write(rep, args)


def _sweep(args: argparse.Namespace) -> int:
    grid = dict(args.settings)
    if args.demand:
        grid["demand"] = args.demand
    if not grid:
        print("corridor-sim sweep: error: needs --set PATH=V1,V2 or --demand", file=sys.stderr)
        return 2
    sw = sweep(
        a.load(args.scenario, args),
        grid,
        replications=args.replications,
        seed=args.seed,
        **a.where(args),
    )
    print(sw.text())
    return _write(sw, args)


def _saturation(args: argparse.Namespace) -> int:
    rule = Criterion(tolerance=args.tolerance, precision=args.precision)
    scenario = a.load(args.scenario, args, warmup=False)
    if args.max_replications is not None and args.max_replications < args.replications:
        a.fail(f"--max-replications must be >= -n ({args.replications})")
    sat = saturation(
        scenario,
        replications=args.replications,
        max_replications=args.max_replications,
        years=args.years,
        seed=args.seed,
        criterion=rule,
        warmup_h=args.warmup_h,
        **a.where(args),
    )
    print(sat.text())
    if args.out:
        from corridor_sim.plotting import plot_saturation  # matplotlib: only when needed

        write_figure(
            plot_saturation(sat, capacity=capacity(scenario)),
            args.out / "saturation.png",
        )
    return _write(sat, args)


def _compare(args: argparse.Namespace) -> int:
    cmp = compare(
        a.load(args.baseline, args),
        a.load(args.variant, args, reaction=False),
        replications=args.replications,
        seed=args.seed,
        **a.where(args),
    )
    print(cmp.text())
    if args.out:
        from corridor_sim.plotting import plot_comparison  # matplotlib: only when needed

        write_figure(plot_comparison(cmp).figure, args.out / "comparison.png")
    return _write(cmp, args)


def _marginal(args: argparse.Namespace) -> int:
    from corridor_sim.scenario.catalogue import load_catalogue

    costing = {"years": args.years, "discount_rate": args.discount_rate}
    if args.catalogue is None and any(v is not None for v in costing.values()):
        a.fail("--years and --discount-rate cost a catalogue's options: give --catalogue")
    catalogue = None if args.catalogue is None else load_catalogue(args.catalogue)
    mv = marginal_value(
        a.load(args.scenario, args),
        replications=args.replications,
        seed=args.seed,
        demand=args.demand,
        catalogue=catalogue,
        **{k: v for k, v in costing.items() if v is not None},
        **a.where(args),
    )
    print(mv.text(args.top))
    return _write(mv, args)


def _equilibrium(args: argparse.Namespace) -> int:
    eq = equilibrium(
        a.load(args.scenario, args),
        replications=args.replications,
        iterations=args.iterations,
        tolerance=args.tolerance,
        seed=args.seed,
        **a.where(args),
    )
    print(eq.text())
    return _write(eq, args)


COMMANDS = {
    "capacity": _capacity,
    "bottlenecks": _bottlenecks,
    "replicate": _replicate,
    "sweep": _sweep,
    "saturation": _saturation,
    "compare": _compare,
    "marginal": _marginal,
    "equilibrium": _equilibrium,
}
