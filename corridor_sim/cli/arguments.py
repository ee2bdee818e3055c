"""What the ``corridor-sim`` commands accept: a parser whose errors are one line (exit 2),
argument types that check each value as it is read (a seed, a count, a duration with its
unit, a folder or file that can be written), and the options several commands share.

Checking here, before any scenario is loaded, means a bad ``--seed``, ``--warmup`` or
``--out`` fails at once with ``corridor-sim <command>: error: argument --out: ...``
instead of a traceback, or after a long run.
"""

from __future__ import annotations

import argparse
import math
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import yaml

from corridor_sim.experiments.seeds import SEED_RULE
from corridor_sim.scenario.bundled import load_named
from corridor_sim.scenario.variants import override, with_warmup, without_reaction
from corridor_sim.units import HOURS_PER_DAY, UnitError, parse

if TYPE_CHECKING:  # annotations only
    from corridor_sim.model.scenario import Scenario


class UsageError(Exception):
    """Arguments that are each valid but not together (checked after parsing): exit 2,
    one line, like a parser error."""


def fail(message: str) -> NoReturn:
    """Stop with a usage error: ``message`` on one line, exit code 2."""
    raise UsageError(message)


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose errors are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def add_command(
    sub: Any, name: str, summary: str, description: str, examples: list[str]
) -> argparse.ArgumentParser:
    """A sub-command ``name``: ``summary`` in the list of commands; ``description`` and
    ``examples`` (each an invocation) in its ``--help``, laid out as written."""
    text = "\n".join(textwrap.wrap(" ".join(description.split()), 88))
    label = "example:" if len(examples) == 1 else "examples:"
    text += f"\n\n{label}\n" + "\n".join(f"  {e}" for e in examples)
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=summary,
        description=text,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def count(text: str, least: int = 1) -> int:
    """A whole number >= ``least``."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a whole number >= {least} (got {text!r})"
        ) from None
    if value < least:
        raise argparse.ArgumentTypeError(f"must be >= {least} (got {value})")
    return value


def counts_from(least: int) -> Callable[[str], int]:
    """The argument type: a whole number >= ``least``."""

    def parse(text: str) -> int:
        return count(text, least)

    return parse


def seed(text: str) -> int:
    """A seed: a whole number >= 0 (what numpy's ``SeedSequence`` accepts)."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be {SEED_RULE}, e.g. 2024 (got {text!r})")
    return value


def fraction(text: str) -> float:
    """A number strictly between 0 and 1."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, e.g. 0.05 (got {text!r})")
    return value


def rate(text: str) -> float:
    """A yearly rate: a percentage (``6%``) or a fraction (``0.06``), above -100 % and
    below 100 %."""
    body = text.strip()
    percent = body.endswith("%")
    try:
        value = float(body.removesuffix("%")) / (100 if percent else 1)
    except ValueError:
        value = math.nan
    if not -1 < value < 1:
        hint = f"; did you mean {text}%?" if not percent and 1 <= value < 100 else ""
        raise argparse.ArgumentTypeError(
            f"must be a rate a year as a percentage or fraction, e.g. 6% or 0.06, "
            f"between -100% and 100% (got {text!r}){hint}"
        )
    return value


def _hours(text: str, example: str) -> float:
    try:
        float(text)
    except ValueError:
        pass
    else:
        raise argparse.ArgumentTypeError(f"needs a unit, e.g. '{example}' (got {text!r})")
    try:
        q = parse(text)
    except UnitError as exc:
        raise argparse.ArgumentTypeError(f"{exc}") from None
    if q.num != "time" or q.den:
        raise argparse.ArgumentTypeError(
            f"must be a duration, e.g. '{example}' (got {text!r}, a {q.dimension})"
        )
    return q.value


def warmup_hours(text: str) -> float:
    """A warm-up, a duration >= 0 with its unit (``'60 day'``), in hours."""
    hours = _hours(text, "60 day")
    if hours < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0 (got {text!r})")
    return hours


def horizon_hours(text: str) -> float:
    """A statistics horizon, a duration > 0 with its unit (``'180 day'``), in hours."""
    hours = _hours(text, "180 day")
    if not hours > 0:
        raise argparse.ArgumentTypeError(f"must be > 0 (got {text!r})")
    return hours


def days_as_hours(text: str) -> float:
    """A number of days > 0 (no unit), in hours."""
    try:
        days = float(text)
    except ValueError:
        days = math.nan
    if not (days > 0 and math.isfinite(days)):
        raise argparse.ArgumentTypeError(f"must be a number of days > 0, e.g. 180 (got {text!r})")
    return days * HOURS_PER_DAY


def setting(text: str) -> tuple[str, list[Any]]:
    """``PATH=V1,V2``: a dotted scenario path and the values to give it."""
    path, sep, values = text.partition("=")
    if not sep or not path or not values:
        raise argparse.ArgumentTypeError(f"expected PATH=VALUE[,VALUE...] (got {text!r})")
    return path.strip(), [yaml.safe_load(v.strip()) for v in values.split(",")]


def multipliers(text: str) -> list[float]:
    """``1,1.5,2``: demand multipliers >= 0."""
    try:
        values = [float(v) for v in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected numbers like 1,1.5,2 (got {text!r})") from None
    if any(not v >= 0 for v in values):
        raise argparse.ArgumentTypeError(f"multipliers must be >= 0 (got {text!r})")
    return values


def writable(path: Path, *, folder: bool) -> Path:
    """``path`` if a folder (``folder``) or a file can be written there: it is not the
    other kind, and its nearest existing ancestor is a folder in which this process can
    create one (tried with a temporary folder, removed at once)."""
    what = "folder" if folder else "file"
    if path.exists() and path.is_dir() != folder:
        raise argparse.ArgumentTypeError(f"{path} exists and is not a {what}")
    start = path if folder else path.parent
    ancestor = next((p for p in (start, *start.parents) if p.exists()), Path("."))
    if not ancestor.is_dir():
        raise argparse.ArgumentTypeError(f"cannot write {path}: {ancestor} is not a folder")
    try:
        with tempfile.TemporaryDirectory(dir=ancestor, prefix=".corridor-sim-check-"):
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise argparse.ArgumentTypeError(f"cannot write into {ancestor}: {reason}") from None
    return path


def out_dir(text: str) -> Path:
    """A folder to write into (made if missing), checked before anything runs."""
    return writable(Path(text), folder=True)


def out_file(text: str) -> Path:
    """A file to write (its folder made if missing), checked before anything runs."""
    return writable(Path(text), folder=False)


def add_seed(p: argparse.ArgumentParser, what: str = "base seed") -> None:
    """``--seed``: a whole number >= 0."""
    p.add_argument("--seed", type=seed, help=f"{what}, {SEED_RULE} (default: the scenario's seed)")


def add_times(p: argparse.ArgumentParser, warmup_help: str | None = None) -> None:
    """``--days`` or ``--horizon``, and ``--warmup``: the run's length, from the CLI."""
    length = p.add_mutually_exclusive_group()
    length.add_argument(
        "--days",
        dest="horizon_h",
        type=days_as_hours,
        metavar="N",
        help="statistics horizon in days, e.g. 180 (default: the scenario's)",
    )
    length.add_argument(
        "--horizon",
        dest="horizon_h",
        type=horizon_hours,
        metavar="DURATION",
        help="statistics horizon with its unit, e.g. '180 day' or '26 week'",
    )
    p.add_argument(
        "--warmup",
        dest="warmup_h",
        type=warmup_hours,
        metavar="DURATION",
        help=warmup_help
        or "warm-up with its unit, discarded before the statistics, e.g. '60 day' "
        "(default: the scenario's)",
    )


def add_reaction(p: argparse.ArgumentParser, *, baseline: bool = False) -> None:
    """``--without-reaction`` (or, ``baseline``, ``--baseline-without-reaction``): run the
    scenario with every route choice fixed at its shares, no outside options, embargoes
    or fleet pools (:func:`corridor_sim.without_reaction`)."""
    flag = "--baseline-without-reaction" if baseline else "--without-reaction"
    whose = "the baseline's " if baseline else "the scenario's "
    p.add_argument(
        flag,
        dest="without_reaction",
        action="store_true",
        help=f"switch off {whose}reactions: routes at their fixed shares, no competing "
        "corridors, embargoes or fleet pools",
    )


def add_out(
    p: argparse.ArgumentParser, what: str = "write the tables (CSV, JSON) into DIR"
) -> None:
    """``--out DIR``, checked before anything runs."""
    p.add_argument("--out", type=out_dir, metavar="DIR", help=what)


def load(
    name: str, args: argparse.Namespace, *, warmup: bool = True, reaction: bool = True
) -> Scenario:
    """The scenario ``name`` (a file or a bundled name) with the horizon and (if
    ``warmup``) the warm-up given on the command line, if any, validated like a file;
    without its reactions if the command line asks (and ``reaction``)."""
    scenario = load_named(name)
    if reaction and getattr(args, "without_reaction", False):
        scenario = without_reaction(scenario)
    horizon_h = getattr(args, "horizon_h", None)
    if horizon_h is not None:
        scenario = override(scenario, {"simulation.horizon": f"{horizon_h!r} h"})
    if warmup:
        scenario = with_warmup(scenario, getattr(args, "warmup_h", None))
    return scenario


def add_replications(p: argparse.ArgumentParser, replications: int, least: int = 1) -> None:
    """``-n`` (at least ``least``), ``--seed``, ``--workers``, ``--dask`` and
    ``--no-progress``: how many replications, from which seed, and where they run (never
    what they give)."""
    p.add_argument(
        "-n",
        "--replications",
        type=counts_from(least),
        default=replications,
        metavar="N",
        help=f"independent replications (default: {replications})",
    )
    add_seed(p)
    p.add_argument(
        "--workers",
        type=count,
        help="local worker processes (default: one per CPU; 1 runs in this process)",
    )
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on a Dask cluster: a scheduler address (tcp://host:8786), or "
        "'local' for a temporary LocalCluster on this machine",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def where(args: argparse.Namespace) -> dict[str, Any]:
    """``workers``, ``executor`` and ``progress`` for the library, from the options of
    :func:`add_replications`."""
    dask = args.dask
    return {
        "workers": args.workers,
        "executor": ("dask" if dask == "local" else dask) if dask else None,
        "progress": not args.no_progress,
    }
