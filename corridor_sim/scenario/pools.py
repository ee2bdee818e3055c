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

from collections.abc import Mapping

from corridor_sim.errors import TopologyError
from corridor_sim.model.network import LinkSpec
from corridor_sim.model.pools import FleetPool
from corridor_sim.scenario.reader import Reader

POOL_KEYS = ["lines", "review", "description"]
POOL_REQUIRED = ["lines", "review"]


def read_lines(r: Reader, links: Mapping[str, LinkSpec], kind: str) -> tuple[str, ...]:
    """The links a pool's ``lines`` name, each a link of ``kind`` (``"sea"``, ``"rail"``);
    errors name the item and list the links of that kind."""
    of_kind = [n for n, link in links.items() if link.kind == kind]
    lines = []
    for i, (_, line, _) in enumerate(r.list("lines")):
        key = f"lines[{i}]"
        if not isinstance(line, str) or not line:
            r.fail(key, f"must name a {kind} link (got {line!r})")
        link = links.get(line)
        if link is None or link.kind != kind:
            what = "no link" if link is None else f"a {link.kind} link"
            r.fail(
                key,
                f"must name a {kind} link; {line!r} is {what} ({kind} links: {', '.join(of_kind)})",
                error=TopologyError,
            )
        lines.append(line)
    return tuple(lines)


def read_pool(name: str, r: Reader, links: dict[str, LinkSpec]) -> FleetPool:
    """A fleet pool from its mapping; each of ``lines`` must name a sea link."""
    r.check_keys(POOL_KEYS, required=POOL_REQUIRED)
    if len(r.list("lines")) < 2:
        r.fail("lines", f"a pool needs at least two sea links (got {r.raw('lines')!r})")
    lines = read_lines(r, links, "sea")
    return r.build(
        FleetPool,
        name,
        lines,
        review_h=r.hours("review"),
        description=r.text("description", ""),
    )
