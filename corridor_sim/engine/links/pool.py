"""A fleet pool: one operator's vessels serving several sea lines from a shared hub,
redeployed toward the busier line (:class:`~corridor_sim.model.pools.FleetPool`).

The rule. Every ``review_h`` hours (and only then: one timeout a period, nothing per
event) the operator looks at the time each line needs to clear its backlog: the tonnes
waiting for the line at both of its ports, with the cargo held outside a full port on
its account (its queue, :attr:`~corridor_sim.engine.element.Element.queue`), over the
tonnes an hour its assigned vessels carry (each vessel's full load of its heaviest
class, in t, over its nominal round trip on that line, :meth:`Sea.cycle_h`: so a large
or fast ship, or a short line, counts for more than one vessel's worth). It moves one
vessel from the line that would clear soonest (among lines with two or more vessels, so
that every line keeps one) to the one that would clear last, if the receiver would still
need longer than the donor after the move:

    backlog_r / (rate_r + rate_v,r) > backlog_d / (rate_d - rate_v,d)

(``rate_v,x``: the moved vessel's tonnes an hour on line x). That is the hysteresis: the
move does not turn the order round, so with the same queues the next review would not
move the vessel back, and equal queues (or none) move nothing.
One vessel a review keeps the fleet from swinging on one week's queue: the operator
redeploys step by step, as ASCO moves ferries between Kuryk and Turkmenbashi.

Which vessel: one that carries a class of cargo waiting on the receiving line, first one
still on its way to the donor line (it simply stays), then one at the hub with an empty
hold (it changes at once), then one idle elsewhere, then any; ties by fleet order. The
vessel changes line at the hub (:mod:`~.vessel`, "Fleet pools"), so the voyage that
repositions it is simulated as a voyage of its new line.
"""

from __future__ import annotations

import simpy

from corridor_sim.engine.links.sea import Sea
from corridor_sim.engine.links.vessel import Vessel
from corridor_sim.engine.port import Port
from corridor_sim.model.pools import FleetPool


class Pool:
    """The vessels of sea links ``lines`` as one fleet, with ``hub`` their shared port;
    the first review comes ``spec.review_h`` after t = 0."""

    def __init__(self, env: simpy.Environment, spec: FleetPool, lines: list[Sea], hub: Port):
        self.env = env
        self.spec = spec
        self.lines = lines
        self.hub = hub
        self.vessels = [v for line in lines for v in line.home_fleet]
        for line in lines:
            line.pooled = self.vessels
        for vessel in self.vessels:
            vessel.hub = hub
        self.reviews = 0
        #: tonnes per unit of each handling class (its heaviest commodity)
        self._unit_t: dict[str, float] = {}
        for c in lines[0].ctx.commodities:
            self._unit_t[c.handling] = max(self._unit_t.get(c.handling, 0.0), c.mass_per_unit_t)
        env.timeout(spec.review_h).callbacks.append(self._review)

    def _review(self, _event: simpy.Event) -> None:
        self.review()
        self.env.timeout(self.spec.review_h).callbacks.append(self._review)

    def backlog_t(self, line: Sea) -> float:
        """Tonnes waiting for ``line`` at both ports, held cargo blamed on it included."""
        return line.queue.value

    def assigned(self) -> dict[Sea, int]:
        """Vessels assigned to each line (serving it, or on their way to it)."""
        return {line: sum(v.duty is line for v in self.vessels) for line in self.lines}

    def rate_t_per_h(self, line: Sea, vessel: Vessel) -> float:
        """Tonnes an hour ``vessel`` carries on ``line``: a full load of its heaviest
        class over its nominal round trip there."""
        unit_t = self._unit_t
        load = max(
            (units * unit_t.get(cls, 0.0) for cls, units in vessel.capacity.items()),
            default=0.0,
        )
        return load / line.cycle_h(vessel)

    def clearing_h(self, line: Sea, rate: float) -> float:
        """Hours ``line`` needs to clear its backlog at ``rate`` t/h (inf at no rate)."""
        backlog = self.backlog_t(line)
        if backlog <= 0:
            return 0.0
        return backlog / rate if rate > 0 else float("inf")

    def review(self) -> Vessel | None:
        """Apply the rule (module docstring) once; the vessel moved, if any."""
        self.reviews += 1
        duty = {line: [v for v in self.vessels if v.duty is line] for line in self.lines}
        rate = {
            line: sum(self.rate_t_per_h(line, v) for v in vessels) for line, vessels in duty.items()
        }
        clear = {line: self.clearing_h(line, rate[line]) for line in self.lines}
        donors = [line for line in self.lines if len(duty[line]) >= 2]
        if not donors:
            return None
        donor = min(donors, key=clear.__getitem__)
        receiver = max(self.lines, key=clear.__getitem__)
        if receiver is donor or clear[receiver] <= 0:
            return None
        vessel = self._pick(donor, receiver)
        after_receiver = self.clearing_h(
            receiver, rate[receiver] + self.rate_t_per_h(receiver, vessel)
        )
        after_donor = self.clearing_h(donor, rate[donor] - self.rate_t_per_h(donor, vessel))
        if not after_receiver > after_donor:
            return None
        vessel.reassign(receiver)
        return vessel

    def _pick(self, donor: Sea, receiver: Sea) -> Vessel:
        """The donor's vessel to move to ``receiver`` (module docstring)."""
        waiting = {cls for lane in receiver.sides() for cls, k in lane.count.items() if k}

        def rank(item: tuple[int, Vessel]) -> tuple[bool, int, int]:
            i, v = item
            if v.link is receiver:
                where = 0
            elif v.link.ports[v.port_index] is self.hub and not v.hold:
                where = 1
            else:
                where = 2 if v.state == "idle" else 3
            return not waiting & set(v.spec.capacity), where, i

        mine = [(i, v) for i, v in enumerate(self.vessels) if v.duty is donor]
        return min(mine, key=rank)[1]
