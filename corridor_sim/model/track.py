"""The track of a rail line: double (each direction its own track) or single, with
passing loops where trains of the two directions cross.

On a single track with ``passing_loops`` loops the line is ``passing_loops + 1`` equal
sections. A train holds a section for its running time over it plus ``loop_time_h``, the
station interval (setting the points, clearing the signals, entering the loop); at most
one train is on a section at a time, whichever its direction. Over a line whose sections
are all busy the classic single-track capacity follows: ``24 / (t1 + t2 + tau1 + tau2)``
pairs of trains a day, with ``t`` the running time over the longest section.
"""

from __future__ import annotations

from dataclasses import dataclass

from corridor_sim.model import checks

TRACK_KINDS = ("double", "single")
MAX_LOOPS = 1000  # each section is an event per train


@dataclass(frozen=True, slots=True)
class Track:
    """A rail line's track: ``kind`` ``"double"`` (the default) or ``"single"`` with
    ``passing_loops`` loops and a station interval of ``loop_time_h`` hours.

    >>> single = Track("single", passing_loops=3, loop_time_h=0.25)
    >>> single.sections, single.section_h(10.0), single.occupation_h(10.0)
    (4, 2.5, 2.75)
    >>> round(single.pairs_per_day(10.0), 3)
    4.364
    >>> round(single.trains_per_day(10.0, both_ways=False), 3)
    8.727
    """

    kind: str = "double"
    passing_loops: int = 0
    loop_time_h: float = 0.0

    def __post_init__(self) -> None:
        checks.choice(self.kind, TRACK_KINDS, "kind")
        loops = checks.whole(self.passing_loops, "passing_loops", 0)
        if loops > MAX_LOOPS:
            checks.fail("passing_loops", f"must be <= {MAX_LOOPS} (got {loops})")
        checks.non_negative(self.loop_time_h, "loop_time_h")
        if self.kind == "double" and (loops or self.loop_time_h):
            checks.fail(
                "passing_loops" if loops else "loop_time_h",
                "a double track has no passing loops (give kind 'single')",
            )

    @property
    def single(self) -> bool:
        """True for a single track (both directions share its sections)."""
        return self.kind == "single"

    @property
    def sections(self) -> int:
        """Sections between the loops (and the line's two ends)."""
        return self.passing_loops + 1

    def section_h(self, travel_h: float) -> float:
        """Running time over one section, h: the line's travel time split equally."""
        return travel_h / self.sections

    def occupation_h(self, travel_h: float) -> float:
        """Hours a train holds a section: its running time plus the station interval."""
        return self.section_h(travel_h) + self.loop_time_h

    def pairs_per_day(self, travel_h: float) -> float:
        """Pairs of trains (one each way) a day the single track carries at most:
        24 / (t1 + t2 + tau1 + tau2) with equal sections; infinite if a train holds a
        section for no time."""
        pair_h = 2 * self.occupation_h(travel_h)
        return 24.0 / pair_h if pair_h > 0 else float("inf")

    def trains_per_day(self, travel_h: float, *, both_ways: bool) -> float:
        """Trains a day the track carries at most in one direction: on a single track
        used ``both_ways`` the pairs a day (:meth:`pairs_per_day`: the trains of the two
        directions alternate on the longest section), used one way only 24 / (t + tau)
        (the trains follow one hold apart); infinite on a double track or if a train
        holds a section for no time."""
        if not self.single:
            return float("inf")
        if both_ways:
            return self.pairs_per_day(travel_h)
        hold_h = self.occupation_h(travel_h)
        return 24.0 / hold_h if hold_h > 0 else float("inf")


DOUBLE = Track()
