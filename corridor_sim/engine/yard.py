"""Yards: a node's storage, per handling class, and the batches held outside it.

A node with storage limits (``NodeSpec.storage``) owns one :class:`Yard`; a node
without them owns none, so its hot path never touches this module. The split with
:mod:`corridor_sim.engine.node`: the yard decides whether a batch may come in and keeps
the books on what is stored (``stock`` in units, ``fill`` in tonnes by what the cargo
waits for, ``level`` in tonnes over time) and on what waits outside (``blocked``; and
``outside``, its units per class by the lane they will leave by, which route choice
counts ahead); the node runs its servers and moves cargo on, calling the yard at
admission (:meth:`Yard.hold`, :meth:`Yard.store`), when cargo is handed to a lane
(:meth:`Yard.assign`) and when it leaves (:meth:`Yard.release`). When room frees, the
yard admits held batches in order through the node's admission callback.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

from corridor_sim.engine.consignment import Consignment, Hop
from corridor_sim.engine.element import Element, Waiter
from corridor_sim.engine.stats import Level

Batch = list[Consignment]
#: a batch held outside a full yard: the batch, its waiter, and its stored classes
Held = tuple[Batch, Waiter, tuple[str, ...]]


class Outbound(Protocol):
    """A lane leaving a node (:class:`~corridor_sim.engine.links.base.Lane`), as the node
    and its yard see it: the link, and the cargo waiting here for it."""

    @property
    def link(self) -> Element: ...

    @property
    def waiting_t(self) -> float: ...

    def queued(self) -> Iterable[Consignment]: ...


class Yard:
    """The storage of node ``owner``: ``capacity`` units per handling class.

    ``stock`` holds the units stored per class; ``fill`` the tonnes of each class by what
    they wait for: None (the node's servers, or delivery here) or an outbound lane of
    ``lanes`` (the node's own list, which links extend). ``level`` is the tonnes stored,
    every class together, over time. ``blocked`` holds the batches refused, in arrival
    order, per stored class they carry; ``admit`` takes one in once it fits.
    ``outside`` counts the units held outside per class by the outbound lane of ``lanes``
    they will leave by (None: delivered here), ``outside_batches`` the batches held.
    """

    def __init__(
        self,
        owner: Element,
        capacity: Mapping[str, float],
        lanes: list[Outbound],
        admit: Callable[[Batch], None],
    ) -> None:
        self.owner = owner
        self.capacity = dict(capacity)
        self.stock = dict.fromkeys(self.capacity, 0.0)
        self.fill: dict[str, dict[object, float]] = {cls: {} for cls in self.capacity}
        self.level = Level()
        self.blocked: dict[str, deque[Held]] = {cls: deque() for cls in self.capacity}
        self.refused_class: str | None = None  # the class that refused the last batch
        self.outside: dict[str, dict[object, float]] = {cls: {} for cls in self.capacity}
        self.outside_batches = 0
        self.lanes = lanes
        self._admit = admit

    # -- room -----------------------------------------------------------------------
    def need(self, batch: Batch) -> dict[str, float]:
        """Units of ``batch`` per stored class."""
        cap = self.capacity
        need: dict[str, float] = {}
        for c in batch:
            cls = c.flow.handling
            if cls in cap:
                need[cls] = need.get(cls, 0.0) + c.qty
        return need

    def room(self, cls: str, qty: float) -> bool:
        """True if class ``cls`` has room for ``qty`` units (an empty store takes anything)."""
        stock = self.stock[cls]
        return stock <= 0 or stock + qty <= self.capacity[cls] + 1e-9

    def fits(self, batch: Batch) -> bool:
        """True if the yard has room for ``batch``."""
        return all(self.room(cls, qty) for cls, qty in self.need(batch).items())

    def held_units(self, lane: object, cls: str) -> float:
        """Units of class ``cls`` held outside that will leave by ``lane`` (route choice:
        they are ahead of cargo arriving now)."""
        return self.outside[cls].get(lane, 0.0) if cls in self.outside else 0.0

    def _count_outside(self, batch: Batch, sign: float) -> None:
        """Add (``sign`` 1) or take out (-1) ``batch``, held outside, in ``outside``.

        A held consignment is on the link it arrived by (or before its origin, hop -1):
        it will leave this node by the lane after the node's hop, ``hop + 1``."""
        outside = self.outside
        for c in batch:
            cls = c.flow.handling
            if cls in outside:
                at = c.hop + 1  # this node's hop on the consignment's route
                lane = c.path.lanes[at >> 1] if at < c.path.last_hop else None
                outside[cls][lane] = outside[cls].get(lane, 0.0) + sign * c.qty
        self.outside_batches += int(sign)

    def blame(self, cls: str) -> Element:
        """What fills stored class ``cls``: the owner (its servers' queue) or the outbound
        link with the most tonnes of that class waiting here."""
        best: Element = self.owner
        fill = self.fill[cls]
        most = fill.get(None, 0.0)
        for lane in self.lanes:
            tonnes = fill.get(lane, 0.0)
            if tonnes > most:
                best, most = lane.link, tonnes
        return best

    # -- entry ----------------------------------------------------------------------
    def hold(self, batch: Batch, waiter: Waiter, via: Element | None) -> bool:
        """Hold ``batch`` outside (True) if a stored class it carries refuses it, to be
        admitted with ``waiter`` once it fits; False: it may come in now.

        A class refuses when it is full or holds earlier batches outside, unless the batch
        arrives ``via`` the link that fills that class (see ``Node.offer``).
        """
        need = self.need(batch)
        blocked = self.blocked
        for cls, qty in need.items():
            if (blocked[cls] or not self.room(cls, qty)) and (
                via is None or self.blame(cls) is not via
            ):
                self.refused_class = cls
                held: Held = (batch, waiter, tuple(need))
                for k in need:
                    blocked[k].append(held)
                self._count_outside(batch, 1.0)
                return True
        return False

    def store(self, batch: Batch, tonnes: float, now: float) -> None:
        """``batch`` (``tonnes`` t in all) comes in at ``now`` (h), waiting for the node."""
        stock = self.stock
        for c in batch:
            flow = c.flow
            if flow.handling in stock:
                stock[flow.handling] += c.qty
                fill = self.fill[flow.handling]
                fill[None] = fill.get(None, 0.0) + c.qty * flow.mass_per_unit_t
        self.level.add(tonnes, now)

    def assign(self, c: Consignment, lane: Hop) -> None:
        """``c``, served, now waits here for ``lane``."""
        flow = c.flow
        if flow.handling in self.stock:
            fill = self.fill[flow.handling]
            tonnes = c.qty * flow.mass_per_unit_t
            fill[None] -= tonnes
            fill[lane] = fill.get(lane, 0.0) + tonnes

    # -- exit -----------------------------------------------------------------------
    def release(self, c: Consignment, now: float) -> None:
        """``c`` leaves at ``now`` (h), by a link or delivered: free its room, and admit
        batches held outside while they fit."""
        self.level.add(-c.qty * c.flow.mass_per_unit_t, now)
        cls = c.flow.handling
        if cls in self.stock:
            self.stock[cls] -= c.qty
            # leaving by a link (odd hop) or delivered here
            self.fill[cls][c.path.lanes[c.hop >> 1] if c.hop & 1 else None] -= (
                c.qty * c.flow.mass_per_unit_t
            )
            if self.blocked[cls]:
                self._unblock(cls)

    def _unblock(self, cls: str) -> None:
        """Admit held batches, in arrival order per class, while they fit: a batch goes
        in when it is first in line in every class it carries."""
        blocked = self.blocked
        todo = [cls]
        while todo:
            line = blocked[todo.pop()]
            while line:
                held = line[0]
                batch, waiter, classes = held
                if any(blocked[k][0] is not held for k in classes) or not self.fits(batch):
                    break
                for k in classes:
                    blocked[k].popleft()
                    if blocked[k] and blocked[k] is not line:
                        todo.append(k)
                self._count_outside(batch, -1.0)
                waiter()
                self._admit(batch)
