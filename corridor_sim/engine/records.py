"""What a run hands back: typed, pandas-free records of what happened.

Each engine class writes its own record at the end of the run (``Element.record``,
``Vessel.record``, ``FlowState.record``), so nothing above the engine needs to know the
engine's classes or counters. Tables, balances and rankings are built from these records
one layer up, in :mod:`corridor_sim.results`.

Counters ``*_units`` are in each commodity's natural unit (TEU, wagon, truck, t), indexed
like :attr:`RunRecord.commodities`; times are hours from t = 0 unless a name says days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from corridor_sim.engine.stats import Histogram
from corridor_sim.model.cargo import Commodity
from corridor_sim.model.scenario import Scenario

Period = tuple[float, float]


@dataclass(frozen=True, slots=True)
class VesselRecord:
    """One vessel over the statistics period: voyages, mean fill, hours by state, the
    turnaround of its port calls (hours from arrival to sailing, by port name), and the
    sum over its voyages of the load factor per handling class it sailed with.

    A vessel of a fleet pool (:mod:`~corridor_sim.engine.links.pool`) is recorded under
    its home link (the one it starts on) wherever it served: ``hours_by_line`` gives its
    hours on each sea link it served (one entry, its home, for a vessel of no pool),
    ``switches`` how many times it changed line."""

    name: str
    voyages: int
    loaded_voyages: int
    fill_sum: float  # sum over loaded voyages of the share of capacity used
    hours: dict[str, float]  # hours in each state of ``engine.links.logbook.STATES``
    turnaround: dict[str, Histogram] = field(default_factory=dict)
    load_factor_sum: dict[str, float] = field(default_factory=dict)
    hours_by_line: dict[str, float] = field(default_factory=dict)
    switches: int = 0


@dataclass(frozen=True, slots=True)
class BerthRecord:
    """One berth type of a port: how many berths, and how many held a vessel alongside
    on average (``busy_mean``), split into vessels at work (berthing, formalities,
    unloading, loading) and idle (waiting for cargo or for room in the port)."""

    berth: str
    berths: int
    busy_mean: float
    working_mean: float = 0.0
    idle_mean: float = 0.0


@dataclass(frozen=True, slots=True)
class ScheduleRecord:
    """The scheduled sailings of a sea link from one port over the statistics period:
    how many, how many left within the link's tolerance of their slot (``on_time``),
    and the sum and maximum of their delays from their slots (h; early is negative)."""

    port: str
    sailings: int
    on_time: int
    delay_sum_h: float
    delay_max_h: float


@dataclass(frozen=True, slots=True)
class BookingRecord:
    """A flow's booked room on the sailings of a sea link from one port over the
    statistics period: sailings, units booked on them and units of the flow loaded into
    that room (natural units of the flow's commodity)."""

    flow: str
    port: str
    sailings: int
    booked_units: float
    used_units: float


@dataclass(frozen=True, slots=True)
class EmbargoRecord:
    """Acceptance control of one handling class at a node over the statistics period:
    its thresholds (units), the hours it was on and how often it began, the largest stock
    standing there and the largest level it controls (committed: on the way or standing
    there; units), and the new cargo it stopped: held at origin (units, and unit-hours held),
    or sent by another route or corridor (units)."""

    handling: str
    above_units: float
    below_units: float
    hours_on: float
    episodes: int
    stock_max_units: float
    level_max_units: float
    held_units: float
    held_unit_h: float
    diverted_units: float


@dataclass(frozen=True, slots=True)
class DwellRecord:
    """One dwell stage of a node over the statistics period: the hours of each batch
    that started service (a histogram weighted by batches), and whether the batch held a
    server through it. The last two of a node are ``total`` (the sum of its stages) and
    ``at_node`` (from admission to the end of service, waiting for a server included)."""

    stage: str
    hours: Histogram
    holds_server: bool = True


@dataclass(frozen=True, slots=True)
class TractionRecord:
    """A locomotive pool over the statistics period: its ``locomotives`` and those
    ``in_service``; ``busy_mean`` locomotives busy on average (hauling, running light or
    turned round); ``hauls`` trains hauled, ``trains_waited`` of them waited for a
    locomotive, ``train_waits`` the hours each train waited (0 for those that did not);
    ``light_runs`` and their ``light_run_h`` hours; ``assignments`` begun and the
    ``busy_h`` locomotive-hours of work (Little's law: busy_mean = assignments/period x
    busy_h/assignments, up to the work straddling the period's ends)."""

    locomotives: int
    in_service: int
    busy_mean: float
    hauls: int
    trains_waited: int
    train_waits: Histogram
    light_runs: int
    light_run_h: float
    assignments: int
    busy_h: float


@dataclass(frozen=True, slots=True)
class WagonRecord:
    """A wagon pool over the statistics period: its ``wagons`` and ``in_use_mean``, the
    wagons loaded or on their way back empty on average; ``loads`` consignments (or parts
    of them) loaded, carrying ``loaded_t`` tonnes on ``wagons_loaded`` wagons, of which
    ``loads_waited`` waited for wagons (the pool's element waits give the hours, by
    tonne); ``round_trips`` the
    hours from loading to free again (empty return included) of the wagons back in the
    period, weighted by wagons, and their ``wagon_h`` (Little's law: in_use_mean =
    wagons_loaded/period x mean round trip, up to the trips straddling the period's
    ends)."""

    wagons: int
    in_use_mean: float
    loads: int
    loaded_t: float
    wagons_loaded: float
    loads_waited: int
    round_trips: Histogram
    wagon_h: float


@dataclass(frozen=True, slots=True)
class BackgroundRecord:
    """Background (non-corridor) trains at a node, or in one direction of a rail line
    (``direction`` ``"from>to"``; empty at a node), over the statistics period: the rate
    given, the background and corridor trains that started service or departed, and the
    trains the element's quota or line capacity allowed (NaN at a node without a quota).
    """

    direction: str
    trains_per_day: float
    background_trains: int
    corridor_trains: int
    capacity_trains: float


@dataclass(frozen=True, slots=True)
class TrackRecord:
    """A single-track rail line over the statistics period: its sections, the trains that
    ran its length, how many of them waited for a section (at a passing loop or the
    line's end), their hours waiting per train, and the share of the period its busiest
    section was held (running time plus station interval of each train)."""

    sections: int
    trains: int
    waited: int
    wait: Histogram
    busiest_share: float


@dataclass(frozen=True, slots=True)
class ElementRecord:
    """One node or link.

    ``units_in``/``units_out`` count since t = 0 (for the element balance);
    ``units_out_period`` counts the statistics period; ``present_units`` is what the
    element holds at the end (a node: also what waits in its yard for outbound links);
    ``daily_out[k][d]`` is commodity ``k`` leaving on day ``d`` of the run.
    ``utilisation`` is the share of the element's capacity in use over the statistics
    period, as the element's class defines it (NaN for an element with no capacity).
    """

    name: str
    role: str  # "node", "link" or "pool" (a locomotive or wagon pool)
    kind: str
    units_in: Sequence[float]
    units_out: Sequence[float]
    units_out_period: Sequence[float]
    present_units: Sequence[float]
    daily_out: Sequence[Sequence[float]]
    utilisation: float
    queue_mean_t: float
    queue_max_t: float
    wait_mean_h: float
    wait_p95_h: float
    stock_mean_t: float  # NaN unless a node with storage limits
    offers: int = 0  # batches offered to a node with storage ...
    refused: int = 0  # ... and held outside for want of room
    vessels: tuple[VesselRecord, ...] = ()
    berths: tuple[BerthRecord, ...] = ()
    schedule: tuple[ScheduleRecord, ...] = ()  # sea links with scheduled sailings
    bookings: tuple[BookingRecord, ...] = ()
    embargoes: tuple[EmbargoRecord, ...] = ()  # nodes with acceptance control
    dwell: tuple[DwellRecord, ...] = ()  # nodes with dwell stages
    traction: TractionRecord | None = None  # locomotive pools
    wagons: WagonRecord | None = None  # wagon pools
    background: tuple[BackgroundRecord, ...] = ()  # elements with background trains
    track: TrackRecord | None = None  # single-track rail lines
    active_periods: list[Period] | None = None  # only in traced runs


@dataclass(frozen=True, slots=True)
class StageRecord:
    """Unit-hours one flow's delivered cargo spent waiting and moving at one element.

    ``position`` is the element's place on the flow's route; cargo held outside a full
    node is blamed on what fills it, which may be off the route: position = route length.
    """

    element: str
    role: str
    position: int
    wait_unit_h: float
    move_unit_h: float


@dataclass(frozen=True, slots=True)
class FlowRecord:
    """One flow: its mass balance since t = 0 and its deliveries in the statistics period."""

    name: str
    commodity: str
    unit: str
    mass_per_unit_t: float
    generated_units: float
    delivered_units: float
    in_system_units: float
    offered_period_units: float
    delivered_period_units: float
    transit: Histogram  # transit times (h) of the statistics period's deliveries, by unit
    stages: tuple[StageRecord, ...]
    daily: dict[int, float]  # units delivered per day of the run
    returns_of: str | None = None  # empties: the loaded flow they return from
    diverted_units: float = 0.0  # left for an outside option since t = 0
    diverted_period_units: float = 0.0  # ... in the statistics period
    outside: dict[str, float] = field(default_factory=dict)  # period units per option
    turned_away_period_units: float = 0.0  # of them: because an embargo shut its routes
    routes: tuple[RouteRecord, ...] = ()  # flows with several routes: delivered per route
    #: units that went each way from each decision node, (node, next node) -> units
    choices: dict[tuple[str, str], float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RouteRecord:
    """One route of a flow with several: its label, the units delivered on it in the
    statistics period, per day of the run (day -> units), and their transit times (h)."""

    label: str
    delivered_period_units: float
    daily: dict[int, float]
    transit: Histogram


@dataclass(frozen=True)
class RunRecord:
    """Everything one run recorded; :class:`corridor_sim.SimulationResult` reads it."""

    scenario: Scenario
    seed: int | None
    commodities: tuple[Commodity, ...]
    elements: tuple[ElementRecord, ...]
    flows: tuple[FlowRecord, ...]
    sample_times: list[float] = field(repr=False)
    #: queue (t) of every element, in ``elements`` order, at each of ``sample_times``
    samples: list[list[float]] = field(repr=False)
    traced: bool = False
    wall_s: float = 0.0
    events: int = 0
    #: the seed sequence's spawn key: () for a run seeded directly, (i,) for replication i
    #: of an experiment (``SeedSequence(seed).spawn(n)[i]``)
    spawn_key: tuple[int, ...] = ()

    @property
    def warmup_h(self) -> float:
        return self.scenario.settings.warmup_h

    @property
    def horizon_h(self) -> float:
        return self.scenario.settings.horizon_h
