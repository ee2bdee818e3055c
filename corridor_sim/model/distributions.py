"""Service-time distributions (specifications; sampling lives in the engine)."""

from __future__ import annotations

from dataclasses import dataclass

DISTRIBUTIONS = ("deterministic", "exponential", "gamma", "lognormal", "uniform", "empirical")


@dataclass(frozen=True, slots=True)
class Distribution:
    """A distribution of durations in hours.

    ``mean_h`` is the mean for every kind; ``cv`` (coefficient of variation) shapes gamma
    and lognormal; ``low_h``/``high_h`` bound uniform; ``values_h`` lists empirical values.
    """

    kind: str
    mean_h: float
    cv: float = 0.0
    low_h: float = 0.0
    high_h: float = 0.0
    values_h: tuple[float, ...] = ()

    @property
    def variance_h2(self) -> float:
        """Variance in h², for queueing formulas (Pollaczek–Khinchine)."""
        if self.kind == "exponential":
            return self.mean_h**2
        if self.kind in ("gamma", "lognormal"):
            return (self.cv * self.mean_h) ** 2
        if self.kind == "uniform":
            return (self.high_h - self.low_h) ** 2 / 12
        if self.kind == "empirical":
            m = self.mean_h
            return sum((v - m) ** 2 for v in self.values_h) / len(self.values_h)
        return 0.0


def deterministic(hours: float) -> Distribution:
    """A fixed duration of ``hours``."""
    return Distribution("deterministic", hours)
