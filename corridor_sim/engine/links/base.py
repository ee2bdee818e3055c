"""Links: what moves cargo between two nodes. Each link has a lane per direction used.

A lane collects consignments waiting at its upstream node, moves them (a vehicle, a
delay, a pipeline) and hands them to the downstream node. If the downstream node is full
the batch is held on the link (the train waits outside the yard) until admitted.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable

from corridor_sim.engine.consignment import MOVE, WAIT, Consignment
from corridor_sim.engine.context import RunContext
from corridor_sim.engine.element import Element, Waiter
from corridor_sim.engine.node import Node
from corridor_sim.model.network import LinkSpec

Batch = list[Consignment]


class Lane(ABC):
    """One direction of a link, from node ``source`` to node ``target``."""

    def __init__(self, link: Link, source: Node, target: Node) -> None:
        self.link = link
        self.source = source
        self.target = target
        self.waiting_t = 0.0  # tonnes waiting at ``source`` for this lane

    @abstractmethod
    def enqueue(self, c: Consignment) -> None:
        """``c`` waits at ``source`` for this lane (each link kind defines it)."""

    def queued(self) -> Iterable[Consignment]:
        """Consignments waiting at ``source`` for this lane."""
        return getattr(self, "waiting", ())

    def expected_h(self, c: Consignment) -> float:
        """Hours from joining this lane now to reaching ``target`` (route choice): the
        link's free-flow time unless a kind of link knows better."""
        return self.link.spec.expected_time_h()


class Link(Element):
    """Base of engine links; subclasses define their lane class."""

    role = "link"
    lane_class: type[Lane]  # each kind of link names its lane class

    def __init__(self, ctx: RunContext, spec: LinkSpec) -> None:
        super().__init__(ctx, spec.name, spec.kind)
        self.spec = spec
        self.lanes: dict[tuple[str, str], Lane] = {}
        self.held: dict[int, Batch] = {}  # by id: batches refused by a full downstream node

    def lane(self, source: Node, target: Node) -> Lane:
        """The lane from ``source`` to ``target`` (made on first use)."""
        key = (source.name, target.name)
        if key not in self.lanes:
            self.lanes[key] = self.lane_class(self, source, target)
            source.out_lanes.append(self.lanes[key])
        return self.lanes[key]

    def accept(self, lane: Lane, c: Consignment) -> None:
        """``c`` joins the queue of ``lane`` at its upstream node."""
        self.units_in[c.flow.commodity_index] += c.qty
        tonnes = c.qty * c.flow.mass_per_unit_t
        lane.waiting_t += tonnes
        self.queue.add(tonnes, self.env.now)

    def depart(self, lane: Lane, c: Consignment, queued_since: float | None = None) -> None:
        """``c`` leaves the upstream node on this link: it stops waiting and moves. Its
        wait in this link's queue began at ``queued_since`` (default: its last stage's
        end; a train that waited for a locomotive has booked that part elsewhere)."""
        now = self.env.now
        tonnes = c.qty * c.flow.mass_per_unit_t
        self.waits.add(now - (c.t if queued_since is None else queued_since), tonnes)
        lane.waiting_t -= tonnes
        c.mark(self.index, WAIT, now)
        self.queue.add(-tonnes, now)
        lane.source.release(c)

    def arrive(self, lane: Lane, batch: Batch, then: Waiter | None = None) -> None:
        """Hand ``batch`` to the downstream node; call ``then`` once it is admitted.

        Cargo held outside a full node waits for whatever fills that node (the outbound
        link with most cargo queued there): the blame goes to the root cause.
        """
        now = self.env.now
        index = self.index
        for c in batch:
            c.mark(index, MOVE, now)
        lane.target.hand_over(batch, self.held, self, then)

    def queued(self) -> Iterable[Consignment]:
        """The consignments in this link's queue (what ``queue`` counts, less any cargo
        held outside a full node and blamed on it): those waiting at its upstream nodes."""
        for lane in self.lanes.values():
            yield from lane.queued()

    def holdings(self) -> Iterable[Consignment]:
        for batch in self.held.values():
            yield from batch
