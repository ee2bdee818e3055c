"""Service-time distributions (specifications; sampling lives in the engine)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from corridor_sim.model import checks

DISTRIBUTIONS = ("deterministic", "exponential", "gamma", "lognormal", "uniform", "empirical")

#: kinds whose mean (and, for gamma and lognormal, cv) must be > 0
_POSITIVE_MEAN = ("exponential", "gamma", "lognormal")
_SHAPED = ("gamma", "lognormal")


@dataclass(frozen=True, slots=True)
class Distribution:
    """A distribution of durations in hours.

    ``mean_h`` is the mean for every kind; ``cv`` (coefficient of variation) shapes gamma
    and lognormal; ``low_h``/``high_h`` bound uniform; ``values_h`` lists empirical values.

    Raises :class:`~corridor_sim.errors.ScenarioError` naming the field if a value is out
    of range, or if ``mean_h`` is not the mean of the uniform bounds or empirical values.
    """

    kind: str
    mean_h: float
    cv: float = 0.0
    low_h: float = 0.0
    high_h: float = 0.0
    values_h: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        kind = self.kind
        checks.choice(kind, DISTRIBUTIONS, "kind")
        mean = checks.non_negative(self.mean_h, "mean_h")
        cv = checks.non_negative(self.cv, "cv")
        low = checks.non_negative(self.low_h, "low_h")
        high = checks.non_negative(self.high_h, "high_h")
        if not isinstance(self.values_h, tuple):
            checks.fail(
                "values_h",
                f"must be a tuple of durations (got {type(self.values_h).__name__} "
                f"{checks.show(self.values_h)})",
            )
        for i, v in enumerate(self.values_h):
            checks.non_negative(v, f"values_h[{i}]")
        if kind in _POSITIVE_MEAN and mean <= 0:
            checks.fail("mean_h", f"must be > 0 for a {kind} distribution (got {self.mean_h!r})")
        if kind in _SHAPED and cv <= 0:
            checks.fail("cv", f"must be > 0 for a {kind} distribution (got {self.cv!r})")
        if kind == "uniform":
            if high < low:
                checks.fail("high_h", f"must be >= low_h (got {self.high_h!r} < {self.low_h!r})")
            _mean_of("(low_h + high_h) / 2", low / 2 + high / 2, mean)
        if kind == "empirical":
            if not self.values_h:
                checks.fail("values_h", "must list at least one duration for empirical")
            n = len(self.values_h)
            _mean_of("the mean of values_h", sum(v / n for v in self.values_h), mean)


def _mean_of(what: str, expected: float, mean: float) -> None:
    """The engine and the capacity bounds read ``mean_h``: it must match the shape."""
    if not math.isclose(mean, expected, rel_tol=1e-9, abs_tol=1e-12):
        checks.fail("mean_h", f"must be {what} = {expected:g} (got {mean!r})")


def deterministic(hours: float) -> Distribution:
    """A fixed duration of ``hours``."""
    return Distribution("deterministic", hours)
