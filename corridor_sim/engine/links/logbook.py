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
    """A sea link as a vessel's logbook sees it: its clock, its two ports, and its
    activity trace, told of each change of state (:meth:`~.sea.Sea.note_vessel`)."""

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
        self.turnaround = (Histogram(), Histogram())  # calls at port 0 and port 1

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
        self.turnaround = (Histogram(), Histogram())

    def hours_by_state(self, now: float) -> dict[str, float]:
        hours = dict(self.hours)
        hours[self.state] += now - self.since
        return hours

    def record(self, now: float) -> VesselRecord:
        """The vessel's statistics-period record."""
        ports = self.link.ports
        return VesselRecord(
            self.name,
            self.voyages,
            self.loaded_voyages,
            self.fill_sum,
            self.hours_by_state(now),
            {ports[i].name: self.turnaround[i] for i in (0, 1)},
            dict(self.factor_sum),
        )
