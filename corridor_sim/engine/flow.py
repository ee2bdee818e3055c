"""A flow's running state: its route through engine elements and its delivery records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corridor_sim.engine.consignment import WAIT, Consignment
from corridor_sim.engine.records import FlowRecord, StageRecord
from corridor_sim.engine.stats import Histogram
from corridor_sim.model.cargo import Commodity
from corridor_sim.model.demand import FlowSpec

if TYPE_CHECKING:
    from corridor_sim.engine.element import Element
    from corridor_sim.engine.links.base import Lane
    from corridor_sim.engine.node import Node


class FlowState:
    """Delivery statistics of one flow.

    ``route`` alternates nodes and the lanes between them (a consignment's ``hop`` indexes
    it); ``lanes`` holds just the lanes, the one leaving hop ``h`` at ``lanes[h >> 1]``.
    ``generated``/``delivered`` count units since t = 0 (mass balance); ``transit`` and
    ``stage_h`` hold the statistics-period deliveries, weighted by units; ``daily`` the
    units delivered per day of the run (day -> units, for time series).
    """

    def __init__(
        self,
        spec: FlowSpec,
        commodity: Commodity,
        commodity_index: int,
        nodes: list[Node],
        lanes: list[Lane],
    ) -> None:
        self.spec = spec
        self.name = spec.name
        self.unit = commodity.unit
        self.handling = commodity.handling
        self.mass_per_unit_t = commodity.mass_per_unit_t
        self.commodity_index = commodity_index
        self.origin = nodes[0]
        self.lanes = tuple(lanes)
        #: the elements passed, in order: node, link, node, ..., node
        route: list[Element] = [nodes[0]]
        for lane, node in zip(lanes, nodes[1:], strict=True):
            route += [lane.link, node]
        self.route = tuple(route)
        self.last_hop = len(self.route) - 1
        self.generated = 0.0
        self.generated_at_warmup = 0.0
        self.delivered = 0.0
        self.delivered_at_warmup = 0.0
        self.counting = False
        self.transit = Histogram()
        self.stage_h: dict[tuple[int, int], float] = {}
        self.daily: dict[int, float] = {}

    def deliver(self, c: Consignment, now: float) -> None:
        """Record ``c`` as delivered at ``now``."""
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

    def record(self, elements: list[Element], in_system_units: float) -> FlowRecord:
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
        )
