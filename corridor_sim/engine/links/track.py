"""The sections of one single-track rail line, shared by both directions.

A train runs the line section by section (forward from the link's ``origin``, backward
from its ``destination``). It holds a section for its running time plus the station
interval (:class:`~corridor_sim.model.track.Track`): it reaches the next loop after the
running time, and the section is free for the next train one station interval later. A
train waiting for a section waits at the loop before it (or at the line's end), holding
no section; loops hold any number of trains, so the line cannot lock.

Waiting trains of one direction are served first come, first served; when trains of both
directions wait for a section they take turns (the crossing pattern of a parallel
timetable), so trains queued at one end of the line cannot hold back trains already on
it. Events: one per train and section, and one more when a train waits for a section.

A train's wait for a section is the link's queue, as the wait for a departure slot is:
given the link (``element``), the track books it there, so a saturated single track shows
its wait share and backlog. While a train waits its cargo's tonnes are in the link's
``queue``; when it gets the section its wait goes to the link's ``waits`` (weighted by
those tonnes) and each consignment's stages get ``MOVE`` up to the start of the wait and
``WAIT`` up to its end. That is one pass over the train's consignments when it begins
and one when it stops waiting; a train that never waits costs nothing more.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence

import simpy

from corridor_sim.engine.consignment import MOVE, WAIT, Consignment
from corridor_sim.engine.element import Element
from corridor_sim.engine.records import TrackRecord
from corridor_sim.engine.stats import Histogram
from corridor_sim.model.track import Track

EPS = 1e-9


class Run:
    """One train on the line: its direction (0 forward, 1 backward), its cargo and the
    cargo's tonnes, the sections it has passed, when it began to wait and how long it
    waited in all (h)."""

    __slots__ = ("cargo", "direction", "done", "passed", "since", "tonnes", "waited_h")

    def __init__(
        self, direction: int, done: Callable[[], None], cargo: Sequence[Consignment]
    ) -> None:
        self.direction = direction
        self.done = done
        self.cargo = cargo
        self.tonnes = 0.0  # summed each time it begins to wait
        self.passed = 0
        self.since = 0.0
        self.waited_h = 0.0


class Section:
    """One section between two loops: whether a train is on it, when it is free for the
    next one, the trains waiting for it per direction and the hours it was held (each
    train's whole hold counted when it enters; ``held_until`` is when the last one ends)."""

    __slots__ = ("free_at", "held_h", "held_until", "last", "occupied", "queues", "wake_pending")

    def __init__(self) -> None:
        self.occupied = False
        self.free_at = 0.0
        self.last = 0  # direction of the last train on it
        self.queues: tuple[deque[Run], deque[Run]] = (deque(), deque())
        self.wake_pending = False
        self.held_h = 0.0  # in the statistics period
        self.held_until = 0.0


class SingleTrack:
    """The sections of one single-track line; :meth:`run` sends a train over them.

    ``element`` is the link whose queue a waiting train's cargo is in (None: the wait is
    only in this object's own statistics). ``notify`` (set while tracing) is called when
    trains begin or stop waiting."""

    def __init__(
        self,
        env: simpy.Environment,
        track: Track,
        travel_h: float,
        element: Element | None = None,
    ) -> None:
        self.env = env
        self.element = element
        self.run_h = track.section_h(travel_h)
        self.hold_h = track.occupation_h(travel_h)
        self.loop_h = track.loop_time_h
        self.sections = [Section() for _ in range(track.sections)]
        self.waiting = 0  # trains waiting for a section now
        self.notify: Callable[[], None] | None = None
        self.trains = 0  # trains through, in the statistics period
        self.waited = 0  # ... of which waited for a section
        self.waits = Histogram()  # their hours waiting, per train

    # -- a train's way over the sections -------------------------------------------------
    def run(
        self, direction: int, done: Callable[[], None], cargo: Sequence[Consignment] = ()
    ) -> None:
        """Send a train carrying ``cargo`` over the line (``direction`` 0: from the link's
        origin); call ``done`` when it reaches the far end."""
        self._request(Run(direction, done, cargo))

    def _section(self, train: Run) -> Section:
        step = train.passed
        return self.sections[step if train.direction == 0 else len(self.sections) - 1 - step]

    def _request(self, train: Run) -> None:
        s = self._section(train)
        now = self.env.now
        if not s.occupied and not s.wake_pending and s.free_at <= now + EPS:
            self._enter(train, s)
            return
        train.since = now
        s.queues[train.direction].append(train)
        if self.element is not None:
            self._book_start(train, self.element, now)
        self.waiting += 1
        if self.waiting == 1 and self.notify is not None:
            self.notify()
        if not s.occupied and not s.wake_pending:
            self._wake_at(s, s.free_at - now)

    def _enter(self, train: Run, s: Section) -> None:
        s.occupied = True
        s.last = train.direction
        s.held_h += self.hold_h
        s.held_until = self.env.now + self.hold_h
        self.env.timeout(self.run_h).callbacks.append(lambda _e: self._leave(train, s))

    def _leave(self, train: Run, s: Section) -> None:
        """``train`` reaches the loop at the end of section ``s``."""
        s.occupied = False
        s.free_at = self.env.now + self.loop_h
        if (s.queues[0] or s.queues[1]) and not s.wake_pending:
            self._wake_at(s, self.loop_h)
        train.passed += 1
        if train.passed < len(self.sections):
            self._request(train)
            return
        self.trains += 1
        if train.waited_h > EPS:
            self.waited += 1
        self.waits.add(train.waited_h)
        train.done()

    def _wake_at(self, s: Section, delay_h: float) -> None:
        s.wake_pending = True
        self.env.timeout(max(0.0, delay_h)).callbacks.append(lambda _e: self._grant(s))

    def _grant(self, s: Section) -> None:
        """Section ``s`` is free: the next waiting train takes it, the other direction's
        if both wait."""
        s.wake_pending = False
        first, second = s.queues
        if not (first or second):
            return
        queue = (second if s.last == 0 else first) if first and second else first or second
        train = queue.popleft()
        now = self.env.now
        train.waited_h += now - train.since
        if self.element is not None:
            self._book_end(train, self.element, now)
        self.waiting -= 1
        if self.waiting == 0 and self.notify is not None:
            self.notify()
        self._enter(train, s)

    # -- the wait in the link's queue ------------------------------------------------------
    @staticmethod
    def _book_start(train: Run, element: Element, now: float) -> None:
        """``train`` begins to wait: its cargo moved until now and is queued from now."""
        index = element.index
        tonnes = 0.0
        for c in train.cargo:
            c.mark(index, MOVE, now)
            tonnes += c.qty * c.flow.mass_per_unit_t
        train.tonnes = tonnes
        element.queue.add(tonnes, now)

    @staticmethod
    def _book_end(train: Run, element: Element, now: float) -> None:
        """``train`` gets its section: its cargo waited from ``train.since`` until now."""
        index = element.index
        for c in train.cargo:
            c.mark(index, WAIT, now)
        element.queue.add(-train.tonnes, now)
        element.waits.add(now - train.since, train.tonnes)

    def queued(self) -> Iterator[Consignment]:
        """The cargo of the trains waiting for a section now (at a loop or a line end)."""
        for s in self.sections:
            for queue in s.queues:
                for train in queue:
                    yield from train.cargo

    # -- what the link reports ------------------------------------------------------------
    def queued_at_start(self, direction: int) -> int:
        """Trains waiting for the first section of ``direction`` (both directions')."""
        s = self.sections[0 if direction == 0 else -1]
        return len(s.queues[0]) + len(s.queues[1])

    def expected_wait_h(self, direction: int) -> float:
        """A simple expected wait of a train starting now: the rest of the first
        section's hold, then one hold per train waiting for that section."""
        s = self.sections[0 if direction == 0 else -1]
        now = self.env.now
        rest = self.hold_h if s.occupied else max(0.0, s.free_at - now)
        return rest + self.queued_at_start(direction) * self.hold_h

    def busiest_h(self) -> float:
        """Hours the busiest section was held in the statistics period, up to now."""
        now = self.env.now
        return max(s.held_h - max(0.0, s.held_until - now) for s in self.sections)

    def reset_stats(self) -> None:
        """Start the statistics period: forget the trains counted so far; a section held
        now counts the rest of its hold."""
        self.trains = self.waited = 0
        self.waits = Histogram()
        now = self.env.now
        for s in self.sections:
            s.held_h = max(0.0, s.held_until - now)

    def record(self, period_h: float) -> TrackRecord:
        """What the line recorded over the statistics period (``period_h`` long)."""
        return TrackRecord(
            sections=len(self.sections),
            trains=self.trains,
            waited=self.waited,
            wait=self.waits,
            busiest_share=self.busiest_h() / period_h if period_h > 0 else float("nan"),
        )
