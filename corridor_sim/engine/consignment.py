"""Consignments, the cargo the engine moves, and the flows they belong to.

A :class:`FlowState` is one flow's route through the running model and its delivery
records; a :class:`Consignment` is a batch of units of one flow. The flow sees the
elements of its route only through two small interfaces, :class:`Stop` and :class:`Hop`,
so this module stands below the nodes and links that handle consignments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from corridor_sim.engine.records import FlowRecord, RouteRecord, StageRecord
from corridor_sim.engine.stats import Histogram
from corridor_sim.model.cargo import Commodity
from corridor_sim.model.demand import PRIORITIES, FlowSpec

WAIT, MOVE = 0, 1


class Stop(Protocol):
    """An element on a flow's route, as the flow sees it (an engine node or link)."""

    @property
    def index(self) -> int: ...

    @property
    def name(self) -> str: ...

    @property
    def role(self) -> str: ...


class Hop(Protocol):
    """A lane on a flow's route: where a consignment leaving a node goes next."""

    def enqueue(self, c: Consignment) -> None: ...


class Path:
    """One route of a flow in the running model.

    ``route`` lists the elements passed (node, link, node, ..., node; a consignment's
    ``hop`` indexes it), ``lanes`` the lanes taken, the one leaving hop ``h`` at
    ``lanes[h >> 1]``. ``share`` is its nominal share of the flow
    (:attr:`~corridor_sim.model.demand.FlowSpec.legs`). ``decisions`` maps the hops of
    the nodes where a consignment on this route chooses again to the routes it may choose
    from there (those that share this one's elements up to that node); empty for a flow
    without a choice. ``embargoes`` lists ``(hop, embargo)`` for the nodes ahead with
    acceptance control of the flow's handling class. ``delivered`` counts the units
    delivered on this route in the statistics period, ``daily`` them per day and
    ``transit`` their transit times (flows with several routes only).
    """

    __slots__ = (
        "daily",
        "decisions",
        "delivered",
        "embargoes",
        "index",
        "label",
        "lanes",
        "last_hop",
        "route",
        "share",
        "transit",
    )

    def __init__(
        self,
        index: int,
        label: str,
        share: float,
        route: Sequence[Stop],
        lanes: Sequence[Hop],
    ) -> None:
        self.index = index
        self.label = label
        self.share = share
        self.route = tuple(route)
        self.lanes = tuple(lanes)
        self.last_hop = len(self.route) - 1
        self.decisions: dict[int, tuple[Path, ...]] = {}
        self.embargoes: tuple[tuple[int, Gate], ...] = ()
        self.delivered = 0.0
        self.daily: dict[int, float] | None = None
        self.transit: Histogram | None = None  # flows with several routes only

    def __repr__(self) -> str:
        return f"Path({self.label!r})"


class Gate(Protocol):
    """Acceptance control at a node ahead (:class:`~corridor_sim.engine.embargo.Embargo`)
    as a route sees it: whether it is on now."""

    @property
    def on(self) -> bool: ...

    def diverted(self, qty: float) -> None: ...

    def commit(self, qty: float) -> None: ...

    def withdraw(self, qty: float) -> None: ...


class Carrier(Protocol):
    """The wagon pool whose wagons a consignment rides
    (:class:`~corridor_sim.engine.wagons.Wagons`)."""

    def unload(self, c: Consignment) -> None:
        """``c`` comes off the pool's wagons now; they go back empty."""


class Consignment:
    """``qty`` units of one flow that travel together until a vehicle splits them.

    ``path`` is the route it follows (one of its flow's :class:`Path`; it may change at
    a decision node); ``hop`` its place on that route (node, link, node, ..., node):
    even at a node, odd on a link. ``t`` is when the current stage began (h); ``stages``
    records ``(element index, WAIT or MOVE, hours)`` for the transit-time breakdown.
    ``wagons`` is the wagon pool it rides and when it was loaded (h), or None.
    """

    __slots__ = ("created", "flow", "hop", "path", "qty", "stages", "t", "wagons")

    def __init__(self, flow: FlowState, qty: float, now: float, path: Path | None = None) -> None:
        self.flow = flow
        self.path = path or flow.paths[0]
        self.qty = qty
        self.created = now
        self.t = now
        self.hop = -1  # the origin node's admission makes it 0
        self.stages: list[tuple[int, int, float]] = []
        self.wagons: tuple[Carrier, float] | None = None

    def mark(self, element: int, kind: int, now: float) -> None:
        """Close the current stage at ``now``, spent at ``element`` waiting or moving."""
        if now > self.t:
            self.stages.append((element, kind, now - self.t))
            self.t = now

    def split(self, qty: float) -> Consignment:
        """Take ``qty`` units off into a new consignment with the same history."""
        part = Consignment.__new__(Consignment)
        part.flow = self.flow
        part.path = self.path
        part.qty = qty
        part.created = self.created
        part.t = self.t
        part.hop = self.hop
        part.stages = list(self.stages)
        part.wagons = self.wagons  # its share of the wagons rides with it
        self.qty -= qty
        return part

    @property
    def tonnes(self) -> float:
        """Mass of the consignment, t."""
        return self.qty * self.flow.mass_per_unit_t

    def __repr__(self) -> str:
        return f"Consignment({self.flow.name}, {self.qty:g} {self.flow.unit}, hop {self.hop})"


class Station(Stop, Protocol):
    """A node as a router sees it (:class:`~corridor_sim.engine.node.Node`): it lets a
    consignment go (``release``) or keeps it back for an embargo (``hold_back``)."""

    def hold_back(self, c: Consignment, embargo: Gate) -> None: ...

    def release(self, c: Consignment) -> None: ...


class Chooser(Protocol):
    """Picks a consignment's route at a decision node
    (:class:`~corridor_sim.engine.choice.Router`)."""

    def route(self, c: Consignment, node: Station) -> bool:
        """Set ``c.path`` for going on from ``node``; False if ``c`` does not go on (it
        left the corridor, or waits at its origin for an embargo to lift)."""
        ...


class FlowState:
    """Delivery statistics of one flow.

    ``paths`` are its routes (:class:`Path`), the first its primary route (a
    consignment's own ``path`` says where it goes). ``router`` picks a consignment's
    route at the decision nodes (None: every consignment keeps the route it starts on).
    ``rank`` is the flow's place in the loading order (0 first: :data:`PRIORITIES`).
    ``generated``/``delivered``/``diverted`` count units since t = 0 (mass balance:
    diverted units left for an outside option); ``transit`` and ``stage_h`` hold the
    statistics-period deliveries, weighted by units; ``daily`` the units delivered per
    day of the run (day -> units, for time series); ``outside`` the units that took each
    outside option (``turned_away`` of them because an embargo shut the flow's routes)
    and ``choices`` the units that went each way from each decision node (node, next
    node), in the statistics period.
    """

    def __init__(
        self,
        spec: FlowSpec,
        commodity: Commodity,
        commodity_index: int,
        paths: Sequence[Path],
    ) -> None:
        self.spec = spec
        self.name = spec.name
        self.unit = commodity.unit
        self.handling = commodity.handling
        self.mass_per_unit_t = commodity.mass_per_unit_t
        self.commodity_index = commodity_index
        self.rank = PRIORITIES.index(spec.priority)
        self.paths = tuple(paths)
        self.router: Chooser | None = None
        if len(self.paths) > 1:
            for p in self.paths:
                p.daily = {}
                p.transit = Histogram()
        self.generated = 0.0
        self.generated_at_warmup = 0.0
        self.delivered = 0.0
        self.delivered_at_warmup = 0.0
        self.diverted = 0.0
        self.diverted_at_warmup = 0.0
        self.counting = False
        self.transit = Histogram()
        self.stage_h: dict[tuple[int, int], float] = {}
        self.daily: dict[int, float] = {}
        self.outside: dict[str, float] = {}
        self.turned_away = 0.0
        self.choices: dict[tuple[str, str], float] = {}
        #: called with the units delivered, the time and the route index, if the units
        #: go back empty
        self.returns: Callable[[float, float, int], None] | None = None

    def deliver(self, c: Consignment, now: float) -> None:
        """Record ``c`` as delivered at ``now`` (and send its empties back, if any; free
        the pool wagons it still rides)."""
        path = c.path
        if c.wagons is not None:
            c.wagons[0].unload(c)
        if self.returns is not None:
            self.returns(c.qty, now, path.index)
        self.delivered += c.qty
        day = int(now // 24.0)
        self.daily[day] = self.daily.get(day, 0.0) + c.qty
        if path.daily is not None:
            path.daily[day] = path.daily.get(day, 0.0) + c.qty
        if self.counting:
            path.delivered += c.qty
            self.transit.add(now - c.created, c.qty)
            if path.transit is not None:
                path.transit.add(now - c.created, c.qty)
            stage_h = self.stage_h
            qty = c.qty
            for element, kind, hours in c.stages:
                key = (element, kind)
                stage_h[key] = stage_h.get(key, 0.0) + hours * qty

    def divert(self, c: Consignment, option: str, *, turned_away: bool = False) -> None:
        """``c`` leaves the corridor for outside option ``option`` (``turned_away``: an
        embargo shut the routes it would have weighed)."""
        if c.wagons is not None:
            c.wagons[0].unload(c)
        self.diverted += c.qty
        if self.counting:
            self.outside[option] = self.outside.get(option, 0.0) + c.qty
            if turned_away:
                self.turned_away += c.qty

    def chose(self, node: str, way: str, qty: float) -> None:
        """``qty`` units chose to go on from decision node ``node`` to node ``way``."""
        if self.counting:
            key = (node, way)
            self.choices[key] = self.choices.get(key, 0.0) + qty

    def reset_stats(self) -> None:
        """Begin the statistics period (end of warm-up)."""
        self.counting = True
        self.generated_at_warmup = self.generated
        self.delivered_at_warmup = self.delivered
        self.diverted_at_warmup = self.diverted
        self.transit = Histogram()
        self.stage_h = {}
        self.outside = {}
        self.turned_away = 0.0
        self.choices = {}
        for p in self.paths:
            p.delivered = 0.0
            if p.transit is not None:
                p.transit = Histogram()

    def record(self, elements: Sequence[Stop], in_system_units: float) -> FlowRecord:
        """The flow's record; ``elements`` are the simulation's, by index."""
        stages: dict[int, list[float]] = {}
        for (index, kind), unit_h in self.stage_h.items():
            stages.setdefault(index, [0.0, 0.0])[0 if kind == WAIT else 1] += unit_h
        position: dict[int, int] = {}
        off_route = max(len(p.route) for p in self.paths)  # blamed elements not on a route
        for path in self.paths:
            for i, e in enumerate(path.route):
                position.setdefault(e.index, i)
        return FlowRecord(
            name=self.name,
            commodity=self.spec.commodity,
            unit=self.unit,
            mass_per_unit_t=self.mass_per_unit_t,
            generated_units=self.generated,
            delivered_units=self.delivered,
            in_system_units=in_system_units,
            offered_period_units=self.generated - self.generated_at_warmup,
            delivered_period_units=self.delivered - self.delivered_at_warmup,
            transit=self.transit,
            stages=tuple(
                StageRecord(
                    element=elements[index].name,
                    role=elements[index].role,
                    position=position.get(index, off_route),
                    wait_unit_h=wait,
                    move_unit_h=move,
                )
                for index, (wait, move) in stages.items()
            ),
            daily=self.daily,
            returns_of=self.spec.returns_of,
            diverted_units=self.diverted,
            diverted_period_units=self.diverted - self.diverted_at_warmup,
            outside=dict(self.outside),
            turned_away_period_units=self.turned_away,
            routes=tuple(
                RouteRecord(p.label, p.delivered, dict(p.daily or {}), p.transit or Histogram())
                for p in self.paths
            )
            if len(self.paths) > 1
            else (),
            choices=dict(self.choices),
        )
