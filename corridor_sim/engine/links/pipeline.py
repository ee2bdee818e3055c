"""Pipelines: continuous flow. Other shippers' base load is served first; the corridor's
batches are injected one after another at the residual capacity and arrive after the
line's transit time. A closure stops injection; a batch part-injected resumes after it."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Generator, Iterable
from typing import Any

import simpy

from corridor_sim.engine.consignment import Consignment
from corridor_sim.engine.context import RunContext
from corridor_sim.engine.links.base import Batch, Lane, Link
from corridor_sim.engine.stats import Level
from corridor_sim.model.network import PipelineLink


class PipelineLane(Lane):
    """The pipeline's only direction: batches wait in the upstream tank farm."""

    link: Pipeline

    def enqueue(self, c: Consignment) -> None:
        self.link.accept(self, c)
        self.link.waiting.append(c)
        self.link.signal()

    def queued(self) -> Iterable[Consignment]:
        return self.link.waiting


class Pipeline(Link):
    """A pipeline link; see the module docstring."""

    lane_class = PipelineLane

    def __init__(self, ctx: RunContext, spec: PipelineLink) -> None:
        super().__init__(ctx, spec)
        self.spec: PipelineLink = spec
        self.residual = spec.residual_t_per_h
        self.waiting: deque[Consignment] = deque()
        self.injecting: list[Consignment] = []
        self.in_line: dict[int, Batch] = {}  # batches in the line, by id
        self.injection = Level()  # t/h of corridor crude being injected
        self._work: simpy.Event | None = None
        self.process = self.env.process(self.run())

    def signal(self) -> None:
        if self._work is not None:
            event, self._work = self._work, None
            event.succeed()

    def run(self) -> Generator[simpy.Event, Any, None]:
        env = self.env
        while True:
            if not self.waiting:
                self._work = env.event()
                yield self._work
            if self.closed or self.residual <= 0:
                yield self.when_open()
                if self.residual <= 0:
                    return  # no capacity ever: cargo stays queued
                continue
            c = self.waiting.popleft()
            lane = next(iter(self.lanes.values()))
            assert isinstance(lane, PipelineLane)
            self.depart(lane, c)
            self.injecting.append(c)
            remaining = c.tonnes
            while remaining > 1e-9:
                if self.closed:
                    yield self.when_open()
                start = env.now
                self.injection.add(self.residual, start)
                self.note_activity()
                done = env.timeout(remaining / self.residual)
                yield done | self.when_closed()
                self.injection.add(-self.residual, env.now)
                self.note_activity()
                # a finished timeout ends the batch exactly (no float residue)
                remaining = (
                    0.0 if done.processed else (remaining - (env.now - start) * self.residual)
                )
            self.injecting.remove(c)
            self._ship(lane, c)

    def note_activity(self) -> None:
        """Active while closed or injecting the corridor's crude."""
        if self.activity is not None:
            self.activity.update(self.closed > 0 or self.injection.value > 0, self.env.now)

    def _ship(self, lane: PipelineLane, c: Consignment) -> None:
        batch = [c]
        self.in_line[id(batch)] = batch
        transit = self.spec.transit_h(self.spec.base_load_t_per_h + self.residual)

        def delivered(_event: object) -> None:
            del self.in_line[id(batch)]
            self.arrive(lane, batch)

        self.env.timeout(transit).callbacks.append(delivered)

    def reset_stats(self, now: float) -> None:
        super().reset_stats(now)
        self.injection.reset(now)

    def traceable(self) -> bool:
        return True

    def utilisation(self, now: float, days: float) -> float:
        """(Other shippers' base load + the corridor's mean injection) / capacity."""
        cap = self.spec.capacity_t_per_h
        return (self.spec.base_load_t_per_h + self.injection.mean(now)) / cap if cap else math.nan

    def holdings(self) -> Iterable[Consignment]:
        yield from super().holdings()
        yield from self.waiting
        yield from self.injecting
        for batch in self.in_line.values():
            yield from batch
