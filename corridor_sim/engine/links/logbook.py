"""A vessel's logbook: the state it is in and since when, its hours by state, the
turnaround of its calls at each port, its voyages and the load it sailed with, and the
record of the statistics period it hands back (:class:`~.records.VesselRecord`).

:class:`Logbook` is the base class of :class:`~.vessel.Vessel`, which keeps the port calls
and voyages. A base class rather than a helper the vessel holds, because
:meth:`Logbook.set_state` runs at every change of a vessel's state: the counts are the
vessel's own attributes, with no object in between. For the same reason the vessel counts
its voyages itself as it sails (``Vessel._sail``). Each change of state also moves the
port's berth statistics (:data:`BERTH_MODE`) and, when activity is traced, tells the link.
"""

from __future__ import annotations

from typing import Protocol

import simpy
from simpy.resources.resource import Request

from corridor_sim.engine.activity import ActivityLog
from corridor_sim.engine.port import IDLE, WORKING, Port
from corridor_sim.engine.records import VesselRecord
from corridor_sim.engine.stats import Histogram
from corridor_sim.model.fleet import VesselSpec

STATES = (
    "sailing",
    "waiting_berth",  # at anchorage, queued for a berth (anchorage time)
    "entry",  # at anchorage, a berth free, waiting for the port's entry window
    "berthing",
    "formalities",
    "unloading",
    "loading",
    "blocked",  # alongside, its unloaded cargo refused by the full port
    "idle_berth",  # alongside, waiting for cargo (wait_at: berth)
    "waiting_cargo",  # at anchorage with cargo aboard, waiting for more or its deadline
    "idle",  # at anchorage, nothing to carry either way
    "weather_bound",
    "repair",
    "maintenance",
)
#: what a vessel alongside is doing, by state, as the port's berth statistics count it
BERTH_MODE = {
    "berthing": WORKING,
    "formalities": WORKING,
    "unloading": WORKING,
    "loading": WORKING,
    "blocked": IDLE,
    "idle_berth": IDLE,
}
#: states that count towards a call's turnaround (arrival to sailing)
IN_CALL = frozenset(
    {
        "waiting_berth",
        "entry",
        "berthing",
        "formalities",
        "unloading",
        "loading",
        "blocked",
        "idle_berth",
        "waiting_cargo",
        "weather_bound",
    }
)


class Tracer(Protocol):
    """A sea link as a vessel's logbook sees it: its name, clock, two ports, and its
    activity trace, told of each change of state (:meth:`~.sea.Sea.note_vessel`)."""

    @property
    def name(self) -> str: ...

    @property
    def env(self) -> simpy.Environment: ...

    @property
    def ports(self) -> tuple[Port, Port]: ...

    @property
    def activity(self) -> ActivityLog | None: ...

    def note_vessel(self, vessel: Logbook, old: str, new: str) -> None: ...


class Logbook:
    """What a vessel records: its ``state`` since ``since`` (h), ``hours`` by state, the
    hours of the current call (``call_h``) and the ``turnaround`` of its calls at port 0
    and port 1 (h), its ``voyages`` (``loaded_voyages`` with cargo aboard, ``fill_sum``
    the sum of their fill, a share of capacity) and ``factor_sum``, the sum over voyages
    of the load factor per class it sailed with (``factors``, set by the vessel).

    ``berth`` is the berth it is alongside (set by the vessel as it moors and leaves), so
    that a change of state moves that port's berth statistics.

    A vessel of a fleet pool may change the link it serves (``link``): :meth:`leave_line`
    then puts the hours so far on the link it leaves (``line_hours``, by link name), so
    that each link's utilisation counts the hours served on it (:meth:`hours_on`), and
    ``switches`` counts the changes. Turnaround is kept by port name, wherever it called.
    """

    factors: dict[str, float]  # load factor per handling class of the current call

    def __init__(self, link: Tracer, spec: VesselSpec) -> None:
        self.link = link
        self.env = link.env
        self.spec = spec
        self.name = spec.name
        self.state = "idle"
        self.since = 0.0
        self.hours = dict.fromkeys(STATES, 0.0)
        self.voyages = 0
        self.loaded_voyages = 0
        self.fill_sum = 0.0
        self.factor_sum: dict[str, float] = {}
        self.berth: tuple[Port, Request] | None = None  # the berth it is alongside
        self.call_h = 0.0  # hours of the current call so far
        self.called = False  # berthed since it arrived
        self.home_ports = tuple(p.name for p in link.ports)
        self.turnaround = {p: Histogram() for p in self.home_ports}  # calls by port name
        self.line_hours: dict[str, dict[str, float]] = {}  # links left: hours by state
        self.switches = 0

    def set_state(self, state: str) -> None:
        now = self.env.now
        old = self.state
        spent = now - self.since
        self.hours[old] += spent
        if old in IN_CALL:
            self.call_h += spent
        if self.berth is not None:
            self.berth[0].shift(self.spec.berth, BERTH_MODE.get(old), BERTH_MODE.get(state))
        if self.link.activity is not None:
            self.link.note_vessel(self, old, state)
        self.state = state
        self.since = now

    def reset_stats(self, now: float) -> None:
        self.hours = dict.fromkeys(STATES, 0.0)
        self.since = now
        self.voyages = self.loaded_voyages = 0
        self.fill_sum = 0.0
        self.factor_sum = dict.fromkeys(self.factors, 0.0)
        self.turnaround = {p: Histogram() for p in self.turnaround}
        self.line_hours = {}
        self.switches = 0

    def hours_by_state(self, now: float) -> dict[str, float]:
        """Hours in each state over the statistics period so far, on every link served."""
        hours = dict(self.hours)
        hours[self.state] += now - self.since
        for banked in self.line_hours.values():  # none unless it changed link
            for state, h in banked.items():
                hours[state] += h
        return hours

    def hours_on(self, line: str, now: float) -> dict[str, float]:
        """Hours in each state spent serving sea link ``line`` (all zero if it never did)."""
        hours = dict(self.line_hours.get(line, dict.fromkeys(STATES, 0.0)))
        if self.link.name == line:
            for state, h in self.hours.items():
                hours[state] += h
            hours[self.state] += now - self.since
        return hours

    def leave_line(self) -> None:
        """Put the hours so far on the link served (about to change): the state's current
        stretch is closed at now and goes on with the next link."""
        now = self.env.now
        spent = now - self.since
        self.hours[self.state] += spent
        if self.state in IN_CALL:
            self.call_h += spent
        self.since = now
        banked = self.line_hours.setdefault(self.link.name, dict.fromkeys(STATES, 0.0))
        for state, h in self.hours.items():
            banked[state] += h
        self.hours = dict.fromkeys(STATES, 0.0)
        self.switches += 1

    def hours_by_line(self, now: float) -> dict[str, float]:
        """Hours serving each sea link it served over the statistics period."""
        lines = dict.fromkeys((self.link.name, *self.line_hours))
        return {line: sum(self.hours_on(line, now).values()) for line in lines}

    def record(self, now: float) -> VesselRecord:
        """The vessel's statistics-period record."""
        home = self.home_ports
        return VesselRecord(
            self.name,
            self.voyages,
            self.loaded_voyages,
            self.fill_sum,
            self.hours_by_state(now),
            {p: h for p, h in self.turnaround.items() if p in home or h.weight},
            dict(self.factor_sum),
            self.hours_by_line(now),
            self.switches,
        )
