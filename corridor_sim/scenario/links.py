"""Read links: transfer, rail, sea and pipeline."""

from __future__ import annotations

from corridor_sim.errors import TopologyError
from corridor_sim.model.cargo import HANDLING_CLASSES, Commodity
from corridor_sim.model.fleet import WAIT_AT, Maintenance, SeaLink, VesselSpec
from corridor_sim.model.network import (
    BERTH_TYPES,
    LINK_KINDS,
    LinkSpec,
    NodeSpec,
    PipelineLink,
    RailLink,
    TransferLink,
)
from corridor_sim.scenario.background import read_background
from corridor_sim.scenario.draft import read_draft, read_load_factor
from corridor_sim.scenario.nodes import CLASS_UNIT
from corridor_sim.scenario.reader import Reader
from corridor_sim.scenario.track import read_track

COMMON = ["kind", "from", "to", "description"]
MAX_VESSELS = 1000  # per fleet entry
LINK_KEYS = {
    "transfer": ["delay"],
    "rail": [
        "distance",
        "speed",
        "travel_time",
        "train_capacity",
        "max_wait",
        "line_capacity",
        "background",
        "track",
    ],
    "sea": ["distance", "fleet", "load_factor", "departure"],
    "pipeline": ["capacity", "base_load", "linefill", "transit_time", "density"],
}
FLEET_KEYS = [
    "name",
    "type",
    "count",
    "berth",
    "capacity",
    "speed",
    "home",
    "maintenance",
    "draft",
    "load_factor",
]
FLEET_REQUIRED = ["berth", "capacity", "speed"]
DEPARTURE_KEYS = ["max_wait", "every", "wait_at", "on_time_within"]
ON_TIME_WITHIN = "24 h"  # on time within a day either side (src: xeneta_schedule_reliability)
MAINTENANCE_KEYS = ["every", "duration"]


def read_link(
    name: str, r: Reader, nodes: dict[str, NodeSpec], commodities: dict[str, Commodity]
) -> LinkSpec:
    """A link from its mapping; ``from`` and ``to`` must name existing nodes."""
    kind = r.choice("kind", LINK_KINDS)
    r.check_keys(COMMON + LINK_KEYS[kind], required=["kind", "from", "to"])
    ends = []
    for key in ("from", "to"):
        node = r.text(key)
        if node not in nodes:
            r.fail(key, f"no node named {node!r}; nodes: {', '.join(nodes)}", error=TopologyError)
        ends.append(node)
    if ends[0] == ends[1]:
        r.fail("to", f"a link must join two different nodes (both are {ends[0]!r})")
    origin, destination = ends
    if kind == "transfer":
        return r.build(
            TransferLink,
            name,
            kind,
            origin,
            destination,
            delay_h=r.hours("delay", "0 h", allow_zero=True),
        )
    if kind == "rail":
        return _rail(name, r, origin, destination)
    if kind == "sea":
        return _sea(name, r, origin, destination, nodes)
    return _pipeline(name, r, origin, destination, commodities)


def _travel_time(r: Reader) -> float:
    if r.has("travel_time"):
        if r.has("speed"):
            r.fail("speed", "give either travel_time or distance and speed, not both")
        return r.hours("travel_time", allow_zero=True)
    if not (r.has("distance") and r.has("speed")):
        r.fail(None, "needs 'travel_time', or 'distance' and 'speed'")
    return r.quantity("distance", "length").value / r.quantity("speed", "length/time").value


def _capacity(r: Reader, key: str) -> dict[str, float]:
    """A vehicle's capacity per handling class; at least one unit (1 TEU, 1 wagon, 1 t),
    since cargo is split to fit and a smaller vehicle would take one sliver per trip."""
    section = r.sub(key)
    section.check_keys(HANDLING_CLASSES)
    if not section.mapping:
        r.fail(key, "must give a capacity for at least one handling class")
    out = {}
    for cls in section.mapping:
        out[cls] = section.quantity(cls, CLASS_UNIT[cls]).value
        if out[cls] < 1:
            section.fail(cls, f"must be at least 1 unit (got {section.raw(cls)!r})")
    return out


def _rail(name: str, r: Reader, origin: str, destination: str) -> RailLink:
    line = r.quantity("line_capacity", "train/time").value * 24 if r.has("line_capacity") else None
    background = read_background(r) if r.has("background") else None
    if background is not None and line is None:
        r.fail(
            "background",
            "needs the link's 'line_capacity' (e.g. '20 train/day'): background trains take "
            "departure slots, and a line without a line capacity has none to take",
        )
    return r.build(
        RailLink,
        name,
        "rail",
        origin,
        destination,
        travel_time_h=_travel_time(r),
        train_capacity=_capacity(r, "train_capacity"),
        max_wait_h=r.hours("max_wait", "24 h", allow_zero=True),
        line_capacity_per_day=line,
        background=background,
        track=read_track(r),
    )


def _sea(
    name: str, r: Reader, origin: str, destination: str, nodes: dict[str, NodeSpec]
) -> SeaLink:
    fleet: list[VesselSpec] = []
    for path, item, line in r.list("fleet"):
        v = Reader(item, path, r.file, line)
        v.check_keys(FLEET_KEYS, required=FLEET_REQUIRED)
        label = v.text("name") if v.has("name") else v.text("type")
        berth = v.choice("berth", BERTH_TYPES)
        for end in (origin, destination):
            if berth not in nodes[end].berths:
                v.fail(
                    "berth",
                    f"port {end!r} has no {berth!r} berth "
                    f"(it has: {', '.join(nodes[end].berths) or 'none'})",
                )
        capacity = _capacity(v, "capacity")
        speed_kmh = v.quantity("speed", "length/time").value
        home = v.choice("home", ["from", "to"], "from")
        count = v.count("count", 1, minimum=1, maximum=MAX_VESSELS)  # each one is a process
        maintenance = _maintenance(v) if v.has("maintenance") else None
        if v.has("draft") and v.has("load_factor"):
            v.fail("load_factor", "give either draft or load_factor, not both")
        draft = read_draft(v, capacity) if v.has("draft") else None
        load_factor = read_load_factor(v, list(capacity)) if v.has("load_factor") else {}
        if v.has("name") and count > 1:
            v.fail("count", "a named vessel is one ship; use 'type' with 'count'")
        for i in range(count):
            fleet.append(
                v.build(
                    VesselSpec,
                    name=label if count == 1 else f"{label}-{i + 1}",
                    berth=berth,
                    capacity=capacity,
                    speed_kmh=speed_kmh,
                    home=home,
                    maintenance=maintenance,
                    draft=draft,
                    load_factor=load_factor,
                )
            )
    if not fleet:
        r.fail("fleet", "needs at least one vessel")
    names = [v.name for v in fleet]
    for n in names:
        if names.count(n) > 1:
            r.fail("fleet", f"vessel name {n!r} is used twice")
    max_wait: float | None = 24.0
    every: float | None = None
    wait_at = "anchorage"
    on_time_within = 24.0
    if r.has("departure"):
        d = r.sub("departure")
        d.check_keys(DEPARTURE_KEYS)
        wait_at = d.choice("wait_at", WAIT_AT, wait_at)
        if d.has("max_wait") or d.has("every"):
            max_wait = d.hours("max_wait", allow_zero=True) if d.has("max_wait") else None
            every = d.hours("every") if d.has("every") else None
        elif not d.has("wait_at"):
            d.fail(None, "give 'max_wait', 'every' or both")
        if d.has("on_time_within") and every is None:
            d.fail("on_time_within", "applies to scheduled sailings: give 'every' too")
        on_time_within = d.hours("on_time_within", ON_TIME_WITHIN, allow_zero=True)
    load, by_class = _link_load_factor(r, fleet)
    return r.build(
        SeaLink,
        name,
        "sea",
        origin,
        destination,
        distance_km=r.quantity("distance", "length").value,
        fleet=tuple(fleet),
        load_factor=load,
        class_load_factor=by_class,
        max_wait_h=max_wait,
        every_h=every,
        wait_at=wait_at,
        on_time_within_h=on_time_within,
    )


def _link_load_factor(r: Reader, fleet: list[VesselSpec]) -> tuple[float, dict[str, float]]:
    """The link's ``load_factor``: one share (``72 %``) or shares per class; refused
    beside a vessel that loads by its draft."""
    if not r.has("load_factor"):
        return 1.0, {}
    drafted = [v.name for v in fleet if v.draft is not None]
    if drafted:
        r.fail(
            "load_factor",
            "give either a load factor or the vessels' draft, not both "
            f"(vessels with a draft: {', '.join(drafted)})",
        )
    if isinstance(r.raw("load_factor"), dict):
        return 1.0, read_load_factor(r, HANDLING_CLASSES)
    return read_load_factor(r, ["all"])["all"], {}


def _maintenance(v: Reader) -> Maintenance:
    """A fleet entry's scheduled maintenance: ``{every: 365 day, duration: 14 day}``."""
    m = v.sub("maintenance")
    m.check_keys(MAINTENANCE_KEYS, required=MAINTENANCE_KEYS)
    every, duration = m.hours("every"), m.hours("duration")
    if duration >= every:
        m.fail("duration", f"must be shorter than 'every' (got {m.raw('duration')!r})")
    return m.build(Maintenance, every, duration)


def _pipeline(
    name: str, r: Reader, origin: str, destination: str, commodities: dict[str, Commodity]
) -> PipelineLink:
    density = r.quantity("density", "oil_volume/mass").value if r.has("density") else None

    def tonnes(key: str, per: str, default: str | None = None, zero: bool = False) -> float:
        q = r.quantity(key, ("mass" + per, "oil_volume" + per), default, allow_zero=zero)
        if q.num == "mass":
            return q.value
        if density is None:
            r.fail(key, "a volume in barrels needs the pipeline's 'density' (e.g. '7.3 bbl/t')")
        return q.value / density

    capacity = tonnes("capacity", "/time")
    base = tonnes("base_load", "/time", "0 t/h", zero=True)
    if base > capacity:
        r.fail("base_load", "must not exceed capacity")
    linefill = tonnes("linefill", "") if r.has("linefill") else None
    transit = r.hours("transit_time", allow_zero=True) if r.has("transit_time") else None
    if linefill is None and transit is None:
        r.fail(None, "needs 'linefill' or 'transit_time'")
    if linefill is not None and transit is not None:
        r.fail("transit_time", "give either linefill or transit_time, not both")
    return r.build(
        PipelineLink,
        name,
        "pipeline",
        origin,
        destination,
        capacity_t_per_h=capacity,
        base_load_t_per_h=base,
        linefill_t=linefill,
        transit_time_h=transit,
    )
