"""Acceptance control at a node: the railway's embargo on new cargo for it.

An :class:`Embargo` controls the cargo of one handling class accepted for its node. It
keeps two counts: ``stock``, the units standing at the node, and ``committed``, the
units sent towards it (counted when a consignment takes, at its origin or a later
decision node, a route through the node) and not yet gone from it, on their way or
standing there. It watches one of them (``counts``: ``standing`` or ``committed``,
:class:`~corridor_sim.model.acceptance.Embargo`): it goes on when that count rises above
``above`` and off when it falls to ``below`` (hysteresis). While it is on, the flows'
routers (:mod:`~corridor_sim.engine.choice`) send no new cargo of the class along a
route through the node: a consignment at its origin takes a route or an outside option
without an embargo if its flow has one, or waits at the origin (:meth:`hold`); cargo
already on its way arrives as usual. So the committed count exceeds ``above`` by at most
one consignment; the standing count may overshoot by what was on its way.

When it lifts, the held cargo is sent again, oldest first, one instant later (a
zero-delay event, so that the vehicle whose departure lifted it finishes first), while
the embargo stays off; it then leaves its origin as the line out allows. Both counts
change by one call per consignment, and only at nodes with acceptance control.
"""

from __future__ import annotations

from typing import Protocol

import simpy

from corridor_sim.engine.consignment import Consignment
from corridor_sim.engine.records import EmbargoRecord
from corridor_sim.model.acceptance import Embargo as EmbargoSpec


class Holder(Protocol):
    """A node where cargo waits for an embargo to lift (:class:`~.node.Node`)."""

    def resume(self, c: Consignment) -> None: ...


class Embargo:
    """The acceptance control of class ``handling`` at one node."""

    def __init__(self, env: simpy.Environment, handling: str, spec: EmbargoSpec) -> None:
        self.env = env
        self.handling = handling
        self.above = spec.above_units
        self.below = spec.below_units
        self.watch_committed = spec.counts == "committed"
        self.committed = 0.0  # units committed to the node: on their way or standing there
        self.stock = 0.0  # units standing at the node
        self.on = False
        self.held: list[tuple[Holder, Consignment, float]] = []  # (node, c, since), in order
        self._releasing = False
        self.counting = False
        self._since = 0.0  # when it went on (or the statistics period began)
        self._period_start = 0.0
        self.hours_on = 0.0
        self.episodes = 0
        self.stock_max = 0.0
        self.level_max = 0.0
        self.held_units = 0.0
        self.held_unit_h = 0.0
        self.diverted_units = 0.0

    @property
    def level(self) -> float:
        """The count the embargo watches (units)."""
        return self.committed if self.watch_committed else self.stock

    def _check(self, level: float) -> None:
        """Go on above ``above``, off at ``below``, after ``level`` changed."""
        if level > self.level_max:
            self.level_max = level
        if not self.on:
            if level > self.above + 1e-9:
                self.on = True
                self._since = self.env.now
                if self.counting:
                    self.episodes += 1
        elif level <= self.below + 1e-9:
            self.on = False
            if self.counting:
                self.hours_on += self.env.now - self._since
            if self.held and not self._releasing:
                self._releasing = True
                self.env.timeout(0.0).callbacks.append(self._release)

    def commit(self, qty: float) -> None:
        """``qty`` units were sent towards the node."""
        self.committed += qty
        if self.watch_committed:
            self._check(self.committed)

    def withdraw(self, qty: float) -> None:
        """``qty`` units committed to the node went elsewhere, or left it."""
        self.committed -= qty
        if self.watch_committed:
            self._check(self.committed)

    def arrive(self, qty: float) -> None:
        """``qty`` units came in to the node."""
        self.stock += qty
        if self.stock > self.stock_max:
            self.stock_max = self.stock
        if not self.watch_committed:
            self._check(self.stock)

    def leave(self, qty: float, committed: bool) -> None:
        """``qty`` units left the node (by a link, or delivered there); ``committed`` if
        they had been counted as committed (cargo that chose its route)."""
        self.stock -= qty
        if not self.watch_committed:
            self._check(self.stock)
        if committed:
            self.withdraw(qty)

    def hold(self, node: Holder, c: Consignment) -> None:
        """``c`` waits at ``node`` (its origin) until the embargo lifts."""
        self.held.append((node, c, self.env.now))
        if self.counting:
            self.held_units += c.qty

    def diverted(self, qty: float) -> None:
        """``qty`` units took another route or corridor because of this embargo."""
        if self.counting:
            self.diverted_units += qty

    def _release(self, _event: object) -> None:
        """Send held cargo again, oldest first, while the embargo stays off."""
        self._releasing = False
        now = self.env.now
        while self.held and not self.on:
            node, c, since = self.held.pop(0)
            if self.counting:
                self.held_unit_h += c.qty * (now - max(since, self._period_start))
            node.resume(c)

    # -- statistics -------------------------------------------------------------------
    def reset_stats(self, now: float) -> None:
        self.counting = True
        self._period_start = now
        self._since = now
        self.hours_on = 0.0
        self.episodes = 1 if self.on else 0
        self.stock_max = self.stock
        self.level_max = self.level
        self.held_units = sum(c.qty for _, c, _ in self.held)
        self.held_unit_h = 0.0
        self.diverted_units = 0.0

    def record(self, now: float) -> EmbargoRecord:
        hours = self.hours_on + (now - self._since if self.on else 0.0)
        held_h = sum(c.qty * (now - max(t, self._period_start)) for _, c, t in self.held)
        return EmbargoRecord(
            handling=self.handling,
            above_units=self.above,
            below_units=self.below,
            hours_on=hours,
            episodes=self.episodes,
            stock_max_units=self.stock_max,
            level_max_units=self.level_max,
            held_units=self.held_units,
            held_unit_h=self.held_unit_h + held_h,
            diverted_units=self.diverted_units,
        )
