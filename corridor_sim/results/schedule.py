"""Liner schedules of a run: how reliably each scheduled sea link kept its slots, and
how much of the room flows booked on its sailings they used.

A scheduled sailing's delay is the time it began to sail minus its slot, in hours
(negative: early); it is on time within the link's tolerance either side
(``departure.on_time_within``, default 24 h); see :mod:`corridor_sim.engine.links.schedule`
for which slot a sailing belongs to.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from corridor_sim.engine.records import RunRecord, ScheduleRecord

SCHEDULE_COLUMNS = ["sailings", "on_time_share", "slot_delay_mean_h", "slot_delay_max_h"]
BOOKING_COLUMNS = [
    "link",
    "flow",
    "port",
    "sailings",
    "booked_units",
    "used_units",
    "used_share",
]


def on_time_share(schedule: Sequence[ScheduleRecord]) -> float:
    """Share of the scheduled sailings (from either port) that left on time; NaN if none."""
    sailings = sum(s.sailings for s in schedule)
    return sum(s.on_time for s in schedule) / sailings if sailings else math.nan


def schedule_columns(schedule: Sequence[ScheduleRecord], port: str) -> dict[str, Any]:
    """The :data:`SCHEDULE_COLUMNS` of the scheduled sailings from ``port``: how many, the
    share on time, mean and largest delay from the slot (h); NaN where none."""
    s = next((s for s in schedule if s.port == port), None)
    if s is None or not s.sailings:
        return {"sailings": 0 if s else math.nan} | dict.fromkeys(SCHEDULE_COLUMNS[1:], math.nan)
    return {
        "sailings": s.sailings,
        "on_time_share": s.on_time / s.sailings,
        "slot_delay_mean_h": s.delay_sum_h / s.sailings,
        "slot_delay_max_h": s.delay_max_h,
    }


def booking_table(record: RunRecord) -> pd.DataFrame:
    """Per sea link, booked flow and port of loading, over the statistics period: the
    scheduled sailings, units of room booked on them, units of the flow loaded into it,
    and the share used."""
    rows = [
        {
            "link": e.name,
            "flow": b.flow,
            "port": b.port,
            "sailings": b.sailings,
            "booked_units": b.booked_units,
            "used_units": b.used_units,
            "used_share": b.used_units / b.booked_units if b.booked_units > 0 else math.nan,
        }
        for e in record.elements
        for b in e.bookings
    ]
    return pd.DataFrame(rows, columns=BOOKING_COLUMNS)
