"""Units and conversions.

The engine works in one unit per dimension: hours (h), tonnes (t), kilometres (km),
barrels (bbl) and the natural count of each cargo unit (TEU, wagon, truck, train,
vessel). Scenario files write every dimensioned quantity with its unit; :func:`parse`
turns ``"56500 TEU/yr"`` into a :class:`Quantity` in engine units.

Conversion factors are named constants so that a reader can check them.
"""

from __future__ import annotations

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
    # fraction
    "%": ("fraction", 0.01),
}

#: compound units written as a single symbol
SPECIAL: dict[str, tuple[str, str, float]] = {
    "kn": ("length", "time", KM_PER_NAUTICAL_MILE),
}

_PLURALS = {
    "wagons": "wagon",
    "trucks": "truck",
    "trains": "train",
    "vessels": "vessel",
    "days": "day",
    "hours": "h",
    "hr": "h",
    "d": "day",
    "year": "yr",
    "years": "yr",
    "a": "yr",
    "months": "month",
    "weeks": "week",
}

_NUMBER = r"[-+]?(?:\d[\d_,]*\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_PATTERN = re.compile(rf"^\s*({_NUMBER}|nan|inf)\s*(.*?)\s*$", re.IGNORECASE)


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


def _unit(symbol: str) -> tuple[str, float]:
    symbol = _PLURALS.get(symbol, symbol)
    if symbol not in UNITS:
        raise UnitError(f"unknown unit {symbol!r}; known units: {', '.join(UNITS)}, kn")
    return UNITS[symbol]


def parse(text: object) -> Quantity:
    """Read a quantity such as ``"1.2e6 bbl/day"`` into engine units.

    >>> parse("14 kn")
    Quantity(value=25.928, num='length', den='time')
    >>> parse("2 day").value
    48.0
    """
    if isinstance(text, bool) or not isinstance(text, str):
        raise UnitError(f"needs a number with a unit, e.g. '20 h' (got {text!r})")
    match = _PATTERN.match(text)
    if not match:
        raise UnitError(f"needs a number with a unit, e.g. '20 h' (got {text!r})")
    number_text, unit_text = match.groups()
    number = float(number_text.replace("_", "").replace(",", ""))
    if not math.isfinite(number):
        raise UnitError(f"must be a finite number (got {text!r})")
    if not unit_text:
        raise UnitError(f"needs a unit, e.g. '20 h' or '56500 TEU/yr' (got {text!r})")
    if unit_text in SPECIAL:
        num, den, factor = SPECIAL[unit_text]
        return Quantity(number * factor, num, den)
    parts = [p.strip() for p in unit_text.split("/")]
    if len(parts) > 2 or not all(parts):
        raise UnitError(f"unit must be 'A' or 'A/B' (got {unit_text!r})")
    num, factor = _unit(parts[0])
    if len(parts) == 1:
        return Quantity(number * factor, num)
    den, den_factor = _unit(parts[1])
    return Quantity(number * factor / den_factor, num, den)


def scale(text: str, factor: float) -> str:
    """The quantity ``text`` times ``factor``, written in the same unit.

    >>> scale("37 train/day", 1.1)
    '40.7 train/day'
    """
    parse(text)  # the same rules as a scenario file: a finite number and a known unit
    match = _PATTERN.match(text)
    assert match is not None  # parse accepted it
    number_text, unit_text = match.groups()
    number = float(number_text.replace("_", "").replace(",", ""))
    return f"{number * factor:.6g} {unit_text}"


def describe(dimension: str) -> str:
    """Example units for a dimension, for error messages."""
    examples = {
        "time": "h, day, week, month, yr",
        "mass": "t, kt, Mt",
        "length": "km, m, nmi",
        "length/time": "km/h, kn, km/day",
        "fraction": "%",
        "oil_volume/mass": "bbl/t",
    }
    if dimension in examples:
        return examples[dimension]
    num, _, den = dimension.partition("/")
    units = [s for s, (d, _) in UNITS.items() if d == num]
    text = ", ".join(units) or num
    if den:
        text = " or ".join(f"{u}/h, {u}/day, {u}/yr" for u in units[:2]) or dimension
    return text
