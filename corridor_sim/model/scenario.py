"""A whole scenario: settings, commodities, network, flows and disruptions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from corridor_sim.errors import TopologyError
from corridor_sim.model import checks
from corridor_sim.model.cargo import Commodity
from corridor_sim.model.choice import money_h
from corridor_sim.model.costs import Costs, check_costs
from corridor_sim.model.demand import Booking, FlowSpec
from corridor_sim.model.display import scenario_html, scenario_repr
from corridor_sim.model.disruptions import Closure, Disruption, Failures, Weather
from corridor_sim.model.fleet import SeaLink
from corridor_sim.model.network import LinkSpec, NodeSpec, PipelineLink, RailLink, TransferLink
from corridor_sim.model.pools import FleetPool, check_pools
from corridor_sim.model.routes import joins, refusal
from corridor_sim.model.traction import LocomotivePool, check_locomotive_pools
from corridor_sim.model.wagons import WagonPool, check_wagon_pools
from corridor_sim.units import HOURS_PER_YEAR

#: limits a scenario file is held to (the loader states them with file and line)
MAX_YEARS = 200  # warm-up plus horizon
MAX_SAMPLES = 1e6  # queue samples over warm-up plus horizon
MAX_ARRIVALS = 1e8  # arrivals of one flow over warm-up plus horizon
#: the calendar a run may cover: it starts on or after FIRST_DATE and ends by LAST_DATE
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2200, 12, 31)

LINK_TYPES = (TransferLink, RailLink, SeaLink, PipelineLink)
DISRUPTION_TYPES = (Closure, Weather, Failures)


@dataclass(frozen=True)
class SimulationSettings:
    """Time settings: calendar start, statistics horizon and warm-up (hours), seed.

    Raises :class:`~corridor_sim.errors.ScenarioError` naming the field if a value is out
    of range. The limits on the run's length (:data:`MAX_YEARS`, :data:`MAX_SAMPLES`) are
    checked by the :class:`Scenario` that uses the settings.
    """

    start: dt.date = dt.date(2024, 1, 1)
    horizon_h: float = 8760.0
    warmup_h: float = 0.0
    seed: int | None = None
    sample_interval_h: float = 6.0

    def __post_init__(self) -> None:
        checks.date_between(self.start, "start", FIRST_DATE, LAST_DATE)
        checks.positive(self.horizon_h, "horizon_h")
        checks.non_negative(self.warmup_h, "warmup_h")
        if self.seed is not None:
            checks.whole(self.seed, "seed", 0)
        checks.positive(self.sample_interval_h, "sample_interval_h")

    @property
    def end_h(self) -> float:
        """Simulation end time in hours from t = 0 (warm-up plus horizon)."""
        return self.warmup_h + self.horizon_h


def check_run(settings: SimulationSettings, prefix: str = "") -> None:
    """Refuse a run longer than :data:`MAX_YEARS`, sampled more than :data:`MAX_SAMPLES`
    times, or ending after :data:`LAST_DATE`; the key path is ``prefix`` + the field."""
    end_h = settings.end_h
    if end_h > MAX_YEARS * HOURS_PER_YEAR:
        checks.fail(
            f"{prefix}horizon_h",
            f"warm-up plus horizon must be at most {MAX_YEARS} yr "
            f"(got {end_h / HOURS_PER_YEAR:.0f} yr)",
        )
    if settings.sample_interval_h * MAX_SAMPLES < end_h:
        checks.fail(
            f"{prefix}sample_interval_h",
            f"would take more than {MAX_SAMPLES:,.0f} samples over {end_h:g} h; make it "
            f"longer (got {settings.sample_interval_h!r})",
        )
    start = dt.datetime.combine(settings.start, dt.time())
    end = start + dt.timedelta(hours=end_h)  # at most MAX_YEARS on: no overflow
    if end > dt.datetime.combine(LAST_DATE + dt.timedelta(days=1), dt.time()):
        checks.fail(
            f"{prefix}horizon_h",
            f"the run must end by {LAST_DATE} (it starts {settings.start} and, with the "
            f"warm-up, runs {end_h / HOURS_PER_YEAR:.3g} yr to {end.date()})",
        )


@dataclass(frozen=True)
class Scenario:
    """A validated scenario, built once by :func:`corridor_sim.load_scenario`.

    Change a copy with :func:`dataclasses.replace`, never the scenario itself. ``raw``
    keeps the merged mapping the scenario was built from, so that a parameter can be
    overridden by its dotted path and the scenario rebuilt.

    Each spec checks its own values when it is built; the scenario checks how they fit
    together (every name it refers to exists, each flow's path runs over links that join
    its nodes and carry its commodity, the run stays within the limits, each fleet pool's
    lines share a hub and its vessels can serve them all: :mod:`~.pools`; each locomotive
    pool hauls rail links of no other pool: :mod:`~.traction`; each wagon pool's flows
    pass its load node and then an unload node: :mod:`~.wagons`; the names its ``costs``
    price exist: :mod:`~.costs`; a flow whose choice counts money has a time value and
    its outside options a cost: :func:`~.choice.money_h`) and raises
    :class:`~corridor_sim.errors.ScenarioError` (:class:`~corridor_sim.errors.TopologyError`
    for the network) with a key path such as ``flows.f.path``. The checks take time
    linear in the size of the scenario.
    """

    name: str
    settings: SimulationSettings
    commodities: dict[str, Commodity]
    nodes: dict[str, NodeSpec]
    links: dict[str, LinkSpec]
    flows: dict[str, FlowSpec]
    disruptions: tuple[Disruption, ...] = ()
    fleet_pools: dict[str, FleetPool] = field(default_factory=dict)
    locomotive_pools: dict[str, LocomotivePool] = field(default_factory=dict)
    wagon_pools: dict[str, WagonPool] = field(default_factory=dict)
    description: str = ""
    source: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    costs: Costs | None = None

    def __post_init__(self) -> None:
        checks.text(self.name, "name")
        checks.text(self.description, "description")
        if self.source is not None:
            checks.text(self.source, "source")
        checks.instance(self.settings, SimulationSettings, "a SimulationSettings", "settings")
        checks.keyed(self.commodities, "commodities", Commodity, "a Commodity")
        checks.keyed(self.nodes, "nodes", NodeSpec, "a NodeSpec")
        checks.keyed(
            self.links, "links", LINK_TYPES, "a TransferLink, RailLink, SeaLink or PipelineLink"
        )
        checks.keyed(self.flows, "flows", FlowSpec, "a FlowSpec")
        self._check_run()
        self._check_links()
        self._check_flows()
        self._check_disruptions()
        checks.keyed(self.fleet_pools, "fleet_pools", FleetPool, "a FleetPool")
        check_pools(self.fleet_pools, self.links, self.nodes)
        checks.keyed(self.locomotive_pools, "locomotive_pools", LocomotivePool, "a LocomotivePool")
        check_locomotive_pools(self.locomotive_pools, self.links, self.nodes)
        checks.keyed(self.wagon_pools, "wagon_pools", WagonPool, "a WagonPool")
        taken = {*self.nodes, *self.links, *self.locomotive_pools}
        check_wagon_pools(self.wagon_pools, self.flows, self.commodities, self.nodes, taken)
        if self.costs is not None:
            checks.instance(self.costs, Costs, "a Costs", "costs")
            check_costs(
                self.costs,
                links=self.links,
                sea_links=[k for k, link in self.links.items() if isinstance(link, SeaLink)],
                nodes=self.nodes,
                commodities=self.commodities,
                locomotive_pools=self.locomotive_pools,
            )
        for key, flow in self.flows.items():
            if flow.choice is not None and flow.choice.money:
                money_h(flow.paths, flow.outside, flow.commodity, self.costs, f"flows.{key}")

    def _check_run(self) -> None:
        check_run(self.settings, "settings.")

    def _check_links(self) -> None:
        nodes = self.nodes
        for key, link in self.links.items():
            if key in nodes:
                checks.fail(f"links.{key}", f"{key!r} names both a node and a link")
            for end in ("origin", "destination"):
                node = getattr(link, end)
                if node not in nodes:
                    checks.fail(f"links.{key}.{end}", f"no node named {node!r}", TopologyError)
            if isinstance(link, SeaLink):
                for end in (link.origin, link.destination):
                    port = nodes[end]
                    if port.kind != "port":
                        checks.fail(
                            f"links.{key}",
                            f"a sea link must join two ports ({end!r} is a {port.kind})",
                            TopologyError,
                        )
                    for i, vessel in enumerate(link.fleet):
                        if vessel.berth not in port.berths:
                            checks.fail(
                                f"links.{key}.fleet[{i}].berth",
                                f"port {end!r} has no {vessel.berth!r} berth "
                                f"(it has: {', '.join(port.berths)})",
                                TopologyError,
                            )

    def _check_flows(self) -> None:
        if not self.flows:
            checks.fail("flows", "needs at least one flow")
        end_h = self.settings.end_h
        carried: dict[tuple[str, str], str | None] = {}  # (link, handling) -> why not
        for key, flow in self.flows.items():
            where = f"flows.{key}"
            commodity = self.commodities.get(flow.commodity)
            if commodity is None:
                checks.fail(f"{where}.commodity", f"no commodity named {flow.commodity!r}")
            arrivals = flow.volume_units_per_h / flow.size_units * end_h
            if arrivals > MAX_ARRIVALS:
                checks.fail(
                    f"{where}.volume_units_per_h",
                    f"would bring about {arrivals:.3g} arrivals in the run (at most "
                    f"{MAX_ARRIVALS:.0e}); check the volume, or give arrivals a larger size",
                )
            if flow.returns_of is not None:
                self._check_return(key, flow)
            if not flow.path:
                checks.fail(f"{where}.path", "must give the route, origin first (got ())")
            for j, path in enumerate(flow.paths):
                key = f"{where}.routes[{j}].path" if flow.routes else f"{where}.path"
                self._check_path(key, path, commodity.handling, carried)
            if flow.booking is not None:
                self._check_booking(where, flow.booking)

    def _check_path(
        self,
        where: str,
        path: tuple[str, ...],
        handling: str,
        carried: dict[tuple[str, str], str | None],
    ) -> None:
        """Every node and link of ``path`` exists, each link joins its neighbours and
        carries cargo of class ``handling`` (``carried`` memoises the verdicts)."""
        for i in range(0, len(path), 2):
            if path[i] not in self.nodes:
                checks.fail(f"{where}[{i}]", f"no node named {path[i]!r}", TopologyError)
        for i in range(1, len(path), 2):
            name, a, b = path[i], path[i - 1], path[i + 1]
            link = self.links.get(name)
            if link is None:
                checks.fail(f"{where}[{i}]", f"no link named {name!r}", TopologyError)
            if not joins(link, a, b):
                checks.fail(
                    f"{where}[{i}]",
                    f"link {name!r} does not lead from {a!r} to {b!r}",
                    TopologyError,
                )
            memo = (name, handling)
            if memo not in carried:
                carried[memo] = refusal(link, handling, self.nodes)
            why = carried[memo]
            if why:
                checks.fail(f"{where}[{i}]", why, TopologyError)

    def _check_booking(self, where: str, booking: Booking) -> None:
        """A booking reserves room on the sailings of a scheduled sea link."""
        link = self.links.get(booking.link)
        if not isinstance(link, SeaLink) or link.every_h is None:
            what = "no link" if link is None else f"a {link.kind} link"
            if isinstance(link, SeaLink):
                what = "a sea link without departure every (no scheduled sailings)"
            checks.fail(
                f"{where}.booking.link",
                f"must be a sea link with scheduled sailings (departure every); "
                f"{booking.link!r} is {what}",
            )

    def _check_return(self, key: str, flow: FlowSpec) -> None:
        """An empty-return flow runs back from its loaded flow's destination to its
        origin, in the same handling class (an empty wagon goes back as a wagon)."""
        where = f"flows.{key}.returns_of"
        loaded = self.flows.get(flow.returns_of or "")
        if loaded is None:
            checks.fail(where, f"no flow named {flow.returns_of!r}")
        if loaded.returns_of is not None:
            checks.fail(where, f"{loaded.name!r} is itself an empty return")
        if (flow.origin, flow.destination) != (loaded.destination, loaded.origin):
            checks.fail(
                where,
                f"must run from {loaded.name!r}'s destination {loaded.destination!r} to its "
                f"origin {loaded.origin!r} (got {flow.origin!r} to {flow.destination!r})",
            )
        handling = {self.commodities[c].handling for c in (flow.commodity, loaded.commodity)}
        if len(handling) > 1:
            checks.fail(where, f"must be handled as {loaded.name!r} is (got {sorted(handling)})")

    def _check_disruptions(self) -> None:
        items = self.disruptions
        if not isinstance(items, tuple):
            checks.fail(
                "disruptions",
                f"must be a tuple of Closure, Weather or Failures "
                f"(got {type(items).__name__} {checks.show(items)})",
            )
        for i, item in enumerate(items):
            where = f"disruptions[{i}]"
            checks.instance(item, DISRUPTION_TYPES, "a Closure, Weather or Failures", where)
            for j, element in enumerate(item.elements):
                if element not in self.nodes and element not in self.links:
                    checks.fail(
                        f"{where}.elements[{j}]",
                        f"no node or link named {element!r}",
                        TopologyError,
                    )

    def __repr__(self) -> str:
        return scenario_repr(self)

    def _repr_html_(self) -> str:
        return scenario_html(self)
