"""The corridor network: nodes where cargo waits and is handled, links that move it.

What every link has (:class:`LinkSpec`) and the transfer, rail and pipeline links are
here; the sea link and its fleet of vessels are in :mod:`~corridor_sim.model.fleet`, the
rules joining links and cargo into routes in :mod:`~corridor_sim.model.routes`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corridor_sim.model import checks
from corridor_sim.model.acceptance import Embargo
from corridor_sim.model.background import Background, check_room
from corridor_sim.model.cargo import HANDLING_CLASSES
from corridor_sim.model.distributions import Distribution
from corridor_sim.model.draft import WaterDepth
from corridor_sim.model.dwell import DwellStage, check_stages
from corridor_sim.model.track import DOUBLE, Track

NODE_KINDS = ("origin", "destination", "border", "terminal", "port", "pipeline_terminal")
LINK_KINDS = ("transfer", "rail", "sea", "pipeline")
BERTH_TYPES = ("rail_ferry", "container", "liquid", "roro", "general")
DAY_H = 24.0

#: node kinds without processing (servers, service_time, quota), as in the scenario file
_NO_PROCESSING = ("origin", "destination")
#: node kinds without a daily quota
_NO_QUOTA = (*_NO_PROCESSING, "pipeline_terminal")
#: node kinds background trains may pass (with servers to occupy)
BACKGROUND_NODE_KINDS = ("border", "terminal", "port")


def readable(name: str) -> str:
    """An id made readable: separators become spaces, the first letter a capital.

    >>> readable("red_bridge")
    'Red bridge'
    >>> readable("kuryk-alat")
    'Kuryk alat'
    """
    words = " ".join(name.replace("-", " ").replace("_", " ").split())
    return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class EntryWindow:
    """The hours of each day a port lets vessels in to berth: from ``from_h`` to ``to_h``
    after midnight (the start of day 0 is t = 0); ``from_h > to_h`` spans midnight.

    >>> daylight = EntryWindow(6.0, 18.0)
    >>> daylight.wait_h(20.0), daylight.wait_h(30.0), daylight.expected_wait_h()
    (10.0, 0.0, 3.0)
    """

    from_h: float
    to_h: float

    def __post_init__(self) -> None:
        start = checks.number(self.from_h, "from_h", ge=0.0)
        end = checks.number(self.to_h, "to_h", ge=0.0)
        for key, value in (("from_h", start), ("to_h", end)):
            if value >= DAY_H:
                checks.fail(key, f"must be < 24 h, a time of day (got {value!r})")
        if start == end:
            checks.fail("to_h", f"must differ from from_h (both are {start!r})")

    @property
    def open_h(self) -> float:
        """Hours a day the window is open."""
        return (self.to_h - self.from_h) % DAY_H

    def wait_h(self, now_h: float) -> float:
        """Hours from ``now_h`` until the window is open (0 if it is)."""
        since = (now_h - self.from_h) % DAY_H
        return 0.0 if since < self.open_h else DAY_H - since

    def expected_wait_h(self) -> float:
        """Mean wait of a vessel ready at a random time of day: closed² / (2 x 24 h)."""
        closed = DAY_H - self.open_h
        return closed * closed / (2 * DAY_H)


@dataclass(frozen=True)
class NodeSpec:
    """A place where cargo waits and is handled.

    Attributes
    ----------
    name, kind : identity; ``kind`` is one of :data:`NODE_KINDS`.
    lon, lat : position in decimal degrees (for maps), or None.
    storage : capacity per handling class in that class's units (TEU, wagon, truck, t);
        classes not listed are unlimited.
    servers : parallel servers processing arriving batches (0 = no processing).
    service_time : time per batch at one server.
    gauge_change : extra time per batch for transshipment between gauges (borders).
    dwell : the time per batch as named stages (borders and terminals), instead of
        ``service_time`` and ``gauge_change``; stages not holding a server come first
        (:class:`~corridor_sim.model.dwell.DwellStage`).
    quota_per_day : most batches (trains) that may start service per calendar day.
    berths : berths per berth type (ports).
    handling_rate_per_h : loading/unloading rate per handling class, units/h (ports).
    berth_time_h : fixed time per berthing: mooring, papers, unmooring (ports).
    formalities_arrival, formalities_departure : border, customs and sanitary clearance
        per vessel call, spent on the berth after berthing and before sailing (ports).
    entry_window : the hours of the day a vessel may enter to berth (ports), or None.
    water_depth : the depth at the berths and its yearly trend (ports), or None for no
        draft limit (:class:`~corridor_sim.model.draft.WaterDepth`).
    embargo : acceptance control per handling class
        (:class:`~corridor_sim.model.acceptance.Embargo`): new cargo of the class is not
        dispatched towards the node while too much of it stands there.
    label : the name shown on maps and in reports (e.g. ``"Beineu (road)"``), or None
        to show :attr:`display_name`'s readable form of ``name``.
    background : other trains served here (borders, terminals and ports with servers),
        each taking a server and a start of the daily quota without being cargo of the
        model (:class:`~corridor_sim.model.background.Background`), or None.

    Raises :class:`~corridor_sim.errors.ScenarioError` naming the field if a value is out
    of range or not allowed for the node's kind (as in the scenario file format).
    """

    name: str
    kind: str
    lon: float | None = None
    lat: float | None = None
    storage: dict[str, float] = field(default_factory=dict)
    servers: int = 0
    service_time: Distribution | None = None
    gauge_change: Distribution | None = None
    quota_per_day: float | None = None
    berths: dict[str, int] = field(default_factory=dict)
    handling_rate_per_h: dict[str, float] = field(default_factory=dict)
    berth_time_h: float = 0.0
    formalities_arrival: Distribution | None = None
    formalities_departure: Distribution | None = None
    entry_window: EntryWindow | None = None
    label: str | None = None
    water_depth: WaterDepth | None = None
    embargo: dict[str, Embargo] = field(default_factory=dict)
    dwell: tuple[DwellStage, ...] = ()
    background: Background | None = None

    def __post_init__(self) -> None:
        checks.name(self.name, "name")
        if self.label is not None:
            checks.text(self.label, "label")
            if not self.label.strip():
                checks.fail("label", f"must be non-empty text, e.g. 'Beineu' (got {self.label!r})")
        kind = self.kind
        checks.choice(kind, NODE_KINDS, "kind")
        if self.lon is not None:
            checks.number(self.lon, "lon", ge=-180.0, le=180.0)
        if self.lat is not None:
            checks.number(self.lat, "lat", ge=-90.0, le=90.0)
        checks.amounts(self.storage, "storage", HANDLING_CLASSES)
        servers = checks.whole(self.servers, "servers", 0)
        for key in ("service_time", "gauge_change", "formalities_arrival", "formalities_departure"):
            value = getattr(self, key)
            if value is not None:
                checks.instance(value, Distribution, "a Distribution or None", key)
        check_stages(self.dwell)
        if self.dwell:
            for key in ("service_time", "gauge_change"):
                if getattr(self, key) is not None:
                    checks.fail(
                        key, "give either dwell stages or service_time and gauge_change, not both"
                    )
        timed = self.service_time is not None or self.gauge_change is not None or bool(self.dwell)
        if timed and servers < 1:
            checks.fail("servers", f"must be >= 1 when service_time is given (got {servers})")
        if servers and not timed:
            checks.fail("service_time", f"is needed by {servers} servers (got None)")
        if self.quota_per_day is not None:
            checks.positive(self.quota_per_day, "quota_per_day")
        checks.counts(self.berths, "berths", BERTH_TYPES, 1)
        checks.amounts(self.handling_rate_per_h, "handling_rate_per_h", HANDLING_CLASSES)
        checks.non_negative(self.berth_time_h, "berth_time_h")
        if self.entry_window is not None:
            checks.instance(
                self.entry_window, EntryWindow, "an EntryWindow or None", "entry_window"
            )
        if self.water_depth is not None:
            checks.instance(self.water_depth, WaterDepth, "a WaterDepth or None", "water_depth")
        if not isinstance(self.embargo, dict):
            checks.fail(
                "embargo", f"must be a dict of Embargo by handling class (got {self.embargo!r})"
            )
        for cls, embargo in self.embargo.items():
            checks.choice(cls, HANDLING_CLASSES, "embargo")
            checks.instance(embargo, Embargo, "an Embargo", f"embargo.{cls}")
        if self.embargo and kind in ("origin", "destination"):
            checks.fail("embargo", f"applies to cargo passing through a node, not to a {kind}")
        self._check_kind()
        if self.background is not None:
            self._check_background(self.background)

    def _check_background(self, background: Background) -> None:
        """Background trains need servers to occupy, and must leave room for the corridor."""
        checks.instance(background, Background, "a Background or None", "background")
        if self.kind not in BACKGROUND_NODE_KINDS:
            checks.fail(
                "background",
                f"a node of kind {self.kind!r} carries no background trains (allowed at "
                f"a {', '.join(BACKGROUND_NODE_KINDS)} with servers, or on a rail link)",
            )
        if not self.servers:
            checks.fail(
                "background",
                "needs servers to occupy: a node without servers processes nothing and "
                "applies no quota (give servers and service_time or dwell)",
            )
        if self.quota_per_day is not None:
            check_room(background, self.quota_per_day, "quota")
        if self.server_mean_h > 0:
            check_room(background, self.servers * DAY_H / self.server_mean_h, "servers' capacity")

    @property
    def server_mean_h(self) -> float:
        """Mean hours a batch holds a server: its dwell stages that hold one, or
        ``service_time`` plus ``gauge_change`` (0 for a node without them)."""
        if self.dwell:
            return sum(s.time.mean_h for s in self.dwell if s.holds_server)
        return sum(d.mean_h for d in (self.service_time, self.gauge_change) if d is not None)

    @property
    def standing_mean_h(self) -> float:
        """Mean hours of the dwell stages that do not hold a server (passed before a
        batch queues for one)."""
        return sum(s.time.mean_h for s in self.dwell if not s.holds_server)

    @property
    def display_name(self) -> str:
        """The name shown to people: ``label`` if given, else ``name`` made readable.

        >>> NodeSpec("beineu_road", "origin").display_name
        'Beineu road'
        >>> NodeSpec("alat", "origin", label="Alat (Baku port)").display_name
        'Alat (Baku port)'
        """
        if self.label is not None:
            return self.label
        return readable(self.name)

    def _check_kind(self) -> None:
        """Fields that only some kinds of node have (the scenario file refuses the rest)."""
        kind = self.kind
        if kind == "port" and not self.berths:
            checks.fail("berths", "a port needs berths, e.g. {'rail_ferry': 2} (got {})")
        used: dict[str, object] = {}
        if kind != "port":
            used.update(
                berths=self.berths or None,
                handling_rate_per_h=self.handling_rate_per_h or None,
                berth_time_h=self.berth_time_h or None,
                formalities_arrival=self.formalities_arrival,
                formalities_departure=self.formalities_departure,
                entry_window=self.entry_window,
                water_depth=self.water_depth,
            )
        if kind != "border":
            used["gauge_change"] = self.gauge_change
        if kind not in ("border", "terminal"):
            used["dwell"] = self.dwell or None
        if kind in _NO_PROCESSING:
            used.update(servers=self.servers or None, service_time=self.service_time)
        if kind in _NO_QUOTA:
            used["quota_per_day"] = self.quota_per_day
        for key, value in used.items():
            if value is not None:
                checks.fail(key, f"a node of kind {kind!r} has no {key} (got {checks.show(value)})")


@dataclass(frozen=True)
class LinkSpec:
    """What every link has: a name, a kind and the two nodes it joins.

    Raises :class:`~corridor_sim.errors.ScenarioError` naming the field if a name is
    empty, the kind unknown, or both ends are the same node.
    """

    name: str
    kind: str
    origin: str
    destination: str

    def __post_init__(self) -> None:
        checks.name(self.name, "name")
        checks.choice(self.kind, LINK_KINDS, "kind")
        checks.name(self.origin, "origin")
        checks.name(self.destination, "destination")
        if self.origin == self.destination:
            checks.fail(
                "destination",
                f"a link must join two different nodes (both are {self.origin!r})",
            )

    def _check_kind(self, kind: str) -> None:
        if self.kind != kind:
            checks.fail("kind", f"must be {kind!r} for a {type(self).__name__} (got {self.kind!r})")

    def expected_time_h(self) -> float:
        """Expected time to cross the link when nothing waits, in hours (for routing)."""
        return 0.0


@dataclass(frozen=True)
class TransferLink(LinkSpec):
    """Moves each consignment on at once, after a fixed ``delay_h``."""

    delay_h: float = 0.0

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_kind("transfer")
        checks.non_negative(self.delay_h, "delay_h")

    def expected_time_h(self) -> float:
        return self.delay_h


@dataclass(frozen=True)
class RailLink(LinkSpec):
    """A rail line: trains form at ``origin`` and run to ``destination``.

    A train leaves when full (sum over consignments of units / ``train_capacity`` of their
    handling class reaches 1) or when its first consignment has waited ``max_wait_h``;
    departures are at least ``24 / line_capacity_per_day`` hours apart in each direction.
    ``background`` trains (:class:`~corridor_sim.model.background.Background`, the rate
    in each direction) take departure slots too; they need a line capacity to take them
    from (on a single track they take slots, not sections). ``track`` is double (each
    direction its own) or single with passing loops, whose sections both directions
    share (:class:`~corridor_sim.model.track.Track`).
    """

    travel_time_h: float = 0.0
    train_capacity: dict[str, float] = field(default_factory=dict)
    max_wait_h: float = 24.0
    line_capacity_per_day: float | None = None
    background: Background | None = None
    track: Track = DOUBLE

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_kind("rail")
        checks.non_negative(self.travel_time_h, "travel_time_h")
        # at least one unit: cargo is split to fit, so a smaller train takes slivers
        checks.amounts(
            self.train_capacity, "train_capacity", HANDLING_CLASSES, minimum=1.0, required=True
        )
        checks.non_negative(self.max_wait_h, "max_wait_h")
        if self.line_capacity_per_day is not None:
            checks.positive(self.line_capacity_per_day, "line_capacity_per_day")
        if self.background is not None:
            checks.instance(self.background, Background, "a Background or None", "background")
            if self.line_capacity_per_day is None:
                checks.fail(
                    "background",
                    "needs line_capacity_per_day: background trains take departure slots, "
                    "and a line without a line capacity has none to take",
                )
            check_room(self.background, self.line_capacity_per_day, "line capacity")
        checks.instance(self.track, Track, "a Track", "track")

    def expected_time_h(self) -> float:
        return self.travel_time_h


@dataclass(frozen=True)
class PipelineLink(LinkSpec):
    """A pipeline: continuous flow, with other shippers' ``base_load`` served first.

    Capacities are in t/h (converted from bbl/day with the stated density); batches are
    injected at the residual capacity and arrive ``linefill / flow`` hours later. Give
    exactly one of ``linefill_t`` and ``transit_time_h``.
    """

    capacity_t_per_h: float = 0.0
    base_load_t_per_h: float = 0.0
    linefill_t: float | None = None
    transit_time_h: float | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_kind("pipeline")
        capacity = checks.positive(self.capacity_t_per_h, "capacity_t_per_h")
        base = checks.non_negative(self.base_load_t_per_h, "base_load_t_per_h")
        if base > capacity:
            checks.fail(
                "base_load_t_per_h",
                f"must not exceed capacity_t_per_h {capacity:g} (got {self.base_load_t_per_h!r})",
            )
        if self.linefill_t is not None:
            checks.positive(self.linefill_t, "linefill_t")
        if self.transit_time_h is not None:
            checks.non_negative(self.transit_time_h, "transit_time_h")
        if (self.linefill_t is None) == (self.transit_time_h is None):
            checks.fail(
                "transit_time_h",
                "give exactly one of linefill_t and transit_time_h "
                f"(got linefill_t={self.linefill_t!r}, transit_time_h={self.transit_time_h!r})",
            )

    @property
    def residual_t_per_h(self) -> float:
        """Capacity left for the corridor's batches, t/h."""
        return max(0.0, self.capacity_t_per_h - self.base_load_t_per_h)

    def transit_h(self, flow_t_per_h: float) -> float:
        """Hours from injection to delivery when the line flows at ``flow_t_per_h``."""
        if self.transit_time_h is not None:
            return self.transit_time_h
        if self.linefill_t is None or flow_t_per_h <= 0:
            return 0.0
        return self.linefill_t / flow_t_per_h

    def expected_time_h(self) -> float:
        return self.transit_h(self.capacity_t_per_h)
