"""A vessel of a sea link: its port calls and voyages as a SimPy process, its hours by
state and the turnaround of its calls.

A call runs as port statistics count it (UNCTAD's port performance indicators; see the
vessel-call section of the project's modelling notes, ``MODELLING.md``): arrive, queue at
anchorage for a berth of the vessel's type (``waiting_berth``), wait there for the port's
entry window (``entry``), berth (the port's berth time), clear arrival ``formalities``,
unload, load, clear departure formalities, leave the berth and sail.

Waiting for cargo. "Ships waiting for cargo normally wait at anchorage or a lay-by berth;
a working berth is released when work ends" (``MODELLING.md``). So a vessel works the
cargo that waits for it and, if it must wait for more (not full, before ``max_wait``
after it was ready or its slot), leaves the berth for the anchorage
(``waiting_cargo``). When enough cargo waits to fill it, or at its deadline, it berths
again to load what came meanwhile (one more berth time; no second arrival formalities),
or, if nothing came, sails from the anchorage at once. A sea link with
``wait_at="berth"`` keeps the vessel alongside instead (``idle_berth``).

Load. What a vessel may load on a call (its capacity per handling class) is set when it
starts loading, and whenever it is empty between calls, from the link's load factors on
the call date (:class:`~.loading.Loading`: its draft and the ports' depth, or an explicit
share); the vessel keeps the sum over sailings of the factor per class it sailed with, so
that results show the mean load factor applied.

Off the berth: a vessel that failed (``repair_due``) is repaired after it has unloaded at
its next call, at anchorage or a yard, not on the berth; scheduled maintenance (drydock)
takes it out of service for exactly its duration from its planned date, or from the first
moment after it with nothing aboard. A vessel idle at anchorage goes at once.

Fleet pools. A vessel of a pool (:mod:`~.pool`) may be given another line to serve
(:meth:`Vessel.reassign`, its ``duty``). It finishes what it is doing on the line it
serves and changes line at the pool's hub the next time it is there with an empty hold:
after unloading there, before it loads (:meth:`Vessel._switch`). From then on its link,
the port it is at, its sailing time, its load factors (the new line's ports) and its
slot offset are the new line's, so its next voyage (to the new line's far port, with
cargo or empty) is a voyage of the new line. Idle at anchorage away from the hub it
sails back to the hub empty; idle at the hub it changes at once.

What a vessel records (its state and hours by state, turnaround, voyages, load factors,
its :class:`~corridor_sim.engine.records.VesselRecord`) is its base class,
:class:`~.logbook.Logbook`; this module keeps what it does. It is written against what it
asks of its link (:class:`Service`) and of the cargo at a port (:class:`Quay`), so that it
never imports :mod:`~.sea` or :mod:`~.quay`, which build on it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Generator
from typing import Any, Protocol

import numpy as np
import simpy

from corridor_sim.engine.consignment import Consignment, FlowState
from corridor_sim.engine.context import RunContext
from corridor_sim.engine.links.loading import Loading
from corridor_sim.engine.links.logbook import BERTH_MODE, Logbook, Tracer
from corridor_sim.engine.port import Port
from corridor_sim.engine.stats import Histogram
from corridor_sim.model.disruptions import Failures
from corridor_sim.model.fleet import SeaLink, VesselSpec

FULL = 1 - 1e-9
EPS = 1e-9


class Quay(Protocol):
    """The cargo waiting at one port of a sea link (:class:`~.quay.SeaLane`), as a vessel
    sees it."""

    def has_cargo_for(self, vessel: Vessel) -> bool: ...

    def share_for(self, vessel: Vessel) -> float: ...

    def keep(self, vessel: Vessel) -> None: ...

    def release(self, vessel: Vessel) -> bool: ...

    def take(self, vessel: Vessel, room: float) -> tuple[list[Consignment], float]: ...

    def open_sailing(self, vessel: Vessel) -> None: ...

    def close_sailing(self, vessel: Vessel, delay_h: float | None) -> None: ...


class Gate(Protocol):
    """A port or a sea link, as a vessel waiting for it to open sees it."""

    @property
    def is_open(self) -> bool: ...

    def when_open(self) -> simpy.Event: ...


class Service(Gate, Tracer, Protocol):
    """What a vessel asks of the sea link it serves (:class:`~.sea.Sea`): its spec, its
    two ports and the cargo waiting at each, and to be told when cargo comes; and, for
    its logbook, its clock and activity trace (:class:`~.logbook.Tracer`)."""

    @property
    def ctx(self) -> RunContext: ...

    @property
    def spec(self) -> SeaLink: ...

    @property
    def vessels(self) -> list[Vessel]: ...

    def side(self, port_index: int) -> Quay: ...

    def cargo_arrives(self, *, free: bool = False) -> simpy.Event: ...

    def signal_cargo(self, *, kept: bool = False) -> None: ...

    def unload(
        self, port_index: int, batch: list[Consignment]
    ) -> Generator[simpy.Event, Any, None]: ...

    def leave(self, vessel: Vessel) -> None: ...

    def join(self, vessel: Vessel) -> None: ...


class Vessel(Logbook):
    """One vessel: capacity per handling class (after the load factor), speed, state."""

    link: Service

    def __init__(self, link: Service, spec: VesselSpec, number: int) -> None:
        super().__init__(link, spec)
        ports = tuple(p.spec for p in link.ports)
        self.loading = Loading(
            link.spec, (ports[0], ports[1]), link.ctx.start, link.ctx.commodities
        )
        self.by_draft = spec.draft is not None  # else its load factors never change
        self.factors = {}
        self.capacity: dict[str, float] = {}
        self.set_load()
        self.factor_sum = dict.fromkeys(self.factors, 0.0)
        self.sailing_h = link.spec.sailing_time_h(spec)
        self.hold: list[Consignment] = []
        self.fill = 0.0
        self.cleared_in = False  # arrival formalities done since it arrived
        self.repair_due = False
        self.repair_h = 0.0
        self._repaired: list[simpy.Event] = []
        self.maintenance_due = False
        self._idling = False  # waiting in _idle, where an interrupt may wake it
        n = len(link.spec.fleet)
        every = link.spec.every_h
        self.slot_offset = (every * number / n) if every else 0.0
        self.slot: float | None = None  # the slot of the sailing it is loading for
        self.booked: dict[FlowState, float] = {}  # room booked on it, units, still free
        self.booked_units: dict[FlowState, float] = {}  # room booked on it, units
        self.port_index = 0 if spec.home == "from" else 1
        self.duty = link  # the line it is to serve (another, for a while, in a pool)
        self.hub: Port | None = None  # where it changes line (set by its pool, if any)
        self.process = self.env.process(self.run())
        if spec.maintenance is not None:
            first = link.spec.maintenance_offset_h(number)
            self.env.timeout(first).callbacks.append(self._maintenance_comes)

    def set_load(self) -> None:
        """Set the capacity per class for a call now (empty vessel): slots x load
        factor; a class the vessel may not load at all is left out."""
        self.factors = self.loading.factors(self.spec, self.env.now)
        slots = self.spec.capacity
        self.capacity = {cls: slots[cls] * f for cls, f in self.factors.items() if f > 0}

    # -- failures and maintenance ---------------------------------------------------
    def start_failures(self, spec: Failures, rng: np.random.Generator) -> None:
        """Break down every ``mtbf`` hours on average; the repair (``mttr``) is done off
        the berth, after the vessel has unloaded at its next call."""
        self.env.process(self._fail_cycle(spec, rng))

    def _fail_cycle(
        self, spec: Failures, rng: np.random.Generator
    ) -> Generator[simpy.Event, Any, None]:
        while True:
            yield self.env.timeout(rng.exponential(spec.mtbf_h))
            yield self.break_down(rng.exponential(spec.mttr_h))

    def break_down(self, repair_h: float) -> simpy.Event:
        """Fail now, needing ``repair_h`` of repair (added to any repair still due); the
        event fires when the repair is done."""
        self.repair_h += repair_h
        self.repair_due = True
        repaired = self.env.event()
        self._repaired.append(repaired)
        self._wake()
        return repaired

    def _maintenance_comes(self, _event: simpy.Event) -> None:
        """A planned maintenance date: due now, and again one period later."""
        m = self.spec.maintenance
        assert m is not None
        self.maintenance_due = True
        self._wake()
        self.env.timeout(m.every_h).callbacks.append(self._maintenance_comes)

    def reassign(self, line: Service) -> None:
        """Serve ``line`` from the next time it is at the hub with an empty hold (see the
        module docstring); idle, it goes at once."""
        self.duty = line
        self._wake()

    def _switch(self) -> None:
        """Change to the line of its duty, at the hub with nothing aboard."""
        old, new = self.link, self.duty
        self.leave_line()
        old.leave(self)
        self.link = new
        new.join(self)
        self.port_index = 0 if new.ports[0] is self.hub else 1
        ports = tuple(p.spec for p in new.ports)
        self.loading = Loading(new.spec, (ports[0], ports[1]), new.ctx.start, new.ctx.commodities)
        self.set_load()
        self.sailing_h = new.spec.sailing_time_h(self.spec)
        for p in new.ports:
            self.turnaround.setdefault(p.name, Histogram())
        every = new.spec.every_h
        if every:  # a slot of its own among the line's: as the k-th of its fleet
            n = len(new.spec.fleet)
            self.slot_offset = every * ((len(new.vessels) - 1) % n) / n

    def _wake(self) -> None:
        """Send a vessel idle at anchorage to its repair or maintenance, or its new
        line, at once."""
        if self._idling:
            self._idling = False
            self.process.interrupt()

    def _off_duty(self) -> Generator[simpy.Event, Any, None]:
        """Maintenance, then repairs, if due: off the berth, at a yard or at anchorage."""
        m = self.spec.maintenance
        if self.maintenance_due and m is not None:
            self.maintenance_due = False
            self.set_state("maintenance")
            yield self.env.timeout(m.duration_h)
        if self.repair_due:
            self.set_state("repair")
            yield self.env.timeout(self.repair_h)
            self.repair_due, self.repair_h = False, 0.0
            repaired, self._repaired = self._repaired, []
            for event in repaired:
                event.succeed()

    # -- the voyage cycle -----------------------------------------------------------
    def run(self) -> Generator[simpy.Event, Any, None]:
        while True:
            link = self.link
            port = link.ports[self.port_index]
            if self.duty is not link and not self.hold and port is self.hub:
                self._switch()
                continue
            if self.by_draft and not self.hold:
                self.set_load()
            if not self.hold and self._due():
                self._unmoor()
                yield from self._off_duty()
                continue
            if self.hold or link.side(self.port_index).has_cargo_for(self):
                yield from self._call(port)
                if not self.hold and self._due():
                    continue  # _call left the berth: off duty next
                link = self.link  # it may have changed line at the hub
            if (
                not self.hold
                and not link.side(1 - self.port_index).has_cargo_for(self)
                and self.duty is link  # else, empty away from the hub: back to it
            ):
                self._unmoor()
                yield from self._idle()
                continue
            yield from self._sail(port)

    def _due(self) -> bool:
        return self.repair_due or self.maintenance_due

    def _idle(self) -> Generator[simpy.Event, Any, None]:
        """At anchorage with nothing to carry: until cargo comes, or duty calls."""
        self.set_state("idle")
        self._idling = True
        with contextlib.suppress(simpy.Interrupt):  # a failure or maintenance (_wake)
            yield self.link.cargo_arrives(free=True)
        self._idling = False

    def _call(self, port: Port) -> Generator[simpy.Event, Any, None]:
        """A port call: berth, unload; then leave the berth if repair or maintenance is
        due, else load (see :meth:`_load`)."""
        if self.berth is None and not (yield from self._moor(port)):
            return
        if self.hold:
            yield from self._unload(port)
            if self.duty is not self.link and port is self.hub:
                self._switch()  # alongside at the hub, empty: loads for the new line
        if self._due():
            self._unmoor()
            return
        yield from self._load(port)

    def _moor(self, port: Port) -> Generator[simpy.Event, Any, bool]:
        """Anchorage, entry window, berthing and (once a visit) arrival formalities; False
        (and no berthing) if, with nothing aboard, its cargo has gone by its turn. A port
        that closes while the vessel waits at anchorage keeps it there (weather-bound)
        until it reopens, even when a berth comes free meanwhile."""
        yield from self._await_open(port)
        request = port.berths[self.spec.berth].request()
        self.set_state("waiting_berth")
        yield request
        while True:
            wait = port.entry_wait_h(self.env.now)
            if wait > 0:
                self.set_state("entry")
                yield self.env.timeout(wait)
            if port.is_open:
                break
            self.set_state("weather_bound")  # closed while it waited at anchorage
            yield port.when_open()
        if not self.hold and not self.link.side(self.port_index).has_cargo_for(self):
            port.berths[self.spec.berth].release(request)  # another vessel took it
            return False
        self.berth = (port, request)
        self.called = True
        if port.berth_time_h:
            self.set_state("berthing")
            yield self.env.timeout(port.berth_time_h)
        arrival = port.formalities[0]
        if arrival is not None and not self.cleared_in:
            self.set_state("formalities")
            yield self.env.timeout(arrival())
        self.cleared_in = True
        return True

    def _unmoor(self) -> None:
        """Leave the berth (if alongside)."""
        if self.berth is not None:
            port, request = self.berth
            port.shift(self.spec.berth, BERTH_MODE.get(self.state), None)
            self.berth = None
            port.berths[self.spec.berth].release(request)

    def _await_open(self, element: Gate) -> Generator[simpy.Event, Any, None]:
        if not element.is_open:
            self.set_state("weather_bound")
            yield element.when_open()

    def _unload(self, port: Port) -> Generator[simpy.Event, Any, None]:
        self.set_state("unloading")
        yield self.env.timeout(port.handling_hours(self.hold))
        batch, self.hold, self.fill = self.hold, [], 0.0  # now the link holds it
        self.set_state("blocked")
        yield from self.link.unload(self.port_index, batch)

    def _load(self, port: Port) -> Generator[simpy.Event, Any, None]:
        """Load what waits; with cargo aboard, wait for more until full, until
        ``max_wait`` after the vessel was ready, or until its slot: alongside
        (``wait_at="berth"``) or at anchorage, keeping the cargo that comes for itself
        (``SeaLane.kept``) and berthing again to load it."""
        if self.by_draft:
            self.set_load()  # empty after unloading: this call's date sets the load
        side = self.link.side(self.port_index)
        if not side.has_cargo_for(self):
            return
        deadline = self._deadline(self.env.now)
        side.open_sailing(self)
        timer: simpy.Event | None = None
        while True:
            yield from self._take(port, side)
            now = self.env.now
            if self.fill >= FULL or not self.hold or now >= deadline - EPS:
                break
            timer = timer or self.env.timeout(deadline - now)
            if self.link.spec.wait_at == "berth":
                self.set_state("idle_berth")
                yield self.link.cargo_arrives() | timer
                continue
            side.keep(self)
            self._unmoor()
            self.set_state("waiting_cargo")
            while not timer.processed and side.share_for(self) < 1.0 - self.fill - EPS:
                yield self.link.cargo_arrives() | timer
            if not side.has_cargo_for(self) or not (yield from self._moor(port)):
                break  # sails from the anchorage with what is aboard
        if side.release(self):
            self.link.signal_cargo()  # what waits now is for the next vessel
        if not self.hold:  # loaded nothing here: no scheduled sailing
            self.slot = None
            self.booked, self.booked_units = {}, {}

    def _take(self, port: Port, side: Quay) -> Generator[simpy.Event, Any, None]:
        batch, used = side.take(self, 1.0 - self.fill)
        if batch:
            self.set_state("loading")
            self.hold.extend(batch)
            self.fill += used
            yield self.env.timeout(port.handling_hours(batch))

    def _sail(self, port: Port) -> Generator[simpy.Event, Any, None]:
        """Departure formalities (alongside, or at anchorage), leave the berth, wait for
        the sea to open, and cross."""
        departure = port.formalities[1]
        if departure is not None:
            self.set_state("formalities")
            yield self.env.timeout(departure())
        self._unmoor()
        yield from self._await_open(self.link)
        self.set_state("sailing")
        if self.slot is not None or self.booked_units:
            delay = None if self.slot is None else self.env.now - self.slot
            self.link.side(self.port_index).close_sailing(self, delay)
            self.slot = None
        if self.called:
            self.turnaround[port.name].add(self.call_h)
        self.call_h, self.called, self.cleared_in = 0.0, False, False
        self.voyages += 1
        for cls, f in self.factors.items():
            self.factor_sum[cls] += f
        if self.hold:
            self.loaded_voyages += 1
            self.fill_sum += self.fill
        yield self.env.timeout(self.sailing_h)
        self.port_index = 1 - self.port_index

    def _deadline(self, ready: float) -> float:
        """When a vessel ready at ``ready`` sails with what it has: ``max_wait`` later,
        or at its next slot, whichever comes first. That slot is the sailing's slot
        (``slot``), which its delay is measured from (:mod:`~.schedule`)."""
        spec = self.link.spec
        deadlines = []
        if spec.every_h:
            self.slot = self._next_slot(ready)
            deadlines.append(self.slot)
        if spec.max_wait_h is not None:
            deadlines.append(ready + spec.max_wait_h)
        return min(deadlines)

    def _next_slot(self, now: float) -> float:
        every = self.link.spec.every_h or 0.0
        k = max(0.0, -(-(now - self.slot_offset) // every))
        return self.slot_offset + k * every
