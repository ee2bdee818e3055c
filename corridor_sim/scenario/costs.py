"""Read the optional ``costs`` section: prices in one currency and price year, fuel burn
and emission factors (:class:`~corridor_sim.model.costs.Costs`)::

    costs:
      currency: USD 2024
      carbon_price: 0 USD/t                     # per tonne of CO2
      time_value: {container: 40 USD/TEU/day}   # per unit of cargo and day in transit
      fuels: {HFO: {co2: 3.114 t/t, price: 600 USD/t}}
      rail_co2: {diesel: 0.027 kg/t/km, electric: 0.018 kg/t/km}
      links:
        dostyk-beineu: {tariff: {container: 900 USD/TEU}, traction: electric}
        aktau-alat: {tariff: {container: 450 USD/TEU}}
      nodes:
        aktau: {charge: {container: 100 USD/TEU}, per_call: 3000 USD}
      vessels:
        aktau-alat: {fuel: HFO, burn: {sailing: 8 t/day}, operating: {sailing: 9000 USD/day}}
      locomotives:
        georgian_railway: {busy: 2500 USD/day, idle: 600 USD/day}

Money is written in ``USD`` (:mod:`corridor_sim.units`). A tariff or charge is per unit
of the commodity (``USD/TEU``, ``USD/FEU``, ``USD/wagon``), per tonne (``USD/t``), per
tonne-km (``USD/t/km``, which needs the link's distance: a sea link's, a rail link's
``distance``, or the entry's ``distance``) or, for a commodity with a density, per barrel
(``USD/bbl``); each is turned into USD per unit here.
"""

from __future__ import annotations

from typing import Any

from corridor_sim import units
from corridor_sim.model.cargo import Commodity
from corridor_sim.model.costs import (
    FUEL_STATES,
    TRACTIONS,
    Costs,
    Fuel,
    LinkCosts,
    LocomotiveCosts,
    NodeCosts,
    VesselCosts,
)
from corridor_sim.model.fleet import SeaLink
from corridor_sim.model.network import LinkSpec, NodeSpec
from corridor_sim.scenario.reader import Reader

COSTS_KEYS = [
    "currency",
    "carbon_price",
    "time_value",
    "fuels",
    "rail_co2",
    "links",
    "nodes",
    "vessels",
    "locomotives",
    "description",
]
COSTS_REQUIRED = ["currency"]
LINK_COST_KEYS = ["tariff", "distance", "traction", "description"]
NODE_COST_KEYS = ["charge", "per_call", "description"]
VESSEL_COST_KEYS = ["fuel", "burn", "operating", "description"]
LOCOMOTIVE_COST_KEYS = ["busy", "idle", "description"]
FUEL_KEYS = ["co2", "price"]
#: the dimensions an amount may have (numerator first) -> how to write them, for messages
Allowed = dict[tuple[str, ...], str]
FUEL_REQUIRED = ["co2"]


def rate(text: object) -> tuple[float, tuple[str, ...]]:
    """A quantity whose unit may have two denominators (``0.04 USD/t/km``): its value in
    engine units and its dimensions, numerator first.

    >>> rate("0.05 USD/t/km")
    (0.05, ('money', 'mass', 'length'))
    >>> rate("48 USD/TEU/day")
    (2.0, ('money', 'TEU', 'time'))
    """
    if isinstance(text, str) and text.count("/") == 2:
        head, _, last = text.rpartition("/")
        q = units.parse(head)
        per = units.parse(f"1 {last.strip()}")
        if per.den:
            raise units.UnitError(f"unit must be 'A', 'A/B' or 'A/B/C' (got {text!r})")
        return q.value / per.value, (q.num, q.den, per.num)
    q = units.parse(text)
    return q.value, tuple(d for d in (q.num, q.den) if d)


def _amount(r: Reader, value: Any, key: str, allowed: Allowed) -> float:
    """``value`` read by :func:`rate`, in one of the ``allowed`` dimensions."""
    return _amount_dims(r, value, key, allowed)[0]


def _amount_dims(
    r: Reader, value: Any, key: str, allowed: Allowed
) -> tuple[float, tuple[str, ...]]:
    shown = "; ".join(f"{example}" for example in allowed.values())
    try:
        number, dims = rate(value)
    except units.UnitError as exc:
        if str(exc).startswith("unknown unit"):  # the list of every unit would hide the point
            unit = str(exc).split("'")[1]
            r.fail(
                key,
                f"unknown unit {unit!r}: amounts are in USD, the section's currency; "
                f"expected {shown} (got {value!r})",
            )
        r.fail(key, f"{exc}; expected {shown}")
    if dims not in allowed:
        r.fail(key, f"expected {shown} (got {value!r}, a {'/'.join(dims)})")
    if number < 0:
        r.fail(key, f"must be >= 0 (got {value!r})")
    return number, dims


def _unit_dimension(commodity: Commodity) -> str:
    return units.UNITS[commodity.unit][0]


def per_unit(
    r: Reader,
    key: str,
    commodity: Commodity,
    distance_km: float | None = None,
    per_time: bool = False,
    per_km: bool = True,
) -> float:
    """A price of ``commodity`` at ``r[key]`` in USD per unit (per unit-hour if
    ``per_time``): written per unit, per tonne, per barrel or (given a distance, and
    unless not ``per_km``) per tonne-km."""
    dim = _unit_dimension(commodity)
    unit = commodity.unit
    tail = ("time",) if per_time else ()
    suffix = "/day" if per_time else ""
    allowed: Allowed = {("money", dim, *tail): f"USD/{unit}{suffix}"}
    allowed[("money", "mass", *tail)] = f"USD/t{suffix}"
    if commodity.barrels_per_tonne is not None:
        allowed[("money", "oil_volume", *tail)] = f"USD/bbl{suffix}"
    if per_km and not per_time:
        allowed[("money", "mass", "length")] = "USD/t/km (with a distance)"
    value, dims = _amount_dims(r, r.raw(key), key, allowed)
    mass = commodity.mass_per_unit_t
    if dims[1] == dim:
        return value
    if dims[1] == "oil_volume":
        return value * (commodity.barrels_per_tonne or 0.0) * mass
    if len(dims) == 3 and dims[2] == "length":
        if distance_km is None:
            r.fail(key, f"a price per t/km needs the link's distance: give 'distance' ({value})")
        return value * mass * distance_km
    return value * mass


def _by_commodity(
    r: Reader, key: str, commodities: dict[str, Commodity], **kw: Any
) -> dict[str, float]:
    if not r.has(key):
        return {}
    section = r.sub(key)
    out = {}
    for name in section.mapping:
        if name not in commodities:
            section.fail(
                name, f"no commodity named {name!r} (commodities: {', '.join(commodities)})"
            )
        out[name] = per_unit(section, name, commodities[name], **kw)
    return out


def _by_state(r: Reader, key: str, dims: tuple[str, ...], example: str) -> dict[str, float]:
    if not r.has(key):
        return {}
    section = r.sub(key)
    section.check_keys(FUEL_STATES)
    return {s: _amount(section, section.raw(s), s, {dims: example}) for s in section.mapping}


def _link(
    name: str, r: Reader, link: LinkSpec, commodities: dict[str, Commodity], km: float | None
) -> LinkCosts:
    r.check_keys(LINK_COST_KEYS)
    if isinstance(link, SeaLink):
        km = link.distance_km
    if r.has("distance"):
        km = r.quantity("distance", "length").value
    traction = r.choice("traction", TRACTIONS) if r.has("traction") else None
    if traction is not None and link.kind != "rail":
        r.fail("traction", f"applies to rail links ({name!r} is a {link.kind} link)")
    if traction is not None and km is None:
        r.fail("traction", "needs the link's distance: give 'distance'")
    tariff = _by_commodity(r, "tariff", commodities, distance_km=km)
    return r.build(LinkCosts, name, tariff, distance_km=km, traction=traction)


def _node(name: str, r: Reader, node: NodeSpec, commodities: dict[str, Commodity]) -> NodeCosts:
    r.check_keys(NODE_COST_KEYS)
    per_call = 0.0
    if r.has("per_call"):
        if node.kind != "port":
            r.fail("per_call", f"applies to ports ({name!r} is a {node.kind})")
        per_call = _amount(r, r.raw("per_call"), "per_call", {("money",): "USD per call"})
    charge = _by_commodity(r, "charge", commodities)
    return r.build(NodeCosts, name, charge, per_call_usd=per_call)


def _vessels(name: str, r: Reader, fuels: dict[str, Fuel]) -> VesselCosts:
    r.check_keys(VESSEL_COST_KEYS, required=["fuel"])
    fuel = r.text("fuel")
    if fuel not in fuels:
        r.fail("fuel", f"no fuel named {fuel!r} in costs.fuels ({', '.join(fuels) or 'none'})")
    burn = _by_state(r, "burn", ("mass", "time"), "t/day")
    operating = _by_state(r, "operating", ("money", "time"), "USD/day")
    return r.build(VesselCosts, name, fuel, burn, operating)


def _locomotives(name: str, r: Reader) -> LocomotiveCosts:
    r.check_keys(LOCOMOTIVE_COST_KEYS)
    day: Allowed = {("money", "time"): "USD/day"}
    busy = _amount(r, r.raw("busy", "0 USD/day"), "busy", day)
    idle = _amount(r, r.raw("idle", "0 USD/day"), "idle", day)
    return r.build(LocomotiveCosts, name, busy, idle)


def _fuel(name: str, r: Reader) -> Fuel:
    r.check_keys(FUEL_KEYS, required=FUEL_REQUIRED)
    co2 = _amount(r, r.raw("co2"), "co2", {("mass", "mass"): "t/t (t CO2 per t of fuel)"})
    price = _amount(r, r.raw("price", "0 USD/t"), "price", {("money", "mass"): "USD/t"})
    return r.build(Fuel, name, co2, price)


def _named(r: Reader, key: str, known: dict[str, Any], what: str) -> list[tuple[str, Reader]]:
    if not r.has(key):
        return []
    out = []
    for name, sub in r.items(key):
        if name not in known:
            shown = ", ".join(known) or "none"
            r.sub(key).fail(name, f"no {what} named {name!r} ({what}s: {shown})")
        out.append((name, sub))
    return out


def read_costs(
    r: Reader,
    commodities: dict[str, Commodity],
    nodes: dict[str, NodeSpec],
    links: dict[str, LinkSpec],
    locomotive_pools: dict[str, Any],
    distances_km: dict[str, float],
) -> Costs:
    """The costs section at ``r``; ``distances_km`` gives rail links' lengths (from their
    ``distance`` key), for prices per tonne-km and rail emissions."""
    r.check_keys(COSTS_KEYS, required=COSTS_REQUIRED)
    fuels = {n: _fuel(n, c) for n, c in r.items("fuels")} if r.has("fuels") else {}
    sea = {n: link for n, link in links.items() if isinstance(link, SeaLink)}
    rail_co2 = {}
    if r.has("rail_co2"):
        section = r.sub("rail_co2")
        section.check_keys(TRACTIONS)
        per_tkm: Allowed = {("mass", "mass", "length"): "kg/t/km (CO2 per tonne-km)"}
        rail_co2 = {t: _amount(section, section.raw(t), t, per_tkm) for t in section.mapping}
    carbon = _amount(
        r, r.raw("carbon_price", "0 USD/t"), "carbon_price", {("money", "mass"): "USD/t of CO2"}
    )
    return r.build(
        Costs,
        r.text("currency"),
        links={
            n: _link(n, c, links[n], commodities, distances_km.get(n))
            for n, c in _named(r, "links", links, "link")
        },
        nodes={n: _node(n, c, nodes[n], commodities) for n, c in _named(r, "nodes", nodes, "node")},
        vessels={n: _vessels(n, c, fuels) for n, c in _named(r, "vessels", sea, "sea link")},
        locomotives={
            n: _locomotives(n, c)
            for n, c in _named(r, "locomotives", locomotive_pools, "locomotive pool")
        },
        fuels=fuels,
        rail_co2_t_per_tkm=rail_co2,
        time_value_usd_per_unit_h=_by_commodity(r, "time_value", commodities, per_time=True),
        carbon_price_usd_per_t=carbon,
    )
