"""What every node and link of the running model shares: identity, open/closed state,
throughput counters, queue and waiting-time statistics."""

from __future__ import annotations

import math
from collections.abc import Callable, Generator, Iterable
from typing import Any

import numpy as np
import simpy

from corridor_sim.engine.activity import ActivityLog
from corridor_sim.engine.consignment import Consignment
from corridor_sim.engine.context import RunContext
from corridor_sim.engine.records import ElementRecord
from corridor_sim.engine.sampling import Streams
from corridor_sim.engine.stats import Histogram, Level
from corridor_sim.model.disruptions import Failures

Waiter = Callable[[], None]


class Element:
    """Base of engine nodes and links.

    Counters are in each commodity's natural units, indexed by commodity number:
    ``units_in``/``units_out`` since t = 0 (for the mass balance) and ``daily_out`` per
    day of the run (for time series). ``queue`` is the level of tonnes waiting here and
    ``waits`` the tonne-weighted distribution of their waiting times (hours).
    """

    role = "element"

    def __init__(self, ctx: RunContext, name: str, kind: str) -> None:
        self.ctx = ctx
        self.env: simpy.Environment = ctx.env
        self.name = name
        self.kind = kind
        self.index = ctx.next_index()
        n = len(ctx.commodities)
        self.units_in = [0.0] * n
        self.units_out = [0.0] * n
        self.out_at_warmup = [0.0] * n
        self.daily_out = [[0.0] * ctx.days for _ in range(n)]
        self.queue = Level()
        self.waits = Histogram()
        self.closed = 0
        self.activity: ActivityLog | None = None  # only with trace_activity=True
        self._reopen: list[simpy.Event] = []
        self._closing: simpy.Event | None = None

    # -- counters -------------------------------------------------------------------
    def count_out(self, c: Consignment, now: float) -> None:
        """``c`` leaves the element at ``now`` (h)."""
        k = c.flow.commodity_index
        self.units_out[k] += c.qty
        self.daily_out[k][int(now // 24.0)] += c.qty

    def count_out_batch(self, batch: list[Consignment], now: float) -> None:
        """Every consignment of ``batch`` leaves the element at ``now`` (h)."""
        for c in batch:
            self.count_out(c, now)

    def reset_stats(self, now: float) -> None:
        """Begin the statistics period (end of warm-up)."""
        self.out_at_warmup = list(self.units_out)
        self.queue.reset(now)
        self.waits = Histogram()

    # -- closures -------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.closed == 0

    def close(self) -> None:
        """Close the element (closures nest: each close needs its own open)."""
        self.closed += 1
        if self.closed == 1:
            if self._closing is not None:
                event, self._closing = self._closing, None
                event.succeed()
            self.on_close()
            if self.activity is not None:
                self.note_activity()

    def open(self) -> None:
        self.closed -= 1
        if self.closed == 0:
            waiting, self._reopen = self._reopen, []
            for event in waiting:
                event.succeed()
            self.on_open()
            if self.activity is not None:
                self.note_activity()

    def when_open(self) -> simpy.Event:
        """An event that fires when the element is open (at once if it is)."""
        event = self.env.event()
        if self.closed == 0:
            event.succeed()
        else:
            self._reopen.append(event)
        return event

    def when_closed(self) -> simpy.Event:
        """An event that fires at the next closure."""
        if self._closing is None:
            self._closing = self.env.event()
        return self._closing

    def on_close(self) -> None:
        """Hook: the element has just closed."""

    def on_open(self) -> None:
        """Hook: the element has just reopened."""

    def note_activity(self) -> None:
        """Record in ``activity`` whether the element is active now (see
        :mod:`corridor_sim.engine.activity`); called only while tracing."""
        if self.activity is not None:
            self.activity.update(self.closed > 0, self.env.now)

    def start_failures(self, spec: Failures, streams: Streams, number: int) -> None:
        """Break down and get repaired as failure entry ``number`` (``spec``) says."""
        rng = streams.get(f"failure:{self.name}:{number}")
        self.env.process(self._fail_cycle(spec, rng))

    def _fail_cycle(
        self, spec: Failures, rng: np.random.Generator
    ) -> Generator[simpy.Event, Any, None]:
        while True:
            yield self.env.timeout(rng.exponential(spec.mtbf_h))
            self.fail()
            yield self.env.timeout(rng.exponential(spec.mttr_h))
            self.repair()

    def fail(self) -> None:
        """One failure starts (default: the whole element closes until repaired)."""
        self.close()

    def repair(self) -> None:
        """The failure started by :meth:`fail` is repaired."""
        self.open()

    # -- contents -------------------------------------------------------------------
    def holdings(self) -> Iterable[Consignment]:
        """Every consignment this element holds right now (for the mass balance)."""
        return ()

    def present(self) -> Iterable[Consignment]:
        """What counts as inside the element for its own balance (in - out)."""
        return self.holdings()

    # -- the record of the run --------------------------------------------------------
    def traceable(self) -> bool:
        """True if the element has a capacity limit, so its active periods mean
        something (the shifting-bottleneck trace); see :mod:`~corridor_sim.engine.activity`."""
        return False

    def trace(self) -> None:
        """Record the element's active periods from now on."""
        self.activity = ActivityLog()

    def utilisation(self, now: float, days: float) -> float:
        """Share of capacity in use over the statistics period (``days`` long, ending
        ``now``); NaN for an element without a capacity, such as a plain transfer."""
        return math.nan

    def stock_mean_t(self, now: float) -> float:
        """Time-weighted mean tonnes in storage with limits (NaN: no storage limit)."""
        return math.nan

    def record(self, now: float, days: float) -> ElementRecord:
        """What happened here, as a record (see :class:`ElementRecord`)."""
        present = [0.0] * len(self.units_in)
        for c in self.present():
            present[c.flow.commodity_index] += c.qty
        return ElementRecord(
            name=self.name,
            role=self.role,
            kind=self.kind,
            units_in=list(self.units_in),
            units_out=list(self.units_out),
            units_out_period=[
                o - w for o, w in zip(self.units_out, self.out_at_warmup, strict=True)
            ],
            present_units=present,
            daily_out=self.daily_out,
            utilisation=self.utilisation(now, days),
            queue_mean_t=self.queue.mean(now),
            queue_max_t=self.queue.max,
            wait_mean_h=self.waits.mean,
            wait_p95_h=self.waits.quantile(0.95),
            stock_mean_t=self.stock_mean_t(now),
            active_periods=None if self.activity is None else self.activity.until(now),
        )
