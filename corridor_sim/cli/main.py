"""``corridor-sim``: the command line, a thin layer over the library.

Exit codes: 0 success, 1 the simulation broke an invariant, 2 bad scenario or arguments
(one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from corridor_sim._version import __version__
from corridor_sim.cli import arguments as a
from corridor_sim.cli import corridors as cli_corridors
from corridor_sim.cli import experiments as cli_experiments
from corridor_sim.cli import plan as cli_plan
from corridor_sim.errors import ResultError, ScenarioError, SimulationError
from corridor_sim.experiments.run import SAMPLE_DIR, ReplicatedRun, run
from corridor_sim.results import SimulationResult, simulate
from corridor_sim.results.summary import sample_path_banner
from corridor_sim.scenario import bundled_names, load_scenario
from corridor_sim.scenario.bundled import DEFAULT, bundled_path, load_named

if TYPE_CHECKING:  # annotations only: the CLI hands scenarios on, never builds one
    from corridor_sim.model.scenario import Scenario

REPLICATIONS = 10


def _parser() -> argparse.ArgumentParser:
    parser = a.Parser(
        prog="corridor-sim",
        description="Simulate the Middle Corridor (Trans-Caspian route): throughput, "
        "queues, transit times\nand where the corridor chokes.\n\nexamples:\n"
        "  corridor-sim run                      # the 2024 corridor, 10 replications\n"
        "  corridor-sim run teaching_two_ports -n 1\n"
        "  corridor-sim COMMAND --help           # what each command does, with an example",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"corridor-sim {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = a.add_command(
        sub,
        "run",
        "run a scenario's replications and print the answer with 95%% CIs",
        f"Run {REPLICATIONS} independent replications of a scenario (a file, or a bundled "
        f"scenario's name; default: {DEFAULT}) and print the answer: every number as the "
        "mean ± the half-width of its 95 % confidence interval, the bottleneck ranking by "
        "mean score, the binding element and the mass balance of every replication. "
        "-n 1 prints one sample path instead, under a banner saying so.",
        [
            "corridor-sim run",
            "corridor-sim run teaching_two_ports --days 180 --warmup '60 day' -n 20",
            "corridor-sim run my_corridor.yaml --seed 7 --out out/mine --report mine.html",
        ],
    )
    p.add_argument(
        "scenario",
        nargs="?",
        default=DEFAULT,
        help=f"scenario file or bundled name (default: {DEFAULT})",
    )
    a.add_replications(p, REPLICATIONS)
    a.add_times(p)
    a.add_reaction(p)
    a.add_out(
        p,
        "write the tables over the replications (CSV) and summary.json into DIR, and one "
        f"replication's full result into DIR/{SAMPLE_DIR}/ (for `corridor-sim plot`)",
    )
    p.add_argument(
        "--report",
        type=a.out_file,
        metavar="FILE",
        help="write a self-contained HTML report to FILE: verdict and tables over the "
        "replications (mean ± 95 %% CI), every figure of one sample path (replication 0), "
        "and the scenario file with the source of each parameter",
    )
    a.add_command(
        sub,
        "list",
        "list the bundled scenarios",
        "List the scenarios that ship with corridor_sim, each with its description. Any "
        "command taking a SCENARIO accepts these names (with or without .yaml).",
        ["corridor-sim list"],
    )
    p = a.add_command(
        sub,
        "validate",
        "check a scenario file without running it",
        "Load a scenario and check every value, unit and reference without running it; "
        "prints its size, or one line naming the file, line, key and what is allowed.",
        ["corridor-sim validate my_corridor.yaml", "corridor-sim validate middle_corridor_2024"],
    )
    p.add_argument("scenario", help="scenario file or bundled name")
    p = a.add_command(
        sub,
        "plot",
        "draw the figures of saved results",
        "Draw the standard figures (network map, utilisation, queues, throughput, transit "
        "times, where the time goes) of one sample path from a folder written by "
        f"`corridor-sim run --out DIR` (replication 0, in DIR/{SAMPLE_DIR}/) or "
        "`corridor-sim run -n 1 --out DIR`, without running the simulation again.",
        ["corridor-sim run --out out/2024 && corridor-sim plot out/2024 --format svg"],
    )
    p.add_argument("result_dir", type=Path, metavar="RESULT_DIR", help="a `run --out` folder")
    a.add_out(p, "write the figures here (default: RESULT_DIR)")
    p.add_argument(
        "--format", choices=("png", "svg", "pdf"), default="png", help="file format (default: png)"
    )
    p = a.add_command(
        sub,
        "schema",
        "print the JSON Schema of the scenario format",
        "Print (or write) the JSON Schema of the scenario file format, for editors: VS "
        "Code's YAML extension reads it from a '# yaml-language-server: $schema=FILE' "
        "line at the top of a scenario and flags a misspelt key as you type.",
        ["corridor-sim schema --out scenario.schema.json"],
    )
    p.add_argument("--out", type=a.out_file, metavar="FILE", help="write the schema to FILE")
    cli_experiments.add_parsers(sub)
    cli_plan.add_parsers(sub)
    cli_corridors.add_parsers(sub)
    return parser


def _run(args: argparse.Namespace) -> int:
    scenario = a.load(args.scenario, args)
    if args.replications == 1:
        return _run_once(scenario, args)
    answer = run(scenario, args.replications, seed=args.seed, **a.where(args))
    print(answer.summary())
    if args.out:
        out = answer.to_dir(args.out, with_sample_path=True)
        print(
            f"\nWrote the tables over {answer.n} replications (CSV) and summary.json to "
            f"{out}/, and one sample path (replication 0) to {out / SAMPLE_DIR}/"
        )
    if args.report:
        _report(answer, args.report, scenario)
    return 0


def _run_once(scenario: Scenario, args: argparse.Namespace) -> int:
    result = simulate(scenario, seed=args.seed)
    print(sample_path_banner(result.seed_text, REPLICATIONS), result.summary(), sep="\n\n")
    if args.out:
        out = result.to_dir(args.out)
        print(f"\nWrote {len(result.TABLES)} tables (CSV) and summary.json to {out}/")
    if args.report:
        _report(result, args.report, scenario)
    return 0


def _report(answer: ReplicatedRun | SimulationResult, path: Path, scenario: Scenario) -> None:
    """The HTML report of a replicated answer (tables over the replications, figures of
    replication 0) or of one sample path (matplotlib: imported only when needed)."""
    from corridor_sim.report import write_report

    written = write_report(answer, path, scenario=scenario)
    if isinstance(answer, ReplicatedRun):
        what = f"tables over {answer.n} replications, figures of one sample path"
    else:
        what = "one sample path"
    print(f"Wrote the report ({what}) to {written}")


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

    folder = args.result_dir
    if (folder / SAMPLE_DIR).is_dir():  # a replicated run's folder: draw its sample path
        folder = folder / SAMPLE_DIR
        print(f"Drawing one sample path (replication 0), from {folder}/")
    result = SimulationResult.from_dir(folder)
    paths = save_figures(result, args.out or folder, fmt=args.format)
    print(f"Wrote {len(paths)} figures to {paths[0].parent}/: {', '.join(p.name for p in paths)}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    s = load_named(args.scenario)
    print(
        f"{s.source}: OK: {len(s.nodes)} nodes, {len(s.links)} links, {len(s.flows)} flows, "
        f"{len(s.disruptions)} disruptions"
    )
    return 0


def _schema(args: argparse.Namespace) -> int:
    from corridor_sim.scenario.schema import schema_text

    text = schema_text()  # byte for byte the shipped scenarios/scenario.schema.json
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        print(f"Wrote the JSON Schema of the scenario format to {args.out}")
    else:
        print(text, end="")
    return 0


COMMANDS = {"run": _run, "list": _list, "validate": _validate, "plot": _plot, "schema": _schema}
COMMANDS.update(cli_experiments.COMMANDS)
COMMANDS.update(cli_plan.COMMANDS)
COMMANDS.update(cli_corridors.COMMANDS)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``corridor-sim``; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (ScenarioError, ResultError, a.UsageError) as exc:
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
