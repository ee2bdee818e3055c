"""Units and conversions.

The engine works in one unit per dimension: hours (h), tonnes (t), kilometres (km),
barrels (bbl) and the natural count of each cargo unit (TEU, wagon, truck, train,
vessel). Scenario files write every dimensioned quantity with its unit; :func:`parse`
turns ``"56500 TEU/yr"`` into a :class:`Quantity` in engine units.

Conversion factors are named constants so that a reader can check them.

What :func:`parse` accepts
--------------------------
- A unit from :data:`UNITS` (``h``, ``t``, ``nmi``, ``TEU``, ...), ``A/B`` for a rate or
  a density (``t/h``, ``TEU/yr``, ``bbl/t``), or ``kn`` (knots, a speed in one symbol).
- The names people write, in :data:`ALIASES`: plurals and words (``hours``, ``days``,
  ``tonnes``, ``wagons``, ``years``), ``d`` for day, ``a`` for year, ``knots``/``knot``/
  ``kts`` for ``kn`` and ``nm`` for the nautical mile ``nmi`` (a corridor has no use for
  nanometres). ``kt`` stays the kilotonne, never the knot; ``mt``, ``ton`` and ``mile``
  are refused as ambiguous (:data:`AMBIGUOUS` says what to write instead). Symbols are
  case-sensitive (``Mt`` is a megatonne, ``m`` a metre).
- Money in ``USD`` (dimension ``money``), the one currency a scenario's ``costs``
  section is written in: ``3000 USD``, ``450 USD/TEU``, ``30 USD/t``, ``12000 USD/day``.
  The price year is the section's (``currency: USD 2024``); no exchange rate is applied,
  so another currency is an unknown unit.
- A number with a decimal point and an optional exponent: ``1.5``, ``1.2e6``, ``-5``.
  ``_`` may group digits (``20_000``). **No comma is read**: ``1,5 h`` is refused with
  "use a decimal point: 1.5 h", and ``20,000 TEU`` with "write 20000 TEU or 20_000 TEU",
  because a comma is a decimal mark in half the world and ``1,500`` could be either. The
  bundled scenarios write no comma in a quantity (only in comments).
- A value that stays finite and within :data:`MIN_MAGNITUDE` .. :data:`MAX_MAGNITUDE`
  engine units once converted (or is 0): 10^12 h is 114 million years, 10^12 t a thousand
  times the world's yearly freight, and 10^-9 h is 3.6 microseconds, so values outside
  are typing mistakes; the bound also keeps every product and ratio the model forms of
  two quantities finite (``1e306 nmi`` would otherwise give a round trip of 10^305 h).

Why a hand parser and not pint
------------------------------
Pint (0.25, weighed for issue #14) was the alternative. Parsing happens once, when a
scenario is loaded, so speed does not decide; these did:

- Pint's defaults disagree with this domain: ``nm`` is a nanometre, ``kt`` a knot (here
  the kilotonne), ``yr`` is 365.25 days and ``month`` 730.5 h (here 8760 h and 730 h,
  the calendar year the engine's statistics use), and ``bbl`` is a 31.5-gallon barrel,
  not the 42-gallon oil barrel. Each would need redefining, or results would silently
  change.
- The cargo counts (TEU, FEU, wagon, truck, train, vessel) are dimensions of their own;
  pint needs them defined as base dimensions anyway.
- Pint also reads ``1,5 h`` as 15 h, so decimal commas would still need a rule here.
- Errors: pint raises ``UndefinedUnitError: 'x' is not defined in the unit registry``;
  this parser lists the units allowed and suggests the nearest spelling.
- Weight: pint pulls in flexparser, flexcache, platformdirs and typing_extensions
  (about 3.6 MB) for the dozen units a scenario uses.

So the hand parser stays: one table of units, one table of aliases, named factors.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass

HOURS_PER_DAY = 24.0
HOURS_PER_WEEK = 7 * HOURS_PER_DAY
DAYS_PER_YEAR = 365.0
HOURS_PER_YEAR = DAYS_PER_YEAR * HOURS_PER_DAY  # 8760 h: a calendar year without leap day
HOURS_PER_MONTH = HOURS_PER_YEAR / 12  # 730 h: an average month
KM_PER_NAUTICAL_MILE = 1.852
TEU_PER_FEU = 2.0
BARRELS_PER_CUBIC_METRE = 6.28981

#: smallest and largest size of a quantity other than 0, in engine units
MIN_MAGNITUDE = 1e-9
MAX_MAGNITUDE = 1e12

#: unit symbol -> (dimension, factor to the engine unit of that dimension)
UNITS: dict[str, tuple[str, float]] = {
    # time (engine unit: h)
    "s": ("time", 1 / 3600),
    "min": ("time", 1 / 60),
    "h": ("time", 1.0),
    "day": ("time", HOURS_PER_DAY),
    "week": ("time", HOURS_PER_WEEK),
    "month": ("time", HOURS_PER_MONTH),
    "yr": ("time", HOURS_PER_YEAR),
    # mass (engine unit: t)
    "kg": ("mass", 1e-3),
    "t": ("mass", 1.0),
    "kt": ("mass", 1e3),
    "Mt": ("mass", 1e6),
    # length (engine unit: km)
    "m": ("length", 1e-3),
    "km": ("length", 1.0),
    "nmi": ("length", KM_PER_NAUTICAL_MILE),
    "cm": ("length", 1e-5),
    # oil volume (engine unit: bbl)
    "bbl": ("oil_volume", 1.0),
    "kbbl": ("oil_volume", 1e3),
    "Mbbl": ("oil_volume", 1e6),
    "m3": ("oil_volume", BARRELS_PER_CUBIC_METRE),
    # cargo and vehicle counts
    "TEU": ("TEU", 1.0),
    "FEU": ("TEU", TEU_PER_FEU),
    "wagon": ("wagon", 1.0),
    "truck": ("truck", 1.0),
    "train": ("train", 1.0),
    "vessel": ("vessel", 1.0),
    "locomotive": ("locomotive", 1.0),
    # fraction
    "%": ("fraction", 0.01),
    # money (engine unit: USD of the price year a scenario's costs section states)
    "USD": ("money", 1.0),
}

#: compound units written as a single symbol: symbol -> (numerator, denominator, factor)
SPECIAL: dict[str, tuple[str, str, float]] = {
    "kn": ("length", "time", KM_PER_NAUTICAL_MILE),  # 1 kn = 1 nmi/h
}

#: spellings people write -> the symbol of :data:`UNITS` or :data:`SPECIAL` they mean
ALIASES: dict[str, str] = {
    **dict.fromkeys(["sec", "second", "seconds"], "s"),
    **dict.fromkeys(["mins", "minute", "minutes"], "min"),
    **dict.fromkeys(["hr", "hrs", "hour", "hours"], "h"),
    **dict.fromkeys(["d", "days"], "day"),
    **dict.fromkeys(["wk", "weeks"], "week"),
    "months": "month",
    **dict.fromkeys(["yrs", "year", "years", "a"], "yr"),
    **dict.fromkeys(["tonne", "tonnes"], "t"),
    "nm": "nmi",
    **dict.fromkeys(["bbls", "barrel", "barrels"], "bbl"),
    "m³": "m3",
    "TEUs": "TEU",
    "FEUs": "FEU",
    **{f"{count}s": count for count in ("wagon", "truck", "train", "vessel", "locomotive")},
    "percent": "%",
    **dict.fromkeys(["knot", "knots", "kts"], "kn"),
}

#: spellings refused because readers take them for different units
AMBIGUOUS: dict[str, str] = {
    **dict.fromkeys(["mt", "MT"], "write 't' for tonnes or 'Mt' for million tonnes"),
    **dict.fromkeys(["ton", "tons"], "write 't' for metric tonnes (short and long tons vary)"),
    **dict.fromkeys(["mi", "mile", "miles"], "write 'nmi' for nautical miles, or 'km'"),
}

#: the engine unit of each dimension, for messages ("" for a fraction)
ENGINE_UNITS: dict[str, str] = {
    "time": "h",
    "mass": "t",
    "length": "km",
    "oil_volume": "bbl",
    "fraction": "",
    "money": "USD",
    **{count: count for count in ("TEU", "wagon", "truck", "train", "vessel")},
}

#: a number as :func:`parse` reads it (digits may be grouped with ``_``; no commas)
NUMBER = r"[-+]?(?:\d[\d_]*\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_PATTERN = re.compile(rf"^\s*({NUMBER}|nan|inf)\s*(.*?)\s*$", re.IGNORECASE)
_COMMA_NUMBER = re.compile(r"^\s*([-+]?[\d_.]*\d,[\d_.,]*\d)\s*(.*?)\s*$")
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A value in engine units with its dimension, e.g. ``Quantity(6.45, "TEU", "time")``.

    ``num`` is the dimension of the numerator; ``den`` of the denominator ("" if none).
    """

    value: float
    num: str
    den: str = ""

    @property
    def dimension(self) -> str:
        """The dimension as written in messages, e.g. ``"TEU/time"``."""
        return f"{self.num}/{self.den}" if self.den else self.num


class UnitError(ValueError):
    """A quantity string could not be read; the message says what is allowed."""


def known_units() -> str:
    """The accepted unit symbols, for messages."""
    return f"{', '.join([*UNITS, *SPECIAL])} (also plurals, hours, tonnes, knots, nm)"


def _suggest(symbol: str) -> str:
    """`` (did you mean 'x'?)`` for the nearest accepted spelling, or ``""``."""
    spellings = [*UNITS, *SPECIAL, *ALIASES]
    same_case = [s for s in spellings if s.lower() == symbol.lower()]
    close = same_case or difflib.get_close_matches(symbol, spellings, n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _unit(symbol: str) -> tuple[str, float]:
    if symbol in AMBIGUOUS:
        raise UnitError(f"unit {symbol!r} is ambiguous: {AMBIGUOUS[symbol]}")
    canonical = ALIASES.get(symbol, symbol)
    if canonical not in UNITS:
        raise UnitError(f"unknown unit {symbol!r}{_suggest(symbol)}; known units: {known_units()}")
    return UNITS[canonical]


def _refuse_comma(text: str) -> None:
    """Refuse a number written with a comma, saying how to write it."""
    match = _COMMA_NUMBER.match(text)
    if not match:
        return
    number, unit = match.groups()
    if _THOUSANDS.match(number):
        plain = number.replace(",", "")
        grouped = number.replace(",", "_")
        raise UnitError(
            f"commas are not read in numbers (a comma may be a decimal mark): write "
            f"'{plain} {unit}' or '{grouped} {unit}' (got {text!r})"
        )
    raise UnitError(f"use a decimal point: '{number.replace(',', '.')} {unit}' (got {text!r})")


def _split(text: object) -> tuple[float, str]:
    """The number and the unit text of a quantity string."""
    if isinstance(text, bool) or not isinstance(text, str):
        raise UnitError(f"needs a number with a unit, e.g. '20 h' (got {text!r})")
    _refuse_comma(text)
    match = _PATTERN.match(text)
    if not match:
        raise UnitError(f"needs a number with a unit, e.g. '20 h' (got {text!r})")
    number_text, unit_text = match.groups()
    number = float(number_text.replace("_", ""))
    if not math.isfinite(number):
        raise UnitError(f"must be a finite number (got {text!r})")
    if not unit_text:
        raise UnitError(f"needs a unit, e.g. '20 h' or '56500 TEU/yr' (got {text!r})")
    return number, unit_text


def _conversion(unit_text: str) -> tuple[str, str, float]:
    """(numerator dimension, denominator dimension, factor to engine units) of a unit."""
    special = ALIASES.get(unit_text, unit_text)
    if special in SPECIAL:
        return SPECIAL[special]
    parts = [p.strip() for p in unit_text.split("/")]
    if len(parts) > 2 or not all(parts):
        raise UnitError(f"unit must be 'A' or 'A/B' (got {unit_text!r})")
    num, factor = _unit(parts[0])
    if len(parts) == 1:
        return num, "", factor
    den, den_factor = _unit(parts[1])
    return num, den, factor / den_factor


def engine_unit(num: str, den: str = "") -> str:
    """The engine unit of a dimension, e.g. ``engine_unit("mass", "time") == "t/h"``."""
    top = ENGINE_UNITS.get(num, num)
    return f"{top or '1'}/{ENGINE_UNITS.get(den, den)}" if den else top


def _check_size(value: float, num: str, den: str, text: str) -> None:
    """Refuse a converted value that is infinite or outside the magnitude bounds."""
    if value == 0 or MIN_MAGNITUDE <= abs(value) <= MAX_MAGNITUDE:
        return
    unit = f" {engine_unit(num, den)}".rstrip()
    raise UnitError(
        f"must be 0 or between {MIN_MAGNITUDE:g} and {MAX_MAGNITUDE:g}{unit} once converted "
        f"(got {text!r} = {value:.3g}{unit})"
    )


def parse(text: object) -> Quantity:
    """Read a quantity such as ``"1.2e6 bbl/day"`` into engine units.

    Raises :class:`UnitError` saying what is wrong and what is allowed; see the module
    docstring for the rules.

    >>> parse("14 kn")
    Quantity(value=25.928, num='length', den='time')
    >>> parse("2 days").value
    48.0
    >>> parse("1,5 h")
    Traceback (most recent call last):
    ...
    corridor_sim.units.UnitError: use a decimal point: '1.5 h' (got '1,5 h')
    """
    number, unit_text = _split(text)
    num, den, factor = _conversion(unit_text)
    value = number * factor
    _check_size(value, num, den, str(text))
    return Quantity(value, num, den)


def scale(text: str, factor: float) -> str:
    """The quantity ``text`` times ``factor``, written in the same unit.

    >>> scale("37 train/day", 1.1)
    '40.7 train/day'
    """
    parse(text)  # the same rules as a scenario file: a finite number and a known unit
    number, unit_text = _split(text)
    return f"{number * factor:.6g} {unit_text}"


def spellings(dimension: str) -> list[str]:
    """Every unit spelling :func:`parse` reads as ``dimension`` on its own.

    A simple dimension (``"time"``) gives its symbols and aliases; a compound one
    (``"length/time"``) only its one-symbol units (``kn`` and its aliases), since any
    ``A/B`` of the two dimensions' spellings is read too.

    >>> spellings("length")
    ['m', 'km', 'nmi', 'cm', 'nm']
    """
    num, _, den = dimension.partition("/")
    if den:
        symbols = [s for s, (n, d, _) in SPECIAL.items() if (n, d) == (num, den)]
    else:
        symbols = [s for s, (d, _) in UNITS.items() if d == num]
    return symbols + [alias for alias, symbol in ALIASES.items() if symbol in symbols]


def describe(dimension: str) -> str:
    """Example units for a dimension, for error messages."""
    examples = {
        "time": "h, day, week, month, yr",
        "mass": "t, kt, Mt",
        "length": "km, m, nmi",
        "length/time": "km/h, kn, km/day",
        "fraction": "%",
        "oil_volume/mass": "bbl/t",
        "money": "USD",
    }
    if dimension in examples:
        return examples[dimension]
    num, _, den = dimension.partition("/")
    units = [s for s, (d, _) in UNITS.items() if d == num]
    text = ", ".join(units) or num
    if den:
        text = " or ".join(f"{u}/h, {u}/day, {u}/yr" for u in units[:2]) or dimension
    return text
