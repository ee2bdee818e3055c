"""Per-flow delivery tables: the transit-time distribution and deliveries per day."""

from __future__ import annotations

import numpy as np
import pandas as pd

from corridor_sim.engine.records import RunRecord
from corridor_sim.engine.stats import Histogram

DAY_H = 24.0
TRANSIT_COLUMNS = ["flow", "unit", "days_low", "days_high", "units"]
DAILY_COLUMNS = ["day", "flow", "commodity", "units", "tonnes"]


def histogram_bins(h: Histogram) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lower and upper edges (h) and weights of the non-empty bins of ``h``."""
    counts = np.asarray(h.counts)
    index = np.nonzero(counts)[0]
    low_exp = h.LOW_EXP + (index - 1) / h.BINS_PER_DECADE
    low = np.where(index == 0, 0.0, 10.0**low_exp)
    high = 10.0 ** (h.LOW_EXP + index / h.BINS_PER_DECADE)
    return low, high, counts[index]


def transit_table(record: RunRecord) -> pd.DataFrame:
    """Transit-time distribution of each flow's deliveries in the statistics period: one
    row per non-empty bin, ``units`` delivered with a transit time between ``days_low``
    and ``days_high`` (bins are 1/100 of a decade wide)."""
    frames = []
    for f in record.flows:
        low, high, weights = histogram_bins(f.transit)
        if len(weights):
            frames.append(
                pd.DataFrame(
                    {
                        "flow": f.name,
                        "unit": f.unit,
                        "days_low": low / DAY_H,
                        "days_high": high / DAY_H,
                        "units": weights,
                    }
                )
            )
    if not frames:
        return pd.DataFrame(columns=TRANSIT_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def flow_daily_table(record: RunRecord) -> pd.DataFrame:
    """Units and tonnes of each flow delivered per day of the whole run (day 0 = t = 0);
    days with no delivery are left out."""
    rows = [
        {
            "day": day,
            "flow": f.name,
            "commodity": f.commodity,
            "units": units,
            "tonnes": units * f.mass_per_unit_t,
        }
        for f in record.flows
        for day, units in sorted(f.daily.items())
    ]
    return pd.DataFrame(rows, columns=DAILY_COLUMNS)
