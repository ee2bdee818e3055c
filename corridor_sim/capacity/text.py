"""The text printed by ``corridor-sim capacity``."""

from __future__ import annotations

import math

import pandas as pd

from corridor_sim.texttable import num, pct, table


def format_capacity(
    scenario: str, elements: pd.DataFrame, max_flow: pd.DataFrame, headroom: float, binding: str
) -> str:
    """Capacity table (limited elements, most loaded first), formulas, max flow and cuts;
    the arguments are the fields of a :class:`~corridor_sim.capacity.report.CapacityReport`."""
    el = elements
    limited = el[el["capacity_t_per_yr"].apply(math.isfinite)]
    unlimited = el[~el["capacity_t_per_yr"].apply(math.isfinite)]
    lines = [
        f"Capacity bounds of {scenario} (analytic, no simulation)",
        "",
    ]
    rows = [
        [
            r.element,
            f"{r.kind} {r.role}",
            r.capacity_natural,
            num(r.capacity_t_per_yr / 1e6, 3),
            num(r.bound_t_per_yr / 1e6, 3),
            num(r.demand_t_per_yr / 1e6, 3),
            pct(r.load),
        ]
        for r in limited.itertuples()
    ]
    lines += table(
        [
            "element",
            "kind",
            "capacity (natural units)",
            "capacity Mt/yr",
            "no-disruption bound Mt/yr",
            "demand Mt/yr",
            "load",
        ],
        rows,
        "llrrrrr",
    )
    lines += [
        f"{len(unlimited)} elements have no capacity limit: {', '.join(unlimited['element'])}.",
        "An element used by several commodities is rated at the tonne mix of the flows using "
        "it; load = offered demand / capacity (links: the busier direction). Capacity is net "
        "of expected downtime (weather, closures, failures), so a run with milder storms than "
        "average can exceed it; the no-disruption bound ignores all downtime.",
        "",
        "Formulas",
    ]
    lines += [f"  {r.element}: {r.formula}" for r in limited.itertuples()]
    lines += ["", "Maximum flow, origins to destinations, and minimum cut"]
    rows = [
        [r.group, num(r.max_flow_t_per_yr / 1e6, 3), num(r.demand_t_per_yr / 1e6, 3), r.cut or "-"]
        for r in max_flow.itertuples()
    ]
    lines += table(["group", "max flow Mt/yr", "demand Mt/yr", "minimum cut"], rows, "lrrl")
    lines.append(
        "All cargo: each element at its commodity mix, any origin to any destination; a "
        "commodity alone: only the elements that carry it."
    )
    if binding:
        lines.append(
            f"On their fixed routes, all flows can grow x{headroom:.2f} before {binding} is full."
        )
    return "\n".join(lines)
