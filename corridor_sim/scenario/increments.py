"""One more unit of each element's capacity, as changes to a scenario's mapping.

For every element that some flow uses: a vessel on a sea link (one more of its most
numerous vessel type), a berth of each berth type a port's vessels use, one server at a
border or terminal, +10% of a daily quota, of a rail line's capacity and of a pipeline's
capacity. Each change is ``{dotted path: new value}`` for
:func:`~corridor_sim.scenario.variants.override`.
"""

from __future__ import annotations

import copy
from typing import Any

from corridor_sim.model.fleet import SeaLink
from corridor_sim.model.scenario import Scenario
from corridor_sim.scenario.variants import get_path
from corridor_sim.units import scale

TENTH = 1.1  # +10%


def _vessel(raw: dict[str, Any], name: str) -> tuple[str, dict[str, Any]]:
    fleet = copy.deepcopy(get_path(raw, f"links.{name}.fleet"))
    i = max(range(len(fleet)), key=lambda k: (fleet[k].get("count", 1), -k))
    item = fleet[i]
    if "type" in item:
        item["count"] = item.get("count", 1) + 1
        label = f"+1 vessel ({item['type']}, {item['count']} of them)"
    else:
        extra = {**copy.deepcopy(item), "name": f"{item['name']}_2"}
        fleet.append(extra)
        label = f"+1 vessel (a second {item['name']})"
    return label, {f"links.{name}.fleet": fleet}


def increments(scenario: Scenario) -> list[tuple[str, str, dict[str, Any]]]:
    """``(element, change, {path: value})`` for each unit of capacity to try."""
    raw = scenario.raw
    used = {name for f in scenario.flows.values() for path in f.paths for name in path}
    berth_types = {
        (end, v.berth)
        for link in scenario.links.values()
        if isinstance(link, SeaLink)
        for v in link.fleet
        for end in (link.origin, link.destination)
    }
    out = []
    for name, link in scenario.links.items():
        if name not in used:
            continue
        base = f"links.{name}"
        if link.kind == "sea":
            out.append((name, *_vessel(raw, name)))
        elif link.kind == "rail" and "line_capacity" in get_path(raw, base):
            value = get_path(raw, f"{base}.line_capacity")
            out.append((name, "+10% line capacity", {f"{base}.line_capacity": scale(value, TENTH)}))
        elif link.kind == "pipeline":
            value = get_path(raw, f"{base}.capacity")
            out.append((name, "+10% capacity", {f"{base}.capacity": scale(value, TENTH)}))
    for name, node in scenario.nodes.items():
        if name not in used:
            continue
        base = f"nodes.{name}"
        for berth, n in node.berths.items():
            if (name, berth) in berth_types:
                out.append((name, f"+1 {berth} berth ({n + 1})", {f"{base}.berths.{berth}": n + 1}))
        if node.servers:
            out.append(
                (name, f"+1 server ({node.servers + 1})", {f"{base}.servers": node.servers + 1})
            )
            if node.quota_per_day is not None:
                value = get_path(raw, f"{base}.quota")
                out.append((name, "+10% daily quota", {f"{base}.quota": scale(value, TENTH)}))
    return out
