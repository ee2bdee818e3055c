"""Ports: a node with berths by type and loading/unloading rates by handling class."""

from __future__ import annotations

import dataclasses

import simpy
from simpy.resources.resource import Request

from corridor_sim.engine.consignment import Consignment
from corridor_sim.engine.context import RunContext
from corridor_sim.engine.node import Node
from corridor_sim.engine.records import BerthRecord, ElementRecord
from corridor_sim.engine.stats import Level
from corridor_sim.model.network import NodeSpec


class Port(Node):
    """A seaport. Vessels of sea links request a berth of their type here, unload into the
    port's storage (held at berth while it is full) and load from it."""

    def __init__(self, ctx: RunContext, spec: NodeSpec) -> None:
        super().__init__(ctx, spec)
        self.berths = {t: simpy.Resource(self.env, n) for t, n in spec.berths.items()}
        self.berth_levels = {t: Level() for t in spec.berths}
        self.berths_working = dict.fromkeys(spec.berths, 0)  # only while tracing activity
        self.rates = spec.handling_rate_per_h
        self.berth_time_h = spec.berth_time_h
        self._outages: list[tuple[str, Request]] = []  # berths out for repair

    def fail(self) -> None:
        """A failure takes one berth of the largest berth group out of service (as soon
        as a vessel leaves it); a port with processing servers loses a server instead."""
        if self.servers:
            super().fail()
            return
        kind = max(self.berths, key=lambda t: self.berths[t].capacity)
        self._outages.append((kind, self.berths[kind].request()))
        self.note_activity()

    def repair(self) -> None:
        if self.servers:
            super().repair()
            return
        kind, request = self._outages.pop(0)
        if request.triggered:
            self.berths[kind].release(request)
        else:
            request.cancel()
        self.note_activity()

    def handling_hours(self, batch: list[Consignment]) -> float:
        """Hours to load or unload ``batch`` at this port's handling rates."""
        rates = self.rates
        return sum(c.qty / rates[c.flow.handling] for c in batch)

    def is_active(self) -> bool:
        """Also active while every berth of one type holds a vessel at work (berthing,
        loading, unloading or under repair) or is out of service."""
        busy = dict(self.berths_working)
        for kind, request in self._outages:
            busy[kind] += request.triggered
        return super().is_active() or any(busy[t] >= n for t, n in self.spec.berths.items())

    def reset_stats(self, now: float) -> None:
        super().reset_stats(now)
        for level in self.berth_levels.values():
            level.reset(now)

    # -- the record of the run --------------------------------------------------------
    def traceable(self) -> bool:
        return True

    def utilisation_parts(self, now: float) -> list[float]:
        """Also the share of each berth type's berths in use."""
        parts = super().utilisation_parts(now)
        return parts + [self.berth_levels[t].mean(now) / n for t, n in self.spec.berths.items()]

    def record(self, now: float, days: float) -> ElementRecord:
        berths = tuple(
            BerthRecord(t, n, self.berth_levels[t].mean(now)) for t, n in self.spec.berths.items()
        )
        return dataclasses.replace(super().record(now, days), berths=berths)
