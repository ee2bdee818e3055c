"""Background (non-corridor) trains: other traffic sharing a border, terminal or line.

Dostyk's daily train quota, say, is shared by every Kazakhstan-China freight train, not
only the corridor's. A :class:`Background` load is a rate of trains that take capacity
(a server and a start of the daily quota at a node, a departure slot of a rail line in
each direction) without being cargo of the model: they are never counted as delivered.

The rate is given in trains a day, or as a yearly tonnage and a train load, converted by
:func:`trains_per_day` (the given form is kept on the spec, so reports can show it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from corridor_sim.model import checks
from corridor_sim.units import DAYS_PER_YEAR

#: how background trains arrive: evenly spaced (a timetable) or at random (Poisson)
ARRIVALS = ("regular", "poisson")


def trains_per_day(tonnes_per_year: float, per_train_t: float) -> float:
    """Trains a day carrying ``tonnes_per_year`` at ``per_train_t`` tonnes a train, over
    a 365-day year (:data:`~corridor_sim.units.DAYS_PER_YEAR`).

    >>> round(trains_per_day(15e6, 2000.0), 2)  # 15 Mt/yr in 2000 t trains
    20.55
    """
    return tonnes_per_year / per_train_t / DAYS_PER_YEAR


@dataclass(frozen=True, slots=True)
class Background:
    """Background trains at one node, or in each direction of one rail line.

    Attributes
    ----------
    trains_per_day : the rate, trains a day (> 0).
    arrivals : ``"regular"`` (one every ``24 / trains_per_day`` hours, from a random
        start) or ``"poisson"`` (exponential gaps of that mean).
    tonnes_per_year, per_train_t : the tonnage and train load the rate was given as
        (both or neither); ``trains_per_day`` must then equal :func:`trains_per_day` of
        them.

    >>> Background(12.0, "poisson").headway_h
    2.0
    >>> Background(0.0)
    Traceback (most recent call last):
    ...
    corridor_sim.errors.ScenarioError: trains_per_day: must be > 0 (got 0.0)
    """

    trains_per_day: float
    arrivals: str = "regular"
    tonnes_per_year: float | None = None
    per_train_t: float | None = None

    def __post_init__(self) -> None:
        rate = checks.positive(self.trains_per_day, "trains_per_day")
        checks.choice(self.arrivals, ARRIVALS, "arrivals")
        given = (self.tonnes_per_year, self.per_train_t)
        if given.count(None) == 1:
            checks.fail(
                "per_train_t" if self.per_train_t is None else "tonnes_per_year",
                f"give both tonnes_per_year and per_train_t, or neither (got {given!r})",
            )
        if self.tonnes_per_year is not None and self.per_train_t is not None:
            tonnes = checks.positive(self.tonnes_per_year, "tonnes_per_year")
            load = checks.positive(self.per_train_t, "per_train_t")
            expected = trains_per_day(tonnes, load)
            if not math.isclose(rate, expected, rel_tol=1e-9):
                checks.fail(
                    "trains_per_day",
                    f"must be {expected:g}, {tonnes:g} t/yr in {load:g} t trains (got {rate!r})",
                )

    @classmethod
    def of_tonnes(
        cls, tonnes_per_year: float, per_train_t: float, arrivals: str = "regular"
    ) -> Background:
        """The trains carrying ``tonnes_per_year`` at ``per_train_t`` a train.

        >>> Background.of_tonnes(7.3e6, 2000.0).trains_per_day
        10.0
        """
        rate = trains_per_day(
            checks.positive(tonnes_per_year, "tonnes_per_year"),
            checks.positive(per_train_t, "per_train_t"),
        )
        return cls(rate, arrivals, tonnes_per_year, per_train_t)

    @property
    def headway_h(self) -> float:
        """Mean hours between background trains."""
        return 24.0 / self.trains_per_day

    def describe(self) -> str:
        """The rate in words, with the tonnage it was given as.

        >>> Background.of_tonnes(7.3e6, 2000.0, "poisson").describe()
        '10 trains/day (7.3 Mt/yr at 2000 t a train), poisson'
        """
        text = f"{self.trains_per_day:.3g} trains/day"
        if self.tonnes_per_year is not None:
            text += f" ({self.tonnes_per_year / 1e6:g} Mt/yr at {self.per_train_t:g} t a train)"
        return f"{text}, {self.arrivals}"


def check_room(background: Background, capacity_per_day: float, what: str) -> None:
    """Refuse a background rate that fills ``capacity_per_day`` (trains a day of the
    element's ``what``): the corridor would never get a train through, and background
    trains would queue without end."""
    if background.trains_per_day >= capacity_per_day:
        checks.fail(
            "background",
            f"must stay below the {what} ({capacity_per_day:g} trains/day), or no corridor "
            f"train gets through (got {background.describe()})",
        )
