"""Read flows and resolve their routes."""

from __future__ import annotations

import itertools

from corridor_sim.errors import TopologyError
from corridor_sim.model.cargo import Commodity
from corridor_sim.model.choice import (
    CHOICE_RULES,
    COST_NEEDED,
    OutsideOption,
    RouteChoice,
    RouteOption,
    money_h,
)
from corridor_sim.model.costs import Costs
from corridor_sim.model.demand import ARRIVAL_PATTERNS, PRIORITIES, Booking, FlowSpec
from corridor_sim.model.fleet import SeaLink
from corridor_sim.model.network import LinkSpec, NodeSpec
from corridor_sim.scenario.costs import per_unit
from corridor_sim.scenario.durations import read_distribution
from corridor_sim.scenario.reader import Reader
from corridor_sim.scenario.routing import best_paths, carries, joins, shortest_path

ARRIVAL_KEYS = ["pattern", "size"]
EMPTY_RETURN_KEYS = ["share", "tare"]
EMPTY_RETURN_REQUIRED = ["tare"]
#: what a flow's empties are named after it: flow ``x`` sends back ``x_empty``
EMPTY_SUFFIX = "_empty"
ARRIVAL_REQUIRED = ["pattern"]
BOOKING_KEYS = ["link", "per_sailing"]


def _units(r: Reader, key: str, c: Commodity, per: str, zero: bool = False) -> float:
    """A volume or size in the commodity's natural unit (accepts mass and barrels too)."""
    natural = "mass" if c.unit == "t" else c.unit
    options = [natural + per, "mass" + per]
    if c.barrels_per_tonne:
        options.append("oil_volume" + per)
    q = r.quantity(key, tuple(dict.fromkeys(options)), allow_zero=zero)
    tonnes = q.value
    if q.num == natural:
        return q.value
    if q.num == "oil_volume":
        tonnes = q.value / (c.barrels_per_tonne or 1.0)
    return tonnes / c.mass_per_unit_t


def read_flow(
    name: str,
    r: Reader,
    commodities: dict[str, Commodity],
    nodes: dict[str, NodeSpec],
    links: dict[str, LinkSpec],
) -> FlowSpec:
    """A flow from its mapping, with its route resolved against the network."""
    r.check_keys(
        [
            "commodity",
            "origin",
            "destination",
            "volume",
            "arrivals",
            "seasonality",
            "route",
            "via",
            "routes",
            "choice",
            "outside",
            "empty_return",
            "priority",
            "booking",
            "description",
        ],
        required=["commodity", "origin", "destination", "volume"],
    )
    cname = r.text("commodity")
    if cname not in commodities:
        r.fail(
            "commodity",
            f"no commodity named {cname!r}; commodities: {', '.join(commodities) or 'none'}",
        )
    commodity = commodities[cname]
    ends = []
    for key in ("origin", "destination"):
        node = r.text(key)
        if node not in nodes:
            r.fail(key, f"no node named {node!r}; nodes: {', '.join(nodes)}")
        ends.append(node)
    if ends[0] == ends[1]:
        r.fail("destination", f"must differ from the origin (both are {ends[0]!r})")
    volume = _units(r, "volume", commodity, "/time", zero=True)
    pattern, size = "poisson", 1.0
    if r.has("arrivals"):
        a = r.sub("arrivals")
        a.check_keys(ARRIVAL_KEYS, required=ARRIVAL_REQUIRED)
        pattern = a.choice("pattern", ARRIVAL_PATTERNS)
        if a.has("size"):
            size = _units(a, "size", commodity, "")
        elif pattern in ("block_train", "parcels"):
            a.fail(None, f"pattern {pattern!r} needs a 'size', e.g. '100 TEU' or '10000 t'")
    seasonality: tuple[float, ...] = (1.0,) * 12
    if r.has("seasonality"):
        items = r.list("seasonality")
        if len(items) != 12:
            r.fail("seasonality", f"needs 12 monthly factors (got {len(items)})")
        seasonality = tuple(
            r.check_number(v, f"seasonality[{i}]", low=0.0) for i, (_, v, _) in enumerate(items)
        )
        mean = sum(seasonality) / 12
        if mean <= 0:
            r.fail("seasonality", "factors must not all be zero")
        seasonality = tuple(f / mean for f in seasonality)
    routes = _routes(r, commodity, ends[0], ends[1], nodes, links)
    path = routes[0].path
    choice = _choice(r) if r.has("choice") else None
    outside = _outside(r, commodity) if r.has("outside") else ()
    priority = r.choice("priority", PRIORITIES, "spot")
    booking = _booking(r, commodity, path, links) if r.has("booking") else None
    return r.build(
        FlowSpec,
        name,
        cname,
        ends[0],
        ends[1],
        volume,
        pattern,
        size,
        seasonality,
        path,
        priority=priority,
        booking=booking,
        routes=routes if len(routes) > 1 or outside else (),
        choice=choice,
        outside=outside,
    )


ROUTE_KEYS = ["route", "via", "label", "share"]
CHOICE_KEYS = ["rule", "scale", "money"]
OUTSIDE_KEYS = ["transit", "share", "cost", "description"]


def _routes(
    r: Reader,
    c: Commodity,
    origin: str,
    destination: str,
    nodes: dict[str, NodeSpec],
    links: dict[str, LinkSpec],
) -> tuple[RouteOption, ...]:
    """The flow's routes: ``route`` (one), or ``routes``: a list of ``{route, via,
    label, share}``, or ``{best: k}`` for the k least expected-time routes."""
    if r.has("route") == r.has("routes"):
        r.fail(
            None,
            "give either 'route' (one route) or 'routes' (alternatives), not both"
            if r.has("route")
            else "missing required key 'route' (or 'routes')",
        )
    if r.has("route"):
        return (RouteOption(_route(r, c, origin, destination, nodes, links), "route"),)
    if r.has("via"):
        r.fail("via", "goes with 'route'; with 'routes' give each route its own 'via'")
    raw = r.raw("routes")
    if isinstance(raw, dict):
        b = r.sub("routes")
        b.check_keys(["best"], required=["best"])
        k = b.count("best", minimum=1)
        paths = best_paths(origin, destination, c, nodes, links, k)
        if not paths:
            b.fail(
                "best",
                f"no route carries {c.name!r} from {origin!r} to {destination!r}",
                error=TopologyError,
            )
        return _labelled([(p, "", None) for p in paths])
    items = r.list("routes")
    if not items:
        r.fail("routes", "must list at least one route")
    found: list[tuple[tuple[str, ...], str, float | None]] = []
    for key, value, line in items:
        if not isinstance(value, dict):
            r.fail(
                "routes", f"{key}: each route is a mapping {{route: [...], via: [...], share: ...}}"
            )
        item = Reader(value, key, r.file, line)
        item.check_keys(ROUTE_KEYS, required=["route"])
        path = _route(item, c, origin, destination, nodes, links)
        label = item.text("label") if item.has("label") else ""
        share = (
            item.quantity("share", "fraction", allow_zero=True).value if item.has("share") else None
        )
        if share is not None and share > 1.0 + 1e-12:
            item.fail("share", f"must be at most 100 % (got {item.raw('share')!r})")
        found.append((path, label, share))
    return _labelled(found)


def _labelled(
    found: list[tuple[tuple[str, ...], str, float | None]],
) -> tuple[RouteOption, ...]:
    """Routes with labels: the given one, else ``"via x"`` naming the nodes (or links)
    that set the route apart from the others."""
    paths = [p for p, _, _ in found]
    out = []
    for i, (path, label, share) in enumerate(found):
        if not label:
            others = [set(q) for j, q in enumerate(paths) if j != i]
            own = [x for x in path[0::2] if others and not all(x in o for o in others)]
            own = own or [x for x in path[1::2] if others and not all(x in o for o in others)]
            label = "via " + " + ".join(own) if own else f"route {i + 1}"
        out.append(RouteOption(path, label, share))
    labels = [o.label for o in out]
    if len(set(labels)) != len(labels):
        out = [RouteOption(o.path, f"{o.label} ({i + 1})", o.share) for i, o in enumerate(out)]
    return tuple(out)


def _choice(r: Reader) -> RouteChoice:
    """``choice: {rule: shares | least_time | logit | pivot, scale: 2 day, money: true}``."""
    ch = r.sub("choice")
    ch.check_keys(CHOICE_KEYS, required=["rule"])
    rule = ch.choice("rule", CHOICE_RULES)
    scale = ch.hours("scale") if ch.has("scale") else None
    money = ch.raw("money", False)
    if not isinstance(money, bool):
        ch.fail("money", f"must be true or false (got {money!r})")
    return ch.build(RouteChoice, rule, scale, money)


def _outside(r: Reader, commodity: Commodity) -> tuple[OutsideOption, ...]:
    """``outside: {northern_route: {transit: {dist: ..., mean: 18 day}, share: 10 %,
    cost: 1800 USD/TEU}}``: competing corridors, each with its door-to-door time and what
    a unit of ``commodity`` pays on it (USD per unit, per tonne or per barrel)."""
    out = []
    for name, o in r.items("outside"):
        o.check_keys(OUTSIDE_KEYS, required=["transit"])
        transit = read_distribution(o, "transit")
        share = o.quantity("share", "fraction", allow_zero=True).value if o.has("share") else None
        if share is not None and share > 1.0 + 1e-12:
            o.fail("share", f"must be at most 100 % (got {o.raw('share')!r})")
        cost = per_unit(o, "cost", commodity, per_km=False) if o.has("cost") else None
        description = o.text("description") if o.has("description") else ""
        out.append(o.build(OutsideOption, name, transit, share, description, cost))
    return tuple(out)


def check_money(r: Reader, flows: dict[str, FlowSpec], costs: Costs | None) -> None:
    """Each flow at ``r`` (the ``flows`` section) whose choice counts money has what it
    needs: a ``costs`` section with its commodity's time value, and a cost for each of
    its outside options (:func:`~corridor_sim.model.choice.money_h`); the error names
    the flow's ``choice`` or ``outside`` key."""
    for name, f in r.items("flows"):
        flow = flows[name]
        if flow.choice is not None and flow.choice.money:
            for o in flow.outside:
                if o.cost_usd_per_unit is None:
                    f.sub("outside").sub(o.name).fail("cost", COST_NEEDED)
            f.build(money_h, flow.paths, flow.outside, flow.commodity, costs)


def _booking(r: Reader, c: Commodity, path: tuple[str, ...], links: dict[str, LinkSpec]) -> Booking:
    """``booking: {link: aktau-alat, per_sailing: 100 TEU}``: room on every sailing of a
    scheduled sea link on the flow's route."""
    b = r.sub("booking")
    b.check_keys(BOOKING_KEYS, required=BOOKING_KEYS)
    name = b.text("link")
    link = links.get(name)
    if link is None:
        b.fail("link", f"no link named {name!r}; links: {', '.join(links)}")
    if name not in path[1::2]:
        b.fail("link", f"{name!r} is not on the flow's route ({' -> '.join(path[0::2])})")
    if not isinstance(link, SeaLink) or link.every_h is None:
        b.fail(
            "link",
            f"{name!r} has no scheduled sailings: a booking needs a sea link with "
            "'departure: {every: ...}'",
        )
    return b.build(Booking, name, _units(b, "per_sailing", c, ""))


def _route(
    r: Reader,
    c: Commodity,
    origin: str,
    destination: str,
    nodes: dict[str, NodeSpec],
    links: dict[str, LinkSpec],
) -> tuple[str, ...]:
    route = r.raw("route")
    if route == "shortest":
        found = shortest_path(origin, destination, c, nodes, links)
        if not found:
            r.fail(
                "route",
                f"no route carries {c.name!r} from {origin!r} to {destination!r}",
                error=TopologyError,
            )
        return found
    if not isinstance(route, list) or len(route) < 2:
        r.fail("route", f"must be a list of at least two node names, or 'shortest' (got {route!r})")
    for i, node in enumerate(route):
        if not isinstance(node, str) or node not in nodes:
            r.fail("route", f"item {i}: no node named {node!r}")
    if route[0] != origin or route[-1] != destination:
        r.fail(
            "route",
            f"must start at origin {origin!r} and end at destination "
            f"{destination!r} (got {route[0]!r} ... {route[-1]!r})",
        )
    if len(set(route)) != len(route):
        r.fail("route", "visits a node twice (a cycle)")
    via = r.raw("via", [])
    if not isinstance(via, list) or not all(isinstance(v, str) for v in via):
        r.fail("via", f"must be a list of link names (got {via!r})")
    for v in via:
        if v not in links:
            r.fail("via", f"no link named {v!r}")
    out: list[str] = [route[0]]
    for a, b in itertools.pairwise(route):
        candidates = [lk for lk in links.values() if joins(lk, a, b)]
        if via:
            candidates = [lk for lk in candidates if lk.name in via] or candidates
        usable = [lk for lk in candidates if not carries(lk, c, nodes)]
        if not candidates:
            r.fail("route", f"no link joins {a!r} to {b!r}", error=TopologyError)
        if not usable:
            r.fail("route", carries(candidates[0], c, nodes) or "", error=TopologyError)
        if len(usable) > 1:
            r.fail(
                "route",
                f"links {', '.join(lk.name for lk in usable)} all join {a!r} to {b!r}; "
                f"name one in 'via'",
                error=TopologyError,
            )
        out += [usable[0].name, b]
    return tuple(out)


def read_empty_return(
    r: Reader, loaded: FlowSpec, commodity: Commodity
) -> tuple[Commodity, FlowSpec] | None:
    """The commodity and flow of ``loaded``'s empties, if its mapping (``r``) asks for
    them with ``empty_return: {share: 100 %, tare: 24 t}``: ``share`` of the units
    delivered (default all) go back the same way, from its destination to its origin,
    each of mass ``tare`` (the empty unit's own mass), handled as the loaded units are.
    """
    if not r.has("empty_return"):
        return None
    e = r.sub("empty_return")
    e.check_keys(EMPTY_RETURN_KEYS, required=EMPTY_RETURN_REQUIRED)
    if commodity.unit == "t":
        r.fail(
            "empty_return",
            f"needs a flow counted in units (wagons, TEU, trucks); {loaded.name!r} is in tonnes",
        )
    share = e.quantity("share", "fraction", "100 %").value
    if share > 1.0 + 1e-12:
        e.fail("share", f"must be at most 100 % (got {e.raw('share')!r})")
    tare = e.quantity("tare", "mass").value
    name = loaded.name + EMPTY_SUFFIX
    empty = e.build(Commodity, name, commodity.unit, tare, commodity.handling)
    path = tuple(reversed(loaded.path))
    flow = e.build(
        FlowSpec,
        name,
        name,
        loaded.destination,
        loaded.origin,
        loaded.volume_units_per_h * share,
        loaded.pattern,
        loaded.size_units * share,
        loaded.seasonality,
        path,
        returns_of=loaded.name,
        return_share=share,
        routes=tuple(RouteOption(tuple(reversed(o.path)), o.label, o.share) for o in loaded.routes),
    )
    return empty, flow
