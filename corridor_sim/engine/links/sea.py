"""Sea links: a fleet of vessels shuttling between two ports, carrying cargo both ways.

Each vessel is a SimPy process. At a port it waits for the port to be open and for a
berth of its type, unloads (held at berth while the port's storage is full), loads what
waits for it in the next direction, and sails when full, when ``max_wait`` since it was
ready has passed (with cargo on board or waiting at the other end), or at its slot.
"""

from __future__ import annotations

import dataclasses
import math
from collections import deque
from collections.abc import Generator, Iterable
from typing import Any

import simpy

from corridor_sim.engine.consignment import Consignment
from corridor_sim.engine.context import RunContext
from corridor_sim.engine.links.base import Batch, Lane, Link
from corridor_sim.engine.links.vessel import Vessel
from corridor_sim.engine.port import Port
from corridor_sim.engine.records import ElementRecord
from corridor_sim.engine.sampling import Streams
from corridor_sim.model.disruptions import Failures
from corridor_sim.model.network import SeaLink

FULL = 1 - 1e-9
#: vessel states in which a vessel is not spare: at work, or down (shifting-bottleneck trace)
AT_WORK = frozenset({"sailing", "loading", "unloading", "berthing", "repair", "weather_bound"})
#: vessel states that hold a berth at work
AT_BERTH = frozenset({"loading", "unloading", "berthing", "repair"})
#: vessel states that count as busy for utilisation
BUSY = ("sailing", "loading", "unloading", "berthing", "waiting_berth", "blocked")


class SeaLane(Lane):
    """Cargo waiting at one port for the link's vessels to the other port.

    Cargo queues per handling class, so a vessel finds what it can carry at once; across
    classes, the vessel takes whichever has waited longest first.
    """

    link: Sea

    def __init__(self, link: Sea, source: Port, target: Port) -> None:
        super().__init__(link, source, target)
        self.by_class: dict[str, deque[Consignment]] = {}

    @property
    def waiting(self) -> list[Consignment]:
        """All cargo waiting on this side, oldest first."""
        return sorted((c for q in self.by_class.values() for c in q), key=lambda c: c.t)

    def enqueue(self, c: Consignment) -> None:
        self.link.accept(self, c)
        queue = self.by_class.get(c.flow.handling)
        if queue is None:
            queue = self.by_class[c.flow.handling] = deque()
        queue.append(c)
        self.link.signal_cargo()

    def queued(self) -> Iterable[Consignment]:
        for queue in self.by_class.values():
            yield from queue

    def has_cargo_for(self, vessel: Vessel) -> bool:
        """True if cargo that ``vessel`` can carry waits on this side."""
        by_class = self.by_class
        return any(by_class.get(cls) for cls in vessel.capacity)

    def take(self, vessel: Vessel, room: float) -> tuple[Batch, float]:
        """Load up to ``room`` (share of the vessel) from the waiting cargo it can carry."""
        load: Batch = []
        used = 0.0
        queues = [
            (self.by_class[cls], cap)
            for cls, cap in vessel.capacity.items()
            if cap > 0 and self.by_class.get(cls)
        ]
        while queues and room - used > 1e-9:
            queue, cap = min(queues, key=lambda qc: qc[0][0].t)
            c = queue[0]
            share = c.qty / cap
            if share > room - used + 1e-9:
                c, share = c.split(c.qty * (room - used) / share), room - used
            else:
                queue.popleft()
                if not queue:
                    queues = [qc for qc in queues if qc[0]]
            used += share
            load.append(c)
            self.link.depart(self, c)
        return load, used


class Sea(Link):
    """A sea link and its fleet."""

    lane_class = SeaLane

    def __init__(self, ctx: RunContext, spec: SeaLink, ports: tuple[Port, Port]) -> None:
        super().__init__(ctx, spec)
        self.spec: SeaLink = spec
        self.ports = ports
        for a, b in ((0, 1), (1, 0)):
            self.lane(ports[a], ports[b])
        self._cargo: simpy.Event | None = None
        self.vessels = [Vessel(self, v, i) for i, v in enumerate(spec.fleet)]
        self.working = 0  # vessels AT_WORK, counted only while tracing activity

    def signal_cargo(self) -> None:
        """Wake vessels waiting for cargo."""
        if self._cargo is not None:
            event, self._cargo = self._cargo, None
            event.succeed()

    def cargo_arrives(self) -> simpy.Event:
        """An event that fires when cargo next joins either side."""
        if self._cargo is None:
            self._cargo = self.env.event()
        return self._cargo

    def side(self, port_index: int) -> SeaLane:
        """The lane loading at port ``port_index`` (0 = from, 1 = to)."""
        a, b = self.ports[port_index], self.ports[1 - port_index]
        lane = self.lanes[(a.name, b.name)]
        assert isinstance(lane, SeaLane)
        return lane

    def unload(self, port_index: int, batch: Batch) -> Generator[simpy.Event, Any, None]:
        """Hand ``batch`` to the port; wait (at berth) until the port admits it."""
        done = self.env.event()

        def admitted() -> None:
            done.succeed()

        self.arrive(self.side(1 - port_index), batch, admitted)
        yield done

    def note_vessel(self, vessel: Vessel, old: str, new: str) -> None:
        """Trace ``vessel`` changing state: the link is active while no vessel is spare
        (idle, blocked or waiting for a berth); the port while a berth type is all at work."""
        if (old in AT_WORK) != (new in AT_WORK):
            self.working += 1 if new in AT_WORK else -1
            self.note_activity()
        if (old in AT_BERTH) != (new in AT_BERTH):
            port = self.ports[vessel.port_index]
            port.berths_working[vessel.spec.berth] += 1 if new in AT_BERTH else -1
            port.note_activity()

    def note_activity(self) -> None:
        if self.activity is not None:
            active = self.closed > 0 or self.working >= len(self.vessels)
            self.activity.update(active, self.env.now)

    def reset_stats(self, now: float) -> None:
        super().reset_stats(now)
        for v in self.vessels:
            v.reset_stats(now)

    def start_failures(self, spec: Failures, streams: Streams, number: int) -> None:
        """Each vessel fails on its own, from its own random stream."""
        for vessel in self.vessels:
            vessel.start_failures(spec, streams.get(f"failure:{self.name}:{vessel.name}:{number}"))

    # -- the record of the run --------------------------------------------------------
    def traceable(self) -> bool:
        return True

    def utilisation(self, now: float, days: float) -> float:
        """Vessel time not idle, out of the time not lost to weather or repair."""
        busy = available = 0.0
        for v in self.vessels:
            hours = v.hours_by_state(now)
            busy += sum(hours[s] for s in BUSY)
            available += sum(hours.values()) - hours["weather_bound"] - hours["repair"]
        return busy / available if available > 0 else math.nan

    def record(self, now: float, days: float) -> ElementRecord:
        vessels = tuple(v.record(now) for v in self.vessels)
        return dataclasses.replace(super().record(now, days), vessels=vessels)

    def holdings(self) -> Iterable[Consignment]:
        yield from super().holdings()
        for v in self.vessels:
            yield from v.hold
        for lane in self.lanes.values():
            yield from lane.queued()
