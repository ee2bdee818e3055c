"""Costs and emissions: what moving cargo costs the shipper, what running the fleet
costs the operators, and the CO2 both emit.

A :class:`Costs` spec holds prices in one currency and price year (``"USD 2024"``),
converted when the scenario is read into what the results need: each link's tariff and
each node's charge in USD per unit of a commodity, the time value of cargo in USD per
unit-hour, fuel burn in t/h and operating costs in USD/h by vessel state, and emission
factors (t CO2 per t of fuel; t CO2 per tonne-km of rail by traction).

What is added up (:mod:`corridor_sim.results.costs`): the shipper's door-to-door cost
of a flow is tariffs + port and terminal charges per unit + time value of the cargo +
carbon (its CO2 at ``carbon_price``). Tariffs already pay the carriers' own costs, so
the vessels' and locomotives' operating costs, their fuel and the ships' dues per port
call are an *operator* cost, reported apart and never added to the shipper's.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from corridor_sim.errors import TopologyError
from corridor_sim.model import checks

#: the vessel states fuel burn and operating costs are given for
FUEL_STATES = ("sailing", "manoeuvring", "at_berth", "at_anchorage", "out_of_service")
#: each vessel state of the engine's logbook (``engine.links.logbook.STATES``) as a
#: fuel state: berthing is manoeuvring; alongside (working, blocked or idle) is at berth;
#: waiting for a berth, the entry window, cargo or weather is at anchorage; repair and
#: maintenance are out of service (in drydock, burning no fuel unless stated)
FUEL_STATE_OF = {
    "sailing": "sailing",
    "berthing": "manoeuvring",
    "formalities": "at_berth",
    "unloading": "at_berth",
    "loading": "at_berth",
    "blocked": "at_berth",
    "idle_berth": "at_berth",
    "waiting_berth": "at_anchorage",
    "entry": "at_anchorage",
    "waiting_cargo": "at_anchorage",
    "idle": "at_anchorage",
    "weather_bound": "at_anchorage",
    "repair": "out_of_service",
    "maintenance": "out_of_service",
}
TRACTIONS = ("diesel", "electric")
CURRENCIES = ("USD",)


def _per(value: object, path: str, keys: Collection[str] | None = None) -> None:
    """A dict of amounts >= 0 (keyed by ``keys``, if given)."""
    if not isinstance(value, dict):
        checks.fail(path, f"must be a dict (got {type(value).__name__} {checks.show(value)})")
    for key, amount in value.items():
        if keys is not None and key not in keys:
            checks.fail(path, f"unknown key {checks.show(key)}; allowed: {', '.join(keys)}")
        checks.non_negative(amount, f"{path}.{key}")


@dataclass(frozen=True)
class Fuel:
    """A marine fuel: t CO2 emitted per t burnt, and its price in USD/t (0: not costed)."""

    name: str
    co2_t_per_t: float
    price_usd_per_t: float = 0.0

    def __post_init__(self) -> None:
        checks.name(self.name, "name")
        checks.positive(self.co2_t_per_t, "co2_t_per_t")
        checks.non_negative(self.price_usd_per_t, "price_usd_per_t")


@dataclass(frozen=True)
class LinkCosts:
    """What a link charges per unit of each commodity it carries (USD per unit), its
    length for emissions (km; None: not known) and, for a rail link, its ``traction``."""

    name: str
    tariff_usd_per_unit: dict[str, float] = field(default_factory=dict)
    distance_km: float | None = None
    traction: str | None = None

    def __post_init__(self) -> None:
        checks.name(self.name, "name")
        _per(self.tariff_usd_per_unit, "tariff_usd_per_unit")
        if self.distance_km is not None:
            checks.positive(self.distance_km, "distance_km")
        if self.traction is not None:
            checks.choice(self.traction, TRACTIONS, "traction")
            if self.distance_km is None:
                checks.fail("traction", "needs the link's distance to count emissions")


@dataclass(frozen=True)
class NodeCosts:
    """A node's charges: USD per unit of each commodity handled, and for a port USD per
    vessel call (ship's dues, an operator cost)."""

    name: str
    charge_usd_per_unit: dict[str, float] = field(default_factory=dict)
    per_call_usd: float = 0.0

    def __post_init__(self) -> None:
        checks.name(self.name, "name")
        _per(self.charge_usd_per_unit, "charge_usd_per_unit")
        checks.non_negative(self.per_call_usd, "per_call_usd")


@dataclass(frozen=True)
class VesselCosts:
    """The vessels of sea link ``name``: the ``fuel`` they burn, and by fuel state
    (:data:`FUEL_STATES`) their burn (t/h) and operating cost (USD/h); a state left out
    burns and costs nothing."""

    name: str
    fuel: str
    burn_t_per_h: dict[str, float] = field(default_factory=dict)
    operating_usd_per_h: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        checks.name(self.name, "name")
        checks.name(self.fuel, "fuel")
        _per(self.burn_t_per_h, "burn_t_per_h", FUEL_STATES)
        _per(self.operating_usd_per_h, "operating_usd_per_h", FUEL_STATES)


@dataclass(frozen=True)
class LocomotiveCosts:
    """A locomotive pool's operating cost per locomotive-hour, busy (hauling, running
    light, turned round) and idle in service."""

    name: str
    busy_usd_per_h: float = 0.0
    idle_usd_per_h: float = 0.0

    def __post_init__(self) -> None:
        checks.name(self.name, "name")
        checks.non_negative(self.busy_usd_per_h, "busy_usd_per_h")
        checks.non_negative(self.idle_usd_per_h, "idle_usd_per_h")


@dataclass(frozen=True)
class Costs:
    """Prices and emission factors of a scenario, in ``currency`` (``"USD 2024"``).

    >>> Costs("USD 2024", carbon_price_usd_per_t=50.0).carbon_price_usd_per_t
    50.0

    Raises :class:`~corridor_sim.errors.ScenarioError` naming the field if a value is out
    of range; :func:`check_costs` checks the names against the scenario.
    """

    currency: str
    links: dict[str, LinkCosts] = field(default_factory=dict)
    nodes: dict[str, NodeCosts] = field(default_factory=dict)
    vessels: dict[str, VesselCosts] = field(default_factory=dict)
    locomotives: dict[str, LocomotiveCosts] = field(default_factory=dict)
    fuels: dict[str, Fuel] = field(default_factory=dict)
    rail_co2_t_per_tkm: dict[str, float] = field(default_factory=dict)
    time_value_usd_per_unit_h: dict[str, float] = field(default_factory=dict)
    carbon_price_usd_per_t: float = 0.0

    def __post_init__(self) -> None:
        checks.text(self.currency, "currency")
        code, _, year = self.currency.partition(" ")
        if code not in CURRENCIES or not (year.isdigit() and len(year) == 4):
            checks.fail(
                "currency",
                f"must be a currency and price year, e.g. 'USD 2024' (currencies: "
                f"{', '.join(CURRENCIES)}); got {checks.show(self.currency)}",
            )
        checks.keyed(self.links, "links", LinkCosts, "a LinkCosts")
        checks.keyed(self.nodes, "nodes", NodeCosts, "a NodeCosts")
        checks.keyed(self.vessels, "vessels", VesselCosts, "a VesselCosts")
        checks.keyed(self.locomotives, "locomotives", LocomotiveCosts, "a LocomotiveCosts")
        checks.keyed(self.fuels, "fuels", Fuel, "a Fuel")
        _per(self.rail_co2_t_per_tkm, "rail_co2_t_per_tkm", TRACTIONS)
        _per(self.time_value_usd_per_unit_h, "time_value_usd_per_unit_h")
        checks.non_negative(self.carbon_price_usd_per_t, "carbon_price_usd_per_t")
        for key, vessels in self.vessels.items():
            if vessels.fuel not in self.fuels:
                known = ", ".join(self.fuels) or "none"
                checks.fail(f"vessels.{key}.fuel", f"no fuel named {vessels.fuel!r} ({known})")
        for key, link in self.links.items():
            if link.traction is not None and link.traction not in self.rail_co2_t_per_tkm:
                checks.fail(
                    f"links.{key}.traction",
                    f"needs an emission factor for {link.traction!r} traction in rail_co2",
                )

    @property
    def currency_code(self) -> str:
        """The currency without the price year, e.g. ``"USD"``."""
        return self.currency.partition(" ")[0]

    def tariff_usd(self, element: str, commodity: str) -> float:
        """Link ``element``'s tariff for a unit of ``commodity``, USD (0: not priced)."""
        link = self.links.get(element)
        return link.tariff_usd_per_unit.get(commodity, 0.0) if link is not None else 0.0

    def charge_usd(self, element: str, commodity: str) -> float:
        """Node ``element``'s charge for a unit of ``commodity``, USD (0: not priced)."""
        node = self.nodes.get(element)
        return node.charge_usd_per_unit.get(commodity, 0.0) if node is not None else 0.0

    def route_usd(self, path: Sequence[str], commodity: str) -> float:
        """What a unit of ``commodity`` pays along ``path`` (nodes and links): the links'
        tariffs + the nodes' charges, USD per unit; carbon and the time value left out.

        >>> Costs("USD 2024", links={"a-b": LinkCosts("a-b", {"box": 450.0})},
        ...       nodes={"b": NodeCosts("b", {"box": 80.0})}).route_usd(("a", "a-b", "b"), "box")
        530.0
        """
        return math.fsum(
            self.tariff_usd(e, commodity) + self.charge_usd(e, commodity) for e in path
        )


def check_costs(
    costs: Costs,
    *,
    links: Mapping[str, object],
    sea_links: Collection[str],
    nodes: Collection[str],
    commodities: Collection[str],
    locomotive_pools: Collection[str],
) -> None:
    """Every name in ``costs`` exists in the scenario: links, nodes, sea links (for
    vessels), locomotive pools and commodities. Key paths read ``costs.<section>...``."""
    named = (
        ("links", costs.links, links, "link"),
        ("nodes", costs.nodes, nodes, "node"),
        ("vessels", costs.vessels, sea_links, "sea link"),
        ("locomotives", costs.locomotives, locomotive_pools, "locomotive pool"),
    )
    for section, specs, known, what in named:
        for key in specs:
            if key not in known:
                checks.fail(f"costs.{section}.{key}", f"no {what} named {key!r}", TopologyError)
    priced = [
        *((f"costs.links.{k}.tariff", link.tariff_usd_per_unit) for k, link in costs.links.items()),
        *((f"costs.nodes.{k}.charge", node.charge_usd_per_unit) for k, node in costs.nodes.items()),
        ("costs.time_value", costs.time_value_usd_per_unit_h),
    ]
    for path, by_commodity in priced:
        for name in by_commodity:
            if name not in commodities:
                checks.fail(f"{path}.{name}", f"no commodity named {name!r}")
