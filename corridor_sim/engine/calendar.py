"""The run's calendar: where each month begins, in hours from t = 0."""

from __future__ import annotations

import calendar
import datetime as dt


def month_starts(start: dt.date, end_h: float) -> tuple[list[float], list[int]]:
    """Hours from t = 0 at which each calendar month begins (the first is 0), and the
    month (0 = January) of each."""
    starts, months = [0.0], [start.month - 1]
    year, month = start.year, start.month
    origin = dt.datetime(start.year, start.month, start.day)
    while starts[-1] <= end_h:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        starts.append((dt.datetime(year, month, 1) - origin).total_seconds() / 3600)
        months.append(month - 1)
    return starts, months


def month_length_h(day: dt.date) -> float:
    """Hours in the calendar month of ``day``."""
    return calendar.monthrange(day.year, day.month)[1] * 24.0
