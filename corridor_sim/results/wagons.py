"""The wagons table: what each wagon pool did in the statistics period."""

from __future__ import annotations

import pandas as pd

from corridor_sim.engine.records import RunRecord

WAGON_COLUMNS = [
    "pool",
    "wagons",
    "in_use_mean",
    "utilisation",
    "loads_per_day",
    "tonnes_per_day",
    "wagons_per_day",
    "loads_waited",
    "wait_mean_h",
    "wait_p95_h",
    "round_trip_mean_h",
]


def wagon_table(record: RunRecord) -> pd.DataFrame:
    """One row per wagon pool: its fleet, ``in_use_mean`` wagons in use on average
    (loaded or returning empty) and ``utilisation`` that over the fleet; consignments
    (or parts of them), tonnes and wagons loaded per day; ``loads_waited`` for wagons and
    the wait for wagons per tonne loaded (mean and 95th percentile, h, 0 for cargo that
    found them free); ``round_trip_mean_h``, the mean hours from loading to free again
    at the load node (empty return included) of the wagons back in the period."""
    days = record.horizon_h / 24.0
    rows = []
    for e in record.elements:
        w = e.wagons
        if w is None:
            continue
        rows.append(
            {
                "pool": e.name,
                "wagons": w.wagons,
                "in_use_mean": w.in_use_mean,
                "utilisation": e.utilisation,
                "loads_per_day": w.loads / days,
                "tonnes_per_day": w.loaded_t / days,
                "wagons_per_day": w.wagons_loaded / days,
                "loads_waited": w.loads_waited,
                "wait_mean_h": e.wait_mean_h,
                "wait_p95_h": e.wait_p95_h,
                "round_trip_mean_h": w.round_trips.mean,
            }
        )
    return pd.DataFrame(rows, columns=WAGON_COLUMNS)
