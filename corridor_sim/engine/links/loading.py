"""How much of its capacity a vessel may load on a call: the load factor per handling
class, from its draft and the ports' depth on the call date, or an explicit share
(:meth:`~corridor_sim.model.fleet.SeaLink.load_factors`).

Worked out once per call, not per event: a few multiplications per handling class.
"""

from __future__ import annotations

import datetime as dt
import math

from corridor_sim.model.cargo import Commodity, heaviest_unit_t
from corridor_sim.model.draft import YEAR_H, WaterDepth, usable_draft_m
from corridor_sim.model.fleet import SeaLink, VesselSpec
from corridor_sim.model.network import NodeSpec


class Loading:
    """The load factors of one sea link's vessels, by the run's calendar.

    ``start`` is the calendar date of t = 0; a call at ``now_h`` hours falls
    ``now_h / 8760`` years after it (the engine's year of 365 days).
    """

    def __init__(
        self,
        spec: SeaLink,
        ports: tuple[NodeSpec, NodeSpec],
        start: dt.date,
        commodities: list[Commodity],
    ) -> None:
        self.spec = spec
        self.depths: tuple[WaterDepth | None, ...] = tuple(p.water_depth for p in ports)
        #: years from each port's reference date to t = 0
        self.years0 = tuple(d.years_since(start) if d else 0.0 for d in self.depths)
        self.limited = any(d is not None for d in self.depths)
        self.cargo_t = heaviest_unit_t(commodities)

    def draft_m(self, now_h: float) -> float:
        """The usable draft at ``now_h``, m (infinite if neither port has a depth)."""
        if not self.limited:
            return math.inf
        years = tuple(y + now_h / YEAR_H for y in self.years0)
        return usable_draft_m(self.depths, years)

    def factors(self, vessel: VesselSpec, now_h: float) -> dict[str, float]:
        """Load factor per handling class of ``vessel`` on a call at ``now_h``."""
        draft = self.draft_m(now_h) if vessel.draft is not None else math.inf
        return self.spec.load_factors(vessel, draft, self.cargo_t)
