"""Fleet pools: one operator's vessels serving several sea lines from a shared hub port,
redeployed every ``review_h`` toward the line that would take longest to clear its backlog
(ASCO's ferries on Alat-Kuryk and Alat-Turkmenbashi).

A :class:`FleetPool` checks its own values; :func:`check_pools` checks how the pools fit
the network (called by :class:`~corridor_sim.model.scenario.Scenario`).

Which vessel may serve which line: every vessel of a pool must be able to serve every
line of it, or the scenario is refused, naming the vessel, the line and what it lacks.
A pool is one fleet handed out by one rule (:mod:`corridor_sim.engine.links.pool`); a
vessel that could serve only some lines would make that rule a matching problem, and
in practice means the pool is drawn too wide: leave that line out of the pool. A vessel
can serve a line if both of its ports have a berth of the vessel's type, and it carries
at least one handling class that the line carries (one that the line's own fleet
carries and both its ports handle): else it would sail the line empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from corridor_sim.errors import TopologyError
from corridor_sim.model import checks
from corridor_sim.model.fleet import SeaLink, VesselSpec
from corridor_sim.model.network import LinkSpec, NodeSpec


@dataclass(frozen=True)
class FleetPool:
    """The fleets of sea links ``lines`` (at least two, sharing one port, the hub) as one
    pool, whose vessels are reassigned between the lines every ``review_h`` hours.

    Raises :class:`~corridor_sim.errors.ScenarioError` naming the field if a value is out
    of range (``review_h`` > 0; the lines named once each).
    """

    name: str
    lines: tuple[str, ...]
    review_h: float
    description: str = ""

    def __post_init__(self) -> None:
        checks.name(self.name, "name")
        checks.names(self.lines, "lines", what="sea link")
        if len(self.lines) < 2:
            checks.fail("lines", f"a pool needs at least two sea links (got {self.lines!r})")
        for i, line in enumerate(self.lines):
            if line in self.lines[:i]:
                checks.fail(f"lines[{i}]", f"sea link {line!r} is named twice")
        checks.positive(self.review_h, "review_h")
        checks.text(self.description, "description")


def hub(lines: list[SeaLink]) -> str | None:
    """The port every one of ``lines`` calls at (None if there is none; the first if
    there are two, as for two links between the same ports)."""
    shared = [lines[0].origin, lines[0].destination]
    for line in lines[1:]:
        shared = [p for p in shared if p in (line.origin, line.destination)]
    return shared[0] if shared else None


def carried(line: SeaLink, nodes: Mapping[str, NodeSpec]) -> set[str]:
    """The handling classes ``line`` carries: those of its own fleet that both its ports
    handle."""
    classes = {cls for v in line.fleet for cls in v.capacity}
    for end in (line.origin, line.destination):
        classes &= set(nodes[end].handling_rate_per_h)
    return classes


def unfit(vessel: VesselSpec, line: SeaLink, nodes: Mapping[str, NodeSpec]) -> str | None:
    """Why ``vessel`` cannot serve ``line`` (None if it can)."""
    for end in (line.origin, line.destination):
        berths = nodes[end].berths
        if vessel.berth not in berths:
            return f"port {end!r} has no {vessel.berth!r} berth (it has: {', '.join(berths)})"
    wanted = carried(line, nodes)
    if not wanted & set(vessel.capacity):
        return (
            f"it carries {', '.join(vessel.capacity)}, the line carries "
            f"{', '.join(sorted(wanted)) or 'nothing'}"
        )
    return None


def check_pools(
    pools: Mapping[str, FleetPool], links: Mapping[str, LinkSpec], nodes: Mapping[str, NodeSpec]
) -> None:
    """Every line of a pool is a sea link, in no other pool; a pool's lines share a port;
    every vessel of a pool can serve every line of it (see the module docstring). Key
    paths read ``fleet_pools.<pool>.lines[i]``."""
    owner: dict[str, str] = {}
    for key, pool in pools.items():
        where = f"fleet_pools.{key}"
        lines: list[SeaLink] = []
        for i, name in enumerate(pool.lines):
            link = links.get(name)
            if not isinstance(link, SeaLink):
                what = "no link" if link is None else f"a {link.kind} link"
                checks.fail(
                    f"{where}.lines[{i}]",
                    f"must name a sea link; {name!r} is {what}",
                    TopologyError,
                )
            if name in owner:
                checks.fail(
                    f"{where}.lines[{i}]",
                    f"sea link {name!r} is already in pool {owner[name]!r} (a link is in at "
                    f"most one pool)",
                )
            owner[name] = key
            lines.append(link)
        if hub(lines) is None:
            ends = "; ".join(f"{x.name}: {x.origin}-{x.destination}" for x in lines)
            checks.fail(
                f"{where}.lines",
                f"the lines of a pool must all call at one port, the hub where vessels "
                f"change line (got {ends})",
                TopologyError,
            )
        _check_vessels(where, lines, nodes)


def _check_vessels(where: str, lines: list[SeaLink], nodes: Mapping[str, NodeSpec]) -> None:
    for home in lines:
        for vessel in home.fleet:
            for line in lines:
                why = None if line is home else unfit(vessel, line, nodes)
                if why:
                    checks.fail(
                        f"{where}.lines",
                        f"vessel {vessel.name!r} of {home.name!r} cannot serve {line.name!r}: "
                        f"{why}; every vessel of a pool must be able to serve every line "
                        f"(leave {line.name!r} out of the pool)",
                        TopologyError,
                    )
