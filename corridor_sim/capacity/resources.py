"""Capacity of an element as a set of resources, and its capacity for a commodity mix.

An element's capacity is made of *resources*: a class of vessels, a berth type, a node's
servers, a line's train paths. Each resource can work for any commodity it handles, one
at a time, and is given as the tonnes a year it would move of each commodity alone.

**Mixed-commodity convention.** The capacity for a mix (tonne shares ``w_c``, by default
the mix of the flows that use the element) is the largest total ``T`` such that every
commodity's share ``w_c T`` can be moved when each resource divides its time among the
commodities it handles (a small linear programme; with one resource it is the harmonic
``1 / sum(w_c / cap_c)``, the rule trains and vessels fill by). When several groups must
all pass the cargo (a port's berths and its servers), the least of them holds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Resource:
    """A part of an element: ``t_per_yr[commodity]`` if it moved only that commodity."""

    label: str
    t_per_yr: dict[str, float]


@dataclass(frozen=True)
class ElementBound:
    """The analytic capacity of one node or link.

    ``groups`` are resource groups that all must pass the cargo (none: no limit);
    ``handlings[c]`` is how many times a tonne of commodity ``c`` uses the resources while
    passing (a port transshipping sea to sea handles it twice); ``formula`` says how the
    numbers were derived.
    """

    element: str
    role: str
    kind: str
    groups: tuple[tuple[Resource, ...], ...] = ()
    formula: str = "no capacity limit"
    handlings: dict[str, float] = field(default_factory=dict)

    @property
    def limited(self) -> bool:
        return bool(self.groups)

    def carries(self, commodity: str) -> bool:
        """True unless every resource of some group refuses ``commodity``."""
        return self.dedicated(commodity) > 0

    def dedicated(self, commodity: str) -> float:
        """Tonnes a year of ``commodity`` alone."""
        return self.mixed({commodity: 1.0})

    def mixed(self, mix: Mapping[str, float]) -> float:
        """Tonnes a year for the commodity mix ``mix`` (tonne shares; see module doc)."""
        if not self.groups:
            return math.inf
        raw = {c: w for c, w in mix.items() if w > 0}
        if not raw:
            return math.inf
        handled = {c: w * self.handlings.get(c, 1.0) for c, w in raw.items()}
        # cargo that never uses a berth here (handled 0 times) still passes the servers
        weights = {c: w for c, w in handled.items() if w > 0} or raw
        return min(mixed_capacity(group, weights) for group in self.groups)


def mixed_capacity(resources: tuple[Resource, ...], weights: Mapping[str, float]) -> float:
    """Largest total T with ``weights[c] * T`` of each commodity movable (see module doc)."""
    total = sum(weights.values())
    w = {c: v / total for c, v in weights.items()}
    pairs = [(i, c) for i, r in enumerate(resources) for c in w if r.t_per_yr.get(c, 0.0) > 0]
    if any(all(pc != c for _, pc in pairs) for c in w):
        return 0.0
    if len(resources) == 1:
        r = resources[0]
        return 1.0 / sum(v / r.t_per_yr[c] for c, v in w.items())
    scale = max(resources[i].t_per_yr[c] for i, c in pairs)
    n = len(pairs)
    commodities = list(w)
    a = np.zeros((len(commodities) + len(resources), n + 1))
    for j, (i, c) in enumerate(pairs):
        a[commodities.index(c), j] = -resources[i].t_per_yr[c] / scale
        a[len(commodities) + i, j] = 1.0
    for k, c in enumerate(commodities):
        a[k, n] = w[c]
    b = np.r_[np.zeros(len(commodities)), np.ones(len(resources))]
    cost = np.zeros(n + 1)
    cost[n] = -1.0
    from scipy.optimize import linprog  # imported here: it is slow to import

    res = linprog(cost, A_ub=a, b_ub=b, bounds=[(0, None)] * (n + 1), method="highs")
    return float(res.x[n] * scale) if res.status == 0 else 0.0
