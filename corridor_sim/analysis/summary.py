"""The text summary printed by ``corridor-sim run``."""

from __future__ import annotations

import math
from typing import Any

from corridor_sim.analysis.texttable import num as _num
from corridor_sim.analysis.texttable import pct as _pct
from corridor_sim.analysis.texttable import table as _table

UNIT_NAMES = {"t": "t", "TEU": "TEU", "wagon": "wagons", "truck": "trucks"}


def format_summary(result: Any, top: int = 8) -> str:
    """Headline tables: flows, the bottleneck ranking, the verdict, the mass balance."""
    days = result.horizon_h / 24
    lines = [
        f"Scenario {result.scenario}: {days:,.0f} days from {result.start} "
        f"after a {result.warmup_h / 24:,.0f}-day warm-up, seed {result.seed} "
        f"({result.wall_s:.1f} s)",
        "",
        "Flows (statistics period)",
    ]
    rows = []
    for f in result.flows.itertuples():
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
    shown = min(top, len(result.bottlenecks))
    lines += [
        "",
        f"Bottleneck ranking (top {shown} of {len(result.bottlenecks)} elements; "
        "score = utilisation + wait share + backlog growth)",
    ]
    el = result.elements.set_index("element")
    rows = []
    for b in result.bottlenecks.head(top).itertuples():
        e = el.loc[b.element]
        growth = b.backlog_growth_days
        rows.append(
            [
                str(b.rank),
                b.element,
                f"{b.kind} {b.role}",
                _num(e.throughput_t_per_day),
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
            "t/day",
            "util",
            "queue mean t",
            "queue p95 t",
            "backlog +days",
            "wait share",
        ],
        rows,
        "rllrrrrrr",
    )
    bal = result.balance
    lines += [
        "",
        result.verdict,
        f"Mass balance: OK for {len(bal)} flows (generated = delivered + in system; "
        f"{bal.generated_t.sum() / 1e6:,.3f} Mt generated since t = 0, "
        f"{bal.in_system_t.sum() / 1e3:,.1f} kt still in the system).",
    ]
    return "\n".join(lines)
