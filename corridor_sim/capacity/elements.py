"""The analytic capacity of every node and link, from the scenario's parameters alone.

- sea link: vessels x load (capacity x load factor per handling class, the factor from
  the vessel's draft and the ports' depth on the scenario's start date, or explicit;
  :func:`load_factors`) x round trips a year x availability
  x the share of the year not in scheduled maintenance, a round trip being two
  crossings, a call at each port (:func:`call_overhead_h`: berth time, the mean arrival
  and departure formalities, the mean wait for the entry window) and the handling of one
  full load (loaded one way, the way the corridor's cargo goes);
- rail link: trains a day in one direction x 365 x train capacity x availability, the
  trains a day being the line capacity less background trains and, on a single track,
  at most the track's (:func:`track_trains_per_day`: the pairs a day of a parallel
  timetable if flows run both ways on it, else one train per hold of a section);
- port: per berth type, berths x handling rate x 8760 h x the handling share of a call
  (handling / (handling + the call's overhead on the berth: berth time, formalities and
  the entry-window wait, for which the berth is kept)) x availability; a tonne moved sea
  to sea is handled twice;
- border or terminal: servers x 8760 h / service time (plus gauge change) per batch, at
  most the daily quota x 365, less the background trains a year, times the largest
  batch that reaches it (a full train, a vessel load, an arriving block train);
- pipeline: (capacity - base load) x 8760 h x availability;
- transfers, double-track rail lines without a line capacity and nodes without servers:
  no limit.

Availability is the expected share of time open (:mod:`corridor_sim.capacity.availability`).
How commodities share an element is stated in :mod:`corridor_sim.capacity.resources`.
"""

from __future__ import annotations

import math
from collections import defaultdict

from corridor_sim.capacity.availability import availability
from corridor_sim.capacity.resources import ElementBound, Resource
from corridor_sim.model.cargo import heaviest_unit_t
from corridor_sim.model.demand import FlowSpec
from corridor_sim.model.draft import usable_draft_m
from corridor_sim.model.fleet import SeaLink, VesselSpec
from corridor_sim.model.network import NodeSpec, PipelineLink, RailLink
from corridor_sim.model.scenario import Scenario

YEAR_H = 8760.0
CLASS_UNITS = {"container": "TEU", "wagon": "wagon", "roro": "truck", "liquid": "t", "general": "t"}


def flow_t_per_yr(scenario: Scenario, f: FlowSpec) -> float:
    """Offered tonnes a year of flow ``f`` (seasonality averages to one)."""
    return f.volume_units_per_h * YEAR_H * scenario.commodities[f.commodity].mass_per_unit_t


def load_factors(scenario: Scenario, link: SeaLink, v: VesselSpec) -> dict[str, float]:
    """Load factor per handling class of vessel ``v`` on ``link`` on the scenario's
    start date (the draft limit then; a falling sea cuts later calls more)."""
    depths = tuple(scenario.nodes[n].water_depth for n in (link.origin, link.destination))
    start = scenario.settings.start
    years = tuple(d.years_since(start) if d else 0.0 for d in depths)
    cargo_t = heaviest_unit_t(scenario.commodities.values())
    return link.load_factors(v, usable_draft_m(depths, years), cargo_t)


def vessel_load(scenario: Scenario, link: SeaLink, v: VesselSpec, cls: str) -> float:
    """Units of class ``cls`` vessel ``v`` may load on ``link`` (:func:`load_factors`)."""
    return v.capacity.get(cls, 0.0) * load_factors(scenario, link, v).get(cls, 0.0)


def demand_by_element(scenario: Scenario) -> dict[str, dict[str, float]]:
    """Offered tonnes a year through each element, by commodity (a flow with several
    routes split by their nominal shares, :attr:`FlowSpec.legs`)."""
    out: dict[str, dict[str, float]] = defaultdict(dict)
    for f in scenario.flows.values():
        t = flow_t_per_yr(scenario, f)
        for path, share in f.legs:
            for name in path:
                d = out[name]
                d[f.commodity] = d.get(f.commodity, 0.0) + t * share
    return dict(out)


def element_bounds(scenario: Scenario) -> dict[str, ElementBound]:
    """The :class:`ElementBound` of every node and link, by name."""
    out = {}
    for name, spec in scenario.nodes.items():
        out[name] = _port(scenario, spec) if spec.kind == "port" else _node(scenario, spec)
    for name, link in scenario.links.items():
        if isinstance(link, SeaLink):
            out[name] = _sea(scenario, link)
        elif isinstance(link, RailLink) and (link.line_capacity_per_day or link.track.single):
            out[name] = _rail(scenario, link)
        elif isinstance(link, PipelineLink):
            out[name] = _pipeline(scenario, link)
        else:
            why = "transfer link" if link.kind == "transfer" else "no line capacity given"
            out[name] = ElementBound(name, "link", link.kind, formula=f"{why}: no limit")
    return out


def call_overhead_h(spec: NodeSpec) -> float:
    """Hours a vessel call at port ``spec`` takes besides handling cargo: berth time,
    mean arrival and departure formalities, and the mean wait for the entry window of a
    vessel ready at a random time of day (:meth:`EntryWindow.expected_wait_h`)."""
    hours = spec.berth_time_h
    for dist in (spec.formalities_arrival, spec.formalities_departure):
        if dist is not None:
            hours += dist.mean_h
    if spec.entry_window is not None:
        hours += spec.entry_window.expected_wait_h()
    return hours


def _overhead_text(spec: NodeSpec) -> str:
    """E.g. ``"2 h berth + 3 h formalities + 1.5 h entry"`` (``call_overhead_h``'s parts)."""
    parts = [f"{spec.berth_time_h:g} h berth"]
    formalities = sum(
        d.mean_h for d in (spec.formalities_arrival, spec.formalities_departure) if d is not None
    )
    if formalities:
        parts.append(f"{formalities:g} h formalities")
    if spec.entry_window is not None:
        parts.append(f"{spec.entry_window.expected_wait_h():.2g} h entry")
    return " + ".join(parts)


def _unit(scenario: Scenario, commodity: str) -> str:
    return scenario.commodities[commodity].unit


def _carried(scenario: Scenario, classes: set[str]) -> list[str]:
    return [n for n, c in scenario.commodities.items() if c.handling in classes]


# -- nodes ----------------------------------------------------------------------------
def batch_units(scenario: Scenario, f: FlowSpec, node: str) -> float:
    """Largest batch (units) in which flow ``f`` reaches ``node``: a full train after a
    rail link, a vessel load after a sea link, else the flow's own arrival size (on the
    first of its routes that passes ``node``)."""
    path = next(p for p in f.paths if node in p[0::2])
    i = path.index(node)
    if i == 0:
        return f.size_units
    link = scenario.links[path[i - 1]]
    cls = scenario.commodities[f.commodity].handling
    if isinstance(link, RailLink):
        return link.train_capacity[cls]
    if isinstance(link, SeaLink):
        return max(vessel_load(scenario, link, v, cls) for v in link.fleet)
    return f.size_units


def _batches(scenario: Scenario, spec: NodeSpec) -> tuple[dict[str, float], int]:
    """Largest batch (units) per commodity reaching node ``spec``, and how many of the
    commodities reach it (they come first); those that no flow brings here get their
    largest arrival size anywhere (for the maximum flow)."""
    sizes: dict[str, float] = {}
    for f in scenario.flows.values():
        if any(spec.name in p[0::2] for p in f.paths):
            size = batch_units(scenario, f, spec.name)
            sizes[f.commodity] = max(sizes.get(f.commodity, 0.0), size)
    here = len(sizes)
    for f in scenario.flows.values():
        if f.commodity not in list(sizes)[:here]:
            sizes[f.commodity] = max(sizes.get(f.commodity, 0.0), f.size_units)
    return sizes, here


def _servers(scenario: Scenario, spec: NodeSpec) -> tuple[Resource, str] | None:
    service = spec.server_mean_h  # dwell stages not holding a server use no capacity
    if not spec.servers or (service == 0 and spec.quota_per_day is None):
        return None
    av = availability(scenario, spec.name, servers=spec.servers)
    batches = math.inf
    text = []
    if service > 0:
        batches = (spec.servers - av.servers_out) * YEAR_H * av.share / service
        factor = f" x {av.share:.3f}" if av.share < 1 else ""
        text.append(
            f"{spec.servers} servers x 8760 h / {service:.2f} h a batch{factor} "
            f"= {batches:,.0f} batches/yr"
        )
    if spec.quota_per_day is not None:
        quota = spec.quota_per_day * 365 * av.weather * av.closures
        text.append(f"quota {spec.quota_per_day:g}/day x 365 = {quota:,.0f} batches/yr")
        batches = min(batches, quota)
    if spec.background is not None:  # other trains take their servers and quota first
        taken = spec.background.trains_per_day * 365
        text.append(f"less background {spec.background.trains_per_day:.3g}/day x 365")
        batches = max(0.0, batches - taken)
    sizes, here = _batches(scenario, spec)
    per = {c: batches * u * scenario.commodities[c].mass_per_unit_t for c, u in sizes.items()}
    shown = list(sizes.items())[: here or None]
    sizes_text = ", ".join(f"{u:g} {_unit(scenario, c)}" for c, u in shown)
    text.append(f"x largest batch ({sizes_text})")
    if av.share < 1 or av.servers_out:
        text.append(av.describe())
    return Resource("servers", per), "; ".join(text)


def _node(scenario: Scenario, spec: NodeSpec) -> ElementBound:
    servers = _servers(scenario, spec)
    if servers is None:
        return ElementBound(spec.name, "node", spec.kind, formula="no servers: no limit")
    resource, text = servers
    return ElementBound(spec.name, "node", spec.kind, ((resource,),), text)


def _sea_loads(scenario: Scenario, spec: NodeSpec) -> dict[tuple[str, str], float]:
    """Largest vessel load (units) per (berth type, commodity) calling at port ``spec``."""
    loads: dict[tuple[str, str], float] = {}
    for link in scenario.links.values():
        if not isinstance(link, SeaLink) or spec.name not in (link.origin, link.destination):
            continue
        for v in link.fleet:
            for c in _carried(scenario, set(v.capacity)):
                if scenario.commodities[c].handling in spec.handling_rate_per_h:
                    load = vessel_load(scenario, link, v, scenario.commodities[c].handling)
                    loads[(v.berth, c)] = max(loads.get((v.berth, c), 0.0), load)
    return loads


def _handlings(scenario: Scenario, spec: NodeSpec) -> tuple[dict[str, float], int]:
    """Berth handlings per tonne passing, by commodity; and 2 if vessels both unload and
    load here (one berth time serves both), else 1."""
    weight: dict[str, float] = defaultdict(float)
    count: dict[str, float] = defaultdict(float)
    ways: set[str] = set()
    for f in scenario.flows.values():
        for path, share in f.legs:
            if spec.name not in path[0::2] or share <= 0:
                continue
            i = path.index(spec.name)
            sea = []
            if i > 0 and isinstance(scenario.links[path[i - 1]], SeaLink):
                sea.append("unload")
            if i + 1 < len(path) and isinstance(scenario.links[path[i + 1]], SeaLink):
                sea.append("load")
            ways.update(sea)
            t = flow_t_per_yr(scenario, f) * share
            weight[f.commodity] += t
            count[f.commodity] += t * len(sea)
    return {c: count[c] / w for c, w in weight.items() if w > 0}, 2 if len(ways) == 2 else 1


def _port(scenario: Scenario, spec: NodeSpec) -> ElementBound:
    # a failure takes out a server if the port has any, else a berth of its largest type
    av = availability(scenario, spec.name, servers=max(spec.servers, 1))
    largest = max(spec.berths, key=lambda t: spec.berths[t], default="")
    loads = _sea_loads(scenario, spec)
    handlings, ways = _handlings(scenario, spec)
    resources, parts = [], []
    for berth, count in spec.berths.items():
        n = count - (av.servers_out if berth == largest and not spec.servers else 0.0)
        per: dict[str, float] = {}
        for (b, c), load in loads.items():
            if b != berth:
                continue
            rate = spec.handling_rate_per_h[scenario.commodities[c].handling]
            hours = load / rate
            share = hours / (hours + call_overhead_h(spec) / ways)
            per[c] = n * rate * YEAR_H * share * av.share * scenario.commodities[c].mass_per_unit_t
        if per:
            resources.append(Resource(berth, per))
            classes = dict.fromkeys(scenario.commodities[c].handling for c in per)
            rates = ", ".join(
                f"{spec.handling_rate_per_h[cls]:g} {CLASS_UNITS[cls]}/h" for cls in classes
            )
            parts.append(f"{berth} {n:g} x ({rates})")
    groups = [tuple(resources)] if resources else []
    text = []
    if resources:
        text.append(
            "berths x rate x 8760 h x handling share of a call x availability: "
            + " + ".join(parts)
            + f"; {_overhead_text(spec)} a call; {av.describe()}"
        )
    servers = _servers(scenario, spec)
    if servers:
        groups.append((servers[0],))
        text.append(servers[1])
    if not groups:
        return ElementBound(spec.name, "node", spec.kind, formula="no berths used: no limit")
    return ElementBound(spec.name, "node", spec.kind, tuple(groups), "; ".join(text), handlings)


# -- links ----------------------------------------------------------------------------
def _sea(scenario: Scenario, link: SeaLink) -> ElementBound:
    av = availability(scenario, link.name, also=(link.origin, link.destination))
    a, b = scenario.nodes[link.origin], scenario.nodes[link.destination]
    calls = call_overhead_h(a) + call_overhead_h(b)
    classes: dict[tuple, list] = {}
    for v in link.fleet:
        loading = (repr(v.draft), tuple(sorted(v.load_factor.items())))
        key = (v.berth, tuple(sorted(v.capacity.items())), v.speed_kmh, v.maintenance, loading)
        classes.setdefault(key, []).append(v)
    resources, parts = [], []
    used = demand_by_element(scenario).get(link.name, {})
    for vessels in classes.values():
        v, n = vessels[0], len(vessels)
        in_service = 1.0 - (v.maintenance.share if v.maintenance else 0.0)
        per, shown = {}, ""
        for c in sorted(_carried(scenario, set(v.capacity)), key=lambda c: -used.get(c, 0.0)):
            cls = scenario.commodities[c].handling
            if cls not in a.handling_rate_per_h or cls not in b.handling_rate_per_h:
                continue
            load = vessel_load(scenario, link, v, cls)
            if load <= 0:
                continue
            handling = load / a.handling_rate_per_h[cls] + load / b.handling_rate_per_h[cls]
            trip = 2 * link.sailing_time_h(v) + calls + handling
            tonnes = n * load * scenario.commodities[c].mass_per_unit_t
            per[c] = tonnes * YEAR_H * av.share * in_service / trip
            shown = shown or _trip_text(scenario, link, v, n, c, trip, handling, in_service)
        if per:
            resources.append(Resource(v.name.rsplit("-", 1)[0], per))
            parts.append(shown)
    text = "vessels x load x round trips/yr x availability: " + " + ".join(parts)
    return ElementBound(link.name, "link", "sea", (tuple(resources),), f"{text}; {av.describe()}")


def _trip_text(
    scenario: Scenario,
    link: SeaLink,
    v: VesselSpec,
    n: int,
    c: str,
    trip: float,
    handling: float,
    in_service: float,
) -> str:
    """How one vessel class's round trips were counted, for the formula text."""
    a, b = scenario.nodes[link.origin], scenario.nodes[link.destination]
    cls = scenario.commodities[c].handling
    factor = load_factors(scenario, link, v)[cls]
    load = v.capacity[cls] * factor
    calls = f"{_overhead_text(a)} at {a.name}, {_overhead_text(b)} at {b.name}"
    out = (
        f"{n} x {load:g} {_unit(scenario, c)} ({v.capacity[cls]:g} x "
        f"{factor:.0%}) x {YEAR_H / trip:.1f} trips/yr (round trip {trip:.1f} h "
        f"= 2 x {link.sailing_time_h(v):.1f} h sailing + calls ({calls}) + "
        f"{handling:.1f} h handling)"
    )
    if v.maintenance is not None:
        m = v.maintenance
        out += (
            f" x {in_service:.3f} in service ({m.duration_h / 24:g} days of maintenance "
            f"every {m.every_h / 24:g} days)"
        )
    return out


def both_ways(scenario: Scenario, link: RailLink) -> bool:
    """True if flows may run on ``link`` in both directions: some route of a flow with
    volume passes it from its origin and some (of the same or another flow) from its
    destination. Every route counts, not only those a route choice favours: a route
    the model may send trains on takes the single track's sections."""
    ways = set()
    for f in scenario.flows.values():
        if f.volume_units_per_h <= 0:
            continue
        for path in f.paths:
            for i in range(1, len(path) - 1, 2):
                if path[i] == link.name:
                    ways.add(path[i - 1] == link.origin)
    return len(ways) == 2


def track_trains_per_day(scenario: Scenario, link: RailLink) -> tuple[float, str]:
    """Trains a day in one direction a single-track ``link`` carries at most, and how
    they were counted.

    Both ways (:func:`both_ways`) the trains of the two directions alternate on the
    longest section, so each direction gets the pairs a day of a parallel timetable,
    1440 / (t1 + t2 + tau1 + tau2) minutes (:meth:`Track.pairs_per_day`); one way only,
    a train follows the last one hold later: 1440 / (t + tau). ``t`` is the minutes to run
    a section, ``tau`` the station interval (``loop_time``). Background trains take
    departure slots, not sections, so they do not count here.
    """
    track = link.track
    t_min = 60 * track.section_h(link.travel_time_h)
    tau_min = 60 * track.loop_time_h
    sections = f"{track.sections} section{'s' if track.sections > 1 else ''}"
    if both_ways(scenario, link):
        trains = track.trains_per_day(link.travel_time_h, both_ways=True)
        how = f"1440 / (2 x {t_min:.4g} + 2 x {tau_min:.4g}) min = {trains:.3g} pairs/day"
        how += " (trains/day each way)"
        return trains, f"single track, {sections}, both ways: {how}"
    trains = track.trains_per_day(link.travel_time_h, both_ways=False)
    how = f"1440 / ({t_min:.4g} + {tau_min:.4g}) min = {trains:.3g} trains/day"
    return trains, f"single track, {sections}, one way: {how}"


def _rail_trains_per_day(scenario: Scenario, link: RailLink) -> tuple[float, str]:
    """Trains a day in one direction: the line capacity less the background trains,
    at most the single track's; and the text that says so."""
    parts: list[tuple[float, str]] = []
    per_day = link.line_capacity_per_day
    if per_day:
        background = link.background.trains_per_day if link.background is not None else 0.0
        left = f"({per_day:g} - {background:.3g} background)" if background else f"{per_day:g}"
        parts.append((per_day - background, f"{left} trains/day"))
    if link.track.single:
        trains, how = track_trains_per_day(scenario, link)
        parts.append((trains, how))
    if len(parts) == 1:
        return parts[0]
    (line, line_text), (track, track_text) = parts
    return min(line, track), f"min({line_text}, {track_text})"


def _rail(scenario: Scenario, link: RailLink) -> ElementBound:
    av = availability(scenario, link.name)
    per_day, left = _rail_trains_per_day(scenario, link)
    if math.isinf(per_day):  # a single track whose trains hold a section for no time
        return ElementBound(link.name, "link", "rail", formula=f"{left}: no limit")
    trains = per_day * 365 * av.share
    per = {}
    for c in _carried(scenario, set(link.train_capacity)):
        cls = scenario.commodities[c].handling
        per[c] = trains * link.train_capacity[cls] * scenario.commodities[c].mass_per_unit_t
    caps = ", ".join(f"{u:g} {CLASS_UNITS[cls]}" for cls, u in link.train_capacity.items())
    text = f"{left} x 365 x train capacity ({caps})"
    if av.share < 1:
        text += f" x {av.describe()}"
    return ElementBound(link.name, "link", "rail", ((Resource("trains", per),),), text)


def _pipeline(scenario: Scenario, link: PipelineLink) -> ElementBound:
    av = availability(scenario, link.name)
    per = {c: link.residual_t_per_h * YEAR_H * av.share for c in _carried(scenario, {"liquid"})}
    text = (
        f"(capacity {link.capacity_t_per_h:,.0f} t/h - base load {link.base_load_t_per_h:,.0f} "
        f"t/h) x 8760 h"
    )
    if av.share < 1:
        text += f" x {av.describe()}"
    return ElementBound(link.name, "link", "pipeline", ((Resource("line", per),),), text)
