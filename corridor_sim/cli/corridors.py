"""``corridor-sim corridors``: the simulated Middle Corridor beside the other ways a box
can go (published time, price and CO2), as a table and one chart. A thin layer: parse,
load, call the library, print, write."""

from __future__ import annotations

import argparse
from typing import Any

from corridor_sim.cli import arguments as a

DEFAULT_SCENARIO = "middle_corridor_2024"


def add_parsers(sub: Any) -> None:
    """Add ``corridors`` to the ``corridor-sim`` sub-parsers ``sub``."""
    p = a.add_command(
        sub,
        "corridors",
        "the simulated corridor against rail through Russia and the sea: time, price, CO2",
        "Door-to-door time, freight price per TEU and CO2 per TEU of a journey's flows "
        "(replications of the scenario, mean ± 95 % CI, plus the legs outside the model) "
        "beside the published spans of the competing corridors of each journey file "
        "(docs/competing_corridors.md): every bundled journey unless --journey names one. "
        "With --out, a folder per journey with its table and corridors.png.",
        [
            "corridor-sim corridors",
            "corridor-sim corridors middle_corridor_2030_demand -n 10 --out out/corridors",
        ],
    )
    p.add_argument(
        "scenario",
        nargs="?",
        default=DEFAULT_SCENARIO,
        help=f"scenario file or bundled name (default: {DEFAULT_SCENARIO})",
    )
    p.add_argument(
        "--journey",
        action="append",
        metavar="FILE",
        help="journey file or bundled name; repeat for several (default: every bundled "
        "journey, corridors_*.yaml)",
    )
    a.add_replications(p, 10)
    a.add_times(p)
    a.add_reaction(p)
    a.add_out(p, "write corridors.csv, corridors.json and corridors.png into DIR")


def _corridors(args: argparse.Namespace) -> int:
    from corridor_sim.experiments.corridors import compare_corridors
    from corridor_sim.experiments.run import run
    from corridor_sim.scenario.competition import bundled_journeys, load_journey

    names = args.journey or bundled_journeys()
    journeys = [load_journey(n) for n in names]  # a bad file fails before anything runs
    answer = run(a.load(args.scenario, args), args.replications, seed=args.seed, **a.where(args))
    comparisons = [compare_corridors(answer, j) for j in journeys]
    print("\n\n".join(c.text() for c in comparisons))
    if args.out:
        import matplotlib.pyplot as plt  # only when a figure is written

        from corridor_sim.plotting.corridors import plot_corridors

        for journey, comparison in zip(journeys, comparisons, strict=True):
            folder = comparison.to_dir(args.out / journey.name)
            fig = plot_corridors(comparison)
            fig.savefig(folder / "corridors.png", dpi=150)
            plt.close(fig)
            print(f"Wrote {journey.name}'s table and corridors.png to {folder}/")
    return 0


COMMANDS = {"corridors": _corridors}
