"""Per-element metrics read off the running model: utilisation, queues, waits, throughput."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from corridor_sim.engine.element import Element
from corridor_sim.engine.node import Node
from corridor_sim.engine.pipeline import Pipeline
from corridor_sim.engine.port import Port
from corridor_sim.engine.rail import Rail
from corridor_sim.engine.sea import Sea

BUSY_STATES = ("sailing", "loading", "unloading", "berthing", "waiting_berth", "blocked")


def utilisation(e: Element, now: float, days: float) -> float:
    """Share of the element's capacity in use over the statistics period (NaN if the
    element has no capacity to use, such as a plain transfer).

    Node: busy servers / servers, or batches started / daily quota, whichever is higher;
    port: also the busiest berth type. Rail: trains / line capacity. Sea: vessel time not
    idle, out of the time not lost to weather or repair. Pipeline: (base load + injection)
    / capacity.
    """
    if isinstance(e, Node):
        values = []
        if e.servers:
            values.append(e.busy_level.mean(now) / e.servers)
        if e.quota:
            # the quota is per calendar day: count the calendar days the period touches
            quota_days = math.ceil(now / 24.0 - 1e-9) - math.floor(e.sim.warmup_h / 24.0)
            values.append((e.batches_started - e.started_at_warmup) / (e.quota * quota_days))
        if isinstance(e, Port):
            values += [e.berth_levels[t].mean(now) / n for t, n in e.spec.berths.items()]
        return max(values) if values else math.nan
    if isinstance(e, Rail):
        # line capacity is per direction (the headway applies to each lane): the busier
        # direction's trains over it
        per_day = e.spec.line_capacity_per_day  # type: ignore[attr-defined]
        if not per_day:
            return math.nan
        busiest = max((lane.trains - lane.trains_at_warmup for lane in e.lanes.values()), default=0)
        return busiest / (per_day * days)
    if isinstance(e, Sea):
        busy = available = 0.0
        for v in e.vessels:
            hours = v.hours_by_state(now)
            busy += sum(hours[s] for s in BUSY_STATES)
            available += sum(hours.values()) - hours["weather_bound"] - hours["repair"]
        return busy / available if available > 0 else math.nan
    if isinstance(e, Pipeline):
        cap = e.spec.capacity_t_per_h
        return (e.spec.base_load_t_per_h + e.injection.mean(now)) / cap if cap else math.nan
    return math.nan


def stock_mean_t(e: Element, now: float) -> float:
    """Time-weighted mean tonnes held in a node with storage limits (NaN otherwise)."""
    if not isinstance(e, Node) or not e.storage_cap:
        return math.nan
    return float(e.stock_level.mean(now))


def queue_stats(
    series: np.ndarray,
    times: np.ndarray,
    horizon_days: float,
) -> dict[str, float]:
    """p95 and growth (t/day, least-squares slope) of a sampled queue series."""
    if len(series) < 2:
        return {
            "queue_p95_t": float(series[0]) if len(series) else 0.0,
            "queue_growth_t_per_day": 0.0,
        }
    slope = np.polyfit(times / 24.0, series, 1)[0] if np.ptp(series) > 0 else 0.0
    return {"queue_p95_t": float(np.percentile(series, 95)), "queue_growth_t_per_day": float(slope)}


def element_row(
    e: Element, sim: Any, series: np.ndarray, times: np.ndarray, masses: list[float]
) -> dict[str, Any]:
    """One row of the elements table."""
    now = sim.env.now
    days = sim.scenario.settings.horizon_h / 24.0
    tonnes = sum((o - w) * m for o, w, m in zip(e.units_out, e.out_at_warmup, masses, strict=True))
    row = {
        "element": e.name,
        "role": e.role,
        "kind": e.kind,
        "throughput_t": tonnes,
        "throughput_t_per_day": tonnes / days,
        "utilisation": utilisation(e, now, days),
        "queue_mean_t": e.queue.mean(now),
        "queue_max_t": e.queue.max,
        "wait_mean_h": e.waits.mean,
        "wait_p95_h": e.waits.quantile(0.95),
        "stock_mean_t": stock_mean_t(e, now),
    }
    offers = getattr(e, "offers", 0)
    row["blocked_share"] = e.refused / offers if offers else math.nan  # type: ignore[attr-defined]
    row.update(queue_stats(series, times, days))
    return row
