"""The experiment commands of ``corridor-sim``: capacity, bottlenecks, replicate, sweep,
saturation, compare and marginal. A thin layer: parse, load, call the library, print,
write."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from corridor_sim.bottlenecks import format_evidence
from corridor_sim.capacity import CapacityReport, capacity
from corridor_sim.experiments import (
    Comparison,
    Criterion,
    MarginalValues,
    Replications,
    Saturation,
    Sweep,
    compare,
    marginal_value,
    replicate,
    saturation,
    sweep,
)
from corridor_sim.results import simulate
from corridor_sim.scenario.bundled import load_named
from corridor_sim.units import parse


def _count(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1 (got {value})")
    return value


def _fraction(text: str) -> float:
    value = float(text)
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1 (got {value})")
    return value


def _setting(text: str) -> tuple[str, list[Any]]:
    path, sep, values = text.partition("=")
    if not sep or not path or not values:
        raise argparse.ArgumentTypeError(f"expected PATH=VALUE[,VALUE...] (got {text!r})")
    return path.strip(), [yaml.safe_load(v.strip()) for v in values.split(",")]


def _multipliers(text: str) -> list[float]:
    try:
        values = [float(v) for v in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected numbers like 1,1.5,2 (got {text!r})") from None
    if any(v < 0 for v in values):
        raise argparse.ArgumentTypeError(f"multipliers must be >= 0 (got {text!r})")
    return values


def _common(p: argparse.ArgumentParser, replications: int) -> None:
    p.add_argument(
        "-n",
        "--replications",
        type=_count,
        default=replications,
        help=f"replications (default: {replications})",
    )
    p.add_argument("--seed", type=int, help="base seed (default: the scenario's seed)")
    p.add_argument(
        "--workers",
        type=_count,
        help="local worker processes (default: one per CPU; 1 runs in this process)",
    )
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on a Dask cluster: a scheduler address (tcp://host:8786), or "
        "'local' for a temporary LocalCluster on this machine",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--out", type=Path, metavar="DIR", help="write the tables (CSV, JSON) into DIR")


def add_parsers(sub: Any) -> None:
    """Add the experiment sub-commands to the ``corridor-sim`` sub-parsers ``sub``."""
    p = sub.add_parser("capacity", help="analytic capacity bounds, maximum flow, minimum cut")
    p.add_argument("scenario", help="scenario file or bundled name")
    p.add_argument("--out", type=Path, metavar="DIR", help="write the tables (CSV, JSON) into DIR")
    p = sub.add_parser("bottlenecks", help="one traced run: every bottleneck signal, and the cut")
    p.add_argument("scenario", help="scenario file or bundled name")
    p.add_argument("--seed", type=int, help="random seed (default: the scenario's seed)")
    p.add_argument("--top", type=_count, default=10, help="rows to show (default: 10)")
    p.add_argument("--out", type=Path, metavar="DIR", help="write the table (CSV) into DIR")
    p = sub.add_parser("replicate", help="independent replications, KPIs with 95%% CIs")
    p.add_argument("scenario", help="scenario file or bundled name")
    p.add_argument("--warmup", help="override the warm-up, e.g. '60 day'")
    p.add_argument("--trace", action="store_true", help="add shifting-bottleneck shares")
    _common(p, 10)
    p = sub.add_parser("sweep", help="run every combination of parameter values")
    p.add_argument("scenario", help="scenario file or bundled name")
    p.add_argument(
        "--set",
        dest="settings",
        type=_setting,
        action="append",
        default=[],
        metavar="PATH=V1,V2",
        help="values of a dotted path, e.g. links.aktau-alat.fleet[0].count=4,5,6 (repeatable)",
    )
    p.add_argument(
        "--demand", type=_multipliers, metavar="M1,M2", help="demand multipliers, e.g. 1,1.5,2"
    )
    _common(p, 5)
    p = sub.add_parser("saturation", help="largest demand multiplier sustained, with its CI")
    p.add_argument("scenario", help="scenario file or bundled name")
    p.add_argument(
        "--tolerance",
        type=_fraction,
        default=0.03,
        help="shortfall of delivered vs offered allowed (default: 0.03)",
    )
    p.add_argument(
        "--precision",
        type=_fraction,
        default=0.02,
        help="relative width at which bisection stops (default: 0.02)",
    )
    p.add_argument(
        "--warmup",
        help="override the warm-up, e.g. '212 day', so that the statistics period starts and "
        "ends in a calm season",
    )
    _common(p, 5)
    p = sub.add_parser("compare", help="variant minus baseline, paired (common random numbers)")
    p.add_argument("baseline", help="scenario file or bundled name")
    p.add_argument("variant", help="scenario file or bundled name")
    _common(p, 10)
    p = sub.add_parser("marginal", help="throughput gained by one more unit of each capacity")
    p.add_argument("scenario", help="scenario file or bundled name")
    p.add_argument("--demand", type=float, default=1.0, help="demand multiplier (default: 1)")
    p.add_argument("--top", type=_count, default=10, help="rows to show (default: 10)")
    _common(p, 5)


def _where(args: argparse.Namespace) -> dict[str, Any]:
    dask = args.dask
    return {
        "workers": args.workers,
        "executor": ("dask" if dask == "local" else dask) if dask else None,
        "progress": not args.no_progress,
    }


def _write(
    thing: CapacityReport | Replications | Sweep | Saturation | Comparison | MarginalValues,
    args: argparse.Namespace,
) -> int:
    if args.out:
        print(f"\nWrote the tables to {thing.to_dir(args.out)}/")
    return 0


def _write_figure(fig: Any, path: Path) -> None:
    """Save ``fig`` (PNG) beside the tables and close it."""
    import matplotlib.pyplot as plt

    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=150, bbox_inches="tight")
    plt.close(fig)
    print(f"Wrote {path}")


def _capacity(args: argparse.Namespace) -> int:
    report = capacity(load_named(args.scenario))
    print(report.summary())
    return _write(report, args)


def _bottlenecks(args: argparse.Namespace) -> int:
    scenario = load_named(args.scenario)
    result = simulate(scenario, seed=args.seed, trace_activity=True)
    bounds = capacity(scenario)
    evidence = result.evidence(bounds)
    print(
        f"Scenario {scenario.name}, seed {result.seed}, one run traced "
        f"({result.horizon_h / 24:g} days after a {result.warmup_h / 24:g}-day warm-up)\n"
    )
    print(format_evidence(evidence, bounds, args.top))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        evidence.to_csv(args.out / "bottleneck_evidence.csv", index=False)
        print(f"\nWrote bottleneck_evidence.csv to {args.out}/")
    return 0


def _replicate(args: argparse.Namespace) -> int:
    warmup = parse(args.warmup).value if args.warmup else None
    rep = replicate(
        load_named(args.scenario),
        args.replications,
        seed=args.seed,
        warmup_h=warmup,
        trace_activity=args.trace,
        **_where(args),
    )
    print(rep.text())
    return _write(rep, args)


def _sweep(args: argparse.Namespace) -> int:
    grid = dict(args.settings)
    if args.demand:
        grid["demand"] = args.demand
    if not grid:
        print("corridor-sim: error: sweep needs --set PATH=V1,V2 or --demand", file=sys.stderr)
        return 2
    sw = sweep(
        load_named(args.scenario),
        grid,
        replications=args.replications,
        seed=args.seed,
        **_where(args),
    )
    print(sw.text())
    return _write(sw, args)


def _saturation(args: argparse.Namespace) -> int:
    rule = Criterion(tolerance=args.tolerance, precision=args.precision)
    scenario = load_named(args.scenario)
    sat = saturation(
        scenario,
        replications=args.replications,
        seed=args.seed,
        criterion=rule,
        warmup_h=parse(args.warmup).value if args.warmup else None,
        **_where(args),
    )
    print(sat.text())
    if args.out:
        from corridor_sim.plotting import plot_saturation  # matplotlib: only when needed

        _write_figure(
            plot_saturation(sat, capacity=capacity(scenario)),
            args.out / "saturation.png",
        )
    return _write(sat, args)


def _compare(args: argparse.Namespace) -> int:
    cmp = compare(
        load_named(args.baseline),
        load_named(args.variant),
        replications=args.replications,
        seed=args.seed,
        **_where(args),
    )
    print(cmp.text())
    if args.out:
        from corridor_sim.plotting import plot_comparison  # matplotlib: only when needed

        _write_figure(plot_comparison(cmp).figure, args.out / "comparison.png")
    return _write(cmp, args)


def _marginal(args: argparse.Namespace) -> int:
    mv = marginal_value(
        load_named(args.scenario),
        replications=args.replications,
        seed=args.seed,
        demand=args.demand,
        **_where(args),
    )
    print(mv.text(args.top))
    return _write(mv, args)


COMMANDS = {
    "capacity": _capacity,
    "bottlenecks": _bottlenecks,
    "replicate": _replicate,
    "sweep": _sweep,
    "saturation": _saturation,
    "compare": _compare,
    "marginal": _marginal,
}
