"""Units: quantities with a unit parse into engine units (h, t, km, bbl, natural counts);
anything else is refused with a message that says what is allowed."""

import re

import pytest

from corridor_sim import units
from corridor_sim.units import Quantity, UnitError, parse, scale


@pytest.mark.parametrize(
    ("text", "value", "dimension"),
    [
        ("20 h", 20.0, "time"),
        ("90 min", 1.5, "time"),
        ("2 day", 48.0, "time"),  # 24 h a day
        ("3 days", 72.0, "time"),  # plurals are accepted
        ("1 week", 168.0, "time"),
        ("1 month", 730.0, "time"),  # 8760 / 12
        ("1 yr", 8760.0, "time"),  # 365 days, no leap day
        ("14 kn", 14 * 1.852, "length/time"),  # 1 kn = 1 nmi/h = 1.852 km/h
        ("100 nmi", 185.2, "length"),
        ("1500 m", 1.5, "length"),
        ("48 km/day", 2.0, "length/time"),
        ("4.1 Mt/yr", 4.1e6 / 8760, "mass/time"),
        ("500 kg", 0.5, "mass"),
        ("1.2e6 bbl/day", 1.2e6 / 24, "oil_volume/time"),
        ("1 m3", 6.28981, "oil_volume"),
        ("10e6 bbl", 1e7, "oil_volume"),
        ("7.3 bbl/t", 7.3, "oil_volume/mass"),
        ("56500 TEU/yr", 56500 / 8760, "TEU/time"),
        ("3 FEU", 6.0, "TEU"),  # an FEU is 2 TEU
        ("28 train/day", 28 / 24, "train/time"),
        ("72 %", 0.72, "fraction"),
        ("1_000 t", 1000.0, "mass"),  # underscores group digits; commas are refused
        ("-5 wagon", -5.0, "wagon"),  # the sign is the reader's business, not the parser's
    ],
)
def test_parse_converts_to_engine_units(text, value, dimension):
    """parse() gives the value in the engine unit of the quantity's dimension."""
    q = parse(text)
    assert q.value == pytest.approx(value, rel=1e-12)
    assert q.dimension == dimension


def test_quantity_records_numerator_and_denominator():
    """A rate keeps both dimensions."""
    assert parse("25 TEU/h") == Quantity(25.0, "TEU", "time")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("20", "needs a unit"),  # a bare number where a unit is needed
        (20, "needs a number with a unit"),  # not even text
        (True, "needs a number with a unit"),
        ("h", "needs a number with a unit"),
        ("twenty h", "needs a number with a unit"),
        ("5 parsec", "unknown unit 'parsec'; known units: s, min, h"),
        ("5 t/parsec", "unknown unit 'parsec'"),
        ("1 t/h/h", "unit must be 'A' or 'A/B'"),
        ("1 t/", "unit must be 'A' or 'A/B'"),
        ("nan h", "finite"),
        ("inf t", "finite"),
    ],
)
def test_parse_errors_say_what_is_wrong(value, message):
    """Unparseable quantities raise UnitError (a ValueError) with an explanation."""
    with pytest.raises(UnitError, match=message):
        parse(value)
    assert issubclass(UnitError, ValueError)


@pytest.mark.parametrize(
    ("text", "same_as"),
    [
        ("12 knots", "12 kn"),
        ("1 knot", "1 kn"),
        ("12 kts", "12 kn"),
        ("200 nm", "200 nmi"),
        ("100 nm/day", "100 nmi/day"),
        ("2 d", "2 day"),
        ("2 days", "2 day"),
        ("1 hour", "1 h"),
        ("3 hours", "3 h"),
        ("3 hrs", "3 h"),
        ("30 minutes", "30 min"),
        ("45 seconds", "45 s"),
        ("2 weeks", "2 week"),
        ("1 year", "1 yr"),
        ("3 years", "3 yr"),
        ("5 yrs", "5 yr"),
        ("1 tonne", "1 t"),
        ("60 tonnes", "60 t"),
        ("4 tonnes/yr", "4 t/yr"),
        ("10 barrels", "10 bbl"),
        ("3 TEUs", "3 TEU"),
        ("2 FEUs", "2 FEU"),
        ("50 wagons/day", "50 wagon/day"),
        ("20 trucks/h", "20 truck/h"),
        ("28 trains/day", "28 train/day"),
        ("2 vessels", "2 vessel"),
        ("72 percent", "72 %"),
    ],
)
def test_unit_aliases_people_write(text, same_as):
    """Plurals and the usual names of units read as their symbol (12 knots, 200 nm)."""
    assert parse(text) == parse(same_as)


def test_kt_is_a_kilotonne_not_a_knot():
    """The one clash in the aliases: 'kt' keeps its meaning of 1,000 t."""
    assert parse("2 kt") == Quantity(2000.0, "mass")


def test_every_alias_names_a_unit():
    """Each alias leads to a unit symbol; no alias hides a symbol."""
    for alias, symbol in units.ALIASES.items():
        assert symbol in units.UNITS or symbol in units.SPECIAL, alias
        assert alias not in units.UNITS and alias not in units.SPECIAL, alias


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1,5 h", r"use a decimal point: '1.5 h' \(got '1,5 h'\)$"),
        ("0,25 day", r"use a decimal point: '0.25 day'"),
        ("-1,5 t", r"use a decimal point: '-1.5 t'"),
        ("20,000 TEU", r"commas are not read in numbers .*: write '20000 TEU' or '20_000 TEU'"),
        ("1,500 t/h", r"write '1500 t/h' or '1_500 t/h'"),
        ("1,234,567.5 bbl", r"write '1234567.5 bbl' or '1_234_567.5 bbl'"),
    ],
)
def test_numbers_with_commas_are_refused(text, message):
    """A decimal comma (1,5 h) was read as 15 h, and 1,500 may mean 1.5 or 1500: refused."""
    with pytest.raises(UnitError, match=message):
        parse(text)


@pytest.mark.parametrize(
    ("text", "engine_unit"),
    [
        ("1e306 nmi", "km"),  # length: finite in nmi, absurd in km
        ("1e305 Mt", "t"),  # mass: infinite once converted
        ("1e13 h", "h"),  # time
        ("2e8 yr", "h"),
        ("1e-12 h", "h"),  # too small to mean anything (3.6 ns)
        ("1e300 wagon/yr", "wagon/h"),  # a rate
        ("1e13 TEU", "TEU"),  # a count
        ("1e13 kn", "km/h"),  # a speed in one symbol
        ("1e14 bbl/day", "bbl/h"),  # oil volume: 4e12 bbl/h
        ("1e-300 bbl/t", "bbl/t"),  # a density that would make tonnes infinite
        ("1e-8 %", ""),  # a fraction
    ],
)
def test_quantities_stay_within_bounds_once_converted(text, engine_unit):
    """Every quantity is 0 or between 1e-9 and 1e12 engine units, so it and every product
    or ratio of two of them is finite."""
    unit = f" {engine_unit}" if engine_unit else ""
    expected = f"must be 0 or between 1e-09 and 1e+12{unit} once converted (got {text!r} = "
    with pytest.raises(UnitError, match=re.escape(expected)):
        parse(text)


def test_bounds_are_inclusive_and_zero_is_allowed():
    assert parse("0 h").value == 0.0
    assert parse("1e12 t").value == 1e12
    assert parse("1e-9 wagon").value == 1e-9


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("12 knts", r"unknown unit 'knts' \(did you mean 'knots'\?\); known units: s, min, h"),
        ("3 Hours", r"did you mean 'hours'\?"),
        ("3 HOURS", r"did you mean 'hours'\?"),
        ("5 tonns", r"did you mean 'tonnes'"),
        ("5 mt", r"unit 'mt' is ambiguous: write 't' for tonnes or 'Mt' for million tonnes"),
        ("5 tons", r"unit 'tons' is ambiguous: write 't' for metric tonnes"),
        ("5 miles", r"unit 'miles' is ambiguous: write 'nmi' for nautical miles, or 'km'"),
    ],
)
def test_unknown_units_suggest_the_nearest(text, message):
    """A misspelt unit gets a 'did you mean'; ambiguous ones say what to write."""
    with pytest.raises(UnitError, match=message):
        parse(text)


def test_unknown_unit_lists_every_unit_symbol():
    with pytest.raises(UnitError) as info:
        parse("5 furlong")
    for symbol in [*units.UNITS, *units.SPECIAL]:
        assert f" {symbol}," in str(info.value) or f" {symbol} (" in str(info.value), symbol
    assert "knots, nm" in str(info.value)


@pytest.mark.parametrize("dimension", ["time", "mass", "length", "length/time", "TEU"])
def test_spellings_parse_to_their_dimension(dimension):
    """units.spellings (used by the JSON Schema) lists only spellings parse() reads so."""
    names = units.spellings(dimension)
    assert names
    for name in names:
        assert parse(f"2 {name}").dimension == dimension, name


def test_scale_keeps_the_unit_and_the_rules():
    assert scale("20 knots", 1.5) == "30 knots"
    with pytest.raises(UnitError, match="use a decimal point"):
        scale("1,5 h", 2.0)
