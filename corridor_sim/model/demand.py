"""Flows of cargo: what enters the corridor, where, how much and along which route."""

from __future__ import annotations

from dataclasses import dataclass

ARRIVAL_PATTERNS = ("poisson", "block_train", "parcels", "deterministic")


@dataclass(frozen=True)
class FlowSpec:
    """A flow of one commodity from an origin to a destination.

    Attributes
    ----------
    volume_units_per_h : mean arrival rate in the commodity's natural unit per hour.
    pattern : ``poisson`` (Poisson batches), ``block_train``/``parcels`` (Poisson batches
        of ``size_units``) or ``deterministic`` (evenly spaced batches).
    size_units : units per arrival.
    seasonality : twelve monthly multipliers of the rate, January first (mean 1).
    path : the resolved route, alternating node and link names, origin first.
    """

    name: str
    commodity: str
    origin: str
    destination: str
    volume_units_per_h: float
    pattern: str = "poisson"
    size_units: float = 1.0
    seasonality: tuple[float, ...] = (1.0,) * 12
    path: tuple[str, ...] = ()

    @property
    def nodes(self) -> tuple[str, ...]:
        """The nodes along the route, origin to destination."""
        return self.path[0::2]

    @property
    def links(self) -> tuple[str, ...]:
        """The links along the route, in order."""
        return self.path[1::2]
