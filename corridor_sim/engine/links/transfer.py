"""Transfer links: each consignment moves on by itself after a fixed delay (or at once)."""

from __future__ import annotations

from collections.abc import Iterable

import simpy

from corridor_sim.engine.consignment import Consignment
from corridor_sim.engine.context import RunContext
from corridor_sim.engine.links.base import Lane, Link
from corridor_sim.model.network import TransferLink


class TransferLane(Lane):
    """Consignments leave as soon as the link is open; a delay of 0 h takes no event."""

    link: Transfer

    def enqueue(self, c: Consignment) -> None:
        link = self.link
        target = self.target
        if link.instant and not link.closed and target.yard is None:
            # fast path: nothing waits or moves, so no queue, stage or wait to record
            link.units_in[c.flow.commodity_index] += c.qty
            self.source.release(c)
            link.count_out(c, link.env.now)
            target._admit([c])
            return
        link.accept(self, c)
        if link.closed:
            link.stalled.append((self, c))
            return
        link.send(self, c)

    def queued(self) -> Iterable[Consignment]:
        return (c for lane, c in self.link.stalled if lane is self)


class Transfer(Link):
    """A link with a fixed delay and no capacity limit (a road, a siding, a queue hop)."""

    lane_class = TransferLane

    def __init__(self, ctx: RunContext, spec: TransferLink) -> None:
        super().__init__(ctx, spec)
        self.delay_h = spec.delay_h
        self.instant = spec.delay_h == 0
        self.stalled: list[tuple[TransferLane, Consignment]] = []
        self.in_transit: dict[int, Consignment] = {}  # by id

    def send(self, lane: TransferLane, c: Consignment) -> None:
        self.depart(lane, c)
        if self.delay_h == 0:
            self.arrive(lane, [c])
            return
        self.in_transit[id(c)] = c
        self.env.timeout(self.delay_h, (lane, c)).callbacks.append(self._landed)

    def _landed(self, event: simpy.Event) -> None:
        lane, c = event._value  # the timeout carries its lane and consignment
        del self.in_transit[id(c)]
        self.arrive(lane, [c])

    def on_open(self) -> None:
        stalled, self.stalled = self.stalled, []
        for lane, c in stalled:
            self.send(lane, c)

    def holdings(self) -> Iterable[Consignment]:
        yield from super().holdings()
        yield from self.in_transit.values()
        for _, c in self.stalled:
            yield c
