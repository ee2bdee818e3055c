"""Disruptions: scheduled closures, stochastic weather, failures of vessels and equipment."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Closure:
    """Close ``elements`` (nodes or links) from ``start_h`` for ``duration_h`` hours."""

    elements: tuple[str, ...]
    start_h: float
    duration_h: float


@dataclass(frozen=True)
class Weather:
    """Storm episodes that close ``elements`` together.

    Each calendar month draws a Poisson number of episodes with mean
    ``closure_days_per_month[m] * 24 / mean_episode_h``, each starting uniformly in the
    month and lasting an exponential time with mean ``mean_episode_h``.
    """

    elements: tuple[str, ...]
    closure_days_per_month: tuple[float, ...]
    mean_episode_h: float


@dataclass(frozen=True)
class Failures:
    """Breakdowns with exponential up times (``mtbf_h``) and repair times (``mttr_h``).

    On a sea link each vessel fails on its own; on a node one server (or berth) at a time
    is out; on a rail link or pipeline the whole element closes while under repair.
    """

    elements: tuple[str, ...]
    mtbf_h: float
    mttr_h: float


Disruption = Closure | Weather | Failures
