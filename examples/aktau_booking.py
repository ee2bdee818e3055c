"""What do priority and a booking buy a scheduled block-train service on the Aktau
feeders? Run the Aktau-Alat feeders of the 2024 scenario to a timetable, give one container
block-train service priority over the others, then also book it room on every sailing,
and compare each with the line as it is.

The bundled scenarios leave the feeders unscheduled: the one published timetable is the
weekly service of 2019 (src: uic_caspian_feeders), for a smaller fleet than 2024's. Here
each feeder has a slot every 48 h (estimate: the 2024 scenario's longest wait, max_wait
48 h, made a timetable); the Dostyk-Poti block trains are sold on it (priority
``scheduled``), and in the third run also book 50 TEU on every westbound sailing
(estimate: half a block train of about 100 TEU, src: several_titr_block_trains). Booked
room the trains do not fill sails empty. The other container flows stay spot. The runs
draw from the same random streams, so the differences are the timetable, the priority
and the booking, not the luck of the draw.

Run: python examples/aktau_booking.py [--days N] [--out DIR]; the figure goes to
./out/aktau_booking/ unless --out names another folder.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from matplotlib.figure import Figure

import corridor_sim as cs

OUT = Path("out", "aktau_booking")  # default folder for the figure, under the current one

LINE = "aktau-alat"
BOOKED = "cont_dostyk_poti"
EVERY_H = 48.0  # estimate: the scenario's max_wait of 48 h made a timetable
PER_SAILING_TEU = 50.0  # estimate: half a block train (src: several_titr_block_trains)


def with_horizon(scenario: cs.Scenario, days: float) -> cs.Scenario:
    settings = dataclasses.replace(scenario.settings, horizon_h=days * 24)
    return dataclasses.replace(scenario, settings=settings)


def scheduled(scenario: cs.Scenario, *, booked: bool) -> cs.Scenario:
    """``scenario`` with the feeders on a timetable and the block-train service given
    priority (and, if ``booked``, room on every sailing)."""
    line = dataclasses.replace(scenario.links[LINE], every_h=EVERY_H, max_wait_h=None)
    booking = cs.model.Booking(LINE, PER_SAILING_TEU) if booked else None
    flow = dataclasses.replace(scenario.flows[BOOKED], priority="scheduled", booking=booking)
    return dataclasses.replace(
        scenario,
        links={**scenario.links, LINE: line},
        flows={**scenario.flows, BOOKED: flow},
    )


def line_flows(result: cs.SimulationResult) -> list[str]:
    """The flows whose cargo crosses on the feeders."""
    return sorted(set(result.stages.loc[result.stages["element"] == LINE, "flow"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=float, default=365, help="statistics horizon, days")
    parser.add_argument(
        "--out", type=Path, default=OUT, help=f"folder for the figures (default: ./{OUT}/)"
    )
    args = parser.parse_args()

    base = with_horizon(cs.load_scenario(cs.bundled_path("middle_corridor_2024")), args.days)
    runs = {
        "as is": cs.simulate(base, seed=7),
        "priority": cs.simulate(scheduled(base, booked=False), seed=7),
        "+ booking": cs.simulate(scheduled(base, booked=True), seed=7),
    }
    print(
        f"Aktau-Alat feeders, {args.days:.0f} days, seed 7: as in 2024 (sail when full or "
        f"48 h after ready) vs a slot every {EVERY_H:g} h per feeder, {BOOKED} scheduled "
        f"(priority), then also booked {PER_SAILING_TEU:g} TEU a sailing\n"
        "One sample path of each (the same random streams): no confidence intervals.\n"
    )
    flows = line_flows(runs["as is"])
    transit = {
        k: r.flows.set_index("flow").loc[flows, "transit_mean_days"] for k, r in runs.items()
    }
    width = max(map(len, flows))
    print("Transit mean, days")
    print(f"{'flow':{width}}" + "".join(f"  {k:>9}" for k in runs))
    for name in flows:
        mark = "  <- scheduled" if name == BOOKED else ""
        print(f"{name:{width}}" + "".join(f"  {t[name]:9.1f}" for t in transit.values()) + mark)
    for label in ("priority", "+ booking"):
        calls = runs[label].calls[runs[label].calls["link"] == LINE]
        print(f"\nSchedule reliability, {label} (sailings within ±24 h of their slot)")
        for row in calls.itertuples():
            print(
                f"  from {row.port}: {row.sailings:.0f} sailings, {row.on_time_share:.0%} "
                f"on time, mean delay {row.slot_delay_mean_h:+.1f} h"
            )
    print("\nBooked room (TEU)")
    for row in runs["+ booking"].bookings.itertuples():
        print(
            f"  {row.flow} from {row.port}: {row.sailings} sailings, "
            f"{row.booked_units:,.0f} booked, {row.used_units:,.0f} used ({row.used_share:.0%})"
        )

    fig = Figure(figsize=(7.5, 4.2), layout="constrained")
    ax = fig.subplots()
    ys = range(len(flows))
    for i, (label, t) in enumerate(transit.items()):
        ax.barh([y + 0.27 * (1 - i) for y in ys], t.to_numpy(), height=0.27, label=label)
    ax.set_yticks(list(ys), flows)
    ax.set_xlabel("transit time, mean (days)")
    ax.set_title("Aktau feeder flows: transit time, one sample path each")
    ax.legend()
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "aktau_booking.png"
    fig.savefig(path, dpi=150)
    print(f"\nWrote {path}")


if __name__ == "__main__":
    main()
