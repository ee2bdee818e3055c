"""Commodities: what travels, in which natural unit, and how it is handled."""

from __future__ import annotations

from dataclasses import dataclass

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
    mass_per_unit_t : tonnes of cargo in one unit.
    handling : handling class (one of :data:`HANDLING_CLASSES`).
    barrels_per_tonne : oil density, bbl/t, when volumes are given in barrels.
    """

    name: str
    unit: str
    mass_per_unit_t: float
    handling: str
    barrels_per_tonne: float | None = None
