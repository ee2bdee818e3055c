"""JSON Schema of the scenario file format, generated from what the loader accepts.

:func:`scenario_schema` builds the schema; :func:`schema_path` is the copy shipped with
the bundled scenarios (``scenarios/scenario.schema.json``), which the YAML extension of
VS Code (and other editors using yaml-language-server) reads through the first line of
each bundled file::

    # yaml-language-server: $schema=scenario.schema.json

After changing the loader, rewrite the shipped copy with
``python -m corridor_sim.scenario.schema``; a test fails until it matches.

Where each part comes from, so that the schema cannot drift from the loader:

- the keys each mapping allows and requires: the loader's tables (``TOP_KEYS``,
  ``LINK_KEYS``, ``FLEET_KEYS``, ...), or, where a loader function writes its keys
  inline, the loader itself: :func:`loader_keys` runs it on a reader that stops at its
  first ``check_keys`` call and reports the lists it was given;
- the names allowed for kinds, handling classes, berth types, patterns: the model's
  tuples (``NODE_KINDS``, ``HANDLING_CLASSES``, ...);
- the spelling of a quantity: :data:`corridor_sim.units.NUMBER` and
  :func:`corridor_sim.units.spellings`;
- what each key holds, with a description and its units: :mod:`.schema_values`
  (built from :mod:`.schema_fragments`); generation stops if the loader allows a key
  that module does not describe.

The schema is JSON Schema draft-07 (what editors support best). Every mapping has
``additionalProperties: false``, so a misspelt key is flagged. A file with ``base:``
overrides another file, so it is checked against a lenient variant (the definitions
ending in ``_override``): no key is required and ``null`` (remove the key) is allowed,
except inside list items, which replace the base's lists whole. The loader still checks
what a schema cannot (that names refer to existing nodes, routes, limits).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn

from corridor_sim.model.distributions import DISTRIBUTIONS
from corridor_sim.model.network import LINK_KINDS, NODE_KINDS
from corridor_sim.model.track import TRACK_KINDS
from corridor_sim.scenario import (
    build,
    costs,
    draft,
    flows,
    links,
    nodes,
    pools,
    traction,
    wagons,
)
from corridor_sim.scenario.background import BACKGROUND_KEYS
from corridor_sim.scenario.bundled import bundled_dir
from corridor_sim.scenario.disruptions import KINDS, read_disruption
from corridor_sim.scenario.durations import read_distribution
from corridor_sim.scenario.dwell import read_stage
from corridor_sim.scenario.links import read_link
from corridor_sim.scenario.nodes import read_commodity, read_node
from corridor_sim.scenario.reader import Reader
from corridor_sim.scenario.schema_fragments import QUANTITIES, Fragment, Ref
from corridor_sim.scenario.schema_values import MEANING, VALUES, double_track, fixed_duration
from corridor_sim.scenario.track import read_track_mapping

SCHEMA_FILE = "scenario.schema.json"
DRAFT = "http://json-schema.org/draft-07/schema#"
OVERRIDE = "_override"  # suffix of the lenient definitions used under ``base:``
NULL: Fragment = {"type": "null"}

#: mappings that may also be written as plain text, and the schema of that text
SHORT_FORMS: dict[str, Callable[[], Fragment]] = {
    "distribution": fixed_duration,
    "track": double_track,
}

Keys = tuple[list[str], list[str]]  # allowed, required
Shape = tuple[str, dict[str, Keys]]  # the key naming the kind ("" if none), kind -> keys


class _Keys(Exception):
    """Raised by a probe's ``check_keys``: the lists the loader passed."""

    def __init__(self, allowed: Iterable[str], required: Iterable[str]) -> None:
        super().__init__()
        self.keys: Keys = (list(allowed), list(required))


class _Probe(Reader):
    """A reader whose ``check_keys`` reports its arguments instead of checking."""

    def check_keys(self, allowed: Iterable[str], required: Iterable[str] = ()) -> NoReturn:
        raise _Keys(allowed, required)


def loader_keys(read: Callable[[Reader], object], mapping: dict[str, Any]) -> Keys:
    """The keys a loader function allows and requires in a mapping like ``mapping``.

    ``read`` is called with a reader of ``mapping`` that stops at the first
    ``check_keys`` (which the loader functions call before reading any value).

    >>> loader_keys(lambda r: read_link("l", r, {}, {}), {"kind": "transfer"})
    (['kind', 'from', 'to', 'description', 'delay'], ['kind', 'from', 'to'])
    """
    try:
        read(_Probe(mapping, "schema"))
    except _Keys as signal:
        return signal.keys
    raise LookupError(f"{read!r} read {mapping!r} without checking its keys")


def _kinds(names: Iterable[str], read: Callable[[Reader], object], tag: str) -> Shape:
    """The keys of each kind of a mapping whose ``tag`` key names its kind."""
    return tag, {name: loader_keys(read, {tag: name}) for name in names}


def shapes() -> dict[str, Shape]:
    """For each kind of mapping in a scenario file, the keys the loader allows."""
    start = dt.date(2024, 1, 1)
    return {
        "scenario": ("", {"": (build.TOP_KEYS, build.TOP_REQUIRED)}),
        "simulation": ("", {"": (build.SIMULATION_KEYS, build.SIMULATION_REQUIRED)}),
        "commodity": ("", {"": loader_keys(lambda r: read_commodity("c", r), {})}),
        "node": _kinds(NODE_KINDS, lambda r: read_node("n", r, {}), "kind"),
        "distribution": (
            "dist",
            {
                d: loader_keys(lambda r: read_distribution(r, "d"), {"d": {"dist": d}})
                for d in DISTRIBUTIONS
            },
        ),
        "dwell_stage": (
            "dist",
            {d: loader_keys(read_stage, {"dist": d, "stage": "s"}) for d in DISTRIBUTIONS},
        ),
        "link": _kinds(LINK_KINDS, lambda r: read_link("l", r, {}, {}), "kind"),
        "track": _kinds(TRACK_KINDS, read_track_mapping, "kind"),
        "formalities": ("", {"": (nodes.FORMALITIES_KEYS, [])}),
        "entry_window": ("", {"": (nodes.ENTRY_WINDOW_KEYS, nodes.ENTRY_WINDOW_KEYS)}),
        "water_depth": ("", {"": (draft.WATER_DEPTH_KEYS, draft.WATER_DEPTH_REQUIRED)}),
        "draft": ("", {"": (draft.DRAFT_KEYS, draft.DRAFT_REQUIRED)}),
        "vessel": ("", {"": (links.FLEET_KEYS, links.FLEET_REQUIRED)}),
        "maintenance": ("", {"": (links.MAINTENANCE_KEYS, links.MAINTENANCE_KEYS)}),
        "departure": ("", {"": (links.DEPARTURE_KEYS, [])}),
        "flow": ("", {"": loader_keys(lambda r: flows.read_flow("f", r, {}, {}, {}), {})}),
        "arrivals": ("", {"": (flows.ARRIVAL_KEYS, flows.ARRIVAL_REQUIRED)}),
        "empty_return": ("", {"": (flows.EMPTY_RETURN_KEYS, flows.EMPTY_RETURN_REQUIRED)}),
        "booking": ("", {"": (flows.BOOKING_KEYS, flows.BOOKING_KEYS)}),
        "route_option": ("", {"": (flows.ROUTE_KEYS, ["route"])}),
        "choice": ("", {"": (flows.CHOICE_KEYS, ["rule"])}),
        "outside_option": ("", {"": (flows.OUTSIDE_KEYS, ["transit"])}),
        "embargo": ("", {"": (nodes.EMBARGO_KEYS, nodes.EMBARGO_REQUIRED)}),
        "background": ("", {"": (BACKGROUND_KEYS, [])}),
        "disruption": _kinds(KINDS, lambda r: read_disruption(r, set(), start), "kind"),
        "fleet_pool": ("", {"": (pools.POOL_KEYS, pools.POOL_REQUIRED)}),
        "locomotive_pool": (
            "",
            {"": (traction.LOCOMOTIVE_POOL_KEYS, traction.LOCOMOTIVE_POOL_REQUIRED)},
        ),
        "wagon_pool": ("", {"": (wagons.WAGON_POOL_KEYS, wagons.WAGON_POOL_REQUIRED)}),
        "costs": ("", {"": (costs.COSTS_KEYS, costs.COSTS_REQUIRED)}),
        "fuel": ("", {"": (costs.FUEL_KEYS, costs.FUEL_REQUIRED)}),
        "link_costs": ("", {"": (costs.LINK_COST_KEYS, [])}),
        "node_costs": ("", {"": (costs.NODE_COST_KEYS, [])}),
        "vessel_costs": ("", {"": (costs.VESSEL_COST_KEYS, ["fuel"])}),
        "locomotive_costs": ("", {"": (costs.LOCOMOTIVE_COST_KEYS, [])}),
    }


def _ref(name: str, partial: bool) -> Fragment:
    return {"$ref": f"#/definitions/{name}{OVERRIDE if partial else ''}"}


def _nullable(fragment: Fragment) -> Fragment:
    """``fragment`` that also accepts null (which removes a key under ``base:``)."""
    if "type" in fragment:
        kinds = fragment["type"]
        return fragment | {"type": [*([kinds] if isinstance(kinds, str) else kinds), "null"]}
    if "enum" in fragment:
        return fragment | {"enum": [*fragment["enum"], None]}
    if "anyOf" in fragment:
        return fragment | {"anyOf": [*fragment["anyOf"], NULL]}
    return fragment  # a $ref to an _override definition, which accepts null itself


def _relax(fragment: Fragment) -> Fragment:
    """A fragment made lenient: nullable and, for a mapping, nothing required."""
    if fragment.get("type") == "object" and "properties" in fragment:
        props = {k: _relax(v) for k, v in fragment["properties"].items()}
        fragment = {k: v for k, v in fragment.items() if k != "required"} | {"properties": props}
    return _nullable(fragment)


def _value(value: Fragment | Ref, partial: bool) -> Fragment:
    """The schema of one key's value (``partial``: in a file with ``base:``)."""
    if not isinstance(value, Ref):
        return _relax(value) if partial else value
    one = _ref(value.name, partial)
    if value.shape == "one":
        return one
    frag: Fragment
    if value.shape == "named":
        frag = {"type": "object", "additionalProperties": one}
    else:  # a list replaces the base's list whole: its items are complete
        frag = {"type": "array", "items": _ref(value.name, False), "minItems": value.min_items}
    frag["description"] = value.meaning
    return _nullable(frag) if partial else frag


def definition(context: str, shape: Shape, *, partial: bool = False) -> Fragment:
    """The schema of one kind of mapping (``context``, e.g. ``"node"``)."""
    tag, kinds = shape
    values = VALUES[context]
    allowed = list(dict.fromkeys(key for keys, _ in kinds.values() for key in keys))
    missing = [key for key in allowed if key not in values]
    if missing:
        raise LookupError(
            f"the loader allows {', '.join(missing)} in a {context}; describe "
            f"{'it' if len(missing) == 1 else 'them'} in schema_values.VALUES"
        )
    out: Fragment = {
        "type": "object",
        "description": MEANING[context],
        "properties": {key: _value(values[key], partial) for key in allowed},
        "additionalProperties": False,
    }
    if not tag:
        required = next(iter(kinds.values()))[1]
        if partial:
            return _nullable(out)
        return out | ({"required": required} if required else {})
    branches = []
    for kind, (keys, required) in kinds.items():
        then: Fragment = {"propertyNames": {"enum": keys}}
        if not partial:
            then["required"] = required
        branches.append(
            {"if": {"properties": {tag: {"const": kind}}, "required": [tag]}, "then": then}
        )
    out = out | ({} if partial else {"required": [tag]}) | {"allOf": branches}
    short = SHORT_FORMS.get(context)
    if short is not None:  # also written as plain text
        out = {"description": MEANING[context], "anyOf": [short(), out]}
    return _nullable(out) if partial else out


def _merged(shape_of: dict[str, Shape]) -> list[str]:
    """Contexts reached from the top through mappings only (which ``base:`` merges)."""
    seen, todo = [], ["scenario"]
    while todo:
        context = todo.pop()
        if context in seen:
            continue
        seen.append(context)
        todo += [
            v.name for v in VALUES[context].values() if isinstance(v, Ref) and v.shape != "list"
        ]
    return [c for c in shape_of if c in seen]


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of a scenario file, as a dict; see the module docstring.

    >>> schema = scenario_schema()
    >>> schema["definitions"]["scenario"]["required"]
    ['nodes', 'links', 'flows']
    """
    shape_of = shapes()
    defs = {c: definition(c, s) for c, s in shape_of.items()}
    for context in _merged(shape_of):
        defs[context + OVERRIDE] = definition(context, shape_of[context], partial=True)
    defs |= dict(sorted(QUANTITIES.items()))
    return {
        "$schema": DRAFT,
        "title": "corridor_sim scenario",
        "description": "A corridor_sim scenario file (generated by "
        "corridor_sim.scenario.schema from the loader; do not edit by hand). "
        "Quantities are text with a unit, e.g. '20 h', '56500 TEU/yr', '12 kn'.",
        "type": "object",
        "if": {"required": ["base"]},
        "then": _ref("scenario", True),
        "else": _ref("scenario", False),
        "definitions": defs,
    }


def schema_text() -> str:
    """The schema as the shipped file holds it: JSON indented by 2, ending in a newline."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"


def schema_path() -> Path:
    """The schema file shipped beside the bundled scenarios."""
    return bundled_dir() / SCHEMA_FILE


def write_schema(path: str | Path | None = None) -> Path:
    """Write the schema to ``path`` (default: :func:`schema_path`); returns the path."""
    target = Path(path) if path is not None else schema_path()
    target.write_text(schema_text(), encoding="utf-8")
    return target


if __name__ == "__main__":  # python -m corridor_sim.scenario.schema
    print(f"wrote {write_schema()}")
