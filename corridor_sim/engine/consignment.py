"""Consignments, the cargo the engine moves, and the flows they belong to.

A :class:`FlowState` is one flow's route through the running model and its delivery
records; a :class:`Consignment` is a batch of units of one flow. The flow sees the
elements of its route only through two small interfaces, :class:`Stop` and :class:`Hop`,
so this module stands below the nodes and links that handle consignments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from corridor_sim.engine.records import FlowRecord, StageRecord
from corridor_sim.engine.stats import Histogram
from corridor_sim.model.cargo import Commodity
from corridor_sim.model.demand import PRIORITIES, FlowSpec

WAIT, MOVE = 0, 1


class Stop(Protocol):
    """An element on a flow's route, as the flow sees it (an engine node or link)."""

    @property
    def index(self) -> int: ...

    @property
    def name(self) -> str: ...

    @property
    def role(self) -> str: ...


class Hop(Protocol):
    """A lane on a flow's route: where a consignment leaving a node goes next."""

    def enqueue(self, c: Consignment) -> None: ...


class Consignment:
    """``qty`` units of one flow that travel together until a vehicle splits them.

    ``hop`` is the consignment's place on its flow's route (node, link, node, ..., node):
    even at a node, odd on a link. ``t`` is when the current stage began (h); ``stages``
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


class FlowState:
    """Delivery statistics of one flow.

    ``route`` lists the elements passed (node, link, node, ..., node; a consignment's
    ``hop`` indexes it); ``lanes`` the lanes taken, the one leaving hop ``h`` at
    ``lanes[h >> 1]``.
    ``rank`` is the flow's place in the loading order (0 first: :data:`PRIORITIES`).
    ``generated``/``delivered`` count units since t = 0 (mass balance); ``transit`` and
    ``stage_h`` hold the statistics-period deliveries, weighted by units; ``daily`` the
    units delivered per day of the run (day -> units, for time series).
    """

    def __init__(
        self,
        spec: FlowSpec,
        commodity: Commodity,
        commodity_index: int,
        route: Sequence[Stop],
        lanes: Sequence[Hop],
    ) -> None:
        self.spec = spec
        self.name = spec.name
        self.unit = commodity.unit
        self.handling = commodity.handling
        self.mass_per_unit_t = commodity.mass_per_unit_t
        self.commodity_index = commodity_index
        self.rank = PRIORITIES.index(spec.priority)
        #: the elements passed, in order: node, link, node, ..., node
        self.route = tuple(route)
        self.lanes = tuple(lanes)
        self.last_hop = len(self.route) - 1
        self.generated = 0.0
        self.generated_at_warmup = 0.0
        self.delivered = 0.0
        self.delivered_at_warmup = 0.0
        self.counting = False
        self.transit = Histogram()
        self.stage_h: dict[tuple[int, int], float] = {}
        self.daily: dict[int, float] = {}
        #: called with the units delivered and the time, if the units go back empty
        self.returns: Callable[[float, float], None] | None = None

    def deliver(self, c: Consignment, now: float) -> None:
        """Record ``c`` as delivered at ``now`` (and send its empties back, if any)."""
        if self.returns is not None:
            self.returns(c.qty, now)
        self.delivered += c.qty
        day = int(now // 24.0)
        self.daily[day] = self.daily.get(day, 0.0) + c.qty
        if self.counting:
            self.transit.add(now - c.created, c.qty)
            stage_h = self.stage_h
            qty = c.qty
            for element, kind, hours in c.stages:
                key = (element, kind)
                stage_h[key] = stage_h.get(key, 0.0) + hours * qty

    def reset_stats(self) -> None:
        """Begin the statistics period (end of warm-up)."""
        self.counting = True
        self.generated_at_warmup = self.generated
        self.delivered_at_warmup = self.delivered
        self.transit = Histogram()
        self.stage_h = {}

    def record(self, elements: Sequence[Stop], in_system_units: float) -> FlowRecord:
        """The flow's record; ``elements`` are the simulation's, by index."""
        stages: dict[int, list[float]] = {}
        for (index, kind), unit_h in self.stage_h.items():
            stages.setdefault(index, [0.0, 0.0])[0 if kind == WAIT else 1] += unit_h
        position: dict[int, int] = {}
        for i, e in enumerate(self.route):
            position.setdefault(e.index, i)
        return FlowRecord(
            name=self.name,
            commodity=self.spec.commodity,
            unit=self.unit,
            mass_per_unit_t=self.mass_per_unit_t,
            generated_units=self.generated,
            delivered_units=self.delivered,
            in_system_units=in_system_units,
            offered_period_units=self.generated - self.generated_at_warmup,
            delivered_period_units=self.delivered - self.delivered_at_warmup,
            transit=self.transit,
            stages=tuple(
                StageRecord(
                    element=elements[index].name,
                    role=elements[index].role,
                    position=position.get(index, len(self.route)),
                    wait_unit_h=wait,
                    move_unit_h=move,
                )
                for index, (wait, move) in stages.items()
            ),
            daily=self.daily,
            returns_of=self.spec.returns_of,
        )
