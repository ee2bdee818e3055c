"""Read a node's dwell stages: ``dwell: [{stage: documents, dist: lognormal, ...}, ...]``."""

from __future__ import annotations

from corridor_sim.model.dwell import RESERVED, DwellStage, check_stages
from corridor_sim.scenario.durations import distribution_of
from corridor_sim.scenario.reader import Reader

#: the keys of a stage besides those of its distribution
STAGE_KEYS = ("stage", "holds_server")


def read_dwell(r: Reader) -> tuple[DwellStage, ...]:
    """The stages under ``dwell``, in order; a ScenarioError at the offending item for a
    repeated name or a stage not holding a server after one that does."""
    items = r.list("dwell")
    if not items:
        r.fail("dwell", "must list at least one stage, e.g. [{stage: documents, dist: ...}]")
    stages = tuple(read_stage(Reader(item, path, r.file, line)) for path, item, line in items)
    r.build(check_stages, stages)
    return stages


def read_stage(s: Reader) -> DwellStage:
    """One stage: its name, its distribution's keys and ``holds_server`` (default true)."""
    if not s.has("dist"):
        s.check_keys([*STAGE_KEYS, "dist"], required=["stage", "dist"])
    time = distribution_of(s, STAGE_KEYS, ("stage",))
    name = s.text("stage")
    if name in RESERVED:
        s.fail("stage", f"must not be {' or '.join(map(repr, RESERVED))} (got {name!r})")
    holds = s.raw("holds_server", True)
    if not isinstance(holds, bool):
        s.fail("holds_server", f"must be true or false (got {holds!r})")
    return s.build(DwellStage, name, time, holds)
