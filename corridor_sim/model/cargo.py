"""Commodities: what travels, in which natural unit, and how it is handled."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from corridor_sim.model import checks

#: handling classes decide which berths, storage, train and vessel space cargo uses
HANDLING_CLASSES = ("container", "wagon", "roro", "liquid", "general")

#: natural units a commodity may be counted in
CARGO_UNITS = ("TEU", "wagon", "truck", "t")


@dataclass(frozen=True, slots=True)
class Commodity:
    """A kind of cargo.

    Attributes
    ----------
    name : commodity name used by flows.
    unit : natural unit (``TEU``, ``wagon``, ``truck`` or ``t``).
    mass_per_unit_t : tonnes of cargo in one unit (1 when the unit is ``t``).
    handling : handling class (one of :data:`HANDLING_CLASSES`).
    barrels_per_tonne : oil density, bbl/t, when volumes are given in barrels.

    Raises :class:`~corridor_sim.errors.ScenarioError` naming the field if a value is
    out of range.
    """

    name: str
    unit: str
    mass_per_unit_t: float
    handling: str
    barrels_per_tonne: float | None = None

    def __post_init__(self) -> None:
        checks.name(self.name, "name")
        checks.choice(self.unit, CARGO_UNITS, "unit")
        mass = checks.positive(self.mass_per_unit_t, "mass_per_unit_t")
        if self.unit == "t" and abs(mass - 1.0) > 1e-9:
            checks.fail("mass_per_unit_t", f"must be 1 when the unit is t (got {mass!r})")
        checks.choice(self.handling, HANDLING_CLASSES, "handling")
        if self.barrels_per_tonne is not None:
            checks.positive(self.barrels_per_tonne, "barrels_per_tonne")


def heaviest_unit_t(commodities: Iterable[Commodity]) -> dict[str, float]:
    """Tonnes of cargo in the heaviest unit of each handling class among ``commodities``
    (what a vessel's deadweight must allow for, one unit of the class at a time).

    >>> heaviest_unit_t([Commodity("grain", "wagon", 65.0, "wagon"),
    ...                  Commodity("oil", "wagon", 60.0, "wagon")])
    {'wagon': 65.0}
    """
    out: dict[str, float] = {}
    for c in commodities:
        out[c.handling] = max(out.get(c.handling, 0.0), c.mass_per_unit_t)
    return out
