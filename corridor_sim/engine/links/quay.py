"""The quay side of a sea link: cargo waiting at one port for the link's vessels.

A :class:`SeaLane` keeps that cargo in queues per handling class and priority (and one
per flow with booked room), keeps a class for the vessel waiting at anchorage to fill up
with it, opens and closes each sailing's booked room, and hands a vessel its load
(:meth:`SeaLane.take`). The vessels see it through :class:`~.vessel.Quay`; it sees its
sea link (:class:`~.sea.Sea`, which imports this module) as a :class:`Crossing`.
"""

from __future__ import annotations

import math
from abc import abstractmethod
from collections import deque
from collections.abc import Iterable

from corridor_sim.engine.consignment import Consignment, FlowState
from corridor_sim.engine.links.base import Batch, Lane, Link
from corridor_sim.engine.links.schedule import BookingStats, SlotStats
from corridor_sim.engine.links.vessel import Vessel
from corridor_sim.engine.port import Port
from corridor_sim.model.fleet import SeaLink


class Crossing(Link):
    """A sea link as the cargo waiting for it sees it: a link with a sea spec that wakes
    its vessels when cargo joins (:class:`~.sea.Sea` is the one kind). A base class, not
    a Protocol, because a lane's ``link`` is a :class:`~.base.Link`."""

    spec: SeaLink

    vessels: list[Vessel]

    @abstractmethod
    def cycle_h(self, vessel: Vessel) -> float:
        """A vessel's nominal round trip, hours (see :meth:`~.sea.Sea.cycle_h`)."""

    @abstractmethod
    def signal_cargo(self, *, kept: bool = False) -> None:
        """Wake the vessels waiting for cargo (see :meth:`~.sea.Sea.signal_cargo`)."""


class Queue(deque[Consignment]):
    """Consignments waiting at a port for a sea link, oldest first: of one handling class
    ``cls`` and priority ``rank``, or (``flow``) of one flow with booked room."""

    __slots__ = ("cls", "flow", "rank", "units")

    def __init__(self, cls: str, rank: int, flow: FlowState | None = None) -> None:
        super().__init__()
        self.cls = cls
        self.rank = rank
        self.flow = flow
        self.units = 0.0


class SeaLane(Lane):
    """Cargo waiting at one port for the link's vessels to the other port.

    Cargo queues per handling class and priority (``by_class``, queues in priority
    order), so a vessel finds what it can carry at once; it loads by priority first
    (:data:`~corridor_sim.model.demand.PRIORITIES`), then whichever cargo has waited
    longest, across and within handling classes. ``units`` keeps the units waiting per
    class, so a vessel at anchorage can tell when a full load waits.

    A flow with a booking on this lane (:mod:`~.schedule`) queues on its own: a vessel
    first loads it into the room booked for it on this sailing, then takes what else
    waits, in the order above, into the room not booked.

    ``kept`` names, per handling class, the vessel waiting at anchorage for more cargo of
    that class here: the line fills one vessel at a time at each port, so other vessels
    of the link take that class here only once it has sailed (cargo is booked on the next
    sailing, as liner and ferry operators do), instead of sharing the cargo and sailing
    part-full side by side.
    """

    link: Crossing

    def __init__(self, link: Crossing, source: Port, target: Port) -> None:
        super().__init__(link, source, target)
        self.by_class: dict[str, list[Queue]] = {}
        self.queue_of: dict[FlowState, Queue] = {}
        self.units: dict[str, float] = {}
        self.count: dict[str, int] = {}  # consignments waiting per class
        self.ranked = False  # cargo of more than one priority has queued here
        self.kept: dict[str, Vessel] = {}
        spec = link.spec
        self.schedule = SlotStats(source.name, spec.on_time_within_h) if spec.every_h else None
        self.bookings: dict[FlowState, BookingStats] = {}

    @property
    def waiting(self) -> list[Consignment]:
        """All cargo waiting on this side, oldest first."""
        return sorted(self.queued(), key=lambda c: c.t)

    def expected_h(self, c: Consignment) -> float:
        """Hours from joining now to arrival (route choice): the cargo ahead here that
        the vessels able to carry ``c`` take too, in full loads (each class's units over
        the mean load of a vessel that carries it, ``c`` included), cleared at one load
        per vessel's nominal round trip (:meth:`Crossing.cycle_h`) summed over those
        vessels; half a headway for the next vessel; the mean crossing. The cargo ahead
        includes what is held outside the port's full yard for this lane
        (:meth:`~corridor_sim.engine.node.Node.held_for`): a yard smaller than the
        backlog must not hide it. Infinite if no vessel may load the class now (e.g. the
        draft forbids it)."""
        link = self.link
        cls = c.flow.handling
        able = [v for v in link.vessels if v.capacity.get(cls, 0.0) > 0]
        if not able:
            return math.inf
        classes = {k for v in able for k in v.capacity}
        loads = c.qty / (sum(v.capacity[cls] for v in able) / len(able))
        source = self.source
        for k in classes:
            units = self.units.get(k, 0.0) + source.held_for(self, k)
            if units > 0:
                carriers = [v.capacity[k] for v in able if v.capacity.get(k, 0.0) > 0]
                loads += units / (sum(carriers) / len(carriers))
        per_h = sum(1.0 / link.cycle_h(v) for v in able)
        sailing = sum(v.sailing_h for v in able) / len(able)
        return (loads + 0.5) / per_h + sailing

    def book(self, flow: FlowState, units: float) -> None:
        """Hold ``units`` of room for ``flow`` on every scheduled sailing from here."""
        self.bookings[flow] = BookingStats(flow, self.source.name, units)

    def enqueue(self, c: Consignment) -> None:
        self.link.accept(self, c)
        queue = self.queue_of.get(c.flow)
        if queue is None:  # not ``or``: an empty queue is falsy
            queue = self._queue_for(c.flow)
        queue.append(c)
        queue.units += c.qty
        self.units[queue.cls] += c.qty
        self.count[queue.cls] += 1
        self.link.signal_cargo(kept=queue.cls in self.kept)

    def _queue_for(self, flow: FlowState) -> Queue:
        """The queue ``flow``'s cargo joins: its own if booked, else its class and rank's."""
        cls = flow.handling
        queues = self.by_class.setdefault(cls, [])
        self.units.setdefault(cls, 0.0)
        self.count.setdefault(cls, 0)
        ranks = {q.rank for qs in self.by_class.values() for q in qs} | {flow.rank}
        self.ranked = self.ranked or len(ranks) > 1
        own = flow in self.bookings
        shared = [q for q in queues if q.flow is None and q.rank == flow.rank]
        if shared and not own:
            queue = shared[0]
        else:  # a new queue (queues compare by content: never test one with ``in``)
            queue = Queue(cls, flow.rank, flow if own else None)
            queues.append(queue)
            queues.sort(key=lambda q: q.rank)  # stable: ties keep their order of making
        self.queue_of[flow] = queue
        return queue

    def queued(self) -> Iterable[Consignment]:
        for queues in self.by_class.values():
            for queue in queues:
                yield from queue

    def has_cargo_for(self, vessel: Vessel) -> bool:
        """True if cargo that ``vessel`` can carry waits on this side (and is not kept
        for another vessel waiting for it)."""
        count, kept = self.count, self.kept
        return any(count.get(cls) and kept.get(cls, vessel) is vessel for cls in vessel.capacity)

    def share_for(self, vessel: Vessel) -> float:
        """The share of ``vessel``'s capacity that the cargo waiting here for it would fill."""
        if vessel.booked:
            return self._booked_share(vessel)
        units, kept = self.units, self.kept
        return sum(
            units.get(cls, 0.0) / cap
            for cls, cap in vessel.capacity.items()
            if kept.get(cls, vessel) is vessel
        )

    def _booked_share(self, vessel: Vessel) -> float:
        """:meth:`share_for` with room booked: each booked flow fills its room, the rest
        at most the room not booked."""
        booked, kept = vessel.booked, self.kept
        mine = others = reserved = 0.0
        for cls, cap in vessel.capacity.items():
            if kept.get(cls, vessel) is not vessel:
                continue
            for q in self.by_class.get(cls, ()):
                left = booked.get(q.flow, 0.0) / cap if q.flow is not None else 0.0
                reserved += left
                share = q.units / cap
                mine += min(share, left)
                others += max(0.0, share - left)
        return mine + min(others, 1.0 - vessel.fill - reserved)

    def keep(self, vessel: Vessel) -> None:
        """Keep the cargo of ``vessel``'s classes for it (unless kept for another)."""
        for cls in vessel.capacity:
            self.kept.setdefault(cls, vessel)

    def release(self, vessel: Vessel) -> bool:
        """Stop keeping cargo for ``vessel``; True if any was kept for it."""
        mine = [cls for cls, v in self.kept.items() if v is vessel]
        for cls in mine:
            del self.kept[cls]
        return bool(mine)

    # -- a sailing: booked room, loading, departure -------------------------------------
    def open_sailing(self, vessel: Vessel) -> None:
        """``vessel`` begins to load here: give each booking its room on this sailing (in
        units, as far as the vessel's room goes)."""
        vessel.booked, vessel.booked_units = {}, {}
        free = 1.0 - vessel.fill
        for flow, booking in self.bookings.items():
            cap = vessel.capacity.get(flow.handling, 0.0)
            units = min(booking.units, free * cap)
            if units > 1e-9:
                vessel.booked[flow] = vessel.booked_units[flow] = units
                free -= units / cap

    def close_sailing(self, vessel: Vessel, delay_h: float | None) -> None:
        """``vessel`` sails from here ``delay_h`` after its slot (None: not scheduled)."""
        if delay_h is not None and self.schedule is not None:
            self.schedule.add(delay_h)
        for flow, units in vessel.booked_units.items():
            self.bookings[flow].add(units, vessel.booked[flow])
        vessel.booked, vessel.booked_units = {}, {}

    def take(self, vessel: Vessel, room: float) -> tuple[Batch, float]:
        """Load up to ``room`` (share of the vessel) from the waiting cargo it can carry:
        booked cargo into its room, then by priority, then oldest first."""
        load: Batch = []
        used = 0.0
        if vessel.booked:
            used = self._take_booked(vessel, load)
            room -= sum(left / vessel.capacity[f.handling] for f, left in vessel.booked.items())
        kept, by_class = self.kept, self.by_class
        queues = [
            (q, cap)
            for cls, cap in vessel.capacity.items()
            if cap > 0 and kept.get(cls, vessel) is vessel
            for q in by_class.get(cls, ())
            if q
        ]
        if not self.ranked:
            return load, self._fill(queues, load, used, room)
        for rank in sorted({q.rank for q, _ in queues}):
            used = self._fill([qc for qc in queues if qc[0].rank == rank], load, used, room)
        return load, used

    def _fill(
        self, queues: list[tuple[Queue, float]], load: Batch, used: float, room: float
    ) -> float:
        """Load the oldest cargo of ``queues`` (each with the vessel's capacity for its
        class) until ``used`` reaches ``room``; the share of the vessel used."""
        while queues and room - used > 1e-9:
            queue, cap = min(queues, key=lambda qc: qc[0][0].t)
            c = queue[0]
            share = c.qty / cap
            if share > room - used + 1e-9:
                c, share = c.split(c.qty * (room - used) / share), room - used
            else:
                queue.popleft()
                self.count[queue.cls] -= 1
                if not queue:
                    queues = [qc for qc in queues if qc[0]]
            used += share
            self._leave(queue, c, load)
        return used

    def _take_booked(self, vessel: Vessel, load: Batch) -> float:
        """Load each booked flow's cargo, oldest first, into its room left on the vessel;
        the share of the vessel used."""
        used = 0.0
        kept, booked = self.kept, vessel.booked
        for flow, left in booked.items():
            queue = self.queue_of.get(flow)
            if not queue or kept.get(queue.cls, vessel) is not vessel:
                continue
            cap = vessel.capacity[queue.cls]
            while queue and left > 1e-9:
                c = queue[0]
                if c.qty > left + 1e-9:
                    c = c.split(left)
                else:
                    queue.popleft()
                    self.count[queue.cls] -= 1
                left -= c.qty
                used += c.qty / cap
                self._leave(queue, c, load)
            booked[flow] = max(left, 0.0)
        return used

    def _leave(self, queue: Queue, c: Consignment, load: Batch) -> None:
        load.append(c)
        queue.units -= c.qty
        self.units[queue.cls] -= c.qty
        self.link.depart(self, c)
