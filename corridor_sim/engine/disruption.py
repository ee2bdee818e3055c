"""Disruptions in the running model: scheduled closures and weather episodes.

Weather episodes are drawn for the whole run when the simulation starts, from the
disruption's own random stream, so the same seed gives the same storms whatever the cargo.
Failures are each element's own business (``Element.start_failures``: a sea link's vessels
fail one by one, a node loses a server, a line closes).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import simpy

from corridor_sim.engine.element import Element
from corridor_sim.model.disruptions import Weather


def schedule_closure(
    env: simpy.Environment, elements: Sequence[Element], start_h: float, duration_h: float
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
