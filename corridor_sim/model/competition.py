"""Competing corridors: the published time, price and CO2 of the other ways a journey can
go (rail through Russia, the sea through Suez or round the Cape), set beside the
simulated Middle Corridor.

A :class:`Journey` (e.g. China -> Europe) names the model's flows that make it, the legs
of the Middle Corridor journey outside the model (:class:`OutsideLeg`: inland China to
the border, Poti to Constanta, each a time, a price and CO2 added to the simulated part)
and the :class:`Alternative` corridors with their published figures, each a
:class:`Span` from the lowest to the highest figure found (published figures are ranges
and spot prices, not distributions; a span says so). Units throughout: days for time,
USD per TEU of the journey's price year for money, kg of CO2 per tonne of cargo (turned
into kg per TEU with the flow's tonnes per TEU when compared).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from corridor_sim.model import checks


@dataclass(frozen=True)
class Span:
    """The lowest and highest published figure of one quantity (equal for one figure)."""

    low: float
    high: float

    def __post_init__(self) -> None:
        checks.non_negative(self.low, "low")
        checks.non_negative(self.high, "high")
        if self.high < self.low:
            checks.fail("high", f"must be >= low ({self.low:g}) (got {self.high:g})")

    @property
    def mid(self) -> float:
        """The middle of the span (what a single figure is compared at)."""
        return (self.low + self.high) / 2


@dataclass(frozen=True)
class Alternative:
    """Another corridor for the journey: door-to-door ``transit_days``, the freight
    ``price_usd_per_teu`` a shipper pays and ``co2_kg_per_t`` over the whole journey (each
    None: not published);
    ``sources`` are keys of the sources file. ``reference`` marks published figures of
    the Middle Corridor itself, drawn for comparison with the simulated corridor."""

    name: str
    label: str
    transit_days: Span
    price_usd_per_teu: Span | None = None
    co2_kg_per_t: Span | None = None
    sources: tuple[str, ...] = ()
    note: str = ""
    reference: bool = False

    def __post_init__(self) -> None:
        checks.name(self.name, "name")
        checks.text(self.label, "label")
        checks.instance(self.transit_days, Span, "a Span", "transit_days")
        for key in ("price_usd_per_teu", "co2_kg_per_t"):
            if getattr(self, key) is not None:
                checks.instance(getattr(self, key), Span, "a Span", key)


@dataclass(frozen=True)
class OutsideLeg:
    """A leg of the Middle Corridor journey the model does not simulate, added to every
    flow of the journey as published or estimated: days, USD per TEU, kg CO2 per t."""

    name: str
    transit_days: float
    price_usd_per_teu: float
    co2_kg_per_t: float
    sources: tuple[str, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        checks.name(self.name, "name")
        checks.non_negative(self.transit_days, "transit_days")
        checks.non_negative(self.price_usd_per_teu, "price_usd_per_teu")
        checks.non_negative(self.co2_kg_per_t, "co2_kg_per_t")


@dataclass(frozen=True)
class Journey:
    """One origin-destination market (``label``, e.g. "China -> Europe") with the model's
    ``flows`` that serve it, the Middle Corridor's ``legs`` outside the model and the
    ``alternatives``; money in ``currency`` at ``price_year`` prices."""

    name: str
    label: str
    currency: str
    price_year: int
    flows: tuple[str, ...]
    legs: tuple[OutsideLeg, ...]
    alternatives: Mapping[str, Alternative] = field(default_factory=dict)
    description: str = ""
    source: str | None = None

    def __post_init__(self) -> None:
        checks.name(self.name, "name")
        checks.names(self.flows, "flows", what="flow")
        if not self.flows:
            checks.fail("flows", "needs at least one flow of the scenario")
        if not self.alternatives:
            checks.fail("alternatives", "needs at least one alternative corridor")

    @property
    def money(self) -> str:
        """Currency and price year, e.g. ``"USD 2024"``."""
        return f"{self.currency} {self.price_year}"

    @property
    def outside_days(self) -> float:
        """Days the Middle Corridor journey spends outside the model."""
        return sum(leg.transit_days for leg in self.legs)

    @property
    def outside_price_usd_per_teu(self) -> float:
        """USD per TEU paid outside the model."""
        return sum(leg.price_usd_per_teu for leg in self.legs)

    @property
    def outside_co2_kg_per_t(self) -> float:
        """kg CO2 per tonne emitted outside the model."""
        return sum(leg.co2_kg_per_t for leg in self.legs)
