"""The text printed by ``corridor-sim capacity``: each element's capacity (the effective
capacity of :mod:`corridor_sim.capacity.effective`) in t/day and Mt/yr, named as such,
and the no-downtime ceiling under its own name."""

from __future__ import annotations

import math
import textwrap

import pandas as pd

from corridor_sim.texttable import num, pct, table

WIDTH = 96  # characters a line of prose
DEFINITION = (
    "Capacity = effective capacity: the tonnes an element can move in an average year of "
    "this scenario, at the tonne mix of the flows using it, net of expected downtime "
    "(weather closures, scheduled closures, failures); t/day = t/yr / 365. A run with "
    "milder storms than average can exceed it. See docs/capacity.md."
)


def format_capacity(
    scenario: str, elements: pd.DataFrame, max_flow: pd.DataFrame, headroom: float, binding: str
) -> str:
    """Capacity table (limited elements, most loaded first), formulas, max flow and cuts;
    the arguments are the fields of a :class:`~corridor_sim.capacity.report.CapacityReport`."""
    el = elements
    limited = el[el["capacity_t_per_yr"].apply(math.isfinite)]
    unlimited = el[~el["capacity_t_per_yr"].apply(math.isfinite)]
    lines = [
        f"Capacity of {scenario}: effective capacity, analytic (no simulation)",
        "",
        *textwrap.wrap(DEFINITION, WIDTH),
        "",
    ]
    rows = [
        [
            r.element,
            f"{r.kind} {r.role}",
            num(r.capacity_t_per_day),
            num(r.capacity_t_per_yr / 1e6, 3),
            r.capacity_natural,
            num(r.ceiling_t_per_yr / 1e6, 3),
            num(r.demand_t_per_yr / 1e6, 3),
            pct(r.load),
        ]
        for r in limited.itertuples()
    ]
    lines += table(
        [
            "element",
            "kind",
            "capacity t/day",
            "capacity Mt/yr",
            "capacity, natural units",
            "no-downtime ceiling Mt/yr",
            "demand Mt/yr",
            "load",
        ],
        rows,
        "llrrrrrr",
    )
    lines += [
        f"{len(unlimited)} elements have no capacity limit: {', '.join(unlimited['element'])}.",
        *textwrap.wrap(
            "load = offered demand / capacity (links: the busier direction). The no-downtime "
            "ceiling is not a capacity: the same formulas if the element never closed for "
            "weather, closures or failures (what downtime costs).",
            WIDTH,
        ),
        "",
        "Formulas",
    ]
    lines += [f"  {r.element}: {r.formula}" for r in limited.itertuples()]
    lines += ["", "Maximum flow, origins to destinations, and minimum cut"]
    rows = [
        [
            r.group,
            str(r.flow_group),
            num(r.max_flow_t_per_yr / 1e6, 3),
            num(r.demand_t_per_yr / 1e6, 3),
            r.cut or "-",
        ]
        for r in max_flow.itertuples()
    ]
    lines += table(
        ["cargo", "flows", "max flow Mt/yr", "demand Mt/yr", "minimum cut"], rows, "llrrl"
    )
    groups = max_flow[max_flow["group"] == "all cargo"]
    for r in groups.itertuples():
        lines += textwrap.wrap(
            f"Flows {r.flow_group}: from {r.origins} to {r.destinations}.",
            WIDTH,
            subsequent_indent="  ",
        )
    lines += textwrap.wrap(
        "Flows are grouped so that no origin of a group is a destination of it (opposite "
        "directions apart; otherwise the maximum flow would be infinite); each group is "
        "bounded alone, the bounds do not add up. All cargo: each element at its commodity "
        "mix, any origin to any destination of the group; a commodity alone: only the "
        "elements that carry it.",
        WIDTH,
    )
    if binding:
        lines.append(
            f"On their fixed routes, all flows can grow x{headroom:.2f} before {binding} is full."
        )
    return "\n".join(lines)
