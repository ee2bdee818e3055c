"""Read the ``fleet_pools`` section: sea links whose vessels form one pool.

::

    fleet_pools:
      asco:
        lines: [kuryk-alat, turkmenbashi-alat]
        review: 7 day

The lines must be sea links of the scenario; how they fit together (a shared hub, each
vessel able to serve each line) is checked by the
:class:`~corridor_sim.model.scenario.Scenario` (:func:`~corridor_sim.model.pools.check_pools`).
"""

from __future__ import annotations

from corridor_sim.errors import TopologyError
from corridor_sim.model.fleet import SeaLink
from corridor_sim.model.network import LinkSpec
from corridor_sim.model.pools import FleetPool
from corridor_sim.scenario.reader import Reader

POOL_KEYS = ["lines", "review", "description"]
POOL_REQUIRED = ["lines", "review"]


def read_pool(name: str, r: Reader, links: dict[str, LinkSpec]) -> FleetPool:
    """A fleet pool from its mapping; each of ``lines`` must name a sea link."""
    r.check_keys(POOL_KEYS, required=POOL_REQUIRED)
    items = r.list("lines")
    if len(items) < 2:
        r.fail("lines", f"a pool needs at least two sea links (got {r.raw('lines')!r})")
    lines = []
    sea = [n for n, link in links.items() if isinstance(link, SeaLink)]
    for i, (_, line, _) in enumerate(items):
        key = f"lines[{i}]"
        if not isinstance(line, str) or not line:
            r.fail(key, f"must name a sea link (got {line!r})")
        if not isinstance(links.get(line), SeaLink):
            link = links.get(line)
            what = "no link" if link is None else f"a {link.kind} link"
            r.fail(
                key,
                f"must name a sea link; {line!r} is {what} (sea links: {', '.join(sea)})",
                error=TopologyError,
            )
        lines.append(line)
    return r.build(
        FleetPool,
        name,
        tuple(lines),
        review_h=r.hours("review"),
        description=r.text("description", ""),
    )
