"""Kazakh crude through BTC: 1.4 Mt/yr of Tengiz crude by 10,000 t tankers from Aktau to
Baku, then through the Sangachal tank farm and the Baku-Tbilisi-Ceyhan pipeline beside
the Azerbaijani base load. Prints where a tonne of crude spends its two weeks and how
much room BTC has left, and saves the stage-by-stage figure and the map.

Run: python examples/kazakh_crude_btc.py [--days N] [--out DIR]; the figures go to
./out/kazakh_crude_btc/ unless --out names another folder.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

import corridor_sim as cs
from corridor_sim import plotting

OUT = Path("out", "kazakh_crude_btc")  # default folder for the figures, under the current one

BBL_PER_T = 7.45  # Kazakh crude, as in the scenario file


def with_horizon(scenario: cs.Scenario, days: float) -> cs.Scenario:
    settings = dataclasses.replace(scenario.settings, horizon_h=days * 24)
    return dataclasses.replace(scenario, settings=settings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=float, default=365, help="statistics horizon, days")
    parser.add_argument(
        "--out", type=Path, default=OUT, help=f"folder for the figures (default: ./{OUT}/)"
    )
    args = parser.parse_args()

    scenario = with_horizon(cs.load_scenario(cs.bundled_path("kazakh_crude_btc")), args.days)
    result = cs.simulate(scenario)
    crude = result.flows.set_index("flow").loc["kazakh_crude"]
    per_year = 365 / args.days
    print(f"One sample path (seed {result.seed}): no confidence intervals.")
    print(
        f"Delivered to Ceyhan: {crude['delivered_t'] / 1e6 * per_year:.2f} Mt/yr "
        f"({crude['delivered_t'] * BBL_PER_T / (args.days * 1e3):,.1f} kbbl/day); "
        f"transit {crude['transit_mean_days']:.1f} days mean, {crude['transit_p95_days']:.1f} p95"
    )

    print("\nWhere a tonne of crude spends its time (days):")
    stages = result.stages[result.stages["flow"] == "kazakh_crude"]
    for s in stages.itertuples():
        print(
            f"  {s.element:20s} waiting {s.wait_h / 24:5.1f}   moving/handled {s.move_h / 24:5.1f}"
        )

    btc = scenario.links["btc"]
    el = result.elements.set_index("element")
    print(
        f"\nBTC: {el.loc['btc', 'utilisation']:.0%} utilised with the base load; "
        f"room left for the corridor {btc.residual_t_per_h * 8760 / 1e6:.1f} Mt/yr, "  # type: ignore[attr-defined]
        f"of which Kazakh crude uses {el.loc['btc', 'throughput_t_per_day'] * 365 / 1e6:.2f}"
    )
    print(f"Tankers Aktau-Alat: {el.loc['aktau-alat-tanker', 'utilisation']:.0%} utilised")
    print(result.verdict)

    args.out.mkdir(parents=True, exist_ok=True)
    for name, ax in (
        ("kazakh_crude_time_split", plotting.plot_time_split(result)),
        ("kazakh_crude_map", plotting.plot_network(result, title="Kazakh crude to Ceyhan")),
    ):
        path = args.out / f"{name}.png"
        ax.figure.savefig(path, dpi=150)
        print(f"Wrote {path}")


if __name__ == "__main__":
    main()
