"""Liner schedules on a sea link: how far each scheduled sailing left from its slot, and
the room flows book on each sailing.

Slots. A link with ``every_h`` gives each of its n vessels slots ``every_h`` apart, the
i-th vessel's offset by i/n of the interval (:meth:`Vessel._next_slot`). A *scheduled
sailing* is one on which the vessel loaded cargo at the port it leaves; its *slot* is the
vessel's first slot at or after the moment it was ready to load there (its unloading
done), the slot its departure deadline was set from. Its delay is the time it began to
sail (after departure formalities and any wait for the sea to open) minus that slot, in
hours: negative if it left early (full before its slot, or at ``max_wait``). A sailing is
*on time* if ``-tolerance <= delay <= tolerance``: early counts against the schedule as
late does, as in Sea-Intelligence's schedule reliability (a call is on time within one
day either side of the schedule). Sailings without cargo loaded at the port (a vessel
repositioning empty) are not scheduled sailings and are not counted.

Bookings. A flow with a booking on the link (:class:`~corridor_sim.model.demand.Booking`)
has ``per_sailing_units`` of room on every scheduled sailing in its direction: held for
it until the vessel sails (an allocation), so what it does not fill sails empty. A vessel
that can carry less than all bookings together gives them room in the order the flows
were listed, up to its capacity.
"""

from __future__ import annotations

from corridor_sim.engine.consignment import FlowState
from corridor_sim.engine.records import BookingRecord, ScheduleRecord


class SlotStats:
    """Scheduled sailings from one port: count, on time, delay sum and maximum (h)."""

    __slots__ = ("delay_max_h", "delay_sum_h", "on_time", "port", "sailings", "tolerance_h")

    def __init__(self, port: str, tolerance_h: float) -> None:
        self.port = port
        self.tolerance_h = tolerance_h
        self.reset()

    def reset(self) -> None:
        """Start the statistics period."""
        self.sailings = 0
        self.on_time = 0
        self.delay_sum_h = 0.0
        self.delay_max_h = -float("inf")

    def add(self, delay_h: float) -> None:
        """A scheduled sailing left ``delay_h`` after its slot (negative: before it)."""
        self.sailings += 1
        if abs(delay_h) <= self.tolerance_h + 1e-9:
            self.on_time += 1
        self.delay_sum_h += delay_h
        if delay_h > self.delay_max_h:
            self.delay_max_h = delay_h

    def record(self) -> ScheduleRecord:
        worst = self.delay_max_h if self.sailings else float("nan")
        return ScheduleRecord(self.port, self.sailings, self.on_time, self.delay_sum_h, worst)


class BookingStats:
    """One flow's booking on the sailings from one port: ``units`` per sailing; over the
    statistics period, the sailings, units booked on them and units used."""

    __slots__ = ("booked_units", "flow", "port", "sailings", "units", "used_units")

    def __init__(self, flow: FlowState, port: str, units: float) -> None:
        self.flow = flow
        self.port = port
        self.units = units
        self.reset()

    def reset(self) -> None:
        """Start the statistics period."""
        self.sailings = 0
        self.booked_units = 0.0
        self.used_units = 0.0

    def add(self, booked: float, left: float) -> None:
        """A sailing with ``booked`` units of room for the flow, ``left`` of them unused."""
        self.sailings += 1
        self.booked_units += booked
        self.used_units += booked - left

    def record(self) -> BookingRecord:
        return BookingRecord(
            self.flow.name, self.port, self.sailings, self.booked_units, self.used_units
        )
