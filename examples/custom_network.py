"""A small custom network in Python, without a scenario file: a dry port sends wagons by
rail to a Caspian port, two ferries carry them across, and they leave by rail on the
far side. ``corridor_sim.build_scenario`` checks the mapping exactly as it checks a file
(every quantity with its unit), so a typo fails with the key path that is wrong.

Run: python examples/custom_network.py [--days N] [--out DIR]; the figures go to
./out/custom_network/ unless --out names another folder.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import corridor_sim as cs
from corridor_sim import plotting

OUT = Path("out", "custom_network")  # default folder for the figures, under the current one


def network(days: float) -> dict:
    """The scenario as plain Python data, in the scenario file format."""
    ferry = {"berth": "rail_ferry", "capacity": {"wagon": "50 wagon"}, "speed": "13 kn"}
    return {
        "simulation": {
            "start": "2024-01-01",
            "horizon": f"{days} day",
            "warmup": "14 day",
            "seed": 11,
        },
        "commodities": {
            "grain": {"unit": "wagon", "mass_per_unit": "65 t", "handling": "wagon"},
        },
        "nodes": {
            "dry_port": {"kind": "origin", "lon": 55.2, "lat": 45.3},
            "east_port": {
                "kind": "port",
                "lon": 51.6,
                "lat": 43.2,
                "berths": {"rail_ferry": 1},
                "handling_rate": {"wagon": "10 wagon/h"},
                "berth_time": "2 h",
            },
            "west_port": {
                "kind": "port",
                "lon": 49.4,
                "lat": 39.9,
                "berths": {"rail_ferry": 1},
                "handling_rate": {"wagon": "10 wagon/h"},
                "berth_time": "2 h",
            },
            "inland": {"kind": "destination", "lon": 44.8, "lat": 41.7},
        },
        "links": {
            "dry_port-east_port": {
                "kind": "rail",
                "from": "dry_port",
                "to": "east_port",
                "distance": "430 km",
                "speed": "800 km/day",
                "train_capacity": {"wagon": "57 wagon"},
                "max_wait": "24 h",
            },
            "crossing": {
                "kind": "sea",
                "from": "east_port",
                "to": "west_port",
                "distance": "240 nmi",
                "load_factor": "72 %",
                "departure": {"max_wait": "24 h"},
                "fleet": [{"name": "ferry_a", **ferry}, {"name": "ferry_b", **ferry, "home": "to"}],
            },
            "west_port-inland": {
                "kind": "rail",
                "from": "west_port",
                "to": "inland",
                "distance": "500 km",
                "speed": "600 km/day",
                "train_capacity": {"wagon": "57 wagon"},
                "max_wait": "24 h",
                "line_capacity": "8 train/day",
            },
        },
        "flows": {
            "grain_west": {
                "commodity": "grain",
                "origin": "dry_port",
                "destination": "inland",
                "volume": "12000 wagon/yr",
                "arrivals": {"pattern": "block_train", "size": "57 wagon"},
                "route": ["dry_port", "east_port", "west_port", "inland"],
            },
        },
        "disruptions": [
            {
                "kind": "weather",
                "elements": ["east_port", "west_port", "crossing"],
                "closure_days_per_month": [6, 5, 3, 2, 1, 0.5, 0.5, 0.5, 1, 2, 4, 6],
                "mean_episode": "2.5 day",
            },
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=float, default=365, help="statistics horizon, days")
    parser.add_argument(
        "--out", type=Path, default=OUT, help=f"folder for the figures (default: ./{OUT}/)"
    )
    args = parser.parse_args()

    scenario = cs.build_scenario(network(args.days), name="custom_grain")
    result = cs.simulate(scenario)
    print(f"One sample path (seed {result.seed}): no confidence intervals.\n")
    print(result.summary())

    try:  # the same checks as a file: a bare number where a unit is needed
        cs.build_scenario({**network(args.days), "simulation": {"horizon": 365}})
    except cs.ScenarioError as exc:
        print(f"\nA mistake is caught before running: {exc}")

    args.out.mkdir(parents=True, exist_ok=True)
    for name, ax in (
        ("custom_network_map", plotting.plot_network(result, title="A custom grain corridor")),
        ("custom_network_utilisation", plotting.plot_utilisation(result)),
    ):
        path = args.out / f"{name}.png"
        ax.figure.savefig(path, dpi=150)
        print(f"Wrote {path}")


if __name__ == "__main__":
    main()
