"""Units: quantities with a unit parse into engine units (h, t, km, bbl, natural counts);
anything else is refused with a message that says what is allowed."""

import pytest

from corridor_sim.units import Quantity, UnitError, parse


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
        ("1,000 t", 1000.0, "mass"),
        ("1_000 t", 1000.0, "mass"),
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
