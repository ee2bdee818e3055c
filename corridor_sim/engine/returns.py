"""Empty returns: wagons and containers going back to where their loaded trip began.

An :class:`EmptyReturns` listens to the deliveries of a loaded flow; each delivery of
``q`` units starts ``share x q`` empty units of the empty flow at the loaded flow's
destination, as one consignment, in the same event step (a zero-delay callback, so the
node that delivered finishes its own dispatch first). The empties then travel like any
cargo: they take room on trains and vessels and queue at ports, and so take capacity
from loaded traffic where the corridor is unbalanced.
"""

from __future__ import annotations

from collections.abc import Iterable

import simpy

from corridor_sim.engine.consignment import Consignment, FlowState
from corridor_sim.engine.node import Node


class EmptyReturns:
    """Starts the empties of one loaded flow at its destination (``origin`` of ``flow``)."""

    def __init__(self, env: simpy.Environment, flow: FlowState, origin: Node) -> None:
        self.env = env
        self.flow = flow
        self.origin = origin
        self.share = flow.spec.return_share
        self.held: dict[int, list[Consignment]] = {}  # empties held outside a full node
        self.pending: list[Consignment] = []  # started, not yet offered (this instant)
        self.count = 0  # consignments started

    def __call__(self, qty: float, now: float, route: int) -> None:
        """``qty`` loaded units were delivered at ``now`` by route number ``route``:
        start their empties back along that route."""
        c = Consignment(self.flow, qty * self.share, now, self.flow.paths[route])
        self.flow.generated += c.qty
        self.count += 1
        self.pending.append(c)
        if len(self.pending) == 1:
            self.env.timeout(0.0).callbacks.append(self._offer)

    def _offer(self, _event: object) -> None:
        batch, self.pending = self.pending, []
        self.origin.hand_over(batch, self.held)

    def holdings(self) -> Iterable[Consignment]:
        yield from self.pending
        for batch in self.held.values():
            yield from batch
