"""The locomotives table: what each locomotive pool did in the statistics period."""

from __future__ import annotations

import math

import pandas as pd

from corridor_sim.engine.records import RunRecord

LOCOMOTIVE_COLUMNS = [
    "pool",
    "locomotives",
    "in_service",
    "busy_mean",
    "utilisation",
    "trains_per_day",
    "trains_waited",
    "wait_mean_h",
    "wait_p95_h",
    "light_runs_per_day",
    "light_share",
]


def locomotive_table(record: RunRecord) -> pd.DataFrame:
    """One row per locomotive pool: its fleet and locomotives in service; ``busy_mean``
    locomotives busy on average (hauling, running light, turned round) and
    ``utilisation`` that over those in service; ``trains_per_day`` hauled;
    ``trains_waited`` for a locomotive and the wait per train hauled (mean and 95th
    percentile, h, 0 for a train that found one); ``light_runs_per_day`` and
    ``light_share``, the share of the locomotive-hours of work spent running light."""
    days = record.horizon_h / 24.0
    rows = []
    for e in record.elements:
        t = e.traction
        if t is None:
            continue
        rows.append(
            {
                "pool": e.name,
                "locomotives": t.locomotives,
                "in_service": t.in_service,
                "busy_mean": t.busy_mean,
                "utilisation": e.utilisation,
                "trains_per_day": t.hauls / days,
                "trains_waited": t.trains_waited,
                "wait_mean_h": t.train_waits.mean,
                "wait_p95_h": t.train_waits.quantile(0.95),
                "light_runs_per_day": t.light_runs / days,
                "light_share": t.light_run_h / t.busy_h if t.busy_h else math.nan,
            }
        )
    return pd.DataFrame(rows, columns=LOCOMOTIVE_COLUMNS)
