"""JSON Schema fragments for the scenario schema: quantities, counts, names, dates.

A quantity's pattern is built from :data:`corridor_sim.units.NUMBER` and
:func:`corridor_sim.units.spellings`, so it accepts exactly the units the parser reads;
each distinct set of dimensions becomes one shared definition (:data:`QUANTITIES`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from corridor_sim import units
from corridor_sim.model.cargo import HANDLING_CLASSES
from corridor_sim.model.scenario import FIRST_DATE, LAST_DATE
from corridor_sim.scenario.nodes import CLASS_UNIT

Fragment = dict[str, Any]
TIME = "time"
_WORDS = {"oil_volume": "oil volume", "fraction": "fraction (%)"}

#: definition name -> the pattern of a quantity of some dimensions (filled by quantity())
QUANTITIES: dict[str, Fragment] = {}


def unit_pattern(dimension: str) -> str:
    """A regular expression for the units of ``dimension``, e.g. ``t/h`` or ``kn``."""
    num, _, den = dimension.partition("/")
    simple = "|".join(re.escape(s) for s in units.spellings(num))
    if not den:
        return f"(?:{simple})"
    per = "|".join(re.escape(s) for s in units.spellings(den))
    specials = "".join(f"|{re.escape(s)}" for s in units.spellings(dimension))
    return rf"(?:(?:{simple})\s*/\s*(?:{per}){specials})"


def quantity_name(dims: tuple[str, ...]) -> str:
    """The definition name of a quantity of ``dims``, e.g. ``quantity_mass_per_time``."""
    return "quantity_" + "_or_".join(d.replace("/", "_per_") for d in dims)


def _words(dims: tuple[str, ...]) -> str:
    return " or ".join(_WORDS.get(d, d.replace("_", " ")) for d in dims)


def _units(dims: tuple[str, ...]) -> str:
    return "; ".join(units.describe(d) for d in dims)


def quantity_definition(dims: tuple[str, ...]) -> Fragment:
    """Text that :func:`corridor_sim.units.parse` reads as one of ``dims``."""
    alternatives = "|".join(unit_pattern(d) for d in dims)
    return {  # no "type": each use says "string" (or, under base:, string or null)
        "pattern": rf"^\s*{units.NUMBER}\s*(?:{alternatives})\s*$",
        "patternErrorMessage": f"a number (with a decimal point, no commas) and a unit of "
        f"{_words(dims)}: {_units(dims)}",
    }


def quantity(dimensions: str | tuple[str, ...], meaning: str, example: str) -> Fragment:
    """A number with a unit of one of ``dimensions``, e.g. ``"20 h"``; the pattern is the
    shared definition :func:`quantity_name` (collected in :data:`QUANTITIES`)."""
    dims = (dimensions,) if isinstance(dimensions, str) else dimensions
    name = quantity_name(dims)
    QUANTITIES.setdefault(name, quantity_definition(dims))
    return {
        "type": "string",
        "allOf": [{"$ref": f"#/definitions/{name}"}],
        "description": f"{meaning}: {_words(dims)} with a unit ({_units(dims)}), e.g. '{example}'",
        "examples": [example],
    }


def count(meaning: str, minimum: int, maximum: int | None = None) -> Fragment:
    """A whole number (no unit)."""
    out: Fragment = {"type": "integer", "minimum": minimum, "description": meaning}
    if maximum is not None:
        out["maximum"] = maximum
    return out


def number(meaning: str, low: float | None = None, high: float | None = None) -> Fragment:
    """A plain number (no unit), within ``low`` .. ``high`` where given."""
    out: Fragment = {"type": "number", "description": meaning}
    if low is not None:
        out["minimum"] = low
    if high is not None:
        out["maximum"] = high
    return out


def text(meaning: str, *, non_empty: bool = False) -> Fragment:
    """Free text, or a name (``non_empty``)."""
    out: Fragment = {"type": "string", "description": meaning}
    if non_empty:
        out["pattern"] = r"\S"
    return out


def choice(options: tuple[str, ...] | list[str], meaning: str) -> Fragment:
    """One of ``options``."""
    return {"enum": list(options), "description": f"{meaning}: {', '.join(options)}"}


def names(meaning: str, minimum: int = 1) -> Fragment:
    """A list of names (of nodes, links)."""
    return {
        "type": "array",
        "items": {"type": "string"},
        "minItems": minimum,
        "description": meaning,
    }


DATE: Fragment = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}$",
    "format": "date",
    "description": f"a date YYYY-MM-DD, from {FIRST_DATE} to {LAST_DATE}",
}


def per_class(meaning: str, per: str = "", *, oil: bool = False) -> Fragment:
    """A mapping from handling class to a quantity in that class's unit (``CLASS_UNIT``),
    per hour if ``per`` is ``"/time"``; ``oil`` lets liquid cargo be given in barrels."""
    props = {}
    for cls in HANDLING_CLASSES:
        dims = [CLASS_UNIT[cls] + per]
        if oil and cls == "liquid":
            dims.append("oil_volume" + per)
        unit = "t" if CLASS_UNIT[cls] == "mass" else CLASS_UNIT[cls]
        example = f"{1000 if unit == 't' else 50} {unit}{'/h' if per else ''}"
        props[cls] = quantity(tuple(dims), f"{meaning}, {cls} cargo", example)
    return {
        "type": "object",
        "properties": props,
        "additionalProperties": False,
        "description": f"{meaning}, by handling class ({', '.join(HANDLING_CLASSES)})",
    }


@dataclass(frozen=True)
class Ref:
    """A value described by the schema's definition ``name``: one of them (``"one"``), a
    list of them (``"list"``, at least ``min_items``) or a mapping of them by name
    (``"named"``). :mod:`.schema` turns it into ``$ref`` entries."""

    name: str
    shape: Literal["one", "list", "named"] = "one"
    meaning: str = ""
    min_items: int = 0
