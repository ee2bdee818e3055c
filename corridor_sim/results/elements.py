"""Per-element tables of a run: metrics, throughput by commodity, daily throughput, queues.

The elements table carries each element's capacity, ``capacity_t_per_day``: its effective
capacity (:mod:`corridor_sim.capacity.effective`, the one definition every figure, text
and report uses), computed from the scenario the run came from; NaN where the element has
no limit.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from corridor_sim.capacity.effective import capacity_t_per_day
from corridor_sim.engine.records import ElementRecord, RunRecord
from corridor_sim.results.schedule import on_time_share

DAY_H = 24.0
THROUGHPUT_COLUMNS = [
    "element",
    "role",
    "commodity",
    "unit",
    "units",
    "tonnes",
    "units_per_day",
    "tonnes_per_day",
]
DAILY_COLUMNS = ["day", "element", "commodity", "units", "tonnes"]


def queue_stats(series: np.ndarray, times: np.ndarray) -> dict[str, float]:
    """p95 (t) and growth (t/day, least-squares slope) of a sampled queue series."""
    if len(series) < 2:
        return {
            "queue_p95_t": float(series[0]) if len(series) else 0.0,
            "queue_growth_t_per_day": 0.0,
        }
    slope = np.polyfit(times / DAY_H, series, 1)[0] if np.ptp(series) > 0 else 0.0
    return {"queue_p95_t": float(np.percentile(series, 95)), "queue_growth_t_per_day": float(slope)}


def _masses(record: RunRecord) -> list[float]:
    return [c.mass_per_unit_t for c in record.commodities]


def _samples(record: RunRecord) -> tuple[np.ndarray, np.ndarray]:
    times = np.asarray(record.sample_times)
    if record.samples:
        return times, np.asarray(record.samples)
    return times, np.zeros((0, len(record.elements)))


def element_row(
    e: ElementRecord, tonnes: float, days: float, capacity_t_per_day: float = math.nan
) -> dict[str, Any]:
    """One row of the elements table, without the queue statistics."""
    return {
        "element": e.name,
        "role": e.role,
        "kind": e.kind,
        "throughput_t": tonnes,
        "throughput_t_per_day": tonnes / days,
        "capacity_t_per_day": capacity_t_per_day,
        "utilisation": e.utilisation,
        "queue_mean_t": e.queue_mean_t,
        "queue_max_t": e.queue_max_t,
        "wait_mean_h": e.wait_mean_h,
        "wait_p95_h": e.wait_p95_h,
        "stock_mean_t": e.stock_mean_t,
        "blocked_share": e.refused / e.offers if e.offers else float("nan"),
        "on_time_share": on_time_share(e.schedule),
    }


def element_table(record: RunRecord) -> pd.DataFrame:
    """Per node and link over the statistics period: throughput (t, t/day), capacity
    (t/day, see module doc), utilisation, queue mean/max/p95 (t) and growth (t/day), waits
    (h), storage, refused offers, and a scheduled sea link's share of sailings on time
    (:mod:`~.schedule`; NaN for other elements)."""
    days = record.horizon_h / DAY_H
    masses = _masses(record)
    times, samples = _samples(record)
    post = times >= record.warmup_h
    caps = capacity_t_per_day(record.scenario)
    rows = []
    for i, e in enumerate(record.elements):
        tonnes = sum(u * m for u, m in zip(e.units_out_period, masses, strict=True))
        row = element_row(e, tonnes, days, caps.get(e.name, math.nan))
        row.update(queue_stats(samples[post, i], times[post]))
        rows.append(row)
    return pd.DataFrame(rows)


def throughput_table(record: RunRecord) -> pd.DataFrame:
    """Per element and commodity: units and tonnes out over the statistics period."""
    days = record.horizon_h / DAY_H
    rows = [
        {
            "element": e.name,
            "role": e.role,
            "commodity": c.name,
            "unit": c.unit,
            "units": units,
            "tonnes": units * c.mass_per_unit_t,
            "units_per_day": units / days,
            "tonnes_per_day": units * c.mass_per_unit_t / days,
        }
        for e in record.elements
        for c, units in zip(record.commodities, e.units_out_period, strict=True)
        if units > 0
    ]
    return pd.DataFrame(rows, columns=THROUGHPUT_COLUMNS)


def daily_table(record: RunRecord) -> pd.DataFrame:
    """Units and tonnes out of each element per day of the whole run (day 0 = t = 0)."""
    frames = []
    for e in record.elements:
        for c, out in zip(record.commodities, e.daily_out, strict=True):
            series = np.asarray(out)
            days = np.nonzero(series)[0]
            if len(days):
                frames.append(
                    pd.DataFrame(
                        {
                            "day": days,
                            "element": e.name,
                            "commodity": c.name,
                            "units": series[days],
                            "tonnes": series[days] * c.mass_per_unit_t,
                        }
                    )
                )
    if not frames:
        return pd.DataFrame(columns=DAILY_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def queue_table(record: RunRecord) -> pd.DataFrame:
    """The sampled queue (t) of every element over the whole run, long format."""
    times, samples = _samples(record)
    wide = pd.DataFrame(samples, columns=[e.name for e in record.elements])
    wide.insert(0, "time_h", times)
    return wide.melt(id_vars="time_h", var_name="element", value_name="queue_t")
