"""Read the ``wagon_pools`` section: wagons that some flows' cargo must be loaded onto.

::

    wagon_pools:
      ady_platforms:
        flows: [cont_dostyk_poti, cont_altynkol_poti]
        load_at: alat
        unload_at: poti            # or a list of nodes
        wagons: 600 wagon
        per_wagon: {container: 2 TEU}
        empty_return: 3 day        # or a distribution: {dist: gamma, mean: 3 day, cv: 0.3}

The flows and nodes must exist; each flow must have a route that passes ``load_at`` and
then an unload node, and ``per_wagon`` a load for its handling class (a wagon-class unit
is one wagon; checked by :func:`~corridor_sim.model.wagons.check_wagon_pools`).
"""

from __future__ import annotations

from collections.abc import Collection

from corridor_sim.errors import TopologyError
from corridor_sim.model.cargo import HANDLING_CLASSES
from corridor_sim.model.distributions import deterministic
from corridor_sim.model.wagons import WagonPool
from corridor_sim.scenario.durations import read_distribution
from corridor_sim.scenario.nodes import CLASS_UNIT
from corridor_sim.scenario.reader import Reader

WAGON_POOL_KEYS = [
    "flows",
    "load_at",
    "unload_at",
    "wagons",
    "per_wagon",
    "empty_return",
    "description",
]
WAGON_POOL_REQUIRED = ["flows", "load_at", "unload_at", "wagons"]


def read_wagon_pool(
    name: str, r: Reader, flows: Collection[str], nodes: Collection[str]
) -> WagonPool:
    """A wagon pool from its mapping; ``flows`` and ``nodes`` are the scenario's names."""
    r.check_keys(WAGON_POOL_KEYS, required=WAGON_POOL_REQUIRED)
    listed = []
    for i, (_, flow, _) in enumerate(r.list("flows")):
        if flow not in flows:
            r.fail(f"flows[{i}]", f"no flow named {flow!r} (flows: {', '.join(flows)})")
        listed.append(flow)
    load_at = _node(r, "load_at", r.raw("load_at"), nodes)
    if isinstance(r.raw("unload_at"), list):
        unload_at = [
            _node(r, f"unload_at[{i}]", node, nodes)
            for i, (_, node, _) in enumerate(r.list("unload_at"))
        ]
    else:
        unload_at = [_node(r, "unload_at", r.raw("unload_at"), nodes)]
    count = r.quantity("wagons", "wagon").value
    if count != round(count) or count < 1:
        r.fail("wagons", f"must be a whole number >= 1 of wagons (got {r.raw('wagons')!r})")
    empty = read_distribution(r, "empty_return") if r.has("empty_return") else deterministic(0.0)
    return r.build(
        WagonPool,
        name,
        tuple(listed),
        load_at,
        tuple(unload_at),
        wagons=round(count),
        per_wagon=_per_wagon(r) if r.has("per_wagon") else {},
        empty_return=empty,
        description=r.text("description", ""),
    )


def _node(r: Reader, key: str, value: object, nodes: Collection[str]) -> str:
    if not isinstance(value, str) or not value:
        r.fail(key, f"must name a node (got {value!r})")
    if value not in nodes:
        r.fail(key, f"no node named {value!r} (nodes: {', '.join(nodes)})", error=TopologyError)
    return value


def _per_wagon(r: Reader) -> dict[str, float]:
    """Units of each handling class one wagon carries, in the class's unit."""
    section = r.sub("per_wagon")
    section.check_keys(HANDLING_CLASSES)
    out = {}
    for cls in section.mapping:
        out[cls] = section.quantity(cls, CLASS_UNIT[cls]).value
    return out
