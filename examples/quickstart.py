"""Quickstart: load the bundled 2024 Middle Corridor scenario, simulate a year, read
where the corridor chokes, and draw the standard figures.

Run: python examples/quickstart.py [--days N] [--out DIR]; the figures go to
./out/quickstart/ unless --out names another folder.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

import corridor_sim as cs
from corridor_sim import plotting

OUT = Path("out", "quickstart")  # default folder for the figures, under the current one


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=float, default=365, help="statistics horizon, days")
    parser.add_argument(
        "--out", type=Path, default=OUT, help=f"folder for the figures (default: ./{OUT}/)"
    )
    args = parser.parse_args()

    scenario = cs.load_scenario(cs.bundled_path("middle_corridor_2024"))
    settings = dataclasses.replace(scenario.settings, horizon_h=args.days * 24)
    scenario = dataclasses.replace(scenario, settings=settings)

    result = cs.simulate(scenario, seed=7)
    print("One sample path (seed 7): no confidence intervals; cs.replicate gives them.\n")
    print(result.verdict)
    print()
    flows = result.flows.set_index("flow")
    print(
        flows[["unit", "delivered_units", "transit_mean_days", "transit_p95_days"]]
        .round(1)
        .to_string()
    )
    print()
    print("Where the Kuryk-Poti containers spend their time (hours per TEU):")
    stages = result.stages[result.stages.flow == "cont_dostyk_poti"]
    print(stages[["element", "wait_h", "move_h"]].round(1).to_string(index=False))
    print()
    for path in plotting.save_figures(result, args.out):  # or fmt="svg" / "pdf"
        print(f"Wrote {path}")


if __name__ == "__main__":
    main()
