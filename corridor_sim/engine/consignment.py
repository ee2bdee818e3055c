"""Consignments: the cargo the engine moves, one record per batch of units of one flow."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corridor_sim.engine.flow import FlowState

WAIT, MOVE = 0, 1


class Consignment:
    """``qty`` units of one flow that travel together until a vehicle splits them.

    ``route`` holds the engine elements to pass (node, lane, node, ..., node) and ``hop``
    the index of the current one. ``t`` is when the current stage began (h); ``stages``
    records ``(element index, WAIT or MOVE, hours)`` for the transit-time breakdown.
    """

    __slots__ = ("created", "flow", "hop", "qty", "stages", "t")

    def __init__(self, flow: FlowState, qty: float, now: float) -> None:
        self.flow = flow
        self.qty = qty
        self.created = now
        self.t = now
        self.hop = -1  # the origin node's admission makes it 0
        self.stages: list[tuple[int, int, float]] = []

    def mark(self, element: int, kind: int, now: float) -> None:
        """Close the current stage at ``now``, spent at ``element`` waiting or moving."""
        if now > self.t:
            self.stages.append((element, kind, now - self.t))
            self.t = now

    def split(self, qty: float) -> Consignment:
        """Take ``qty`` units off into a new consignment with the same history."""
        part = Consignment.__new__(Consignment)
        part.flow = self.flow
        part.qty = qty
        part.created = self.created
        part.t = self.t
        part.hop = self.hop
        part.stages = list(self.stages)
        self.qty -= qty
        return part

    @property
    def tonnes(self) -> float:
        """Mass of the consignment, t."""
        return self.qty * self.flow.mass_per_unit_t

    def __repr__(self) -> str:
        return f"Consignment({self.flow.name}, {self.qty:g} {self.flow.unit}, hop {self.hop})"
