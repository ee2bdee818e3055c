"""Flows of cargo: what enters the corridor, where, how much and along which route."""

from __future__ import annotations

from dataclasses import dataclass

from corridor_sim.model import checks

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
        path = self.path
        if not isinstance(path, tuple):
            checks.fail(
                "path",
                f"must be a tuple of node and link names "
                f"(got {type(path).__name__} {checks.show(path)})",
            )
        if not path:
            return  # not resolved yet; a Scenario needs it
        for i, item in enumerate(path):
            checks.name(item, f"path[{i}]")
        if len(path) < 3 or len(path) % 2 == 0:
            checks.fail(
                "path",
                "must alternate node and link names from origin to destination: an odd "
                f"number, at least 3 (got {len(path)}: {checks.show(path)})",
            )
        if path[0] != self.origin or path[-1] != self.destination:
            checks.fail(
                "path",
                f"must start at origin {self.origin!r} and end at destination "
                f"{self.destination!r} (got {path[0]!r} ... {path[-1]!r})",
            )
        nodes = path[0::2]
        if len(set(nodes)) != len(nodes):
            checks.fail("path", f"must not visit a node twice (got {checks.show(path)})")

    @property
    def nodes(self) -> tuple[str, ...]:
        """The nodes along the route, origin to destination."""
        return self.path[0::2]

    @property
    def links(self) -> tuple[str, ...]:
        """The links along the route, in order."""
        return self.path[1::2]
