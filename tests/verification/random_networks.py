"""Hypothesis strategies for random valid scenarios, as plain dicts in the file format.

A network is a random tree with the destination at its root: every other node hangs
from an earlier one, leaves are origins, and each flow runs from a leaf to the root along
the tree (optionally one flow runs back from the root to a leaf, so some links and ports
carry cargo both ways). Each edge is a transfer, rail, sea or (liquid networks only)
pipeline link, written in either direction (links carry both ways except pipelines). A
node incident to a sea link is a port; others are terminals, borders, ports or tank farms,
with random servers, service-time distributions, quotas and storage limits. Disruptions
are random closures, weather and failures. Volumes are kept small so one example runs in
a fraction of a second.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

DRY = {
    "goods": {"unit": "wagon", "mass_per_unit": "60 t", "handling": "wagon"},
    "box": {"unit": "TEU", "mass_per_unit": "12 t", "handling": "container"},
}
WET = {
    "crude": {
        "unit": "t",
        "mass_per_unit": "1 t",
        "handling": "liquid",
        "barrels_per_tonne": "7.3 bbl/t",
    }
}
UNIT = {"wagon": "wagon", "container": "TEU", "liquid": "t"}
BERTH = {"wagon": "rail_ferry", "container": "container", "liquid": "liquid"}


def hours(draw: Any, low: float, high: float) -> str:
    value = draw(st.floats(low, high, allow_nan=False, allow_infinity=False))
    return f"{value:.3f} h"


DISTRIBUTIONS = [
    "plain",
    "deterministic",
    "exponential",
    "gamma",
    "lognormal",
    "uniform",
    "empirical",
]


def distribution(draw: Any, offset: int = 0) -> Any:
    """A service-time distribution of one of the six kinds, mean 0.1 to 6 h. ``offset``
    (the node's number) rotates the kinds, so that one network mixes several."""
    kind = DISTRIBUTIONS[(draw(st.integers(0, 6)) + offset) % len(DISTRIBUTIONS)]
    mean = hours(draw, 0.1, 6.0)
    if kind == "plain":
        return mean
    if kind in ("deterministic", "exponential"):
        return {"dist": kind, "mean": mean}
    if kind in ("gamma", "lognormal"):
        return {"dist": kind, "mean": mean, "cv": draw(st.sampled_from([0.2, 0.5, 1.0, 2.0]))}
    if kind == "uniform":
        low = draw(st.floats(0.0, 3.0))
        return {"dist": kind, "low": f"{low:.3f} h", "high": f"{low + draw(st.floats(0, 3)):.3f} h"}
    values = draw(st.lists(st.floats(0.0, 8.0), min_size=1, max_size=4))
    return {"dist": kind, "values": [f"{v:.3f} h" for v in values]}


def storage(draw: Any, classes: list[str]) -> dict[str, str]:
    """Storage limits for some of ``classes`` (small enough to fill sometimes)."""
    out = {}
    for cls in classes:
        if draw(st.booleans()):
            size = draw(st.integers(1, 400)) * (50 if cls == "liquid" else 1)
            out[cls] = f"{size} {UNIT[cls]}"
    return out


def processing(draw: Any, kind: str, number: int) -> dict[str, Any]:
    """Servers, service time and quota of a terminal, border or port (maybe none)."""
    if kind != "port" and not draw(st.booleans()):
        return {}
    if kind == "port" and draw(st.integers(0, 3)) != 0:  # most ports only berth
        return {}
    spec: dict[str, Any] = {
        "servers": draw(st.integers(1, 3)),
        "service_time": distribution(draw, number),
    }
    if draw(st.booleans()):
        spec["quota"] = f"{draw(st.integers(1, 30))} train/day"
    if kind == "border" and draw(st.booleans()):
        spec["gauge_change"] = distribution(draw, number + 3)
    return spec


def node(draw: Any, kind: str, classes: list[str], number: int) -> dict[str, Any]:
    spec: dict[str, Any] = {"kind": kind}
    if kind == "port":
        spec["berths"] = {BERTH[c]: draw(st.integers(1, 3)) for c in classes}
        spec["handling_rate"] = {
            c: f"{draw(st.integers(5, 60)) * (100 if c == 'liquid' else 1)} {UNIT[c]}/h"
            for c in classes
        }
        spec["berth_time"] = hours(draw, 0.0, 3.0)
    if kind in ("terminal", "border", "port"):
        spec.update(processing(draw, kind, number))
    if kind != "destination" and kind != "origin":
        limits = storage(draw, classes)
        if limits:
            spec["storage"] = limits
    return spec


def capacity(draw: Any, classes: list[str], low: int, high: int) -> dict[str, str]:
    return {
        c: f"{draw(st.integers(low, high)) * (100 if c == 'liquid' else 1)} {UNIT[c]}"
        for c in classes
    }


def link(draw: Any, kind: str, a: str, b: str, classes: list[str]) -> dict[str, Any]:
    spec: dict[str, Any] = {"kind": kind, "from": a, "to": b}
    if kind == "transfer":
        if draw(st.booleans()):
            spec["delay"] = hours(draw, 0.0, 24.0)
    elif kind == "rail":
        spec["travel_time"] = hours(draw, 0.5, 48.0)
        spec["train_capacity"] = capacity(draw, classes, 5, 100)
        spec["max_wait"] = hours(draw, 0.0, 48.0)
        if draw(st.booleans()):
            spec["line_capacity"] = f"{draw(st.integers(1, 30))} train/day"
    elif kind == "sea":
        spec["distance"] = f"{draw(st.integers(20, 400))} km"
        spec["load_factor"] = f"{draw(st.integers(50, 100))} %"
        departure: dict[str, str] = {}
        if draw(st.booleans()):
            departure["max_wait"] = hours(draw, 0.0, 48.0)
        if not departure or draw(st.booleans()):
            departure["every"] = hours(draw, 6.0, 72.0)
        spec["departure"] = departure
        berth = BERTH[draw(st.sampled_from(classes))]
        fleet = []
        for i in range(draw(st.integers(1, 3))):
            vessel = {
                "type": f"v{i}",
                "count": draw(st.integers(1, 2)),
                "berth": berth,
                "capacity": capacity(draw, classes, 10, 200),
                "speed": f"{draw(st.integers(5, 30))} km/h",
                "home": draw(st.sampled_from(["from", "to"])),
            }
            fleet.append(vessel)
        spec["fleet"] = fleet
    else:  # pipeline
        cap = draw(st.integers(1_000, 100_000))
        spec["capacity"] = f"{cap} t/day"
        spec["base_load"] = f"{cap * draw(st.sampled_from([0, 0.5, 0.9, 1.0]))} t/day"
        if draw(st.booleans()):
            spec["transit_time"] = hours(draw, 0.0, 100.0)
        else:
            spec["linefill"] = f"{draw(st.integers(1, 1000)) * 1000} bbl"
            spec["density"] = "7.3 bbl/t"
    return spec


def flow(draw: Any, commodity: str, route: list[str]) -> dict[str, Any]:
    unit = UNIT[(DRY | WET)[commodity]["handling"]]
    pattern = draw(st.sampled_from(["poisson", "block_train", "parcels", "deterministic"]))
    size = 1 if pattern == "poisson" else draw(st.integers(1, 120))
    size *= 100 if unit == "t" else 1
    per_day = draw(st.floats(0.2, 12.0))  # arrivals a day
    spec: dict[str, Any] = {
        "commodity": commodity,
        "origin": route[0],
        "destination": route[-1],
        "volume": f"{per_day * size:.4f} {unit}/day",
        "route": route,
    }
    if pattern != "poisson":
        spec["arrivals"] = {"pattern": pattern, "size": f"{size} {unit}"}
    if draw(st.booleans()):
        tenths = draw(st.lists(st.integers(0, 30), min_size=12, max_size=12))
        spec["seasonality"] = [t / 10 for t in tenths[:11]] + [max(1, tenths[11]) / 10]
    return spec


def disruptions(draw: Any, elements: list[str], horizon_h: float) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["closure", "weather", "failures"]))
        chosen = draw(st.lists(st.sampled_from(elements), min_size=1, max_size=3, unique=True))
        if kind == "closure":
            out.append(
                {
                    "kind": kind,
                    "elements": chosen,
                    "start": hours(draw, 0.0, horizon_h),
                    "duration": hours(draw, 1.0, 120.0),
                }
            )
        elif kind == "weather":
            days = [d / 4 for d in draw(st.lists(st.integers(0, 32), min_size=12, max_size=12))]
            out.append(
                {
                    "kind": kind,
                    "elements": chosen,
                    "closure_days_per_month": days,
                    "mean_episode": hours(draw, 6.0, 72.0),
                }
            )
        else:
            out.append(
                {
                    "kind": kind,
                    "elements": chosen,
                    "mtbf": hours(draw, 24.0, 480.0),
                    "mttr": hours(draw, 1.0, 72.0),
                }
            )
    return out


def path_to_root(parent: dict[int, int], leaf: int) -> list[int]:
    path = [leaf]
    while path[-1] != 0:
        path.append(parent[path[-1]])
    return path


@st.composite
def networks(draw: Any) -> dict[str, Any]:
    """A random valid scenario mapping (see the module docstring)."""
    wet = draw(st.booleans())
    commodities = WET if wet else DRY
    classes = sorted({c["handling"] for c in commodities.values()})
    size = draw(st.integers(2, 8))  # nodes besides the destination
    parent = {  # chains are likelier than in a uniform random tree: more inner nodes
        i: i - 1 if draw(st.booleans()) else draw(st.integers(0, i - 1)) for i in range(1, size + 1)
    }
    children = {i: [j for j in parent if parent[j] == i] for i in range(size + 1)}
    leaves = [i for i in range(1, size + 1) if not children[i]]
    inner = [i for i in range(1, size + 1) if children[i]]
    kinds = ["transfer", "rail", "sea"] + (["pipeline"] if wet else [])
    edge_kind = {}
    for i in range(1, size + 1):
        ends_ok = i in inner and parent[i] != 0  # a sea link joins two ports
        if ends_ok and draw(st.integers(0, 3)) > 0:
            edge_kind[i] = "sea"
        else:
            edge_kind[i] = draw(st.sampled_from([k for k in kinds if k != "sea" or ends_ok]))
    name = {0: "dest", **{i: (f"o{i}" if i in leaves else f"n{i}") for i in range(1, size + 1)}}
    node_kind = {0: "destination", **{i: "origin" for i in leaves}}
    for i in inner:
        sea = edge_kind[i] == "sea" or any(edge_kind[j] == "sea" for j in children[i])
        options = ["port"] if sea else ["terminal", "border", "port"]
        if wet and not sea:
            options.append("pipeline_terminal")
        node_kind[i] = draw(st.sampled_from(options))
    nodes = {name[i]: node(draw, node_kind[i], classes, i) for i in range(size + 1)}
    links = {}
    for i in range(1, size + 1):
        a, b = name[i], name[parent[i]]
        if edge_kind[i] != "pipeline" and draw(st.booleans()):
            a, b = b, a  # written the other way round: cargo uses it from b to a
        links[f"{name[i]}-{name[parent[i]]}"] = link(draw, edge_kind[i], a, b, classes)
    flows = {}
    for leaf in leaves:
        route = [name[i] for i in path_to_root(parent, leaf)]
        flows[f"f_{name[leaf]}"] = flow(draw, draw(st.sampled_from(sorted(commodities))), route)
    back = [  # pipelines run one way only
        leaf
        for leaf in leaves
        if "pipeline" not in {edge_kind[i] for i in path_to_root(parent, leaf)[:-1]}
    ]
    if back and draw(st.booleans()):
        leaf = draw(st.sampled_from(back))
        route = [name[i] for i in reversed(path_to_root(parent, leaf))]
        flows["back"] = flow(draw, draw(st.sampled_from(sorted(commodities))), route)
    horizon_h = draw(st.integers(3, 12)) * 24.0
    return {
        "simulation": {
            "start": draw(st.sampled_from(["2024-01-01", "2024-06-15", "2025-11-20"])),
            "horizon": f"{horizon_h} h",
            "warmup": hours(draw, 0.0, 72.0),
            "seed": draw(st.integers(0, 2**32)),
            "sample_interval": "6 h",
        },
        "commodities": dict(commodities),
        "nodes": nodes,
        "links": links,
        "flows": flows,
        "disruptions": disruptions(draw, sorted(nodes) + sorted(links), horizon_h),
    }
