"""Read commodities and nodes."""

from __future__ import annotations

from typing import Any

from corridor_sim.model.acceptance import EMBARGO_COUNTS, Embargo
from corridor_sim.model.cargo import CARGO_UNITS, HANDLING_CLASSES, Commodity
from corridor_sim.model.distributions import Distribution
from corridor_sim.model.network import BERTH_TYPES, DAY_H, NODE_KINDS, EntryWindow, NodeSpec
from corridor_sim.scenario.background import read_background
from corridor_sim.scenario.draft import read_water_depth
from corridor_sim.scenario.durations import read_distribution
from corridor_sim.scenario.dwell import read_dwell
from corridor_sim.scenario.reader import Reader

#: the unit each handling class is counted in for storage, handling rates and capacity
CLASS_UNIT = {
    "container": "TEU",
    "wagon": "wagon",
    "roro": "truck",
    "liquid": "mass",
    "general": "mass",
}


def read_commodity(name: str, r: Reader) -> Commodity:
    """A commodity from its mapping."""
    r.check_keys(
        ["unit", "mass_per_unit", "handling", "barrels_per_tonne", "description"],
        required=["unit", "mass_per_unit", "handling"],
    )
    unit = r.choice("unit", CARGO_UNITS)
    mass = r.quantity("mass_per_unit", "mass").value
    handling = r.choice("handling", HANDLING_CLASSES)
    density = None
    if r.has("barrels_per_tonne"):
        density = r.quantity("barrels_per_tonne", "oil_volume/mass").value
    if unit == "t" and abs(mass - 1.0) > 1e-9:
        got = r.raw("mass_per_unit")
        r.fail("mass_per_unit", f"must be '1 t' when the unit is t (got {got!r})")
    return r.build(Commodity, name, unit, mass, handling, density)


def _class_quantities(
    r: Reader,
    key: str,
    per: str,
    commodities: dict[str, Commodity],
) -> dict[str, float]:
    """Per-handling-class quantities, e.g. storage ``{container: 3000 TEU}``."""
    if not r.has(key):
        return {}
    section = r.sub(key)
    section.check_keys(HANDLING_CLASSES)
    out = {}
    for cls in section.mapping:
        dim = CLASS_UNIT[cls] + per
        if CLASS_UNIT[cls] == "mass":
            dim_options: Any = (dim, "oil_volume" + per) if cls == "liquid" else dim
        else:
            dim_options = dim
        q = section.quantity(cls, dim_options)
        value = q.value
        if q.num == "oil_volume":
            value = value / _oil_density(section, cls, commodities)
        out[cls] = value
    return out


def _oil_density(r: Reader, key: str, commodities: dict[str, Commodity]) -> float:
    densities = {
        c.barrels_per_tonne
        for c in commodities.values()
        if c.handling == "liquid" and c.barrels_per_tonne
    }
    if len(densities) != 1:
        r.fail(
            key,
            "a volume in barrels needs exactly one liquid commodity with "
            "barrels_per_tonne; give the value in t instead",
        )
    return densities.pop()


FORMALITIES_KEYS = ["arrival", "departure"]
ENTRY_WINDOW_KEYS = ["from", "to"]

NODE_KEYS = {
    "origin": [],
    "destination": [],
    "border": [
        "servers",
        "service_time",
        "quota",
        "gauge_change",
        "dwell",
        "embargo",
        "background",
    ],
    "terminal": ["servers", "service_time", "quota", "dwell", "embargo", "background"],
    "port": [
        "servers",
        "service_time",
        "quota",
        "berths",
        "handling_rate",
        "berth_time",
        "formalities",
        "entry_window",
        "water_depth",
        "embargo",
        "background",
    ],
    "pipeline_terminal": ["servers", "service_time"],
}


def read_node(name: str, r: Reader, commodities: dict[str, Commodity]) -> NodeSpec:
    """A node from its mapping; which keys are allowed depends on ``kind``."""
    kind = r.choice("kind", NODE_KINDS)
    if r.has("background") and "background" not in NODE_KEYS[kind]:
        allowed = ", ".join(k for k, keys in NODE_KEYS.items() if "background" in keys)
        r.fail(
            "background",
            f"a node of kind {kind!r} carries no background trains; give them on a node "
            f"of kind {allowed} with servers, or on a rail link",
        )
    r.check_keys(
        ["kind", "label", "lon", "lat", "storage", "description", *NODE_KEYS[kind]],
        required=["kind"],
    )
    label = _label(r) if r.has("label") else None
    lon = r.number("lon", low=-180, high=180) if r.has("lon") else None
    lat = r.number("lat", low=-90, high=90) if r.has("lat") else None
    storage = _class_quantities(r, "storage", "", commodities)
    service = read_distribution(r, "service_time") if r.has("service_time") else None
    gauge = read_distribution(r, "gauge_change") if r.has("gauge_change") else None
    dwell = read_dwell(r) if r.has("dwell") else ()
    if dwell:
        for key in ("service_time", "gauge_change"):
            if r.has(key):
                r.fail(key, "give either 'dwell' stages or 'service_time'/'gauge_change', not both")
    timed = bool(service or gauge or dwell)
    servers = r.count("servers", 1 if timed else 0, minimum=0)
    if timed and servers < 1:
        r.fail("servers", f"must be >= 1 when service_time or dwell is given (got {servers})")
    if servers and not timed:
        r.fail(None, "servers need a 'service_time' or 'dwell'")
    quota = r.quantity("quota", "train/time").value * 24 if r.has("quota") else None
    berths: dict[str, int] = {}
    if r.has("berths"):
        b = r.sub("berths")
        b.check_keys(BERTH_TYPES)
        berths = {bt: b.count(bt, minimum=1) for bt in b.mapping}
    rates = _class_quantities(r, "handling_rate", "/time", commodities)
    if kind == "port" and not berths:
        r.fail(None, "a port needs 'berths', e.g. {rail_ferry: 2, container: 1}")
    formalities: dict[str, Distribution | None] = dict.fromkeys(FORMALITIES_KEYS)
    if r.has("formalities"):
        f = r.sub("formalities")
        f.check_keys(FORMALITIES_KEYS)
        formalities |= {key: read_distribution(f, key) for key in FORMALITIES_KEYS if f.has(key)}
    return r.build(
        NodeSpec,
        name=name,
        kind=kind,
        lon=lon,
        lat=lat,
        storage=storage,
        servers=servers,
        service_time=service,
        gauge_change=gauge,
        quota_per_day=quota,
        berths=berths,
        handling_rate_per_h=rates,
        berth_time_h=r.hours("berth_time", "0 h", allow_zero=True),
        formalities_arrival=formalities["arrival"],
        formalities_departure=formalities["departure"],
        entry_window=_entry_window(r) if r.has("entry_window") else None,
        label=label,
        water_depth=read_water_depth(r) if r.has("water_depth") else None,
        embargo=_embargo(r) if r.has("embargo") else {},
        dwell=dwell,
        background=read_background(r) if r.has("background") else None,
    )


EMBARGO_KEYS = ["above", "below", "counts"]
EMBARGO_REQUIRED = ["above", "below"]


def _embargo(r: Reader) -> dict[str, Embargo]:
    """``embargo: {wagon: {above: 700 wagon, below: 350 wagon, counts: standing}}``: per
    handling class, the stock at which the railway stops sending new cargo of that class
    here and the stock at which it sends again, in the class's unit; ``counts`` the
    cargo standing here (default) or also that on its way (``committed``)."""
    e = r.sub("embargo")
    e.check_keys(HANDLING_CLASSES)
    out = {}
    for cls in e.mapping:
        c = e.sub(cls)
        c.check_keys(EMBARGO_KEYS, required=EMBARGO_REQUIRED)
        dim = CLASS_UNIT[cls]
        above = c.quantity("above", dim).value
        below = c.quantity("below", dim, allow_zero=True).value
        counts = c.choice("counts", EMBARGO_COUNTS, "standing")
        out[cls] = c.build(Embargo, above, below, counts)
    return out


def _entry_window(r: Reader) -> EntryWindow:
    """The hours of the day a port lets vessels in: ``{from: 6 h, to: 18 h}``."""
    w = r.sub("entry_window")
    w.check_keys(ENTRY_WINDOW_KEYS, required=ENTRY_WINDOW_KEYS)
    ends = {key: w.hours(key, allow_zero=True) for key in ENTRY_WINDOW_KEYS}
    for key, hours in ends.items():
        if hours >= DAY_H:
            w.fail(key, f"must be a time of day, below 24 h (got {w.raw(key)!r})")
    if ends["from"] == ends["to"]:
        w.fail("to", f"must differ from 'from' (both are {w.raw('to')!r})")
    return w.build(EntryWindow, ends["from"], ends["to"])


def _label(r: Reader) -> str:
    """The node's display name: non-empty text such as ``"Beineu (road)"``."""
    value = r.raw("label")
    if not isinstance(value, str) or not value.strip():
        r.fail("label", f"must be non-empty text, e.g. label: Beineu (road) (got {value!r})")
    return value.strip()
