"""What every element of one run shares: the clock, the random streams, the commodities
and the calendar. Elements get it instead of the whole simulation, so that they depend
only on what they use."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

import simpy

from corridor_sim.engine.sampling import Streams
from corridor_sim.model.cargo import Commodity


@dataclass
class RunContext:
    """The shared state of one run.

    ``days`` is the number of calendar days the run touches (for daily counters);
    ``warmup_h`` the end of the warm-up, hours from t = 0; ``start`` the calendar date of
    t = 0 (for the sea level on a call date). :meth:`next_index` numbers the
    elements in the order they are made (a consignment's stages name elements by it).
    """

    env: simpy.Environment
    streams: Streams
    commodities: list[Commodity]
    days: int
    warmup_h: float
    start: dt.date = dt.date(2024, 1, 1)
    _count: itertools.count[int] = field(default_factory=itertools.count, repr=False)

    def next_index(self) -> int:
        """The index of the next element made."""
        return next(self._count)
