"""Ports: a node with berths by type and loading/unloading rates by handling class."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import simpy
from simpy.resources.resource import Request

from corridor_sim.engine.consignment import Consignment
from corridor_sim.engine.context import RunContext
from corridor_sim.engine.node import Node
from corridor_sim.engine.records import BerthRecord, ElementRecord
from corridor_sim.engine.sampling import sampler
from corridor_sim.engine.stats import Level
from corridor_sim.model.network import NodeSpec

#: what a vessel alongside is doing, as berth statistics count it
WORKING, IDLE = "working", "idle"


class Port(Node):
    """A seaport. Vessels of sea links queue at anchorage for a berth of their type, enter
    within the port's ``entry_window``, and on the berth clear formalities, unload into
    the port's storage (held alongside while it is full) and load from it.

    Berth statistics follow port practice (UNCTAD's port performance indicators): a berth
    is *occupied* while a vessel is alongside, *working* while it berths, clears
    formalities, unloads or loads, and *idle* while it waits alongside for cargo or for
    room in the port. Utilisation counts working berths only.
    """

    def __init__(self, ctx: RunContext, spec: NodeSpec) -> None:
        super().__init__(ctx, spec)
        self.berths = {t: simpy.Resource(self.env, n) for t, n in spec.berths.items()}
        self.alongside = {t: {WORKING: Level(), IDLE: Level()} for t in spec.berths}
        self.rates = spec.handling_rate_per_h
        self.berth_time_h = spec.berth_time_h
        self.entry_window = spec.entry_window
        self.formalities = (
            self._sampler(spec, "arrival", ctx),
            self._sampler(spec, "departure", ctx),
        )
        self._outages: list[tuple[str, Request]] = []  # berths out for repair

    def _sampler(self, spec: NodeSpec, way: str, ctx: RunContext) -> Callable[[], float] | None:
        dist = getattr(spec, f"formalities_{way}")
        if dist is None:
            return None
        return sampler(dist, ctx.streams.get(f"formalities:{self.name}:{way}"))

    def entry_wait_h(self, now: float) -> float:
        """Hours a vessel ready to berth at ``now`` waits for the entry window."""
        return 0.0 if self.entry_window is None else self.entry_window.wait_h(now)

    def shift(self, berth: str, old: str | None, new: str | None) -> None:
        """A vessel alongside a ``berth`` berth goes from ``old`` to ``new`` (:data:`WORKING`,
        :data:`IDLE`, or None: not alongside)."""
        if old == new:
            return
        now = self.env.now
        levels = self.alongside[berth]
        if old is not None:
            levels[old].add(-1, now)
        if new is not None:
            levels[new].add(1, now)
        if self.activity is not None and WORKING in (old, new):
            self.note_activity()

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
        formalities, unloading or loading) or is out of service."""
        busy = {t: levels[WORKING].value for t, levels in self.alongside.items()}
        for kind, request in self._outages:
            busy[kind] += request.triggered
        return super().is_active() or any(busy[t] >= n for t, n in self.spec.berths.items())

    def reset_stats(self, now: float) -> None:
        super().reset_stats(now)
        for levels in self.alongside.values():
            for level in levels.values():
                level.reset(now)

    # -- the record of the run --------------------------------------------------------
    def traceable(self) -> bool:
        return True

    def utilisation_parts(self, now: float) -> list[float]:
        """Also the share of each berth type's berths at work (not idle alongside)."""
        parts = super().utilisation_parts(now)
        return parts + [
            self.alongside[t][WORKING].mean(now) / n for t, n in self.spec.berths.items()
        ]

    def record(self, now: float, days: float) -> ElementRecord:
        berths = []
        for t, n in self.spec.berths.items():
            working = self.alongside[t][WORKING].mean(now)
            idle = self.alongside[t][IDLE].mean(now)
            berths.append(BerthRecord(t, n, working + idle, working, idle))
        return dataclasses.replace(super().record(now, days), berths=tuple(berths))
