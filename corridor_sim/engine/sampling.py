"""Random streams and fast samplers.

Every random source (a flow's arrivals, a node's service, a weather pattern) draws from its
own stream, derived from the run's seed and the source's name, so that changing one part
of a scenario does not reshuffle the others (common random numbers for comparisons).
Draws are made in blocks with numpy and handed out one at a time.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable

import numpy as np

from corridor_sim.model.distributions import Distribution

BLOCK = 4096


class Streams:
    """Independent generators keyed by name, all derived from one seed sequence."""

    def __init__(self, root: np.random.SeedSequence) -> None:
        self.root = root

    def get(self, name: str) -> np.random.Generator:
        """The generator for the random source called ``name``."""
        key = (*self.root.spawn_key, zlib.crc32(name.encode()))
        return np.random.default_rng(np.random.SeedSequence(self.root.entropy, spawn_key=key))


class Sampler:
    """Hands out draws of ``draw(n)`` one at a time, refilling a block of ``BLOCK``."""

    __slots__ = ("_buf", "_draw", "_i")

    def __init__(self, draw: Callable[[int], np.ndarray]) -> None:
        self._draw = draw
        self._buf: list[float] = []
        self._i = 0

    def __call__(self) -> float:
        i = self._i
        if i == len(self._buf):
            self._buf = self._draw(BLOCK).tolist()
            i = 0
        self._i = i + 1
        return self._buf[i]


def sampler(dist: Distribution, rng: np.random.Generator) -> Callable[[], float]:
    """A function returning one draw (hours) from ``dist`` per call."""
    m = dist.mean_h
    if dist.kind == "deterministic" or m == 0:
        return lambda: m
    if dist.kind == "exponential":
        return Sampler(lambda n: rng.exponential(m, n))
    if dist.kind == "gamma":
        shape = 1.0 / dist.cv**2
        return Sampler(lambda n: rng.gamma(shape, m / shape, n))
    if dist.kind == "lognormal":
        s2 = math.log1p(dist.cv**2)
        mu = math.log(m) - s2 / 2
        return Sampler(lambda n: rng.lognormal(mu, math.sqrt(s2), n))
    if dist.kind == "uniform":
        return Sampler(lambda n: rng.uniform(dist.low_h, dist.high_h, n))
    values = np.asarray(dist.values_h)
    return Sampler(lambda n: rng.choice(values, n))
