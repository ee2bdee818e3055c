"""Bisection over noisy verdicts: each multiplier tried is *sustainable*, *saturated* or
*undecided*, and the saturation point lies between the largest sustainable and the
smallest saturated multiplier.

The verdicts are assumed to worsen with the multiplier in expectation (sustainable, then
undecided where the replications cannot tell, then saturated). The search doubles or
halves from a start until both ends are found within :data:`LIMITS`, then bisects the
gaps between decided and undecided steps (bisection with noisy responses: Waeber,
Frazier & Henderson 2013, *SIAM J. Control Optim.* 51(3), 2261-2279).

>>> tried = bisect(lambda m: "sustainable" if m < 1.5 else "saturated", 1.0, 0.05)
>>> bracket(tried)[:2]
(1.4375, 1.5)
"""

from __future__ import annotations

import math
from collections.abc import Callable

from corridor_sim.experiments.saturation_result import SATURATED, SUSTAINABLE, UNDECIDED

LIMITS = (1 / 64, 64.0)  # multipliers searched
MAX_STEPS = 40  # a safety stop; the bisection needs far fewer


def bisect(decide: Callable[[float], str], start: float, precision: float) -> dict[float, str]:
    """Every multiplier tried and its verdict: bracket from ``start``, then bisect the
    widest gap between a decided step and the nearest undecided or opposite one, until
    every gap is narrower than ``precision`` of its lower end."""
    tried: dict[float, str] = {}

    def at(m: float) -> str:
        tried[m] = tried.get(m) or decide(m)
        return tried[m]

    at(start)
    while SUSTAINABLE not in tried.values() and min(tried) / 2 >= LIMITS[0]:
        at(min(tried) / 2)
    while SATURATED not in tried.values() and max(tried) * 2 <= LIMITS[1]:
        at(max(tried) * 2)
    while len(tried) < MAX_STEPS:
        gap = widest_gap(tried, precision)
        if gap is None:
            break
        at((gap[0] + gap[1]) / 2)
    return tried


def bracket(tried: dict[float, str]) -> tuple[float, float, list[float]]:
    """The largest sustainable multiplier below the smallest saturated one (0 if none),
    that saturated one (inf if none), and the undecided multipliers in between."""
    high = min((m for m, v in tried.items() if v == SATURATED), default=math.inf)
    low = max((m for m, v in tried.items() if v == SUSTAINABLE and m < high), default=0.0)
    return low, high, sorted(m for m, v in tried.items() if v == UNDECIDED and low < m < high)


def widest_gap(tried: dict[float, str], precision: float) -> tuple[float, float] | None:
    """The relatively widest gap, wider than ``precision`` of its lower end, between the
    bracket's ends and the undecided steps nearest to them; None when none is left."""
    low, high, unclear = bracket(tried)
    gaps = [(low, unclear[0]), (unclear[-1], high)] if unclear else [(low, high)]
    wide = [(a, b) for a, b in gaps if a > 0 and math.isfinite(b) and b - a > precision * a]
    return max(wide, key=lambda g: (g[1] - g[0]) / g[0], default=None)
