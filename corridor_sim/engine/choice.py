"""Route choice in the running model: which route a consignment takes from a decision
node, by the flow's rule (:mod:`corridor_sim.model.choice`), and the expected times the
rules compare.

A flow's :class:`Router` is asked at the nodes where its routes part (and at the origin
when the flow has outside options or acceptance control ahead), once per consignment (a
train, a parcel, a truck): it costs one expected-time sum per candidate route, nothing
per event elsewhere. A choice that counts money adds each option's money in hours
(:func:`~corridor_sim.model.choice.money_h`, worked out once when the model is built)
to its time: one addition per candidate.

Expected time from the model's state now ("instantaneous" route choice, as in dynamic
traffic assignment): the sum over the elements still ahead of what each would take for
cargo arriving there now (:meth:`Node.expected_h <corridor_sim.engine.node.Node.expected_h>`
and the lanes' ``expected_h``: the queue ahead at the rate the element serves, the wait
for the next train or vessel, service and travel). Cargo already on its way to an
element is not counted, and a closed element is taken to reopen at once.

Acceptance control (:mod:`~corridor_sim.engine.embargo`): routes through a node whose
embargo is on are left out while another route or an outside option remains; at the
origin, cargo with none waits there for the embargo to lift; further on it goes ahead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol

import numpy as np
import simpy

from corridor_sim.engine.consignment import Consignment, FlowState, Gate, Path, Station
from corridor_sim.model.choice import OutsideOption, RouteChoice


class Timed(Protocol):
    """A node or lane that can say how long cargo arriving now would spend there."""

    def expected_h(self, c: Consignment) -> float: ...


def expected_ahead_h(path: Path, hop: int, c: Consignment) -> float:
    """Expected hours for ``c``, at hop ``hop`` of ``path``, to reach its end: every
    lane and node after ``hop``."""
    total = 0.0
    route, lanes = path.route, path.lanes
    for j in range(hop + 1, path.last_hop + 1):
        element: Timed = lanes[j >> 1] if j & 1 else route[j]  # type: ignore[assignment]
        total += element.expected_h(c)
    return total


class Router:
    """Chooses routes for one flow (``flow.router``)."""

    def __init__(
        self,
        flow: FlowState,
        choice: RouteChoice | None,
        outside: Sequence[OutsideOption],
        rng: np.random.Generator,
        env: simpy.Environment,
        money: tuple[tuple[float, ...], tuple[float, ...]] | None = None,
    ) -> None:
        self.flow = flow
        self.rule = choice.rule if choice is not None else "shares"
        self.scale_h = choice.scale_h if choice is not None else None
        #: with money: each route's money in hours (by path index), added to its time;
        #: empty: the choice compares time only
        self.money_h: tuple[float, ...] = money[0] if money is not None else ()
        self.outside = tuple((o.name, o.transit.mean_h, o.share) for o in outside)
        if money is not None:  # an outside option's value: mean transit + money, hours
            self.outside = tuple(
                (name, mean_h + m, share)
                for (name, mean_h, share), m in zip(self.outside, money[1], strict=True)
            )
        self.rng = rng
        self.env = env
        #: rule pivot: each route's free-flow value (h: expected time with every queue
        #: empty, taken now at t = 0, + its money in hours) from each of its decision hops
        self.free_h: dict[tuple[int, int], float] = {}
        if self.rule == "pivot":
            for p in flow.paths:
                probe = Consignment(flow, flow.spec.size_units, env.now, p)
                for hop in p.decisions:
                    free = expected_ahead_h(p, hop, probe)
                    self.free_h[(p.index, hop)] = free + (self.money_h[p.index] if money else 0.0)

    def route(self, c: Consignment, node: Station) -> bool:
        """Set ``c.path`` to go on from ``node`` (the node at ``c.hop``); False if ``c``
        took an outside option (released from ``node``) or waits there for an embargo."""
        hop = c.hop
        candidates = c.path.decisions[hop]
        shut = [_blocking(p, hop) for p in candidates]
        open_ = [p for p, e in zip(candidates, shut, strict=True) if e is None]
        outside = self.outside if hop == 0 else ()
        if not open_ and not outside:
            if hop == 0:
                blocking = _blocking(c.path, hop) or next(e for e in shut if e is not None)
                node.hold_back(c, blocking)
                return False
            open_ = list(candidates)  # already on its way: it goes ahead
        pick = self._pick(c, hop, open_, outside)
        turned = len(open_) < len(candidates)  # an embargo shut some routes
        if turned:
            for e in _distinct(shut):
                e.diverted(c.qty)
        if isinstance(pick, str):
            self.flow.divert(c, pick, turned_away=turned)
            node.release(c)
            return False
        _commit(c, hop, pick)
        c.path = pick
        if any(q.route[hop + 1] is not pick.route[hop + 1] for q in candidates):
            self.flow.chose(node.name, pick.route[hop + 2].name, c.qty)  # the routes part here
        return True

    def _pick(
        self,
        c: Consignment,
        hop: int,
        paths: list[Path],
        outside: tuple[tuple[str, float, float | None], ...],
    ) -> Path | str:
        """One of ``paths`` or the name of one of ``outside``, by the flow's rule."""
        if len(paths) == 1 and not outside:
            return paths[0]
        options: list[Path | str] = [*paths, *(name for name, _, _ in outside)]
        if self.rule == "shares":
            weights = [p.share or 0.0 for p in paths] + [s or 0.0 for _, _, s in outside]
            total = math.fsum(weights)
            if total <= 0:  # only zero-share options are open (an embargo shut the rest)
                weights, total = [1.0] * len(options), float(len(options))
            return options[self._draw([w / total for w in weights])]
        elapsed = self.env.now - c.created
        money = self.money_h
        # each option's value (h): door-to-door time, + money in hours when it counts
        if money:
            times = [elapsed + expected_ahead_h(p, hop, c) + money[p.index] for p in paths]
        else:
            times = [elapsed + expected_ahead_h(p, hop, c) for p in paths]
        times += [value_h for _, value_h, _ in outside]
        best = min(times)
        if self.rule == "least_time" or math.isinf(best):
            ties = [i for i, t in enumerate(times) if t <= best + 1e-9]
            if len(ties) == 1:
                return options[ties[0]]
            return options[ties[self._draw([1.0 / len(ties)] * len(ties))]]
        scale = self.scale_h or 1.0
        if self.rule == "pivot":
            logs = self._pivot_logs(paths, hop, elapsed, times, bool(outside))
            logs += [-t / scale for t in times[len(paths) :]]
        else:
            logs = [-t / scale for t in times]
        top = max(logs)
        weights = [math.exp(x - top) for x in logs]
        total = math.fsum(weights)
        return options[self._draw([w / total for w in weights])]

    def _pivot_logs(
        self, paths: list[Path], hop: int, elapsed: float, times: list[float], outside: bool
    ) -> list[float]:
        """Log-weights of ``paths`` by the pivot rule (:mod:`corridor_sim.model.choice`):
        ``ln s_i - (T_i - T0_i) / scale`` with ``T_i`` the expected time ahead and the
        shares ``s`` normalised over ``paths``; when outside options compete, the
        corridor's elapsed time and shares-weighted free-flow time are added, so that the
        corridor as a whole stands against them on door-to-door time. With money, ``T``
        and ``T0`` both include the route's money in hours: it cancels in ``T - T0`` and
        counts, shares-weighted, in the corridor's free-flow value."""
        scale = self.scale_h or 1.0
        shares = [p.share for p in paths]
        total = math.fsum(shares)
        free = [self.free_h[(p.index, hop)] for p in paths]
        ref = math.fsum(s * f for s, f in zip(shares, free, strict=True)) / total
        base = elapsed + ref if outside else 0.0
        return [
            math.log(s / total) - (times[i] - elapsed - f + base) / scale
            for i, (s, f) in enumerate(zip(shares, free, strict=True))
        ]

    def _draw(self, probabilities: list[float]) -> int:
        u = float(self.rng.random())
        acc = 0.0
        for i, p in enumerate(probabilities):
            acc += p
            if u < acc:
                return i
        return len(probabilities) - 1


def _blocking(path: Path, hop: int) -> Gate | None:
    """The first embargo that is on at a node of ``path`` after ``hop``, or None."""
    for at, embargo in path.embargoes:
        if at > hop and embargo.on:
            return embargo
    return None


def _distinct(gates: list[Gate | None]) -> list[Gate]:
    """The embargoes of ``gates`` (None: open), each once, in order."""
    out: list[Gate] = []
    for g in gates:
        if g is not None and all(g is not x for x in out):
            out.append(g)
    return out


def _commit(c: Consignment, hop: int, pick: Path) -> None:
    """Count ``c`` in the acceptance control of the nodes ahead on ``pick``, and take it
    out of those ahead on the route it leaves (committed when it chose that one, unless
    it is at its origin choosing for the first time)."""
    ahead = [e for at, e in pick.embargoes if at > hop]
    before = [e for at, e in c.path.embargoes if at > hop] if hop > 0 else []
    for e in before:
        if all(e is not x for x in ahead):
            e.withdraw(c.qty)
    for e in ahead:
        if all(e is not x for x in before):
            e.commit(c.qty)


def decision_hops(paths: Sequence[Path], always_at_origin: bool) -> None:
    """Fill each path's ``decisions``: at each node where the routes that share the path
    up to it go on by different elements, the routes sharing it; and at the origin (hop
    0) when ``always_at_origin`` (outside options, or acceptance control ahead)."""
    for p in paths:
        for hop in range(0, p.last_hop, 2):
            prefix = p.route[: hop + 1]
            same = tuple(q for q in paths if q.route[: hop + 1] == prefix)
            parts = {q.route[hop + 1] for q in same}
            if len(parts) > 1 or (hop == 0 and always_at_origin):
                p.decisions[hop] = same
