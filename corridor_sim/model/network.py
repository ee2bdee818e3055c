"""The corridor network: nodes where cargo waits and is handled, links that move it."""

from __future__ import annotations

from dataclasses import dataclass, field

from corridor_sim.model.distributions import Distribution

NODE_KINDS = ("origin", "destination", "border", "terminal", "port", "pipeline_terminal")
LINK_KINDS = ("transfer", "rail", "sea", "pipeline")
BERTH_TYPES = ("rail_ferry", "container", "liquid", "roro", "general")


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
    gauge_change : extra time per batch for transshipment between gauges.
    quota_per_day : most batches (trains) that may start service per calendar day.
    berths : berths per berth type (ports).
    handling_rate_per_h : loading/unloading rate per handling class, units/h (ports).
    berth_time_h : fixed time per vessel call: mooring, papers, unmooring (ports).
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


@dataclass(frozen=True)
class LinkSpec:
    """What every link has: a name, a kind and the two nodes it joins."""

    name: str
    kind: str
    origin: str
    destination: str

    def expected_time_h(self) -> float:
        """Expected time to cross the link when nothing waits, in hours (for routing)."""
        return 0.0


@dataclass(frozen=True)
class TransferLink(LinkSpec):
    """Moves each consignment on at once, after a fixed ``delay_h``."""

    delay_h: float = 0.0

    def expected_time_h(self) -> float:
        return self.delay_h


@dataclass(frozen=True)
class RailLink(LinkSpec):
    """A rail line: trains form at ``origin`` and run to ``destination``.

    A train leaves when full (sum over consignments of units / ``train_capacity`` of their
    handling class reaches 1) or when its first consignment has waited ``max_wait_h``;
    departures are at least ``24 / line_capacity_per_day`` hours apart.
    """

    travel_time_h: float = 0.0
    train_capacity: dict[str, float] = field(default_factory=dict)
    max_wait_h: float = 24.0
    line_capacity_per_day: float | None = None

    def expected_time_h(self) -> float:
        return self.travel_time_h


@dataclass(frozen=True)
class VesselSpec:
    """One vessel: the berth type it uses, capacity per handling class, speed in km/h."""

    name: str
    berth: str
    capacity: dict[str, float]
    speed_kmh: float
    home: str = "from"


@dataclass(frozen=True)
class SeaLink(LinkSpec):
    """A sea crossing served by a fleet shuttling between ``origin`` and ``destination``.

    ``load_factor`` scales every vessel's capacity (the draft limit of the falling
    Caspian). Vessels sail when full, after ``max_wait_h`` at berth, or at slots
    ``every_h`` apart.
    """

    distance_km: float = 0.0
    fleet: tuple[VesselSpec, ...] = ()
    load_factor: float = 1.0
    max_wait_h: float | None = 24.0
    every_h: float | None = None

    def sailing_time_h(self, vessel: VesselSpec) -> float:
        """Hours at sea for one crossing by ``vessel``."""
        return self.distance_km / vessel.speed_kmh

    def expected_time_h(self) -> float:
        return min(self.sailing_time_h(v) for v in self.fleet) if self.fleet else 0.0


@dataclass(frozen=True)
class PipelineLink(LinkSpec):
    """A pipeline: continuous flow, with other shippers' ``base_load`` served first.

    Capacities are in t/h (converted from bbl/day with the stated density); batches are
    injected at the residual capacity and arrive ``linefill / flow`` hours later.
    """

    capacity_t_per_h: float = 0.0
    base_load_t_per_h: float = 0.0
    linefill_t: float | None = None
    transit_time_h: float | None = None

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
