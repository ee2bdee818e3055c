"""Active periods of elements, for the shifting-bottleneck method (Roser et al. 2001).

Recorded only when a simulation is made with ``trace_activity=True`` (each element that
:meth:`~corridor_sim.engine.element.Element.traceable` gets a log); otherwise every
element's ``activity`` is None and the engine does no extra work. An element is
*active* while it has no spare capacity: it is working with every server, vessel, berth
or line slot it has, or it is down (closed, under repair). Starved or blocked it is
inactive. Elements without a capacity limit (transfers, rail lines without a line
capacity, nodes without servers, quota or berths) are not traced.
"""

from __future__ import annotations


class ActivityLog:
    """On/off record of one element: closed ``(start, end)`` periods in hours, with
    periods that touch merged into one."""

    __slots__ = ("periods", "since")

    def __init__(self) -> None:
        self.periods: list[tuple[float, float]] = []
        self.since: float | None = None

    def update(self, active: bool, now: float) -> None:
        """The element is (or is not) active from ``now`` on."""
        if active:
            if self.since is None:
                touching = self.periods and self.periods[-1][1] >= now
                self.since = self.periods.pop()[0] if touching else now
        elif self.since is not None:
            self.periods.append((self.since, now))
            self.since = None

    def until(self, now: float) -> list[tuple[float, float]]:
        """Every period up to ``now``, the open one closed at ``now``."""
        if self.since is None:
            return list(self.periods)
        return [*self.periods, (self.since, now)]
