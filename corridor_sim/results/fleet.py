"""Vessels and berths of a run: voyages, fill and hours by state; berth utilisation."""

from __future__ import annotations

import math

import pandas as pd

from corridor_sim.engine.records import RunRecord

BERTH_COLUMNS = ["port", "berth", "berths", "utilisation"]


def vessel_table(record: RunRecord) -> pd.DataFrame:
    """Per vessel over the statistics period: voyages, loaded voyages, mean fill (share
    of capacity) and hours in each state (``<state>_h``)."""
    rows = [
        {
            "link": e.name,
            "vessel": v.name,
            "voyages": v.voyages,
            "loaded_voyages": v.loaded_voyages,
            "mean_fill": v.fill_sum / v.loaded_voyages if v.loaded_voyages else math.nan,
            **{f"{state}_h": h for state, h in v.hours.items()},
        }
        for e in record.elements
        for v in e.vessels
    ]
    return pd.DataFrame(rows)


def berth_table(record: RunRecord) -> pd.DataFrame:
    """Per port and berth type: berths and the mean share of them occupied."""
    rows = [
        {
            "port": e.name,
            "berth": b.berth,
            "berths": b.berths,
            "utilisation": b.busy_mean / b.berths,
        }
        for e in record.elements
        for b in e.berths
    ]
    return pd.DataFrame(rows, columns=BERTH_COLUMNS)
