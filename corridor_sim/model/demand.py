"""Flows of cargo: what enters the corridor, where, how much and along which route."""

from __future__ import annotations

from dataclasses import dataclass

from corridor_sim.model import checks
from corridor_sim.model.choice import (
    OutsideOption,
    RouteChoice,
    RouteOption,
    check_shares,
    nominal_shares,
)

ARRIVAL_PATTERNS = ("poisson", "block_train", "parcels", "deterministic")
#: priority classes, in the order a vessel loads them: cargo of a service sold on a
#: timetable (``scheduled``, e.g. a container block train) before ``spot`` cargo
PRIORITIES = ("scheduled", "spot")
MONTHS = 12


@dataclass(frozen=True)
class Booking:
    """Room a flow books on every sailing of a scheduled sea link (one with ``every_h``)
    in its direction: ``per_sailing_units`` in the commodity's natural unit (TEU, wagon,
    truck, t).

    The room is the flow's until the vessel sails (an allocation, as a block-train
    operator buys from a liner): other cargo may not take it, and what the flow does not
    fill sails empty. Whether ``link`` is a scheduled sea link on the flow's route is
    checked by the :class:`~corridor_sim.model.Scenario`.
    """

    link: str
    per_sailing_units: float

    def __post_init__(self) -> None:
        checks.name(self.link, "link")
        checks.positive(self.per_sailing_units, "per_sailing_units")


@dataclass(frozen=True)
class FlowSpec:
    """A flow of one commodity from an origin to a destination.

    Attributes
    ----------
    volume_units_per_h : mean arrival rate in the commodity's natural unit per hour.
    pattern : ``poisson`` (Poisson batches), ``block_train``/``parcels`` (Poisson batches
        of ``size_units``) or ``deterministic`` (evenly spaced batches).
    size_units : units per arrival.
    seasonality : twelve monthly multipliers of the rate, January first (mean 1).
    path : the resolved route, alternating node and link names, origin first.
    returns_of : set on a flow of empty units (wagons, containers) going back: the name
        of the loaded flow whose deliveries start it. Such a flow has no arrivals of its
        own: each delivery of ``returns_of`` starts ``return_share`` of its units back
        from that flow's destination at once. ``volume_units_per_h`` is then the loaded
        flow's rate times the share (what the analytic capacity counts).
    return_share : the share (0-1] of the loaded flow's units that come back empty.
    priority : ``scheduled`` or ``spot`` (:data:`PRIORITIES`): a vessel loads scheduled
        cargo first, then spot cargo, each in order of arrival.
    booking : room booked on every sailing of one scheduled sea link, or None.
    routes : the routes the flow may take (:class:`~corridor_sim.model.choice.RouteOption`),
        the first being ``path``; empty for a flow with the one route ``path``.
    choice : how a consignment picks among ``routes`` and ``outside``
        (:class:`~corridor_sim.model.choice.RouteChoice`); needed when there is a choice.
    outside : competing corridors the cargo may take instead
        (:class:`~corridor_sim.model.choice.OutsideOption`), chosen at the origin.

    Raises :class:`~corridor_sim.errors.ScenarioError` naming the field if a value is out
    of range or the path does not run from ``origin`` to ``destination``. Whether the
    path's nodes and links exist is checked by the :class:`~corridor_sim.model.Scenario`.
    """

    name: str
    commodity: str
    origin: str
    destination: str
    volume_units_per_h: float
    pattern: str = "poisson"
    size_units: float = 1.0
    seasonality: tuple[float, ...] = (1.0,) * MONTHS
    path: tuple[str, ...] = ()
    returns_of: str | None = None
    return_share: float = 1.0
    priority: str = "spot"
    booking: Booking | None = None
    routes: tuple[RouteOption, ...] = ()
    choice: RouteChoice | None = None
    outside: tuple[OutsideOption, ...] = ()

    def __post_init__(self) -> None:
        checks.name(self.name, "name")
        checks.name(self.commodity, "commodity")
        checks.name(self.origin, "origin")
        checks.name(self.destination, "destination")
        if self.origin == self.destination:
            checks.fail("destination", f"must differ from the origin (both are {self.origin!r})")
        checks.non_negative(self.volume_units_per_h, "volume_units_per_h")
        checks.choice(self.pattern, ARRIVAL_PATTERNS, "pattern")
        checks.positive(self.size_units, "size_units")
        factors = checks.series(self.seasonality, "seasonality", MONTHS, "monthly factors")
        total = 0.0
        for i, f in enumerate(factors):
            total += checks.non_negative(f, f"seasonality[{i}]")
        if total <= 0:
            checks.fail("seasonality", f"factors must not all be zero (got {factors!r})")
        if self.returns_of is not None:
            checks.name(self.returns_of, "returns_of")
            if self.returns_of == self.name:
                checks.fail("returns_of", f"must name another flow (got {self.name!r})")
        checks.number(self.return_share, "return_share", gt=0.0, le=1.0)
        checks.choice(self.priority, PRIORITIES, "priority")
        self._check_path()
        self._check_routes()
        if self.booking is not None:
            checks.instance(self.booking, Booking, "a Booking or None", "booking")
            if self.path and self.booking.link not in self.links:
                checks.fail(
                    "booking.link",
                    f"must be a link on the flow's route (got {self.booking.link!r}; "
                    f"route links: {', '.join(self.links)})",
                )

    @property
    def is_empty_return(self) -> bool:
        """True for a flow of empty units going back (see ``returns_of``)."""
        return self.returns_of is not None

    def _check_path(self) -> None:
        self._check_one_path(self.path, "path")

    def _check_one_path(self, path: tuple[str, ...], key: str) -> None:
        if not isinstance(path, tuple):
            checks.fail(
                key,
                f"must be a tuple of node and link names "
                f"(got {type(path).__name__} {checks.show(path)})",
            )
        if not path:
            return  # not resolved yet; a Scenario needs it
        for i, item in enumerate(path):
            checks.name(item, f"{key}[{i}]")
        if len(path) < 3 or len(path) % 2 == 0:
            checks.fail(
                key,
                "must alternate node and link names from origin to destination: an odd "
                f"number, at least 3 (got {len(path)}: {checks.show(path)})",
            )
        if path[0] != self.origin or path[-1] != self.destination:
            checks.fail(
                key,
                f"must start at origin {self.origin!r} and end at destination "
                f"{self.destination!r} (got {path[0]!r} ... {path[-1]!r})",
            )
        nodes = path[0::2]
        if len(set(nodes)) != len(nodes):
            checks.fail(key, f"must not visit a node twice (got {checks.show(path)})")

    def _check_routes(self) -> None:
        routes, outside = self.routes, self.outside
        for key, items, kind, what in (
            ("routes", routes, RouteOption, "RouteOption"),
            ("outside", outside, OutsideOption, "OutsideOption"),
        ):
            if not isinstance(items, tuple):
                checks.fail(key, f"must be a tuple of {what} (got {type(items).__name__})")
            for i, item in enumerate(items):
                checks.instance(item, kind, f"a {what}", f"{key}[{i}]")
        if self.choice is not None:
            checks.instance(self.choice, RouteChoice, "a RouteChoice or None", "choice")
        if routes:
            if self.path and routes[0].path != self.path:
                checks.fail("routes[0].path", "must be the flow's path (its first route)")
            seen: dict[tuple[str, ...], str] = {}
            for i, r in enumerate(routes):
                self._check_one_path(r.path, f"routes[{i}].path")
                if r.path in seen:
                    checks.fail(f"routes[{i}]", f"repeats route {seen[r.path]!r}")
                seen[r.path] = r.label
            labels = [r.label for r in routes]
            if len(set(labels)) != len(labels):
                checks.fail("routes", f"labels must differ (got {labels})")
        names = [o.name for o in outside]
        if len(set(names)) != len(names):
            checks.fail("outside", f"names must differ (got {names})")
        options = max(1, len(routes)) + len(outside)
        if options > 1 and self.choice is None and not self.is_empty_return:
            checks.fail(
                "choice",
                f"{options} routes and outside options need a rule to choose between "
                "them: choice: {rule: shares | least_time | logit}",
            )
        if self.is_empty_return and (outside or self.choice is not None):
            checks.fail("choice", "empties go back the way their loaded units came")
        check_shares(routes, outside, self.choice.rule if self.choice else None)

    @property
    def paths(self) -> tuple[tuple[str, ...], ...]:
        """Every route the flow may take (its ``path`` first)."""
        return tuple(r.path for r in self.routes) if self.routes else (self.path,)

    @property
    def legs(self) -> tuple[tuple[tuple[str, ...], float], ...]:
        """Each route with the share of the flow that the analytic capacity bounds put
        on it (:func:`~corridor_sim.model.choice.nominal_shares`; 1 for a flow with one
        route and no outside option)."""
        options = self.options
        if len(options) == 1 and not self.outside:
            return ((options[0].path, 1.0),)
        shares = nominal_shares(options)
        return tuple((o.path, s) for o, s in zip(options, shares, strict=True))

    @property
    def options(self) -> tuple[RouteOption, ...]:
        """The flow's routes as :class:`RouteOption` (one labelled ``"route"`` if it has
        only ``path``)."""
        return self.routes or (RouteOption(self.path, "route", 1.0),)

    @property
    def nodes(self) -> tuple[str, ...]:
        """The nodes along the route, origin to destination."""
        return self.path[0::2]

    @property
    def links(self) -> tuple[str, ...]:
        """The links along the route, in order."""
        return self.path[1::2]
