"""Draft and load: how much a vessel may load when the water is shallower than its
design draft, per handling class and per call date.

The mechanism ("the load a vessel can take falls with the water depth it must clear",
``MODELLING.md``):

- A port's **permissible draft** on a date is its water depth less the under-keel
  clearance; the depth is a reference depth on a reference date plus a yearly trend
  (m/yr; the Caspian falls, so the trend is negative). :class:`WaterDepth`.
- A call's **usable draft** is the smaller permissible draft of the link's two ports on
  the call date: the vessel leaves one port and enters the other at that draft (a
  crossing takes hours; the level moves centimetres a year).
- The **deadweight** a vessel has at a draft ``T`` below its design draft ``T_d`` is
  ``DWT - TPC x 100 x (T_d - T)`` (``TPC``, tonnes per centimetre immersion, constant
  over the range: the hull is wall-sided near the waterline), never below 0. At or above
  ``T_d`` it is ``DWT``: a vessel never loads deeper than its design draft.
  :class:`Draft`.
- Per handling class the vessel takes ``min(slots, floor(DWT' / m))`` units, ``m``
  being the gross mass of one unit: the heaviest cargo per unit of the class among the
  scenario's commodities plus the **tare** of the unit on this vessel (the wagon, the
  truck and trailer, the box and its share of a flat wagon). Units are whole: a ferry
  takes whole wagons. The class's **load factor** is that count over the slots.

Why per class and not one factor: a heavy tank wagon fills the deadweight with fewer
units than a truck or a box, so the same draft cuts wagons more (the published
Baku-Turkmenbashi Ro-Pax cuts are 37 % for tank wagons and 19 % for trucks).

A mixed load stays within the deadweight: the loading code fills shares ``s_c`` of each
class's reduced capacity ``cap_c`` with ``sum s_c <= 1``, and each ``cap_c x m_c <=
DWT'``, so the load weighs ``sum s_c cap_c m_c <= DWT'``. Using the heaviest commodity of
a class keeps this true for every commodity of it.

Not modelled: trim, stability and stowage (a ferry's rail tracks take wagons in fixed
places), fuel, water and stores (the published deadweight includes them, so loads are an
upper bound), and squat in the approach channels.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from corridor_sim.model import checks
from corridor_sim.model.cargo import HANDLING_CLASSES
from corridor_sim.units import DAYS_PER_YEAR, HOURS_PER_YEAR

CM_PER_M = 100.0
#: hours in the year the trend is per (the engine's year of 365 days)
YEAR_H = HOURS_PER_YEAR
#: classes counted in whole units (a ferry takes whole wagons); the others are tonnes
WHOLE_UNITS = frozenset({"container", "wagon", "roro"})


@dataclass(frozen=True)
class WaterDepth:
    """A port's water depth at its berths and approaches, changing with the sea level.

    ``depth_m`` is the depth on ``date``; it changes by ``trend_m_per_yr`` a year
    (negative while the sea falls). The permissible draft is the depth less
    ``under_keel_m``.

    >>> kuryk = WaterDepth(4.0, dt.date(2024, 1, 1), trend_m_per_yr=-0.25, under_keel_m=0.5)
    >>> kuryk.draft_m(kuryk.years_since(dt.date(2025, 12, 31)))  # 730 days: 2 years
    3.0
    """

    depth_m: float
    date: dt.date
    trend_m_per_yr: float = 0.0
    under_keel_m: float = 0.0

    def __post_init__(self) -> None:
        checks.positive(self.depth_m, "depth_m")
        checks.instance(self.date, dt.date, "a date", "date")
        checks.number(self.trend_m_per_yr, "trend_m_per_yr")
        keel = checks.non_negative(self.under_keel_m, "under_keel_m")
        if keel >= self.depth_m:
            checks.fail(
                "under_keel_m", f"must be < depth_m {self.depth_m:g} (got {self.under_keel_m!r})"
            )

    def years_since(self, day: dt.date) -> float:
        """Years (of 365 days, as the engine counts them) from ``date`` to ``day``."""
        return (day - self.date).days / DAYS_PER_YEAR

    def draft_m(self, years: float) -> float:
        """Permissible draft ``years`` after ``date``, m (0 once the water is gone)."""
        return max(0.0, self.depth_m + self.trend_m_per_yr * years - self.under_keel_m)


@dataclass(frozen=True)
class Draft:
    """A vessel's loading by draft: design (summer) draft, m; deadweight at that draft,
    t; tonnes per centimetre immersion, t/cm; and the tare of one unit of each handling
    class it carries, t (the vehicle or box the cargo rides in, on this vessel).

    >>> ropax = Draft(4.5, 5740.0, 23.2, {"wagon": 27.0})
    >>> round(ropax.deadweight_at(3.5), 6)   # 5740 t - 23.2 t/cm x 100 cm
    3420.0
    >>> ropax.units({"wagon": 56.0}, 3.5, {"wagon": 65.0})   # 3420 / (65 + 27) = 37.2
    {'wagon': 37.0}
    """

    design_m: float
    deadweight_t: float
    tpc_t_per_cm: float
    tare_t: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        checks.positive(self.design_m, "design_m")
        checks.positive(self.deadweight_t, "deadweight_t")
        checks.positive(self.tpc_t_per_cm, "tpc_t_per_cm")
        checks.amounts(self.tare_t, "tare_t", HANDLING_CLASSES, minimum=0.0)

    def deadweight_at(self, draft_m: float) -> float:
        """Deadweight, t, when the vessel may float at most ``draft_m`` deep."""
        lost = max(0.0, self.design_m - draft_m) * CM_PER_M * self.tpc_t_per_cm
        return max(0.0, self.deadweight_t - lost)

    def units(
        self, slots: Mapping[str, float], draft_m: float, cargo_t: Mapping[str, float]
    ) -> dict[str, float]:
        """Units of each class the vessel may take alone at ``draft_m``: its ``slots``,
        or fewer if their gross mass (``cargo_t`` per unit + tare) exceeds the
        deadweight."""
        dwt = self.deadweight_at(draft_m)
        out = {}
        for cls, n in slots.items():
            gross = cargo_t.get(cls, 0.0) + self.tare_t.get(cls, 0.0)
            fits = dwt / gross if gross > 0 else math.inf
            if cls in WHOLE_UNITS:
                fits = float(math.floor(fits + 1e-9))
            out[cls] = min(n, fits)
        return out

    def factors(
        self, slots: Mapping[str, float], draft_m: float, cargo_t: Mapping[str, float]
    ) -> dict[str, float]:
        """Load factor per class at ``draft_m``: :meth:`units` over ``slots``."""
        units = self.units(slots, draft_m, cargo_t)
        return {cls: units[cls] / n for cls, n in slots.items()}


def usable_draft_m(depths: tuple[WaterDepth | None, ...], years: tuple[float, ...]) -> float:
    """The smaller permissible draft of the ports with a depth, ``years[i]`` after each
    one's reference date; infinite if none has a depth."""
    drafts = [d.draft_m(y) for d, y in zip(depths, years, strict=True) if d is not None]
    return min(drafts, default=math.inf)
