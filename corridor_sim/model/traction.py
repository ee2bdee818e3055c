"""Locomotive pools: the locomotives of one railway's territory, which every train on the
territory's lines needs to leave.

A :class:`LocomotivePool` checks its own values; :func:`check_locomotive_pools` checks
how the pools fit the network (called by :class:`~corridor_sim.model.scenario.Scenario`).

How the engine uses a pool (:mod:`corridor_sim.engine.traction`): a train on one of
``lines`` leaves only when a locomotive stands free at its departure node; the
locomotive hauls it to the line's other end, is turned round there (``turnaround_h``:
inspection, fuelling, crew change) and then hauls the next train waiting there, or runs
light (at the lines' running times) to the oldest train waiting for a locomotive
elsewhere on the territory. ``availability`` is the share of the fleet in service; the
rest is in maintenance, rotating through the fleet, so the pool works with
``round(locomotives x availability)`` locomotives throughout.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from corridor_sim.errors import TopologyError
from corridor_sim.model import checks
from corridor_sim.model.network import LinkSpec, RailLink


@dataclass(frozen=True)
class LocomotivePool:
    """The ``locomotives`` hauling every train on the rail links ``lines`` (a railway's
    territory), of which the share ``availability`` is in service; each is turned round
    for ``turnaround_h`` hours at the end of every run and starts at node ``depot``
    (None: the start of the first line).

    >>> pool = LocomotivePool("gr", ("a-b",), locomotives=10, availability=0.85,
    ...                       turnaround_h=4.0)
    >>> pool.in_service
    8

    Raises :class:`~corridor_sim.errors.ScenarioError` naming the field if a value is out
    of range.
    """

    name: str
    lines: tuple[str, ...]
    locomotives: int
    availability: float = 1.0
    turnaround_h: float = 0.0
    depot: str | None = None
    description: str = ""

    def __post_init__(self) -> None:
        checks.name(self.name, "name")
        checks.names(self.lines, "lines", what="rail link")
        if not self.lines:
            checks.fail("lines", "a locomotive pool needs at least one rail link (got none)")
        for i, line in enumerate(self.lines):
            if line in self.lines[:i]:
                checks.fail(f"lines[{i}]", f"rail link {line!r} is named twice")
        checks.whole(self.locomotives, "locomotives", 1)
        checks.number(self.availability, "availability", ge=0.0, le=1.0)
        checks.non_negative(self.turnaround_h, "turnaround_h")
        if self.depot is not None:
            checks.name(self.depot, "depot")
        checks.text(self.description, "description")
        if self.in_service < 1:
            checks.fail(
                "availability",
                f"leaves no locomotive in service: round({self.locomotives} x "
                f"{self.availability:g}) = 0",
            )

    @property
    def in_service(self) -> int:
        """Locomotives in service at any time: round(locomotives x availability)."""
        return round(self.locomotives * self.availability)


def territory(pool: LocomotivePool, links: Mapping[str, LinkSpec]) -> list[str]:
    """The nodes at the ends of the pool's lines, in order of first appearance."""
    nodes: list[str] = []
    for line in pool.lines:
        link = links[line]
        for node in (link.origin, link.destination):
            if node not in nodes:
                nodes.append(node)
    return nodes


def check_locomotive_pools(
    pools: Mapping[str, LocomotivePool],
    links: Mapping[str, LinkSpec],
    nodes: Collection[str] = (),
) -> None:
    """Every line of a pool is a rail link, in no other pool; a pool's depot is a node
    at the end of one of its lines; no pool is named like a node or link of ``links`` and
    ``nodes`` (they share the elements table). Key paths read
    ``locomotive_pools.<pool>.<key>``."""
    owner: dict[str, str] = {}
    for key, pool in pools.items():
        where = f"locomotive_pools.{key}"
        if key in links or key in nodes:
            checks.fail(where, f"{key!r} already names a node or link; give the pool its own name")
        for i, name in enumerate(pool.lines):
            link = links.get(name)
            if not isinstance(link, RailLink):
                what = "no link" if link is None else f"a {link.kind} link"
                checks.fail(
                    f"{where}.lines[{i}]",
                    f"must name a rail link; {name!r} is {what}",
                    TopologyError,
                )
            if name in owner:
                checks.fail(
                    f"{where}.lines[{i}]",
                    f"rail link {name!r} is already hauled by pool {owner[name]!r} (a line "
                    "is in at most one locomotive pool)",
                )
            owner[name] = key
        ends = territory(pool, links)
        parts = _parts(pool, links)
        if len(parts) > 1:
            shown = "; ".join(", ".join(p) for p in parts)
            checks.fail(
                f"{where}.lines",
                f"must join into one network, so that locomotives can run light between "
                f"any two of its nodes (they form {len(parts)} parts: {shown}); make one "
                "pool per part",
                TopologyError,
            )
        if pool.depot is not None and pool.depot not in ends:
            checks.fail(
                f"{where}.depot",
                f"must be a node at the end of one of the pool's lines ({', '.join(ends)}); "
                f"got {pool.depot!r}",
                TopologyError,
            )


def _parts(pool: LocomotivePool, links: Mapping[str, LinkSpec]) -> list[list[str]]:
    """The territory's nodes in connected parts (either way along the lines)."""
    parent = {node: node for node in territory(pool, links)}

    def root(node: str) -> str:
        while parent[node] != node:
            node = parent[node]
        return node

    for line in pool.lines:
        parent[root(links[line].origin)] = root(links[line].destination)
    parts: dict[str, list[str]] = {}
    for node in parent:
        parts.setdefault(root(node), []).append(node)
    return list(parts.values())
