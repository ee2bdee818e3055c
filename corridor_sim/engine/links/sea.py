"""Sea links: a fleet of vessels shuttling between two ports, carrying cargo both ways.

Each vessel is a SimPy process (:mod:`~corridor_sim.engine.links.vessel`, where its port
call is described). At a port it waits at anchorage for the port to be open, for a berth
of its type and for the entry window, berths, clears formalities, unloads (held alongside
while the port's storage is full), loads what waits for it in the next direction, and
sails when full, when ``max_wait`` since it was ready has passed (with cargo on board or
waiting at the other end), or at its slot; meanwhile it waits at anchorage, or alongside
with ``wait_at="berth"``.

The cargo waiting at each port for the fleet is that port's lane,
:class:`~corridor_sim.engine.links.quay.SeaLane`; the link wakes the vessels when cargo
joins, hands unloaded cargo to the port, and keeps the fleet's statistics.

A link of a fleet pool (:mod:`~.pool`) shares its vessels with the pool's other lines:
``home_fleet`` is the fleet it starts with, whose records it hands back wherever they served;
``vessels`` those serving it now (which its activity trace and its holdings count); its
utilisation counts the hours each vessel of the pool served it (``pooled``).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Generator, Iterable
from typing import Any

import simpy

from corridor_sim.engine.consignment import Consignment
from corridor_sim.engine.context import RunContext
from corridor_sim.engine.links.base import Batch
from corridor_sim.engine.links.logbook import Logbook
from corridor_sim.engine.links.quay import Crossing, SeaLane
from corridor_sim.engine.links.vessel import Vessel
from corridor_sim.engine.port import Port
from corridor_sim.engine.records import ElementRecord
from corridor_sim.engine.sampling import Streams
from corridor_sim.model.disruptions import Failures
from corridor_sim.model.fleet import SeaLink

#: vessel states that count as busy for utilisation: moving or working cargo (not
#: waiting for a berth, for the entry window, for cargo or for room in the port)
BUSY = ("sailing", "berthing", "formalities", "loading", "unloading")
#: vessel states out of service, left out of utilisation's denominator
DOWN = ("weather_bound", "repair", "maintenance")
#: vessel states in which a vessel is not spare: busy, or down (shifting-bottleneck trace)
AT_WORK = frozenset(BUSY + DOWN)


class Sea(Crossing):
    """A sea link and its fleet."""

    lane_class = SeaLane

    def __init__(self, ctx: RunContext, spec: SeaLink, ports: tuple[Port, Port]) -> None:
        super().__init__(ctx, spec)
        self.spec: SeaLink = spec
        self.ports = ports
        for a, b in ((0, 1), (1, 0)):
            self.lane(ports[a], ports[b])
        self._cargo: simpy.Event | None = None  # any cargo joins
        self._free: simpy.Event | None = None  # cargo not kept for a vessel joins
        self.home_fleet = [Vessel(self, v, i) for i, v in enumerate(spec.fleet)]
        self.vessels = list(self.home_fleet)  # serving it now
        self.pooled: list[Vessel] | None = None  # every vessel of its pool, if in one
        self.working = 0  # vessels AT_WORK, counted only while tracing activity

    def signal_cargo(self, *, kept: bool = False) -> None:
        """Wake vessels waiting for cargo; those idle for want of it only if the cargo is
        not ``kept`` for a vessel waiting at anchorage (they could not take it)."""
        if self._cargo is not None:
            event, self._cargo = self._cargo, None
            event.succeed()
        if not kept and self._free is not None:
            event, self._free = self._free, None
            event.succeed()

    def cargo_arrives(self, *, free: bool = False) -> simpy.Event:
        """An event that fires when cargo next joins either side (with ``free``: cargo
        that no vessel keeps, or kept cargo set free)."""
        if free:
            if self._free is None:
                self._free = self.env.event()
            return self._free
        if self._cargo is None:
            self._cargo = self.env.event()
        return self._cargo

    def cycle_h(self, vessel: Vessel) -> float:
        """A vessel's nominal round trip on this link, hours (route choice's and the
        fleet pools' estimate): two crossings, and at each port the call's overhead
        (berth time, mean formalities) and the handling of one full load of its largest
        class in and one out."""
        hours = 2.0 * self.spec.sailing_time_h(vessel.spec)
        for port in self.ports:
            spec = port.spec
            hours += spec.berth_time_h
            for dist in (spec.formalities_arrival, spec.formalities_departure):
                if dist is not None:
                    hours += dist.mean_h
            rates = port.rates
            handling = [cap / rates[cls] for cls, cap in vessel.capacity.items() if rates.get(cls)]
            hours += 2.0 * max(handling, default=0.0)
        return hours

    def side(self, port_index: int) -> SeaLane:
        """The lane loading at port ``port_index`` (0 = from, 1 = to)."""
        a, b = self.ports[port_index], self.ports[1 - port_index]
        lane = self.lanes[(a.name, b.name)]
        assert isinstance(lane, SeaLane)
        return lane

    def sides(self) -> tuple[SeaLane, SeaLane]:
        """The lanes loading at port 0 and at port 1."""
        return self.side(0), self.side(1)

    def unload(self, port_index: int, batch: Batch) -> Generator[simpy.Event, Any, None]:
        """Hand ``batch`` to the port; wait (at berth) until the port admits it."""
        done = self.env.event()

        def admitted() -> None:
            done.succeed()

        self.arrive(self.side(1 - port_index), batch, admitted)
        yield done

    def note_vessel(self, vessel: Logbook, old: str, new: str) -> None:
        """Trace ``vessel`` changing state: the link is active while no vessel is spare
        (waiting for a berth, the entry window or cargo, blocked, or idle); the ports
        trace their berths themselves (:meth:`Port.shift`)."""
        if (old in AT_WORK) != (new in AT_WORK):
            self.working += 1 if new in AT_WORK else -1
            self.note_activity()

    def leave(self, vessel: Vessel) -> None:
        """``vessel`` stops serving this link (it changes line at the pool's hub)."""
        self.vessels.remove(vessel)
        if self.activity is not None:
            self.working -= vessel.state in AT_WORK
            self.note_activity()

    def join(self, vessel: Vessel) -> None:
        """``vessel`` starts serving this link."""
        self.vessels.append(vessel)
        if self.activity is not None:
            self.working += vessel.state in AT_WORK
            self.note_activity()

    def note_activity(self) -> None:
        if self.activity is not None:
            active = self.closed > 0 or self.working >= len(self.vessels)
            self.activity.update(active, self.env.now)

    def reset_stats(self, now: float) -> None:
        super().reset_stats(now)
        for v in self.home_fleet:
            v.reset_stats(now)
        for lane in self.sides():
            if lane.schedule is not None:
                lane.schedule.reset()
            for booking in lane.bookings.values():
                booking.reset()

    def start_failures(self, spec: Failures, streams: Streams, number: int) -> None:
        """Each vessel fails on its own, from its own random stream."""
        for vessel in self.home_fleet:
            vessel.start_failures(spec, streams.get(f"failure:{self.name}:{vessel.name}:{number}"))

    # -- the record of the run --------------------------------------------------------
    def traceable(self) -> bool:
        return True

    def utilisation(self, now: float, days: float) -> float:
        """Vessel time sailing or working at berth (:data:`BUSY`), out of the time not
        lost to weather, repair or maintenance: waiting for a berth, for the entry
        window, for cargo or for room in the port is not busy. In a fleet pool, the hours
        of every vessel of the pool while it served this link."""
        if self.pooled is None:
            served = [v.hours_by_state(now) for v in self.vessels]
        else:
            served = [v.hours_on(self.name, now) for v in self.pooled]
        busy = available = 0.0
        for hours in served:
            busy += sum(hours[s] for s in BUSY)
            available += sum(hours.values()) - sum(hours[s] for s in DOWN)
        return busy / available if available > 0 else math.nan

    def record(self, now: float, days: float) -> ElementRecord:
        vessels = tuple(v.record(now) for v in self.home_fleet)
        sides = self.sides()
        return dataclasses.replace(
            super().record(now, days),
            vessels=vessels,
            schedule=tuple(s.schedule.record() for s in sides if s.schedule is not None),
            bookings=tuple(b.record() for s in sides for b in s.bookings.values()),
        )

    def holdings(self) -> Iterable[Consignment]:
        yield from super().holdings()
        for v in self.vessels:
            yield from v.hold
        for lane in self.lanes.values():
            yield from lane.queued()
