"""Calendar dates beside the run's clock.

The engine counts time in hours from t = 0, the start of the warm-up, which is the
scenario's ``simulation.start`` date (the calendar that drives seasonality, weather and
dated closures; see docs/scenario_format.md). The statistics period starts
``warmup_h`` later. Every table with a time from t = 0 gets a ``date`` column (a pandas
``Timestamp``) right after that time, which it keeps.

>>> import datetime as dt
>>> import pandas as pd
>>> table = with_date(pd.DataFrame({"time_h": [0.0, 30.0]}), dt.date(2024, 1, 1), "time_h")
>>> [str(d) for d in table["date"]]
['2024-01-01 00:00:00', '2024-01-02 06:00:00']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

#: tables with a time from t = 0: the column and its length in hours
TIMED: Mapping[str, tuple[str, float]] = {
    "queues": ("time_h", 1.0),
    "daily": ("day", 24.0),
    "flow_daily": ("day", 24.0),
    "route_daily": ("day", 24.0),
}
DATE = "date"


def at(start: dt.date, hours: float) -> pd.Timestamp:
    """The calendar time ``hours`` after t = 0 (``hours = warmup_h`` is the first moment
    of the statistics period)."""
    return pd.Timestamp(start) + pd.to_timedelta(hours, unit="h")


def with_date(table: pd.DataFrame, start: dt.date, column: str, hours: float = 1.0) -> pd.DataFrame:
    """A copy of ``table`` with ``date`` inserted after ``column``, a time from t = 0 in
    units of ``hours`` hours (1 for ``time_h``, 24 for ``day``); the table as it is if it
    lacks ``column`` or already has a ``date``."""
    if column not in table.columns or DATE in table.columns:
        return table
    offset = pd.to_timedelta(table[column].astype(float) * hours, unit="h")
    out = table.copy()
    out.insert(out.columns.get_loc(column) + 1, DATE, pd.Timestamp(start) + offset)
    return out


def dated(name: str, table: pd.DataFrame, start: dt.date) -> pd.DataFrame:
    """``table`` of a result (named ``name``) with its ``date`` column if it has a time."""
    if name not in TIMED:
        return table
    column, hours = TIMED[name]
    return with_date(table, start, column, hours)


def parse_dates(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` read from CSV with its ``date`` column back as ``Timestamp``s."""
    if DATE not in table.columns:
        return table
    out = table.copy()
    out[DATE] = pd.to_datetime(out[DATE], format="ISO8601")
    return out
