"""Which links join which nodes and which cargo each can carry: the rules a flow's route
is held to, over every kind of link (``Scenario._check_flows`` and
:mod:`corridor_sim.scenario.routing`).

They look at the sea links' fleets as well as at the other kinds, so they sit above both
:mod:`~corridor_sim.model.network` and :mod:`~corridor_sim.model.fleet`.
"""

from __future__ import annotations

from corridor_sim.model.fleet import SeaLink
from corridor_sim.model.network import LinkSpec, NodeSpec, PipelineLink, RailLink


def joins(link: LinkSpec, a: str, b: str) -> bool:
    """True if cargo can go from node ``a`` to node ``b`` on ``link`` (pipelines one way)."""
    if (link.origin, link.destination) == (a, b):
        return True
    return not isinstance(link, PipelineLink) and (link.destination, link.origin) == (a, b)


def refusal(link: LinkSpec, handling: str, nodes: dict[str, NodeSpec]) -> str | None:
    """Why ``link`` cannot carry cargo of class ``handling`` (None if it can)."""
    if isinstance(link, PipelineLink) and handling != "liquid":
        return f"pipeline {link.name!r} carries only liquid cargo (got {handling!r})"
    if isinstance(link, RailLink) and handling not in link.train_capacity:
        return f"rail link {link.name!r} has no train capacity for {handling!r}"
    if isinstance(link, SeaLink):
        if not any(handling in v.capacity for v in link.fleet):
            return f"no vessel on sea link {link.name!r} carries {handling!r}"
        for end in (link.origin, link.destination):
            if handling not in nodes[end].handling_rate_per_h:
                return (
                    f"port {end!r} has no handling_rate for {handling!r} (needed by {link.name!r})"
                )
    return None
