"""The text summary of one run (``corridor-sim run -n 1``): one sample path, under a
banner that says so (:func:`sample_path_banner`)."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from corridor_sim.bottlenecks.ranking import SCORE_FORMULA
from corridor_sim.texttable import num as _num
from corridor_sim.texttable import pct as _pct
from corridor_sim.texttable import table as _table

UNIT_NAMES = {"t": "t", "TEU": "TEU", "wagon": "wagons", "truck": "trucks"}


def sample_path_banner(seed: int | str | None, replications: int = 10) -> str:
    """The line printed above one run's summary: it is one sample path, not an answer."""
    return (
        f"ONE SAMPLE PATH (seed {seed}): not an answer; another seed gives other numbers. "
        f"For means with 95 % confidence intervals use -n {replications}."
    )


def run_line(
    scenario: str,
    start: dt.date,
    warmup_h: float,
    horizon_h: float,
    seed: int | str | None,
    wall_s: float,
) -> str:
    """The first line: which scenario, which statistics period (t = 0 is ``start``, the
    statistics begin after the warm-up), which seed, how long it took.

    >>> run_line("x", dt.date(2024, 1, 1), 30 * 24.0, 365 * 24.0, 7, 1.25)
    'Scenario x: 365 days from 2024-01-31 after a 30-day warm-up from 2024-01-01, seed 7 (1.2 s)'
    """
    first = start + dt.timedelta(hours=warmup_h)
    return (
        f"Scenario {scenario}: {horizon_h / 24:,.0f} days from {first:%Y-%m-%d} "
        f"after a {warmup_h / 24:,.0f}-day warm-up from {start}, seed {seed} ({wall_s:.1f} s)"
    )


def flow_lines(flows: pd.DataFrame) -> list[str]:
    """The flows table: offered, delivered, in system, transit mean/p50/p95."""
    lines = ["Flows (statistics period)"]
    rows = []
    for f in flows.itertuples():
        unit = UNIT_NAMES.get(f.unit, f.unit)
        rows.append(
            [
                f.flow,
                f"{_num(f.offered_units)} {unit}",
                f"{_num(f.delivered_units)} {unit}",
                _num(f.delivered_t / 1e3, 1),
                f"{_num(f.in_system_units)} {unit}",
                _num(f.transit_mean_days, 1),
                _num(f.transit_p50_days, 1),
                _num(f.transit_p95_days, 1),
            ]
        )
    lines += _table(
        [
            "flow",
            "offered",
            "delivered",
            "delivered kt",
            "in system at end",
            "transit mean d",
            "p50 d",
            "p95 d",
        ],
        rows,
        "lrrrrrrr",
    )
    lines.append(
        "offered = arrived during the statistics period; delivered also counts cargo "
        "that arrived during the warm-up."
    )
    return lines


def ranking_lines(bottlenecks: pd.DataFrame, elements: pd.DataFrame, top: int = 8) -> list[str]:
    """The top of the bottleneck ranking with throughput and queues."""
    shown = min(top, len(bottlenecks))
    lines = [
        f"Bottleneck ranking by score (top {shown} of {len(bottlenecks)} elements; "
        f"{SCORE_FORMULA})",
    ]
    el = elements.set_index("element")
    rows = []
    for b in bottlenecks.head(top).itertuples():
        e = el.loc[b.element]
        growth = b.backlog_growth_days
        rows.append(
            [
                str(b.rank),
                b.element,
                f"{b.kind} {b.role}",
                _num(b.score, 2),
                _num(e.throughput_t_per_day),
                _num(e.capacity_t_per_day) if math.isfinite(e.capacity_t_per_day) else "-",
                _pct(b.utilisation),
                _num(e.queue_mean_t),
                _num(e.queue_p95_t),
                "inf" if math.isinf(growth) else _num(growth, 1),
                _pct(b.wait_share),
            ]
        )
    lines += _table(
        [
            "#",
            "element",
            "kind",
            "score",
            "throughput t/day",
            "capacity t/day",
            "util",
            "queue mean t",
            "queue p95 t",
            "backlog +days",
            "wait share",
        ],
        rows,
        "rllrrrrrrrr",
    )
    return lines


def balance_line(balance: pd.DataFrame) -> str:
    """The mass balance in one sentence (it was checked when the result was made)."""
    return (
        f"Mass balance: OK for {len(balance)} flows (generated = delivered + in system; "
        f"{balance.generated_t.sum() / 1e6:,.3f} Mt generated since t = 0, "
        f"{balance.in_system_t.sum() / 1e3:,.1f} kt still in the system)."
    )
