"""Flow sources: cargo arrivals at a flow's origin, with monthly seasonality.

Arrival times come from inverting the cumulative intensity of a rate that is constant
within each calendar month: exact for a non-homogeneous Poisson process, with one
event per arrival and no thinning.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable

import numpy as np
import simpy

from corridor_sim.engine.consignment import Consignment, FlowState
from corridor_sim.engine.node import Node
from corridor_sim.engine.sampling import Sampler


class Source:
    """Generates the consignments of one flow and offers them to its ``origin`` node."""

    def __init__(
        self,
        env: simpy.Environment,
        flow: FlowState,
        origin: Node,
        month_starts: list[float],
        month_of: list[int],
        rng: np.random.Generator,
    ) -> None:
        spec = flow.spec
        self.env = env
        self.flow = flow
        self.size = spec.size_units
        base = spec.volume_units_per_h / spec.size_units
        self.month_starts = month_starts
        self.rates = [base * spec.seasonality[month_of[i]] for i in range(len(month_starts))]
        self.held: dict[int, list[Consignment]] = {}  # arrivals held outside, by id
        self.count = 0  # consignments generated
        if spec.pattern == "deterministic":
            self.gap: Callable[[], float] = lambda: 1.0
        else:
            self.gap = Sampler(lambda n: rng.exponential(1.0, n))
        self.origin = origin
        self._schedule(0.0)

    def _next_time(self, now: float) -> float | None:
        """Time of the next arrival after ``now``; None if the rate stays zero."""
        need = self.gap()
        i = bisect_right(self.month_starts, now) - 1
        t = now
        while i < len(self.rates):
            end = self.month_starts[i + 1] if i + 1 < len(self.month_starts) else float("inf")
            rate = self.rates[i]
            if rate > 0 and (end - t) * rate >= need:
                return t + need / rate
            need -= (end - t) * rate
            t = end
            i += 1
        return None

    def _schedule(self, now: float) -> None:
        t = self._next_time(now)
        if t is not None:
            self.env.timeout(t - now).callbacks.append(self._arrive)

    def _arrive(self, _event: object) -> None:
        now = self.env.now
        c = Consignment(self.flow, self.size, now)
        self.flow.generated += self.size
        self.count += 1
        self.origin.hand_over([c], self.held)
        self._schedule(now)

    def holdings(self) -> Iterable[Consignment]:
        for batch in self.held.values():
            yield from batch
