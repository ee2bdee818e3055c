"""Wagon pools: a fleet of wagons (container platforms, say) that the cargo of some flows
must be loaded onto at one node, and that go back there empty once unloaded.

A :class:`WagonPool` checks its own values; :func:`check_wagon_pools` checks how the
pools fit the scenario (called by :class:`~corridor_sim.model.scenario.Scenario`).

How the engine uses a pool (:mod:`corridor_sim.engine.wagons`): a consignment of one of
``flows`` about to leave node ``load_at`` by a link needs ``qty / per_wagon`` wagons
(continuous: consignments are continuous quantities); it waits there for them, first
come first served. Once it reaches one of the ``unload_at`` nodes (or is delivered or
leaves the corridor first) its wagons go back empty, taking ``empty_return``, and are
free at ``load_at`` again.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from corridor_sim.errors import TopologyError
from corridor_sim.model import checks
from corridor_sim.model.cargo import HANDLING_CLASSES, Commodity
from corridor_sim.model.demand import FlowSpec
from corridor_sim.model.distributions import Distribution, deterministic


@dataclass(frozen=True)
class WagonPool:
    """``wagons`` carrying the cargo of ``flows`` from node ``load_at`` to one of the
    nodes ``unload_at``; one wagon carries ``per_wagon[cls]`` units of cargo of handling
    class ``cls`` (a wagon-class unit is a wagon: 1 if not given), and an empty wagon
    takes ``empty_return`` (hours) to get back to ``load_at``.

    >>> pool = WagonPool("platforms", ("f",), "a", ("b",), wagons=600,
    ...                  per_wagon={"container": 2.0})
    >>> pool.units_per_wagon("container"), pool.units_per_wagon("wagon")
    (2.0, 1.0)

    Raises :class:`~corridor_sim.errors.ScenarioError` naming the field if a value is out
    of range.
    """

    name: str
    flows: tuple[str, ...]
    load_at: str
    unload_at: tuple[str, ...]
    wagons: int
    per_wagon: dict[str, float] = field(default_factory=dict)
    empty_return: Distribution = field(default_factory=lambda: deterministic(0.0))
    description: str = ""

    def __post_init__(self) -> None:
        checks.name(self.name, "name")
        checks.names(self.flows, "flows", what="flow")
        _distinct(self.flows, "flows", "flow")
        checks.name(self.load_at, "load_at")
        checks.names(self.unload_at, "unload_at", what="node")
        _distinct(self.unload_at, "unload_at", "node")
        if self.load_at in self.unload_at:
            checks.fail(
                "unload_at",
                f"must not include load_at {self.load_at!r} (wagons are loaded there)",
                TopologyError,
            )
        checks.whole(self.wagons, "wagons", 1)
        checks.amounts(self.per_wagon, "per_wagon", HANDLING_CLASSES)
        if self.per_wagon.get("wagon", 1.0) != 1.0:
            checks.fail(
                "per_wagon.wagon",
                f"must be 1 wagon: a wagon-class unit is a wagon (got {self.per_wagon['wagon']!r})",
            )
        checks.instance(self.empty_return, Distribution, "a Distribution", "empty_return")
        checks.text(self.description, "description")

    def units_per_wagon(self, handling: str) -> float:
        """Units of cargo of class ``handling`` one wagon carries (NaN: not given)."""
        return self.per_wagon.get(handling, 1.0 if handling == "wagon" else float("nan"))


def _distinct(names: tuple[str, ...], path: str, what: str) -> None:
    for i, name in enumerate(names):
        if name in names[:i]:
            checks.fail(f"{path}[{i}]", f"{what} {name!r} is named twice")


def check_wagon_pools(
    pools: Mapping[str, WagonPool],
    flows: Mapping[str, FlowSpec],
    commodities: Mapping[str, Commodity],
    nodes: Collection[str],
    taken: Collection[str],
) -> None:
    """Every flow of a pool exists, is in no other pool, and has a route that passes
    ``load_at`` and then an unload node; one wagon's load is given for its handling
    class; the nodes exist; a pool's name is not ``taken`` (by a node, link or
    locomotive pool: they share the elements table). Key paths read
    ``wagon_pools.<pool>.<key>``."""
    owner: dict[str, str] = {}
    for key, pool in pools.items():
        where = f"wagon_pools.{key}"
        if key in taken:
            checks.fail(where, f"{key!r} already names a node, link or locomotive pool")
        for end, names in (("load_at", (pool.load_at,)), ("unload_at", pool.unload_at)):
            for i, node in enumerate(names):
                if node not in nodes:
                    at = end if end == "load_at" else f"{end}[{i}]"
                    checks.fail(
                        f"{where}.{at}",
                        f"no node named {node!r} (nodes: {', '.join(nodes)})",
                        TopologyError,
                    )
        for i, name in enumerate(pool.flows):
            _check_flow(pool, f"{where}.flows[{i}]", name, flows, commodities, owner)
            owner[name] = key


def _check_flow(
    pool: WagonPool,
    where: str,
    name: str,
    flows: Mapping[str, FlowSpec],
    commodities: Mapping[str, Commodity],
    owner: Mapping[str, str],
) -> None:
    flow = flows.get(name)
    if flow is None:
        checks.fail(where, f"no flow named {name!r} (flows: {', '.join(flows)})")
    if name in owner:
        checks.fail(
            where,
            f"flow {name!r} already rides pool {owner[name]!r} (a flow is in at most one "
            "wagon pool)",
        )
    if not any(_loads_then_unloads(path, pool) for path in flow.paths):
        checks.fail(
            where,
            f"flow {name!r} has no route that passes load_at {pool.load_at!r} and then one of "
            f"unload_at ({', '.join(pool.unload_at)})",
            TopologyError,
        )
    handling = commodities[flow.commodity].handling
    if math.isnan(pool.units_per_wagon(handling)):
        checks.fail(
            f"wagon_pools.{pool.name}.per_wagon",
            f"gives no load per wagon for handling class {handling!r} of flow {name!r} "
            f"(given: {', '.join(pool.per_wagon) or 'none'})",
        )


def _loads_then_unloads(path: tuple[str, ...], pool: WagonPool) -> bool:
    """True if ``path`` (node, link, ..., node) leaves ``load_at`` by a link and reaches
    an unload node after it."""
    nodes = path[::2]
    if pool.load_at not in nodes[:-1]:
        return False
    after = nodes[nodes.index(pool.load_at) + 1 :]
    return any(node in pool.unload_at for node in after)
