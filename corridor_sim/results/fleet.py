"""Vessels, berths and port calls of a run: voyages, fill and hours by state; berth
occupancy split into working and idle; turnaround per call.

The words follow port statistics (UNCTAD's port performance indicators): a berth is
*occupied* while a vessel is alongside, *working* while the vessel berths, clears
formalities, unloads or loads, and *idle* while it waits alongside (for cargo with
``wait_at: berth``, or for room in a full port). A vessel waiting for a berth or for the
entry window is at anchorage and occupies no berth. A call's *turnaround* runs from the
vessel's arrival to its sailing (anchorage, entry, berth, waiting for cargo, weather),
leaving out time idle with nothing to carry, repairs and maintenance.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from corridor_sim.engine.records import RunRecord
from corridor_sim.engine.stats import Histogram
from corridor_sim.results.schedule import SCHEDULE_COLUMNS, schedule_columns

BERTH_COLUMNS = ["port", "berth", "berths", "occupancy", "working", "idle", "utilisation"]
CALL_COLUMNS = [
    "link",
    "port",
    "calls",
    "turnaround_mean_h",
    "turnaround_p95_h",
    *SCHEDULE_COLUMNS,
]
#: vessel states grouped as the KPIs of a vessel call name them (``<group>_h`` columns)
STATE_GROUPS = {
    "anchorage": ("waiting_berth",),
    "berth_working": ("berthing", "formalities", "unloading", "loading"),
    "berth_idle": ("idle_berth", "blocked"),
}
YEAR_H = 8760.0


def vessel_table(record: RunRecord) -> pd.DataFrame:
    """Per vessel over the statistics period: voyages, loaded voyages, voyages a year,
    mean fill (share of capacity), hours in each state (``<state>_h``), hours by KPI group
    (``anchorage_h`` waiting for a berth, ``berth_working_h`` berthing, clearing
    formalities (alongside, as the berth statistics count them), unloading and loading,
    ``berth_idle_h`` alongside waiting for cargo or room), port calls and their
    turnaround (mean and 95th percentile, hours), and ``load_factor_<class>``: the mean
    over its voyages of the share of its capacity for that handling class it could load
    (the draft limit on the call date, or the scenario's load factor; NaN for a class it
    does not carry)."""
    per_yr = YEAR_H / record.horizon_h if record.horizon_h > 0 else math.nan
    rows = []
    for e in record.elements:
        for v in e.vessels:
            calls = _merged(v.turnaround.values())
            rows.append(
                {
                    "link": e.name,
                    "vessel": v.name,
                    "voyages": v.voyages,
                    "loaded_voyages": v.loaded_voyages,
                    "voyages_per_yr": v.voyages * per_yr,
                    "mean_fill": v.fill_sum / v.loaded_voyages if v.loaded_voyages else math.nan,
                    **{f"{state}_h": h for state, h in v.hours.items()},
                    **{
                        f"{group}_h": sum(v.hours.get(s, 0.0) for s in states)
                        for group, states in STATE_GROUPS.items()
                    },
                    "calls": round(calls.weight),
                    "turnaround_mean_h": calls.mean,
                    "turnaround_p95_h": calls.quantile(0.95),
                    **{
                        f"load_factor_{cls}": total / v.voyages if v.voyages else math.nan
                        for cls, total in v.load_factor_sum.items()
                    },
                }
            )
    return pd.DataFrame(rows)


def berth_table(record: RunRecord) -> pd.DataFrame:
    """Per port and berth type: berths; the mean share of them occupied (a vessel
    alongside), split into working and idle; ``utilisation`` is the working share."""
    rows = [
        {
            "port": e.name,
            "berth": b.berth,
            "berths": b.berths,
            "occupancy": b.busy_mean / b.berths,
            "working": b.working_mean / b.berths,
            "idle": b.idle_mean / b.berths,
            "utilisation": b.working_mean / b.berths,
        }
        for e in record.elements
        for b in e.berths
    ]
    return pd.DataFrame(rows, columns=BERTH_COLUMNS)


def call_table(record: RunRecord) -> pd.DataFrame:
    """Per sea link and port: the calls its vessels made there in the statistics period
    and their turnaround (arrival to sailing; mean and 95th percentile, hours); for a
    scheduled link, its scheduled sailings from the port, the share on time and their
    delay from the slot (mean and largest, hours; see :mod:`~.schedule`), else NaN."""
    rows = []
    for e in record.elements:
        ports = dict.fromkeys(p for v in e.vessels for p in v.turnaround)
        for port in ports:
            calls = _merged(v.turnaround[port] for v in e.vessels if port in v.turnaround)
            rows.append(
                {
                    "link": e.name,
                    "port": port,
                    "calls": round(calls.weight),
                    "turnaround_mean_h": calls.mean,
                    "turnaround_p95_h": calls.quantile(0.95),
                    **schedule_columns(e.schedule, port),
                }
            )
    return pd.DataFrame(rows, columns=CALL_COLUMNS)


def _merged(histograms: Iterable[Histogram]) -> Histogram:
    out = Histogram()
    for h in histograms:
        out.merge(h)
    return out
