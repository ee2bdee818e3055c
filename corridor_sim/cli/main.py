"""``corridor-sim``: the command line, a thin layer over the library.

Exit codes: 0 success, 1 the simulation broke an invariant, 2 bad scenario or arguments.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from corridor_sim.cli import experiments as cli_experiments
from corridor_sim.errors import ResultError, ScenarioError, SimulationError
from corridor_sim.results import SimulationResult, simulate
from corridor_sim.scenario import bundled_names, load_scenario
from corridor_sim.scenario.bundled import DEFAULT, bundled_path, load_named


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corridor-sim",
        description="Simulate the Middle Corridor (Trans-Caspian route): throughput, "
        "queues, transit times and where the corridor chokes.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = sub.add_parser(
        "run",
        help="run a scenario and print its summary",
        description="Run a scenario (a file, or a bundled scenario's name; "
        f"default: {DEFAULT}) and print the summary.",
    )
    run.add_argument(
        "scenario",
        nargs="?",
        default=DEFAULT,
        help=f"scenario file or bundled name (default: {DEFAULT})",
    )
    run.add_argument("--seed", type=int, help="random seed (default: the scenario's seed)")
    run.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="write result tables (CSV) and summary.json into DIR",
    )
    run.add_argument(
        "--report",
        type=Path,
        metavar="FILE",
        help="write a self-contained HTML report to FILE: verdict, tables, every figure, "
        "and the scenario file with the source of each parameter",
    )
    sub.add_parser("list", help="list the bundled scenarios")
    val = sub.add_parser("validate", help="check a scenario file without running it")
    val.add_argument("scenario", help="scenario file or bundled name")
    plot = sub.add_parser(
        "plot",
        help="draw the figures of saved results",
        description="Draw the standard figures (network map, utilisation, queues, "
        "throughput, transit times, where the time goes) from a folder written by "
        "`corridor-sim run --out DIR`, without running the simulation again.",
    )
    plot.add_argument("result_dir", type=Path, metavar="RESULT_DIR", help="a `run --out` folder")
    plot.add_argument(
        "--out", type=Path, metavar="DIR", help="write the figures here (default: RESULT_DIR)"
    )
    plot.add_argument(
        "--format", choices=("png", "svg", "pdf"), default="png", help="file format (default: png)"
    )
    cli_experiments.add_parsers(sub)
    return parser


def _run(args: argparse.Namespace) -> int:
    scenario = load_named(args.scenario)
    result = simulate(scenario, seed=args.seed)
    print(result.summary())
    if args.out:
        out = result.to_dir(args.out)
        print(f"\nWrote {len(result.TABLES)} tables (CSV) and summary.json to {out}/")
    if args.report:
        from corridor_sim.report import write_report  # matplotlib: imported only when needed

        print(f"Wrote the report to {write_report(result, args.report, scenario=scenario)}")
    return 0


def _list(_args: argparse.Namespace) -> int:
    for name in bundled_names():
        scenario = load_scenario(bundled_path(name))
        text = " ".join(scenario.description.split())
        if len(text) > 90:
            text = text[:87].rsplit(" ", 1)[0] + " ..."
        print(f"{name:30s} {text}")
    return 0


def _plot(args: argparse.Namespace) -> int:
    from corridor_sim.plotting import save_figures  # matplotlib: imported only when needed

    result = SimulationResult.from_dir(args.result_dir)
    paths = save_figures(result, args.out or args.result_dir, fmt=args.format)
    print(f"Wrote {len(paths)} figures to {paths[0].parent}/: {', '.join(p.name for p in paths)}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    s = load_named(args.scenario)
    print(
        f"{s.source}: OK: {len(s.nodes)} nodes, {len(s.links)} links, {len(s.flows)} flows, "
        f"{len(s.disruptions)} disruptions"
    )
    return 0


COMMANDS = {"run": _run, "list": _list, "validate": _validate, "plot": _plot}
COMMANDS.update(cli_experiments.COMMANDS)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``corridor-sim``; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (ScenarioError, ResultError) as exc:
        print(f"corridor-sim: error: {exc}", file=sys.stderr)
        return 2
    except SimulationError as exc:
        print(f"corridor-sim: simulation error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head`: not an error
        sys.stderr.close()
        return 0
    except OSError as exc:
        print(f"corridor-sim: error: {exc}", file=sys.stderr)
        return 2
