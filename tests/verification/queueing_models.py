"""Plain queueing systems in the scenario format, and their closed-form results.

A customer is one tonne of a ``general`` commodity; stations are ``terminal`` nodes joined
by zero-delay ``transfer`` links, so the engine's queue (t) is the number in queue and its
waits (h) are the waiting times in queue.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np
from scipy import stats

import corridor_sim as cs


def tandem(
    stations: list[dict[str, Any]],
    *,
    rate_per_h: float,
    hours: float,
    warmup_h: float,
    pattern: str = "poisson",
) -> cs.Scenario:
    """Origin -> stations in series -> sink; ``stations`` are node mappings."""
    names = [f"s{i + 1}" for i in range(len(stations))]
    route = ["source", *names, "sink"]
    nodes: dict[str, Any] = {"source": {"kind": "origin"}, "sink": {"kind": "destination"}}
    nodes.update({n: {"kind": "terminal", **s} for n, s in zip(names, stations, strict=True)})
    links = {
        f"{a}-{b}": {"kind": "transfer", "from": a, "to": b} for a, b in itertools.pairwise(route)
    }
    return cs.build_scenario(
        {
            "simulation": {
                "horizon": f"{hours} h",
                "warmup": f"{warmup_h} h",
                "seed": 1,
                "sample_interval": "50 h",
            },
            "commodities": {
                "customer": {"unit": "t", "mass_per_unit": "1 t", "handling": "general"}
            },
            "nodes": nodes,
            "links": links,
            "flows": {
                "customers": {
                    "commodity": "customer",
                    "origin": "source",
                    "destination": "sink",
                    "volume": f"{rate_per_h} t/h",
                    "arrivals": {"pattern": pattern, "size": "1 t"},
                    "route": route,
                }
            },
        },
        name="queueing",
    )


def replicate_stat(scenario: cs.Scenario, n: int, read: Any) -> np.ndarray:
    """``read(result)`` over ``n`` independent replications (SeedSequence children)."""
    children = np.random.SeedSequence(20261122).spawn(n)
    return np.array([read(cs.simulate(scenario, rng=np.random.default_rng(c))) for c in children])


def ci(values: np.ndarray, level: float = 0.99) -> tuple[float, float, float]:
    """Mean and Student-t confidence interval of independent replications."""
    mean = float(values.mean())
    half = float(
        stats.t.ppf(0.5 + level / 2, len(values) - 1) * values.std(ddof=1) / math.sqrt(len(values))
    )
    return mean, mean - half, mean + half


def erlang_c_wait(lam: float, mean_service: float, servers: int) -> float:
    """Mean wait in queue of M/M/c (Erlang C), h."""
    a = lam * mean_service
    rho = a / servers
    top = a**servers / math.factorial(servers) / (1 - rho)
    bottom = sum(a**k / math.factorial(k) for k in range(servers)) + top
    return (top / bottom) * mean_service / (servers - a)


def pollaczek_khinchine_wait(lam: float, mean: float, variance: float) -> float:
    """Mean wait in queue of M/G/1, h."""
    rho = lam * mean
    return lam * (variance + mean**2) / (2 * (1 - rho))
