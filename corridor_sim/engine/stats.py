"""Streaming statistics: memory does not grow with the number of cargo units."""

from __future__ import annotations

import math

import numpy as np


class Level:
    """A quantity that changes over time (tonnes queued, berths busy): time-weighted mean
    and maximum since the last :meth:`reset`."""

    __slots__ = ("area", "max", "t", "t0", "value")

    def __init__(self) -> None:
        self.value = 0.0
        self.area = 0.0
        self.t = 0.0
        self.t0 = 0.0
        self.max = 0.0

    def add(self, delta: float, now: float) -> None:
        """Change the level by ``delta`` at time ``now``."""
        self.area += self.value * (now - self.t)
        self.t = now
        self.value += delta
        if self.value > self.max:
            self.max = self.value

    def reset(self, now: float) -> None:
        """Start a fresh statistics period at ``now`` (the end of the warm-up)."""
        self.area = 0.0
        self.t = self.t0 = now
        self.max = self.value

    def mean(self, now: float) -> float:
        """Time-weighted mean from the last reset to ``now``."""
        span = now - self.t0
        if span <= 0:
            return self.value
        return (self.area + self.value * (now - self.t)) / span


class Histogram:
    """Weighted histogram of durations (h) on log-spaced bins, for p50/p95.

    Bins are 1/100 of a decade wide from 0.001 h to 1e6 h (relative error < 2.3 %), with
    an under-flow bin for zero. The exact weighted mean is kept alongside.
    """

    BINS_PER_DECADE = 100
    LOW_EXP = -3
    HIGH_EXP = 6
    __slots__ = ("counts", "total", "weight")

    def __init__(self) -> None:
        n = (self.HIGH_EXP - self.LOW_EXP) * self.BINS_PER_DECADE + 2
        self.counts = [0.0] * n
        self.weight = 0.0
        self.total = 0.0

    def add(self, hours: float, weight: float = 1.0) -> None:
        """Record ``weight`` units that took ``hours``."""
        if hours <= 10.0**self.LOW_EXP:
            i = 0
        else:
            i = int((math.log10(hours) - self.LOW_EXP) * self.BINS_PER_DECADE) + 1
            if i >= len(self.counts):
                i = len(self.counts) - 1
        self.counts[i] += weight
        self.weight += weight
        self.total += hours * weight

    def merge(self, other: Histogram) -> None:
        """Add another histogram's records to this one."""
        self.counts = [a + b for a, b in zip(self.counts, other.counts, strict=True)]
        self.weight += other.weight
        self.total += other.total

    @property
    def mean(self) -> float:
        """Weighted mean, h (NaN when empty)."""
        return self.total / self.weight if self.weight else math.nan

    def quantile(self, q: float) -> float:
        """The ``q`` quantile (0..1), h, at the geometric centre of its bin."""
        if not self.weight:
            return math.nan
        cum = np.cumsum(self.counts)
        i = int(np.searchsorted(cum, q * self.weight, side="left"))
        if i == 0:
            return 0.0
        return 10.0 ** (self.LOW_EXP + (i - 0.5) / self.BINS_PER_DECADE)
