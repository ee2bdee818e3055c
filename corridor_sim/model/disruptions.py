"""Disruptions: scheduled closures, stochastic weather, failures of vessels and equipment.

Each spec checks its own values (raising :class:`~corridor_sim.errors.ScenarioError`
naming the field); whether its ``elements`` exist is checked by the
:class:`~corridor_sim.model.Scenario`.
"""

from __future__ import annotations

from dataclasses import dataclass

from corridor_sim.model import checks

#: the most days each calendar month can have (February in a leap year)
DAYS_IN_MONTH_MAX = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Closure:
    """Close ``elements`` (nodes or links) from ``start_h`` for ``duration_h`` hours."""

    elements: tuple[str, ...]
    start_h: float
    duration_h: float

    def __post_init__(self) -> None:
        checks.names(self.elements, "elements", what="node or link")
        checks.non_negative(self.start_h, "start_h")
        checks.positive(self.duration_h, "duration_h")


@dataclass(frozen=True)
class Weather:
    """Storm episodes that close ``elements`` together.

    Each calendar month draws a Poisson number of episodes with mean
    ``closure_days_per_month[m] * 24 / mean_episode_h``, each starting uniformly in the
    month and lasting an exponential time with mean ``mean_episode_h``. A month's expected
    closure days are at most its days (29 for February).
    """

    elements: tuple[str, ...]
    closure_days_per_month: tuple[float, ...]
    mean_episode_h: float

    def __post_init__(self) -> None:
        checks.names(self.elements, "elements", what="node or link")
        days = checks.series(self.closure_days_per_month, "closure_days_per_month", 12, "values")
        for m, (value, most) in enumerate(zip(days, DAYS_IN_MONTH_MAX, strict=True)):
            path = f"closure_days_per_month[{m}]"
            if checks.non_negative(value, path) > most:
                checks.fail(
                    path,
                    f"must be <= {most}, the days in {_MONTHS[m]} (got {value!r})",
                )
        checks.positive(self.mean_episode_h, "mean_episode_h")


@dataclass(frozen=True)
class Failures:
    """Breakdowns with exponential up times (``mtbf_h``) and repair times (``mttr_h``).

    On a sea link each vessel fails on its own; on a node one server (or berth) at a time
    is out; on a rail link or pipeline the whole element closes while under repair.
    """

    elements: tuple[str, ...]
    mtbf_h: float
    mttr_h: float

    def __post_init__(self) -> None:
        checks.names(self.elements, "elements", what="node or link")
        checks.positive(self.mtbf_h, "mtbf_h")
        checks.positive(self.mttr_h, "mttr_h")


Disruption = Closure | Weather | Failures
