"""Expected availability of elements under a scenario's disruptions (for capacity bounds).

Weather: for each calendar month, the share of the month not closed, assuming episodes of
different weather entries overlap at random (so open shares multiply), weighted by the
month's length. Scheduled closures: the closed share of the statistics period. Failures:
``mtbf / (mtbf + mttr)`` for an element that closes whole (a vessel, a rail line, a
pipeline, a node without servers); a node with servers loses one server at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from corridor_sim.model.disruptions import Closure, Failures, Weather
from corridor_sim.model.scenario import Scenario

DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True)
class Availability:
    """Expected shares of time an element can work.

    ``weather`` and ``closures`` apply to the element as a whole; ``failures`` to the
    element as a whole, or per vessel on a sea link; ``servers_out`` is the expected
    number of a node's servers under repair.
    """

    weather: float = 1.0
    closures: float = 1.0
    failures: float = 1.0
    servers_out: float = 0.0
    weather_days: float = 0.0

    @property
    def share(self) -> float:
        """The product of weather, closures and failures."""
        return self.weather * self.closures * self.failures

    def describe(self) -> str:
        """E.g. ``"availability 0.86 (weather 49.5 d/yr, failures 0.98)"``."""
        parts = []
        if self.weather < 1:
            parts.append(f"weather {self.weather_days:.1f} d/yr closed")
        if self.closures < 1:
            parts.append(f"closures {self.closures:.3f}")
        if self.failures < 1:
            parts.append(f"failures {self.failures:.3f}")
        if self.servers_out:
            parts.append(f"{self.servers_out:.3f} servers out on average")
        return f"availability {self.share:.3f}" + (f" ({', '.join(parts)})" if parts else "")


def weather_share(scenario: Scenario, names: Iterable[str]) -> tuple[float, float]:
    """Expected open share of the year for elements closed by weather on any of ``names``,
    and the expected closed days a year."""
    touched = set(names)
    entries = [
        d for d in scenario.disruptions if isinstance(d, Weather) and touched & set(d.elements)
    ]
    open_days = 0.0
    for m, days in enumerate(DAYS_IN_MONTH):
        share = 1.0
        for d in entries:
            share *= 1.0 - min(1.0, d.closure_days_per_month[m] / days)
        open_days += days * share
    return open_days / 365.0, 365.0 - open_days


def closure_share(scenario: Scenario, names: Iterable[str]) -> float:
    """Open share of the statistics period left by scheduled closures of ``names``."""
    touched = set(names)
    s = scenario.settings
    share = 1.0
    for d in scenario.disruptions:
        if isinstance(d, Closure) and touched & set(d.elements):
            lo = max(d.start_h, s.warmup_h)
            hi = min(d.start_h + d.duration_h, s.end_h)
            share *= 1.0 - max(0.0, hi - lo) / s.horizon_h
    return share


def availability(
    scenario: Scenario, element: str, *, also: Iterable[str] = (), servers: int = 0
) -> Availability:
    """Expected availability of ``element``; weather and closures of the elements in
    ``also`` (a sea link's ports) count too. With ``servers``, failures take out one
    server at a time instead of the whole element."""
    names = [element, *also]
    weather, days = weather_share(scenario, names)
    failures, out = 1.0, 0.0
    for d in scenario.disruptions:
        if isinstance(d, Failures) and element in d.elements:
            down = d.mttr_h / (d.mtbf_h + d.mttr_h)
            if servers:
                out += down
            else:
                failures *= 1.0 - down
    return Availability(weather, closure_share(scenario, names), failures, out, days)
