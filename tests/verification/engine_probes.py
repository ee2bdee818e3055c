"""Probes that read the running engine from outside, for the verification suite.

Nothing here changes what the engine does: probes wrap instance attributes (as
``tests/helpers.py`` ``spy`` does) or add processes to the SimPy environment that only read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from corridor_sim.engine.consignment import Consignment
from corridor_sim.engine.element import Element
from corridor_sim.engine.node import Node
from corridor_sim.engine.simulation import Simulation
from corridor_sim.engine.stats import Level


def queued(e: Element) -> list[Consignment]:
    """The consignments in ``e``'s queue: a node's batches waiting for its servers or
    passing its dwell stages that hold none, a link's cargo waiting at its upstream nodes
    and, on a single track, in trains waiting for a section, a wagon pool's cargo waiting
    for wagons (what ``e.queue`` counts, less any cargo held outside a full node and
    blamed on ``e``)."""
    if isinstance(e, Node):
        return [c for batch in (*e.waiting, *e.standing.values()) for c in batch]
    if e.role == "pool":
        return list(e.holdings())  # none for a locomotive pool
    return list(e.queued())  # type: ignore[attr-defined]


def at(sim: Simulation, t: float, callback: Callable[[], None]) -> None:
    """Call ``callback`` at time ``t``, before anything else scheduled for ``t`` (except
    what was scheduled before this call, such as the end of the warm-up)."""
    sim.env.timeout(t).callbacks.append(lambda _event: callback())


def every(sim: Simulation, interval_h: float, callback: Callable[[float], None]) -> None:
    """Call ``callback(now)`` at 0, ``interval_h``, 2 ``interval_h``, ..."""

    def run() -> Iterator[Any]:
        while True:
            callback(sim.env.now)
            yield sim.env.timeout(interval_h)

    sim.env.process(run())


class HeldOutside:
    """Tonne-hours of cargo held outside full nodes, per element it is blamed on.

    The engine counts a batch refused by a full node in the queue of ``node.blame()``
    (asked at the moment of refusal) until the node admits it. This probe wraps every
    node's ``offer`` to time those holds, clipped to ``[start_h, end_h]``.
    """

    def __init__(self, sim: Simulation, start_h: float, end_h: float) -> None:
        self.sim = sim
        self.start_h = start_h
        self.end_h = end_h
        self.area: dict[str, float] = defaultdict(float)
        self.open: dict[int, tuple[str, float, float]] = {}  # id -> (element, tonnes, since)
        for node in sim.nodes.values():
            node.offer = self._wrap(node)  # type: ignore[method-assign]

    def _clip(self, since: float, until: float) -> float:
        return max(0.0, min(until, self.end_h) - max(since, self.start_h))

    def _wrap(self, node: Node) -> Callable[..., bool]:
        original = node.offer
        env = self.sim.env

        def offer(batch: list[Consignment], waiter: Callable[[], None], via: Any = None) -> bool:
            key = id(batch)

            def admitted() -> None:
                if key in self.open:
                    name, tonnes, since = self.open.pop(key)
                    self.area[name] += tonnes * self._clip(since, env.now)
                waiter()

            if original(batch, admitted, via):
                return True
            blamed = node.blame().name  # what the engine asks right after a refusal
            self.open[key] = (blamed, sum(c.tonnes for c in batch), env.now)
            return False

        return offer

    def total(self, name: str) -> float:
        """Tonne-hours blamed on element ``name`` within the window, holds still open
        at the end of the window included."""
        still = sum(t * self._clip(s, self.end_h) for n, t, s in self.open.values() if n == name)
        return self.area.get(name, 0.0) + still


class StartLog(Level):
    """A node's ``busy_level`` that also logs the time of every service start (+1)."""

    __slots__ = ("starts",)

    def __init__(self, level: Level) -> None:
        super().__init__()
        for name in Level.__slots__:
            setattr(self, name, getattr(level, name))
        self.starts: list[float] = []

    def add(self, delta: float, now: float) -> None:
        if delta > 0:
            self.starts.append(now)
        super().add(delta, now)
