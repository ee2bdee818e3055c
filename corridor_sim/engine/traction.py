"""A locomotive pool in the running model: trains wait for a locomotive at their node.

A :class:`Traction` keeps, per node of its territory, how many of its locomotives stand
free there (locomotives are alike, so counts are enough). A train ready to leave on one
of its lines asks :meth:`Traction.take`; it leaves at once if a locomotive stands free at
its node, and otherwise waits in the pool's list of trains asking (first come, first
served). A locomotive that becomes free (turned round after hauling a train, or after a
light run) hauls the next train asking at its own node (a return train, or the next
leg of the territory); failing that it runs light to the oldest train asking elsewhere
that no locomotive is already running to (the free locomotive nearest to it goes), and
failing that it runs light home to the pool's depot. A run (hauled or light) that ends
at an end of the territory (a node on one of its lines only) ends with the pool's
turnaround time; at a junction inside the territory the locomotive runs on at once with
the train re-formed there. Cost per train: one extra event to free the locomotive, two
for a light run.

The pool is an element (role ``pool``, kind ``locomotives``) so that it is ranked as a
bottleneck like a berth or a border: its utilisation is the locomotives busy (hauling,
running light or being turned round) over those in service; it is active (the
shifting-bottleneck trace) while no locomotive is free or a train waits for one; its
queue is the tonnes of trains waiting for a locomotive; the waiting cargo's hours are
booked to it (the wait share); and its throughput is the cargo it hauls.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Protocol

from corridor_sim.engine.consignment import Consignment
from corridor_sim.engine.context import RunContext
from corridor_sim.engine.element import Element
from corridor_sim.engine.records import ElementRecord, TractionRecord
from corridor_sim.engine.stats import Histogram, Level
from corridor_sim.model.traction import LocomotivePool


class Hauled(Protocol):
    """What a pool needs of a lane whose trains it hauls."""

    waiting_t: float

    @property
    def origin_name(self) -> str:
        """The node the lane's trains leave from."""
        ...

    def on_locomotive(self) -> None:
        """A locomotive stands free at the lane's node: try to dispatch a train."""

    def trains_ready(self) -> int:
        """Trains the lane would dispatch now given locomotives (at least 1 if it asks)."""


class Traction(Element):
    """The running locomotive pool of ``spec`` (see the module docstring) over the
    territory's ``nodes``, starting at ``depot``; ``light_h`` gives the light-running
    hours between every two of them (inf if its lines do not join them); locomotives are
    turned round at the ``ends`` of the territory."""

    role = "pool"

    def __init__(
        self,
        ctx: RunContext,
        spec: LocomotivePool,
        light_h: dict[tuple[str, str], float],
        depot: str,
        nodes: list[str],
        ends: set[str],
    ) -> None:
        super().__init__(ctx, spec.name, "locomotives")
        self.spec = spec
        self.in_service = spec.in_service
        self.turnaround_h = spec.turnaround_h
        self.light_h = light_h
        self.depot = depot
        #: nodes at the end of the territory (one line only), where locomotives turn round
        self.ends = ends
        self.free: dict[str, int] = dict.fromkeys(nodes, 0)
        self.free[depot] = self.in_service
        self.coming: dict[str, int] = dict.fromkeys(nodes, 0)  # running light to the node
        #: trains asking for a locomotive, first come first served: lane -> (since h, t)
        self.asking: dict[Hauled, tuple[float, float]] = {}
        self.busy = Level()  # locomotives hauling, running light or being turned round
        self.train_waits = Histogram()  # hours each train waited for a locomotive
        self.hauls = 0
        self.light_runs = 0
        self.light_run_h = 0.0
        self.busy_h = 0.0  # locomotive-hours of the assignments begun in the period
        self.assignments = 0  # ... and their count (Little's law: busy = rate x time)
        self.trains_waited = 0

    # -- trains ask ------------------------------------------------------------------
    def take(self, lane: Hauled) -> bool:
        """True if a locomotive stands free at ``lane``'s node (it is taken to haul the
        train that leaves now); else ``lane`` is listed as asking and False returned."""
        node = lane.origin_name
        now = self.env.now
        if self.free[node] > 0:
            self.free[node] -= 1
            self._start(now)
            asked = self.asking.pop(lane, None)
            if asked is not None:
                since, tonnes = asked
                self.queue.add(-tonnes, now)
                if since < now:
                    self.trains_waited += 1
                    self.waits.add(now - since, tonnes)
                self.train_waits.add(now - since, 1.0)
            else:
                self.train_waits.add(0.0, 1.0)
            self.hauls += 1
            self._note()
            return True
        if lane not in self.asking:
            self.asking[lane] = (now, lane.waiting_t)
            self.queue.add(lane.waiting_t, now)
            self._send_light()
            self._note()
        return False

    def asked_since(self, lane: Hauled) -> float | None:
        """When ``lane``'s train began waiting for a locomotive (None: it is not)."""
        asked = self.asking.get(lane)
        return None if asked is None else asked[0]

    def expected_wait_h(self, node: str) -> float:
        """Hours a train asking at ``node`` now would wait for a locomotive (route
        choice): 0 if one stands free or runs there, else the trains asking, one more,
        times the mean hours of work per locomotive assignment over those in service."""
        if self.free[node] + self.coming[node] > 0:
            return 0.0
        per_job = self.busy_h / self.assignments if self.assignments else self.turnaround_h
        return (len(self.asking) + 1) * per_job / self.in_service

    def count_hauled(self, train: list[Consignment], now: float) -> None:
        """``train`` leaves behind one of the pool's locomotives: its cargo passes the
        pool (in and out at once), so the pool's throughput is the cargo it hauls."""
        for c in train:
            self.units_in[c.flow.commodity_index] += c.qty
            self.count_out(c, now)

    def hauled(self, node: str, run_h: float) -> None:
        """A locomotive has brought its train to ``node`` after ``run_h`` hours: it is
        turned round there if ``node`` is an end of the territory, then free there."""
        self.busy_h += run_h
        self._turn_round(node)

    # -- locomotives move ------------------------------------------------------------
    def _start(self, now: float) -> None:
        self.busy.add(1.0, now)
        if now >= self.ctx.warmup_h:
            self.assignments += 1

    def _turn_round(self, node: str) -> None:
        """Free at ``node`` after the turnaround if ``node`` is an end of the territory
        (at a junction inside it the locomotive runs on with the train re-formed there);
        even with none, after the node has dealt with the cargo just handed over (a zero
        delay), so that a train formed from it there can take the locomotive."""
        hours = self.turnaround_h if node in self.ends else 0.0
        self.busy_h += hours
        self.env.timeout(hours).callbacks.append(lambda _e: self._freed(node))

    def _freed(self, node: str) -> None:
        self.busy.add(-1.0, self.env.now)
        self.free[node] += 1
        for lane in [lane for lane in self.asking if lane.origin_name == node]:
            if self.free[node] == 0:
                break
            lane.on_locomotive()
        if self.free[node] > 0:
            self._send_light()
        if node != self.depot and self.light_h[node, self.depot] < math.inf:
            for _ in range(self.free[node]):  # none wanted here or elsewhere: go home
                self._run_light(node, self.depot)
        self._note()

    def _send_light(self) -> None:
        """Send free locomotives light to the oldest trains asking that none is running
        to (a lane asks for each train it has ready), each time the nearest free one."""
        wanted: dict[str, int] = {}
        for lane in self.asking:
            node = lane.origin_name
            wanted[node] = wanted.get(node, 0) + lane.trains_ready()
            while wanted[node] > self.free[node] + self.coming[node]:
                spare = [
                    n
                    for n, k in self.free.items()
                    if k > 0 and n != node and self.light_h[n, node] < math.inf
                ]
                if not spare:
                    break  # none free that can reach this node: try the next one asking
                start = min(spare, key=lambda n: self.light_h[n, node])
                self._run_light(start, node)

    def _run_light(self, start: str, node: str) -> None:
        now = self.env.now
        hours = self.light_h[start, node]
        self.free[start] -= 1
        self.coming[node] += 1
        self._start(now)
        self.light_runs += 1
        self.light_run_h += hours
        self.busy_h += hours

        def arrived(_event: object) -> None:
            self.coming[node] -= 1
            self._turn_round(node)

        self.env.timeout(hours).callbacks.append(arrived)

    # -- statistics -------------------------------------------------------------------
    def _note(self) -> None:
        if self.activity is not None:
            self.note_activity()

    def note_activity(self) -> None:
        """Active while closed, while no locomotive is free or a train waits for one."""
        if self.activity is not None:
            idle = self.busy.value < self.in_service - 1e-9
            self.activity.update(self.closed > 0 or not idle or bool(self.asking), self.env.now)

    def traceable(self) -> bool:
        return True

    def reset_stats(self, now: float) -> None:
        super().reset_stats(now)
        self.busy.reset(now)
        self.train_waits = Histogram()
        self.hauls = self.light_runs = self.assignments = self.trains_waited = 0
        self.light_run_h = self.busy_h = 0.0

    def utilisation(self, now: float, days: float) -> float:
        """Mean locomotives busy (hauling, running light, turned round) / in service."""
        return self.busy.mean(now) / self.in_service if self.in_service else math.nan

    def traction_record(self, now: float) -> TractionRecord:
        """The pool's own statistics over the statistics period."""
        return TractionRecord(
            locomotives=self.spec.locomotives,
            in_service=self.in_service,
            busy_mean=self.busy.mean(now),
            hauls=self.hauls,
            trains_waited=self.trains_waited,
            train_waits=self.train_waits,
            light_runs=self.light_runs,
            light_run_h=self.light_run_h,
            assignments=self.assignments,
            busy_h=self.busy_h,
        )

    def record(self, now: float, days: float) -> ElementRecord:
        return dataclasses.replace(super().record(now, days), traction=self.traction_record(now))
