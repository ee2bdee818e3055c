"""Statistics periods of whole seasonal years, starting in a calm month.

A scenario is *seasonal* when its weather closures or its demand vary by calendar month.
Comparing the end of a statistics period with its start (the queue rise of
:mod:`~corridor_sim.experiments.saturation`), or counting what was delivered of what was
offered in it, is fair only if both ends fall at the same point of the season; and the
comparison is least noisy where no storm backlog is likely at either end. So the period
covers whole calendar years, and starts on the first day of the calmest month: the month
that, with the month before it, has the least *stress*. A month's stress is the expected
share of it closed by weather, summed over the weather entries, plus how far the
tonne-weighted demand factor of the flows stands above its mean of one (both are shares
of a month's capacity lost or added). The warm-up runs from the scenario's start to the
first such day at or after the scenario's own warm-up, so it is never shorter.

This is the advice for seasonal (cyclic) output in Law (2015), *Simulation Modeling and
Analysis*, 5th ed., ch. 9: statistics over whole cycles, after a warm-up.

>>> import corridor_sim as cs
>>> s = whole_years(cs.load_scenario(cs.bundled_path("teaching_two_ports")))
>>> first_day(s), s.settings.warmup_h / 24, s.settings.horizon_h / 24
(datetime.date(2024, 5, 1), 121.0, 365.0)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

from corridor_sim.capacity.availability import DAYS_IN_MONTH
from corridor_sim.capacity.elements import flow_t_per_yr
from corridor_sim.model.disruptions import Weather
from corridor_sim.model.scenario import Scenario

DAY_H = 24.0
YEAR_H = 8760.0


def monthly_stress(scenario: Scenario) -> list[float]:
    """Stress of each calendar month, January first (see module doc)."""
    stress = [0.0] * 12
    for d in scenario.disruptions:
        if isinstance(d, Weather):
            for m, days in enumerate(d.closure_days_per_month):
                stress[m] += days / DAYS_IN_MONTH[m]
    weights = {name: flow_t_per_yr(scenario, f) for name, f in scenario.flows.items()}
    total = sum(weights.values())
    if total > 0:
        for name, f in scenario.flows.items():
            mean = sum(f.seasonality) / 12
            for m, factor in enumerate(f.seasonality):
                stress[m] += weights[name] / total * (factor / mean - 1.0)
    return stress


def is_seasonal(scenario: Scenario) -> bool:
    """True if the scenario's weather or demand varies by calendar month."""
    stress = monthly_stress(scenario)
    return max(stress) - min(stress) > 1e-12


def first_day(scenario: Scenario) -> dt.date:
    """The first day of the statistics period (the day the warm-up ends)."""
    s = scenario.settings
    return s.start + dt.timedelta(hours=s.warmup_h)


def calm_start(scenario: Scenario, earliest: dt.date) -> dt.date:
    """The first day of the calmest month (see module doc) on or after ``earliest``."""
    stress = monthly_stress(scenario)
    day = earliest.replace(day=1)
    if day < earliest:
        day = _next_month(day)
    candidates = []
    for _ in range(12):
        m = day.month - 1
        candidates.append((round(stress[m - 1] + stress[m], 12), day))
        day = _next_month(day)
    return min(candidates, key=lambda c: c[0])[1]  # the earliest of equally calm months


def whole_years(
    scenario: Scenario, *, years: int | None = None, warmup_h: float | None = None
) -> Scenario:
    """``scenario`` with a statistics period of ``years`` whole calendar years (default:
    its horizon rounded to whole years, at least one) starting on the first day of its
    calmest month, after a warm-up of at least ``warmup_h`` hours (default: its own).

    A scenario that is not seasonal keeps its own horizon unless ``years`` is given, and
    its warm-up is exactly ``warmup_h`` if given: with no season, any period is fair.
    """
    if warmup_h is not None and not (math.isfinite(warmup_h) and warmup_h >= 0):
        raise ValueError(f"warmup_h must be a finite number >= 0 (got {warmup_h})")
    if years is not None and (int(years) != years or years < 1):
        raise ValueError(f"years must be a whole number >= 1 (got {years})")
    s = scenario.settings
    warmup = s.warmup_h if warmup_h is None else float(warmup_h)
    if not is_seasonal(scenario) and years is None:
        return _with_period(scenario, warmup, s.horizon_h)
    n = years or max(1, round(s.horizon_h / YEAR_H))
    earliest = s.start + dt.timedelta(days=math.ceil(warmup / DAY_H - 1e-9))
    begin = calm_start(scenario, earliest) if is_seasonal(scenario) else earliest
    end = _add_years(begin, int(n))
    return _with_period(scenario, (begin - s.start).days * DAY_H, (end - begin).days * DAY_H)


def _with_period(scenario: Scenario, warmup_h: float, horizon_h: float) -> Scenario:
    settings = dataclasses.replace(scenario.settings, warmup_h=warmup_h, horizon_h=horizon_h)
    return dataclasses.replace(scenario, settings=settings)


def _next_month(day: dt.date) -> dt.date:
    return day.replace(year=day.year + day.month // 12, month=day.month % 12 + 1, day=1)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28) + dt.timedelta(days=1)
