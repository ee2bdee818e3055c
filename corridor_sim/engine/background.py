"""Background trains: other traffic taking capacity at nodes and on rail lines.

Each background train is one callback event (no SimPy process): when it falls due it
hands itself to its element and schedules the next. At a node it waits for a server and
a start of the daily quota, ahead of the corridor's batches
(:meth:`~corridor_sim.engine.node.Node.take_background`), and holds the server for a
draw of the node's own server time: its server-holding dwell stages, or its service
time plus gauge change (stages not holding a server use no capacity, so are skipped).
On a rail line it takes the next departure slot in its direction
(:meth:`~corridor_sim.engine.links.rail.Rail.take_slot`), in each direction at the
given rate. It is never handed to a link and never counted as cargo.

Randomness comes from streams of their own (``background:<element>...``), so adding a
background load leaves every corridor draw where it was (common random numbers).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import numpy as np

from corridor_sim.engine.context import RunContext
from corridor_sim.engine.element import Element
from corridor_sim.engine.links.rail import Rail, RailLane
from corridor_sim.engine.node import Node
from corridor_sim.engine.records import BackgroundRecord
from corridor_sim.engine.sampling import Sampler, Streams, sampler
from corridor_sim.model.background import Background
from corridor_sim.model.network import NodeSpec


class BackgroundTrains:
    """Background trains due at the rate of ``spec``; each calls ``take`` (O(1) a train).

    ``regular`` trains come one headway apart from a random start within the first
    headway; ``poisson`` trains after exponential gaps of that mean. ``due`` counts the
    trains fallen due since t = 0.
    """

    def __init__(
        self, ctx: RunContext, spec: Background, rng: np.random.Generator, take: Callable[[], None]
    ) -> None:
        self.env = ctx.env
        self.take = take
        self.due = 0
        headway = spec.headway_h
        if spec.arrivals == "poisson":
            self._gap: Callable[[], float] = Sampler(lambda n: rng.exponential(headway, n))
            first = self._gap()
        else:
            self._gap = lambda: headway
            first = float(rng.uniform(0.0, headway))
        self._arrive_cb = self._arrive
        self.env.timeout(first).callbacks.append(self._arrive_cb)

    def _arrive(self, _event: object) -> None:
        self.due += 1
        self.env.timeout(self._gap()).callbacks.append(self._arrive_cb)
        self.take()


def server_hours(spec: NodeSpec, streams: Streams) -> Callable[[], float]:
    """Hours one background train holds a server of node ``spec``: a draw of each of its
    dwell stages holding a server, or of its service time and gauge change."""
    if spec.dwell:
        parts = [(s.name, s.time) for s in spec.dwell if s.holds_server]
    else:
        times = (("service", spec.service_time), ("gauge_change", spec.gauge_change))
        parts = [(name, dist) for name, dist in times if dist is not None]
    draws = [sampler(dist, streams.get(f"background:{spec.name}:{name}")) for name, dist in parts]
    return lambda: sum(draw() for draw in draws)


def start_background(ctx: RunContext, elements: Iterable[Element]) -> list[BackgroundTrains]:
    """Start the background trains of every node and rail line that has them."""
    out = []
    for e in elements:
        if isinstance(e, Node) and e.spec.background is not None:
            hours = server_hours(e.spec, ctx.streams)
            rng = ctx.streams.get(f"background:{e.name}")
            out.append(BackgroundTrains(ctx, e.spec.background, rng, _node_take(e, hours)))
        elif isinstance(e, Rail) and e.spec.background is not None:
            for source, target in _directions(e):
                rng = ctx.streams.get(f"background:{e.name}:{source}>{target}")
                take = _rail_take(e, source, target)
                out.append(BackgroundTrains(ctx, e.spec.background, rng, take))
    return out


def _node_take(node: Node, hours: Callable[[], float]) -> Callable[[], None]:
    return lambda: node.take_background(hours())


def _rail_take(rail: Rail, source: str, target: str) -> Callable[[], None]:
    return lambda: rail.take_slot(source, target)


def _directions(rail: Rail) -> tuple[tuple[str, str], tuple[str, str]]:
    a, b = rail.spec.origin, rail.spec.destination
    return (a, b), (b, a)


def background_records(e: Element, now: float, days: float) -> tuple[BackgroundRecord, ...]:
    """What the background trains of ``e`` took over the statistics period (``days``
    long, ending ``now``): one record for a node, one per direction for a rail line,
    none for an element without background trains."""
    if isinstance(e, Node) and e.spec.background is not None:
        quota = e.spec.quota_per_day
        return (
            BackgroundRecord(
                direction="",
                trains_per_day=e.spec.background.trains_per_day,
                background_trains=e.background_started - e.background_at_warmup,
                corridor_trains=e.batches_started - e.started_at_warmup,
                capacity_trains=quota * e.quota_days(now) if quota is not None else math.nan,
            ),
        )
    if isinstance(e, Rail) and e.spec.background is not None:
        line = e.spec.line_capacity_per_day or math.nan
        records = []
        for key in _directions(e):
            lane = e.lanes.get(key)
            corridor = lane.trains - lane.trains_at_warmup if isinstance(lane, RailLane) else 0
            records.append(
                BackgroundRecord(
                    direction=">".join(key),
                    trains_per_day=e.spec.background.trains_per_day,
                    background_trains=e.background_period(key),
                    corridor_trains=corridor,
                    capacity_trains=line * days,
                )
            )
        return tuple(records)
    return ()
