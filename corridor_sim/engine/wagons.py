"""A wagon pool in the running model: cargo waits at the load node for wagons, which go
back there empty once it is unloaded.

A :class:`Wagons` keeps how many of its wagons stand free at its load node (a
continuous amount: consignments are continuous quantities, split by the trains that
carry them, so a consignment of ``qty`` units takes ``qty / per_wagon`` wagons and each
part of it later frees its own share). The load node hands over each consignment of the
pool's flows that is about to leave by a link (:meth:`Wagons.load`): it is loaded at
once if the wagons it needs stand free and nothing waits ahead of it, and otherwise
waits, first come first served. When wagons come back, the first consignment waiting
takes them: all of it if enough are free, else, if at least one wagon is free, the part
the free wagons carry (the rest keeps its place). Splitting rather than waiting whole
means no wagons stand idle while cargo waits (so the pool carries exactly its capacity
when demand exceeds it) and a consignment larger than the whole fleet still leaves;
taking at least one wagon at a time keeps the parts few.

A consignment comes off the wagons (:meth:`Wagons.unload`) when an unload node admits
it, or when it is delivered or leaves the corridor before reaching one; the wagons then
take the pool's empty-return time (drawn from the pool's own random stream) to be free
at the load node again.

The pool is an element (role ``pool``, kind ``wagons``), ranked as a bottleneck like a
berth or a border: its utilisation is the wagons in use (loaded, or returning empty)
over the fleet; it is active (the shifting-bottleneck trace) while cargo waits for wagons
or less than one stands free; its queue is the tonnes waiting for wagons, whose hours are
booked to it (the wait share); its throughput is the cargo loaded. Cargo waiting for
wagons still occupies the load node's storage; the node's own balance counts it as
present there.
"""

from __future__ import annotations

import dataclasses
import math
from collections import deque
from collections.abc import Iterable

from corridor_sim.engine.consignment import WAIT, Consignment, Hop
from corridor_sim.engine.context import RunContext
from corridor_sim.engine.element import Element
from corridor_sim.engine.records import ElementRecord, WagonRecord
from corridor_sim.engine.sampling import sampler
from corridor_sim.engine.stats import Histogram, Level
from corridor_sim.model.wagons import WagonPool

EPS = 1e-9  # wagons: a consignment needing this much more than is free still fits


class Wagons(Element):
    """The running wagon pool of ``spec`` (see the module docstring); ``per_wagon`` gives
    the units of each of its flows that one wagon carries, by flow name."""

    role = "pool"

    def __init__(self, ctx: RunContext, spec: WagonPool, per_wagon: dict[str, float]) -> None:
        super().__init__(ctx, spec.name, "wagons")
        self.spec = spec
        self.fleet = float(spec.wagons)
        self.free = self.fleet  # wagons standing free at the load node
        self.per_wagon = per_wagon
        #: cargo waiting for wagons, first come first served: (consignment, lane, since h)
        self.waiting: deque[tuple[Consignment, Hop, float]] = deque()
        self.in_use = Level()  # wagons loaded or returning empty
        self._empty_h = sampler(spec.empty_return, ctx.streams.get(f"wagons:{spec.name}"))
        self.loads = self.loads_waited = 0
        self.loaded_t = self.wagons_loaded = self.wagon_h = 0.0
        self.round_trips = Histogram()

    # -- loading ----------------------------------------------------------------------
    def load(self, c: Consignment, lane: Hop) -> None:
        """``c``, of one of the pool's flows, leaves the load node by ``lane``: load it
        now if its wagons stand free and nothing waits ahead, else it waits for them."""
        now = self.env.now
        self.units_in[c.flow.commodity_index] += c.qty
        if not self.waiting and c.qty / self.per_wagon[c.flow.name] <= self.free + EPS:
            self._load(c, lane, now, now)
            return
        self.waiting.append((c, lane, now))
        self.queue.add(c.tonnes, now)
        self._serve()  # a large consignment takes the free wagons towards its load
        self._note()

    def _serve(self) -> None:
        """Load the cargo waiting, first come first served, while wagons are free."""
        now = self.env.now
        waiting = self.waiting
        while waiting:
            c, lane, since = waiting[0]
            per_wagon = self.per_wagon[c.flow.name]
            if c.qty / per_wagon <= self.free + EPS:
                waiting.popleft()
            elif self.free >= 1.0:  # the part the free wagons carry; the rest waits
                c = c.split(self.free * per_wagon)
            else:
                break
            self.queue.add(-c.tonnes, now)
            self._load(c, lane, since, now)

    def _load(self, c: Consignment, lane: Hop, since: float, now: float) -> None:
        wagons = c.qty / self.per_wagon[c.flow.name]
        self.free = max(0.0, self.free - wagons)
        self.in_use.add(wagons, now)
        tonnes = c.tonnes
        self.waits.add(now - since, tonnes)
        if since < now:
            c.mark(self.index, WAIT, now)
        if now >= self.ctx.warmup_h:
            self.loads += 1
            self.loads_waited += int(since < now)
            self.loaded_t += tonnes
            self.wagons_loaded += wagons
        self.count_out(c, now)
        c.wagons = (self, now)
        lane.enqueue(c)

    # -- unloading --------------------------------------------------------------------
    def unload(self, c: Consignment) -> None:
        """``c`` comes off the pool's wagons now: they go back empty to the load node."""
        assert c.wagons is not None and c.wagons[0] is self
        loaded_at = c.wagons[1]
        c.wagons = None
        wagons = c.qty / self.per_wagon[c.flow.name]

        def back(_event: object) -> None:
            now = self.env.now
            self.free = min(self.fleet, self.free + wagons)
            self.in_use.add(-wagons, now)
            if now >= self.ctx.warmup_h:
                self.round_trips.add(now - loaded_at, wagons)
                self.wagon_h += wagons * (now - loaded_at)
            self._serve()
            self._note()

        self.env.timeout(self._empty_h()).callbacks.append(back)

    # -- statistics -------------------------------------------------------------------
    def _note(self) -> None:
        if self.activity is not None:
            self.note_activity()

    def note_activity(self) -> None:
        """Active while closed, while cargo waits for wagons or less than one is free."""
        if self.activity is not None:
            busy = bool(self.waiting) or self.free < 1.0
            self.activity.update(self.closed > 0 or busy, self.env.now)

    def traceable(self) -> bool:
        return True

    def holdings(self) -> Iterable[Consignment]:
        """The cargo waiting for wagons (the load node counts it as present too)."""
        return [c for c, _, _ in self.waiting]

    def reset_stats(self, now: float) -> None:
        super().reset_stats(now)
        self.in_use.reset(now)
        self.loads = self.loads_waited = 0
        self.loaded_t = self.wagons_loaded = self.wagon_h = 0.0
        self.round_trips = Histogram()

    def utilisation(self, now: float, days: float) -> float:
        """Mean wagons in use (loaded or returning empty) / the fleet."""
        return self.in_use.mean(now) / self.fleet if self.fleet else math.nan

    def wagon_record(self, now: float) -> WagonRecord:
        """The pool's own statistics over the statistics period."""
        return WagonRecord(
            wagons=self.spec.wagons,
            in_use_mean=self.in_use.mean(now),
            loads=self.loads,
            loaded_t=self.loaded_t,
            wagons_loaded=self.wagons_loaded,
            loads_waited=self.loads_waited,
            round_trips=self.round_trips,
            wagon_h=self.wagon_h,
        )

    def record(self, now: float, days: float) -> ElementRecord:
        return dataclasses.replace(super().record(now, days), wagons=self.wagon_record(now))
