"""What do two more Caspian ferries buy? Add two Balakan-class rail ferries to the
Kuryk-Alat line of the 2024 scenario and compare with the line as it is, same seed.

Both runs draw from the same random streams (each source has its own stream named after
it), so the difference is the ferries, not the luck of the draw.

Run: python examples/two_more_ferries.py [--days N] [--out DIR]; the figures go to
./out/two_more_ferries/ unless --out names another folder.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from matplotlib.figure import Figure

import corridor_sim as cs
from corridor_sim import plotting

OUT = Path("out", "two_more_ferries")  # default folder for the figures, under the current one

LINE = "kuryk-alat"


def with_horizon(scenario: cs.Scenario, days: float) -> cs.Scenario:
    settings = dataclasses.replace(scenario.settings, horizon_h=days * 24)
    return dataclasses.replace(scenario, settings=settings)


def with_two_more_ferries(scenario: cs.Scenario) -> cs.Scenario:
    """A copy of ``scenario`` whose Kuryk-Alat fleet has two more Balakan-class ferries."""
    link = scenario.links[LINE]
    balakan = next(v for v in link.fleet if v.name.startswith("balakan"))  # type: ignore[attr-defined]
    extra = tuple(dataclasses.replace(balakan, name=f"new_ferry-{i}") for i in (1, 2))
    bigger = dataclasses.replace(link, fleet=link.fleet + extra)  # type: ignore[attr-defined]
    return dataclasses.replace(scenario, links={**scenario.links, LINE: bigger})


def line_flows(result: cs.SimulationResult) -> list[str]:
    """The flows whose cargo crosses on the line."""
    return sorted(set(result.stages.loc[result.stages["element"] == LINE, "flow"]))


def headline(result: cs.SimulationResult) -> dict[str, float]:
    flows = result.flows.set_index("flow").loc[line_flows(result)]
    line = result.elements.set_index("element").loc[LINE]
    return {
        "delivered kt (line's flows)": flows["delivered_t"].sum() / 1e3,
        "in system at end kt": flows["in_system_t"].sum() / 1e3,
        "container transit mean d (TEU-weighted)": _container_transit(result, flows),
        f"{LINE} utilisation %": line["utilisation"] * 100,
        f"{LINE} queue mean kt": line["queue_mean_t"] / 1e3,
    }


def _container_transit(result: cs.SimulationResult, flows) -> float:  # type: ignore[no-untyped-def]
    boxes = flows[flows["unit"] == "TEU"]
    return float(
        (boxes["transit_mean_days"] * boxes["delivered_units"]).sum()
        / boxes["delivered_units"].sum()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=float, default=365, help="statistics horizon, days")
    parser.add_argument(
        "--out", type=Path, default=OUT, help=f"folder for the figures (default: ./{OUT}/)"
    )
    args = parser.parse_args()

    base = with_horizon(cs.load_scenario(cs.bundled_path("middle_corridor_2024")), args.days)
    more = with_two_more_ferries(base)
    before, after = cs.simulate(base, seed=7), cs.simulate(more, seed=7)

    print(
        f"Kuryk-Alat fleet: {len(base.links[LINE].fleet)} -> "  # type: ignore[attr-defined]
        f"{len(more.links[LINE].fleet)} vessels, {args.days:.0f} days, seed 7\n"
        "One sample path of each (the same random streams): no confidence intervals.\n"
    )
    a, b = headline(before), headline(after)
    width = max(map(len, a))
    print(f"{'':{width}}  {'as is':>9}  {'+2 ferries':>10}  {'change':>8}")
    for key in a:
        print(f"{key:{width}}  {a[key]:9,.1f}  {b[key]:10,.1f}  {b[key] - a[key]:+8,.1f}")
    print(f"\nas is:      {before.verdict}\n+2 ferries: {after.verdict}")

    fig = Figure(figsize=(7.5, 6.6), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharey=True)
    for ax, result, label in ((top, before, "as in 2024"), (bottom, after, "two more ferries")):
        title = f"Cargo waiting for the Caspian ferries: {label}"
        plotting.plot_queues(result, [LINE, "turkmenbashi-alat"], ax=ax, title=title)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "two_more_ferries.png"
    fig.savefig(path, dpi=150)
    print(f"\nWrote {path}")


if __name__ == "__main__":
    main()
