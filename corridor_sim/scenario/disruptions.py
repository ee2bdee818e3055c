"""Read disruptions: closures, weather and failures."""

from __future__ import annotations

import calendar
import datetime as dt

from corridor_sim.model.disruptions import (
    DAYS_IN_MONTH_MAX,
    Closure,
    Disruption,
    Failures,
    Weather,
)
from corridor_sim.scenario.reader import Reader

KINDS = ("closure", "weather", "failures")


def _elements(r: Reader, known: set[str]) -> tuple[str, ...]:
    items = r.list("elements")
    if not items:
        r.fail("elements", "must name at least one node or link")
    out = []
    for _, name, _ in items:
        if not isinstance(name, str) or name not in known:
            r.fail("elements", f"no node or link named {name!r}")
        out.append(name)
    return tuple(out)


def _start_h(r: Reader, start: dt.date) -> float:
    value = r.raw("start")
    if isinstance(value, dt.date | dt.datetime) or (
        isinstance(value, str) and value[:4].isdigit() and "-" in value
    ):
        day = r.date("start")
        hours = (day - start).days * 24.0
        if hours < 0:
            r.fail("start", f"is before the simulation start {start} (got {day})")
        return hours
    return r.hours("start", allow_zero=True)


def _closure_days(r: Reader, month: int, value: object) -> float:
    """Expected closure days of calendar month ``month`` (0 = January): at most the days
    the month can have (29 for February, a leap year's)."""
    key = f"closure_days_per_month[{month}]"
    days = r.check_number(value, key, low=0.0)
    most = DAYS_IN_MONTH_MAX[month]
    if days > most:
        r.fail(
            key,
            f"must be <= {most}: {calendar.month_name[month + 1]} has at most {most} days "
            f"(got {value!r})",
        )
    return days


def read_disruption(r: Reader, known: set[str], start: dt.date) -> Disruption:
    """One entry of the ``disruptions`` list."""
    kind = r.choice("kind", KINDS)
    if kind == "closure":
        r.check_keys(
            ["kind", "elements", "start", "duration", "description"],
            required=["elements", "start", "duration"],
        )
        return r.build(Closure, _elements(r, known), _start_h(r, start), r.hours("duration"))
    if kind == "weather":
        r.check_keys(
            ["kind", "elements", "closure_days_per_month", "mean_episode", "description"],
            required=["elements", "closure_days_per_month", "mean_episode"],
        )
        items = r.list("closure_days_per_month")
        if len(items) != 12:
            r.fail("closure_days_per_month", f"needs 12 monthly values (got {len(items)})")
        days = tuple(_closure_days(r, m, v) for m, (_, v, _) in enumerate(items))
        return r.build(Weather, _elements(r, known), days, r.hours("mean_episode"))
    r.check_keys(
        ["kind", "elements", "mtbf", "mttr", "description"], required=["elements", "mtbf", "mttr"]
    )
    return r.build(Failures, _elements(r, known), r.hours("mtbf"), r.hours("mttr"))
