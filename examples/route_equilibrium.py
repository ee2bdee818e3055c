"""Where would cargo settle if every shipper took the quickest way? Wagons from an inland
terminal reach a port by one of two border crossings, each one inspection lane, or leave
for a competing corridor that takes 38 hours whatever the load; corridor_sim.equilibrium
finds the shares at which no wagon would arrive sooner another way (Wardrop's user
equilibrium) and prints them beside the answer of queueing theory.

The network (route_equilibrium.yaml, next to this script) is made up for the example.
Each crossing is an M/M/1 queue, so a route's time is its links' delay plus
1 / (service rate - wagons per hour sent that way): at equilibrium every option in use
takes the same time, here the outside corridor's 38 hours. docs/equilibrium.md explains
the method.

Run: python examples/route_equilibrium.py [--days N] [--replications N] [--workers N]
[--out DIR]; the figure goes to ./out/route_equilibrium/ unless --out names another folder.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

import corridor_sim as cs
from corridor_sim.experiments import Equilibrium

OUT = Path("out", "route_equilibrium")  # default folder for the figure, under the current one
NETWORK = Path(__file__).with_suffix(".yaml")


def network(days: float) -> cs.Scenario:
    """The example's network with a statistics horizon of ``days``."""
    scenario = cs.load_scenario(NETWORK)
    settings = dataclasses.replace(scenario.settings, horizon_h=days * 24.0)
    return dataclasses.replace(scenario, settings=settings)


def analytic(scenario: cs.Scenario) -> dict[str, float]:
    """Wardrop's shares with M/M/1 crossings when the outside corridor is in use: each
    route takes ``mu - 1 / (T - delay)`` wagons an hour, ``T`` the outside time; the
    outside corridor takes the rest."""
    flow = scenario.flows["wagons"]
    outside_h = flow.outside[0].transit.mean_h
    shares = {}
    for route in flow.routes:
        crossing = scenario.nodes[route.path[2]]
        mu_per_h = 1.0 / crossing.service_time.mean_h  # type: ignore[union-attr]
        delay_h = sum(scenario.links[name].expected_time_h() for name in route.path[1::2])
        wagons_per_h = max(0.0, mu_per_h - 1.0 / (outside_h - delay_h))
        shares[route.label] = wagons_per_h / flow.volume_units_per_h
    shares[flow.outside[0].name] = 1.0 - sum(shares.values())
    return shares


def figure(eq: Equilibrium, expected: dict[str, float]) -> Figure:
    """The relative gap and each option's share by iteration, with Wardrop's shares."""
    fig = Figure(figsize=(10, 4))
    gap_ax, share_ax = fig.subplots(1, 2)
    gap_ax.semilogy(eq.gaps.index, eq.gaps.values, marker="o", color="black")
    gap_ax.axhline(eq.tolerance, linestyle=":", color="grey", label="tolerance")
    gap_ax.set(xlabel="iteration", ylabel="relative gap", title="Relative gap")
    gap_ax.legend()
    for i, (option, rows) in enumerate(eq.iterations.groupby("option", sort=False)):
        colour = f"C{i}"
        share_ax.plot(
            rows["iteration"], 100 * rows["share"], marker="o", color=colour, label=option
        )
        share_ax.axhline(100 * expected[option], linestyle="--", color=colour)
    share_ax.set(
        xlabel="iteration", ylabel="share of the wagons, %", title="Shares (dashed: Wardrop)"
    )
    share_ax.legend()
    for ax in (gap_ax, share_ax):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    fig.tight_layout()
    return fig


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=float, default=365, help="statistics horizon, days")
    parser.add_argument("--replications", type=int, default=5, help="replications per iteration")
    parser.add_argument(
        "--workers", type=int, help="worker processes (default: one per CPU; 1: this one)"
    )
    parser.add_argument(
        "--out", type=Path, default=OUT, help=f"folder for the figures (default: ./{OUT}/)"
    )
    args = parser.parse_args()

    scenario = network(args.days)
    eq = cs.equilibrium(
        scenario,
        replications=args.replications,
        iterations=20,
        tolerance=0.005,
        workers=args.workers,
        progress=False,
    )
    print(eq.text())
    expected = analytic(scenario)
    print(
        "\nEach time above is the mean over the replications with the half-width of its "
        "95 % confidence interval.\nAnalytic equilibrium (M/M/1 crossings, every option "
        "at the outside corridor's 38 h): "
        + ", ".join(f"{option} {100 * share:.1f} %" for option, share in expected.items())
    )
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "route_equilibrium.png"
    figure(eq, expected).savefig(path, dpi=120)
    print(f"Wrote {path}")


if __name__ == "__main__":
    main()
