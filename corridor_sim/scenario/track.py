"""Read a rail link's track: ``track: double`` (the default) or
``track: {kind: single, passing_loops: 12, loop_time: 10 min}``."""

from __future__ import annotations

from corridor_sim.model.track import DOUBLE, MAX_LOOPS, TRACK_KINDS, Track
from corridor_sim.scenario.reader import Reader

#: the keys of each kind of track written as a mapping
TRACK_KEYS = {"double": ["kind"], "single": ["kind", "passing_loops", "loop_time"]}


def read_track(r: Reader) -> Track:
    """The track under ``track`` of rail link ``r`` (double if absent)."""
    if not r.has("track"):
        return DOUBLE
    value = r.raw("track")
    if isinstance(value, str):
        if value != "double":
            r.fail(
                "track",
                f"must be 'double' or a mapping {{kind: single, passing_loops: ..., "
                f"loop_time: ...}} (got {value!r})",
            )
        return DOUBLE
    return read_track_mapping(r.sub("track"))


def read_track_mapping(t: Reader) -> Track:
    """A track written as a mapping: its ``kind`` and, for a single track, the number of
    ``passing_loops`` and the station interval ``loop_time`` (both required)."""
    kind = t.choice("kind", TRACK_KINDS)
    keys = TRACK_KEYS[kind]
    t.check_keys(keys, required=keys)
    if kind == "double":
        return DOUBLE
    loops = t.count("passing_loops", minimum=0, maximum=MAX_LOOPS)
    return t.build(Track, "single", loops, t.hours("loop_time", allow_zero=True))
