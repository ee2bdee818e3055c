"""A node's dwell stages: one draw per stage per batch, and a histogram of each.

Each stage draws from its own random stream (``node:<name>:dwell:<stage>``), so adding,
removing or reshaping one stage leaves the others' draws unchanged. The histograms count
batches (trains), not tonnes: border dwell is published per train or truck, and a part-
full train waits as long as a full one. They record every batch that starts service in
the statistics period (its stages not holding a server were passed before it queued).
"""

from __future__ import annotations

from collections.abc import Callable

from corridor_sim.engine.records import DwellRecord
from corridor_sim.engine.sampling import Streams, sampler
from corridor_sim.engine.stats import Histogram
from corridor_sim.model.dwell import DwellStage


class Dwell:
    """The stages of one node: :meth:`standing` draws those passed before the batch
    queues for a server, :meth:`held` those it holds a server through (O(stages))."""

    __slots__ = ("_held", "_hist", "_standing", "at_node", "stages", "total")

    def __init__(self, node: str, stages: tuple[DwellStage, ...], streams: Streams) -> None:
        self.stages = stages
        draws = [sampler(s.time, streams.get(f"node:{node}:dwell:{s.name}")) for s in stages]
        self._standing: list[Callable[[], float]] = [
            d for d, s in zip(draws, stages, strict=True) if not s.holds_server
        ]
        self._held: list[Callable[[], float]] = [
            d for d, s in zip(draws, stages, strict=True) if s.holds_server
        ]
        self._hist: list[Histogram] = []
        self.total = Histogram()
        self.at_node = Histogram()
        self.reset()

    @property
    def has_standing(self) -> bool:
        """True if some stage is passed before the batch queues for a server."""
        return bool(self._standing)

    def standing(self) -> list[float]:
        """One draw (h) of each stage not holding a server, in order."""
        return [draw() for draw in self._standing]

    def held(self, standing: list[float], waited_h: float) -> float:
        """Hours the batch starting service now holds a server: one draw of each stage
        holding one. Records the batch's stages (``standing`` drawn at admission), their
        total and its time at the node (``waited_h`` since admission plus the server
        time); :meth:`reset` at the warm-up's end limits them to the statistics period."""
        draws = [draw() for draw in self._held]
        hours = sum(draws)
        every = standing + draws
        for hist, h in zip(self._hist, every, strict=True):
            hist.add(h)
        self.total.add(sum(every))
        self.at_node.add(waited_h + hours)
        return hours

    def reset(self) -> None:
        """Start the statistics period: forget what was recorded."""
        self._hist = [Histogram() for _ in self.stages]
        self.total = Histogram()
        self.at_node = Histogram()

    def record(self) -> tuple[DwellRecord, ...]:
        """Per stage, then ``total`` (the stages' sum) and ``at_node`` (admission to the
        end of service, including the wait for a server)."""
        stages = tuple(
            DwellRecord(s.name, h, s.holds_server)
            for s, h in zip(self.stages, self._hist, strict=True)
        )
        return (*stages, DwellRecord("total", self.total), DwellRecord("at_node", self.at_node))
