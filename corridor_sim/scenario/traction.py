"""Read the ``locomotive_pools`` section: the locomotives hauling a railway's lines.

::

    locomotive_pools:
      georgian_railway:
        lines: [beyuk_kesik-marabda, marabda-poti]
        locomotives: 30 locomotive
        availability: 85 %
        turnaround: 4 h
        depot: marabda

The lines must be rail links of the scenario, each in at most one pool; the depot (where
the locomotives start; default: the start of the first line) a node at the end of one
of them (checked by :func:`~corridor_sim.model.traction.check_locomotive_pools`).
"""

from __future__ import annotations

from corridor_sim.model.network import LinkSpec
from corridor_sim.model.traction import LocomotivePool
from corridor_sim.scenario.pools import read_lines
from corridor_sim.scenario.reader import Reader

LOCOMOTIVE_POOL_KEYS = [
    "lines",
    "locomotives",
    "availability",
    "turnaround",
    "depot",
    "description",
]
LOCOMOTIVE_POOL_REQUIRED = ["lines", "locomotives"]


def read_locomotive_pool(name: str, r: Reader, links: dict[str, LinkSpec]) -> LocomotivePool:
    """A locomotive pool from its mapping; each of ``lines`` must name a rail link."""
    r.check_keys(LOCOMOTIVE_POOL_KEYS, required=LOCOMOTIVE_POOL_REQUIRED)
    lines = read_lines(r, links, "rail")
    count = r.quantity("locomotives", "locomotive").value
    if count != round(count) or count < 1:
        r.fail("locomotives", f"must be a whole number >= 1 of locomotives (got {count:g})")
    availability = r.quantity("availability", "fraction", "100 %").value
    if availability > 1.0:
        r.fail("availability", f"must be at most 100 % (got {r.raw('availability')!r})")
    depot = r.text("depot") if r.has("depot") else None
    return r.build(
        LocomotivePool,
        name,
        lines,
        locomotives=round(count),
        availability=availability,
        turnaround_h=r.hours("turnaround", "0 h", allow_zero=True),
        depot=depot,
        description=r.text("description", ""),
    )
