"""Dwell at a border or terminal as named stages (documents, inspection, gauge change).

A node with ``dwell`` times each batch as the sum of one draw per stage instead of its
``service_time`` (and ``gauge_change``). Stages that hold a server (a transshipment
track) run while the batch occupies one; stages that do not (waiting for documents on a
reception track, say) are passed first, before the batch queues for a server, so they
lengthen the time at the node without using its capacity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corridor_sim.model import checks
from corridor_sim.model.distributions import Distribution

#: names the results give the sum over stages and the whole time at the node
RESERVED = ("total", "at_node")


@dataclass(frozen=True, slots=True)
class DwellStage:
    """One stage of a node's dwell: ``time`` per batch, h; ``holds_server`` says whether
    the batch occupies a server (track) through it.

    >>> from corridor_sim.model.distributions import deterministic
    >>> DwellStage("documents", deterministic(6.0), holds_server=False).time.mean_h
    6.0
    """

    name: str
    time: Distribution
    holds_server: bool = True

    def __post_init__(self) -> None:
        checks.name(self.name, "name")
        if self.name in RESERVED:
            checks.fail(
                "name", f"must not be {' or '.join(map(repr, RESERVED))} (got {self.name!r})"
            )
        checks.instance(self.time, Distribution, "a Distribution", "time")
        if not isinstance(self.holds_server, bool):
            checks.fail("holds_server", f"must be true or false (got {self.holds_server!r})")


def check_stages(stages: Sequence[DwellStage], key: str = "dwell") -> None:
    """Stages of one node: distinct names, at least one holding a server, and those not
    holding one listed first (they are passed before the batch queues for a server)."""
    if not isinstance(stages, tuple):
        checks.fail(key, f"must be a tuple of DwellStage (got {checks.show(stages)})")
    seen: set[str] = set()
    held = False
    for i, stage in enumerate(stages):
        checks.instance(stage, DwellStage, "a DwellStage", f"{key}[{i}]")
        if stage.name in seen:
            checks.fail(f"{key}[{i}]", f"stage {stage.name!r} is listed twice")
        seen.add(stage.name)
        if held and not stage.holds_server:
            checks.fail(
                f"{key}[{i}]",
                f"stage {stage.name!r} does not hold a server, so it must come before the "
                "stages that do (it is passed before the batch queues for a server)",
            )
        held = held or stage.holds_server
    if stages and not held:
        checks.fail(key, "needs at least one stage that holds a server (holds_server: true)")
