"""Acceptance control: a railway's embargo on cargo for a congested node.

When too much cargo of one handling class stands at a node (a Caspian port's sidings),
the railway in front of it stops dispatching new cargo of that class towards it, and
resumes once the stock has fallen back: a hysteresis control on the node's stock, as
KTZ does for Kuryk (it stopped dispatches once more than 700 loaded wagons stood in the
port zone). Cargo already on its way still arrives; new cargo waits at its origin or, if
its flow has another route, takes that one.

What is counted (``counts``): the cargo ``standing`` at the node (what the KTZ report
counts), or the cargo ``committed`` to it: standing there or sent towards it and on its
way, as a railway that plans acceptance from the approach as well. Counting what is
committed keeps the count within one consignment of ``above``; counting what stands lets
the cargo on its way overshoot it.
"""

from __future__ import annotations

from dataclasses import dataclass

from corridor_sim.model import checks

#: what an embargo counts: the cargo standing at its node, or also what is on its way
EMBARGO_COUNTS = ("standing", "committed")


@dataclass(frozen=True)
class Embargo:
    """Stop accepting new cargo of one handling class for a node when more than
    ``above_units`` of it stand there (or, ``counts="committed"``, stand there or are on
    their way), and accept again once at most ``below_units`` do (units of the class:
    TEU, wagon, truck, t)."""

    above_units: float
    below_units: float
    counts: str = "standing"

    def __post_init__(self) -> None:
        checks.choice(self.counts, EMBARGO_COUNTS, "counts")
        checks.positive(self.above_units, "above")
        checks.non_negative(self.below_units, "below")
        if self.below_units >= self.above_units:
            checks.fail(
                "below",
                f"must be below 'above' so the embargo can lift (got {self.below_units:g} "
                f">= {self.above_units:g})",
            )
