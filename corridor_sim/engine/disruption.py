"""Disruptions in the running model: scheduled closures, weather episodes, failures.

Weather episodes are drawn for the whole run when the simulation starts, from the
disruption's own random stream, so the same seed gives the same storms whatever the cargo.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import numpy as np
import simpy

from corridor_sim.engine.element import Element
from corridor_sim.engine.sea import Sea
from corridor_sim.engine.vessel import Vessel
from corridor_sim.model.disruptions import Closure, Failures, Weather


def schedule_closure(
    env: simpy.Environment, elements: list[Element], start_h: float, duration_h: float
) -> None:
    """Close ``elements`` at ``start_h`` and reopen them ``duration_h`` later."""

    def begin(_event: object) -> None:
        for e in elements:
            e.close()
        env.timeout(duration_h).callbacks.append(end)

    def end(_event: object) -> None:
        for e in elements:
            e.open()

    env.timeout(start_h).callbacks.append(begin)


def weather_episodes(
    spec: Weather,
    rng: np.random.Generator,
    month_starts: list[float],
    month_of: list[int],
    end_h: float,
    first_month_h: float | None = None,
) -> list[tuple[float, float]]:
    """(start, duration) in hours of each storm episode over the run.

    ``first_month_h`` is the full length of the calendar month the run starts in; a run
    that starts mid-month draws only that part's share of the month's closure days.
    """
    episodes = []
    for i, start in enumerate(month_starts):
        if start >= end_h:
            break
        stop = month_starts[i + 1] if i + 1 < len(month_starts) else end_h
        share = (stop - start) / first_month_h if i == 0 and first_month_h else 1.0
        days = share * spec.closure_days_per_month[month_of[i]]
        expected = days * 24.0 / spec.mean_episode_h
        for _ in range(rng.poisson(expected)):
            episodes.append((rng.uniform(start, stop), rng.exponential(spec.mean_episode_h)))
    return episodes


def _fail_cycle(
    env: simpy.Environment, element: Element, spec: Failures, rng: np.random.Generator
) -> Generator[simpy.Event, Any, None]:
    while True:
        yield env.timeout(rng.exponential(spec.mtbf_h))
        element.fail()
        yield env.timeout(rng.exponential(spec.mttr_h))
        element.repair()


def _vessel_cycle(
    env: simpy.Environment, vessel: Vessel, spec: Failures, rng: np.random.Generator
) -> Generator[simpy.Event, Any, None]:
    while True:
        yield env.timeout(rng.exponential(spec.mtbf_h))
        vessel.repair_h = rng.exponential(spec.mttr_h)
        vessel.repair_due = True  # the vessel goes to repair at its next port call
        while vessel.repair_due:
            yield env.timeout(24.0)


def install(sim: Any, spec: Closure | Weather | Failures, number: int) -> None:
    """Start the processes that carry out disruption ``spec`` in ``sim``."""
    env = sim.env
    elements = [sim.by_name[n] for n in spec.elements]
    if isinstance(spec, Closure):
        schedule_closure(env, elements, spec.start_h, spec.duration_h)
        return
    if isinstance(spec, Weather):
        rng = sim.streams.get(f"disruption:{number}:{type(spec).__name__}")
        for start, duration in weather_episodes(
            spec, rng, sim.month_starts, sim.month_of, sim.end_h, sim.first_month_h
        ):
            schedule_closure(env, elements, start, duration)
            sim.storm_hours += duration
        return
    for element in elements:
        if isinstance(element, Sea):
            for vessel in element.vessels:
                env.process(
                    _vessel_cycle(
                        env,
                        vessel,
                        spec,
                        sim.streams.get(f"failure:{element.name}:{vessel.name}:{number}"),
                    )
                )
        else:
            env.process(
                _fail_cycle(env, element, spec, sim.streams.get(f"failure:{element.name}:{number}"))
            )
