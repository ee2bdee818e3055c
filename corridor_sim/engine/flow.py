"""A flow's running state: its route through engine elements and its delivery records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corridor_sim.engine.consignment import Consignment
from corridor_sim.engine.stats import Histogram
from corridor_sim.model.cargo import Commodity
from corridor_sim.model.demand import FlowSpec

if TYPE_CHECKING:
    from corridor_sim.engine.element import Element


class FlowState:
    """Delivery statistics of one flow.

    ``generated``/``delivered`` count units since t = 0 (mass balance); ``transit`` and
    ``stage_h`` hold the statistics-period deliveries, weighted by units; ``daily`` the
    units delivered per day of the run (day -> units, for time series).
    """

    def __init__(
        self, spec: FlowSpec, commodity: Commodity, commodity_index: int, route: tuple[Element, ...]
    ) -> None:
        self.spec = spec
        self.name = spec.name
        self.unit = commodity.unit
        self.handling = commodity.handling
        self.mass_per_unit_t = commodity.mass_per_unit_t
        self.commodity_index = commodity_index
        self.route = route
        self.last_hop = len(route) - 1
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
