"""A vessel of a sea link: its voyage cycle as a SimPy process, and its time by state."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any, Protocol

import numpy as np
import simpy

from corridor_sim.engine.activity import ActivityLog
from corridor_sim.engine.consignment import Consignment
from corridor_sim.engine.port import Port
from corridor_sim.engine.records import VesselRecord
from corridor_sim.model.disruptions import Failures
from corridor_sim.model.network import SeaLink, VesselSpec

STATES = (
    "sailing",
    "loading",
    "unloading",
    "berthing",
    "idle",
    "waiting_berth",
    "weather_bound",
    "blocked",
    "repair",
)
FULL = 1 - 1e-9


class Quay(Protocol):
    """The cargo waiting at one port of a sea link (:class:`~.sea.SeaLane`), as a vessel
    sees it."""

    def has_cargo_for(self, vessel: Vessel) -> bool: ...

    def take(self, vessel: Vessel, room: float) -> tuple[list[Consignment], float]: ...


class Gate(Protocol):
    """A port or a sea link, as a vessel waiting for it to open sees it."""

    @property
    def is_open(self) -> bool: ...

    def when_open(self) -> simpy.Event: ...


class Service(Gate, Protocol):
    """What a vessel asks of the sea link it serves (:class:`~.sea.Sea`): its spec, its
    two ports and the cargo waiting at each, and to be told when cargo comes."""

    @property
    def env(self) -> simpy.Environment: ...

    @property
    def spec(self) -> SeaLink: ...

    @property
    def ports(self) -> tuple[Port, Port]: ...

    @property
    def activity(self) -> ActivityLog | None: ...

    def side(self, port_index: int) -> Quay: ...

    def cargo_arrives(self) -> simpy.Event: ...

    def unload(
        self, port_index: int, batch: list[Consignment]
    ) -> Generator[simpy.Event, Any, None]: ...

    def note_vessel(self, vessel: Vessel, old: str, new: str) -> None: ...


class Vessel:
    """One vessel: capacity per handling class (after the load factor), speed, state."""

    def __init__(self, link: Service, spec: VesselSpec, number: int) -> None:
        self.link = link
        self.env = link.env
        self.spec = spec
        self.name = spec.name
        self.capacity = {k: v * link.spec.load_factor for k, v in spec.capacity.items()}
        self.sailing_h = link.spec.sailing_time_h(spec)
        self.hold: list[Consignment] = []
        self.fill = 0.0
        self.state = "idle"
        self.since = 0.0
        self.hours = dict.fromkeys(STATES, 0.0)
        self.voyages = 0
        self.loaded_voyages = 0
        self.fill_sum = 0.0
        self.repair_due = False
        self.repair_h = 0.0
        n = len(link.spec.fleet)
        every = link.spec.every_h
        self.slot_offset = (every * number / n) if every else 0.0
        self.port_index = 0 if spec.home == "from" else 1
        self.process = self.env.process(self.run())

    def set_state(self, state: str) -> None:
        now = self.env.now
        self.hours[self.state] += now - self.since
        if self.link.activity is not None:
            self.link.note_vessel(self, self.state, state)
        self.state = state
        self.since = now

    def reset_stats(self, now: float) -> None:
        self.hours = dict.fromkeys(STATES, 0.0)
        self.since = now
        self.voyages = self.loaded_voyages = 0
        self.fill_sum = 0.0

    def hours_by_state(self, now: float) -> dict[str, float]:
        hours = dict(self.hours)
        hours[self.state] += now - self.since
        return hours

    def record(self, now: float) -> VesselRecord:
        """The vessel's statistics-period record."""
        return VesselRecord(
            self.name, self.voyages, self.loaded_voyages, self.fill_sum, self.hours_by_state(now)
        )

    def start_failures(self, spec: Failures, rng: np.random.Generator) -> None:
        """Break down every ``mtbf`` hours on average; the repair (``mttr``) is done at
        the next port call."""
        self.env.process(self._fail_cycle(spec, rng))

    def _fail_cycle(
        self, spec: Failures, rng: np.random.Generator
    ) -> Generator[simpy.Event, Any, None]:
        while True:
            yield self.env.timeout(rng.exponential(spec.mtbf_h))
            self.repair_h = rng.exponential(spec.mttr_h)
            self.repair_due = True  # the vessel goes to repair at its next port call
            while self.repair_due:
                yield self.env.timeout(24.0)

    # -- the voyage cycle -----------------------------------------------------------
    def run(self) -> Generator[simpy.Event, Any, None]:
        link = self.link
        while True:
            port = link.ports[self.port_index]
            yield from self._await_open(port)
            here = link.side(self.port_index)
            if self.hold or self.repair_due or here.has_cargo_for(self):
                yield from self._call(port)
            if not self.hold and not link.side(1 - self.port_index).has_cargo_for(self):
                self.set_state("idle")  # at anchorage: nothing to carry either way
                yield link.cargo_arrives()
                continue
            yield from self._await_open(link)
            self.set_state("sailing")
            self.voyages += 1
            if self.hold:
                self.loaded_voyages += 1
                self.fill_sum += self.fill
            yield self.env.timeout(self.sailing_h)
            self.port_index = 1 - self.port_index

    def _call(self, port: Port) -> Generator[simpy.Event, Any, None]:
        """A port call: berth, unload, go to repair if due, load, leave the berth."""
        berths = port.berths[self.spec.berth]
        request = berths.request()
        self.set_state("waiting_berth")
        yield request
        level = port.berth_levels[self.spec.berth]
        level.add(1, self.env.now)
        if port.berth_time_h:
            self.set_state("berthing")
            yield self.env.timeout(port.berth_time_h)
        if self.hold:
            yield from self._unload(port)
        if self.repair_due:
            yield from self._repair()
        yield from self._load(port)
        level.add(-1, self.env.now)
        berths.release(request)

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

    def _repair(self) -> Generator[simpy.Event, Any, None]:
        self.set_state("repair")
        yield self.env.timeout(self.repair_h)
        self.repair_due = False

    def _load(self, port: Port) -> Generator[simpy.Event, Any, None]:
        """Load what waits; with cargo aboard, wait at berth for more until full, until
        ``max_wait`` after the vessel was ready, or until its slot."""
        spec = self.link.spec
        side = self.link.side(self.port_index)
        ready = self.env.now
        deadlines = []
        if spec.every_h:
            deadlines.append(self._next_slot(ready))
        if spec.max_wait_h is not None:
            deadlines.append(ready + spec.max_wait_h)
        deadline = min(deadlines)
        while True:
            batch, used = side.take(self, 1.0 - self.fill)
            if batch:
                self.set_state("loading")
                self.hold.extend(batch)
                self.fill += used
                yield self.env.timeout(port.handling_hours(batch))
            now = self.env.now
            if self.fill >= FULL or not self.hold or now >= deadline - 1e-9:
                return
            self.set_state("idle")
            yield self.link.cargo_arrives() | self.env.timeout(deadline - now)

    def _next_slot(self, now: float) -> float:
        every = self.link.spec.every_h or 0.0
        k = max(0.0, -(-(now - self.slot_offset) // every))
        return self.slot_offset + k * every
