"""Rail links: trains form at the upstream node and run to the downstream node.

A train leaves when full, or when its oldest consignment has waited ``max_wait``; at
most one train leaves per headway (24 h / line capacity). Each train is one event: the
whole batch travels together and is handed to the next node as one batch.

On a single track the train runs section by section, crossing the other direction's
trains at the passing loops (:mod:`~corridor_sim.engine.links.track`); its waits for a
section are in this link's queue and waits, like the wait for a departure slot. On a
line hauled by a locomotive pool (:mod:`corridor_sim.engine.traction`) a train also
needs a locomotive free at its node: it waits for one (its cargo's wait from then on is
booked to the pool), and the locomotive stays with it until the next node admits it.
"""

from __future__ import annotations

import dataclasses
import math
from collections import deque
from collections.abc import Iterable

from corridor_sim.engine.consignment import WAIT, Consignment
from corridor_sim.engine.context import RunContext
from corridor_sim.engine.links.base import Batch, Lane, Link
from corridor_sim.engine.links.track import SingleTrack
from corridor_sim.engine.node import Node
from corridor_sim.engine.records import ElementRecord
from corridor_sim.engine.traction import Traction
from corridor_sim.model.network import RailLink

FULL = 1 - 1e-9


class RailLane(Lane):
    """Train formation and departures in one direction."""

    link: Rail

    def __init__(self, link: Rail, source: Node, target: Node) -> None:
        super().__init__(link, source, target)
        self.waiting: deque[Consignment] = deque()
        self.fill = 0.0  # sum of waiting shares of a train
        self.next_slot = 0.0  # earliest departure allowed by the line capacity
        self._timer = 0  # token of the live max-wait timer
        self._wake_pending = False
        self._departing = False  # guards try_depart against re-entry from _load
        self.trains = 0  # trains dispatched in this direction
        self.trains_at_warmup = 0
        self.direction = 0 if source.name == link.spec.origin else 1  # on a single track

    def expected_h(self, c: Consignment) -> float:
        """Hours from joining now to arrival: the wait for the line (its next free slot,
        then one headway per full train already waiting ahead, counting the cargo held
        outside the node's full yard that will leave by this line) or for a
        locomotive, whichever is longer, on a single track the wait for its first
        section, and the run."""
        link = self.link
        source = self.source
        fill = self.fill + self.share(c)
        if source.yard is not None:
            fill += sum(source.held_for(self, k) / n for k, n in link.capacity.items())
        wait = max(0.0, self.next_slot - link.env.now)
        wait += math.floor(fill - 1e-9) * link.headway_h
        if link.traction is not None:
            wait = max(wait, link.traction.expected_wait_h(self.source.name))
        if link.track is not None:
            wait += link.track.expected_wait_h(self.direction)
        return wait + link.travel_h

    @property
    def origin_name(self) -> str:
        """The node this lane's trains leave from (for the locomotive pool)."""
        return self.source.name

    def on_locomotive(self) -> None:
        """A locomotive stands free at this lane's node: dispatch if a train is due."""
        self.try_depart(self._oldest_due())

    def _oldest_due(self) -> bool:
        """The oldest waiting consignment has waited ``max_wait``: a part-load may leave."""
        return bool(self.waiting) and (
            self.waiting[0].t + self.link.max_wait_h <= self.link.env.now + 1e-9
        )

    def trains_ready(self) -> int:
        """Full trains waiting, at least one (a part-load asks when its wait is up)."""
        return max(1, math.floor(self.fill + 1e-9))

    def share(self, c: Consignment) -> float:
        return c.qty / self.link.capacity[c.flow.handling]

    def enqueue(self, c: Consignment) -> None:
        self.link.accept(self, c)
        self.waiting.append(c)
        self.fill += self.share(c)
        if self.fill >= FULL:
            self.try_depart(False)
        elif len(self.waiting) == 1:
            self._arm_timer()

    def _arm_timer(self) -> None:
        self._timer += 1
        token = self._timer
        delay = max(0.0, self.waiting[0].t + self.link.max_wait_h - self.link.env.now)
        self.link.env.timeout(delay).callbacks.append(lambda _e: self._timeout(token))

    def _timeout(self, token: int) -> None:
        if token == self._timer and self.waiting:
            self.try_depart(True)

    def try_depart(self, partial: bool) -> None:
        """Dispatch trains while one is full (or ``partial`` is allowed) and the line is free."""
        link = self.link
        env = link.env
        if self._departing:
            return  # loading freed upstream room and cargo joined: the loop below sees it
        self._departing = True
        try:
            while self.waiting and (partial or self.fill >= FULL):
                if link.closed:
                    return  # reopening calls again
                if env.now < self.next_slot - 1e-9:
                    if not self._wake_pending:
                        self._wake_pending = True
                        env.timeout(self.next_slot - env.now).callbacks.append(self._wake)
                    return
                traction = link.traction
                if traction is not None:
                    since = traction.asked_since(self)
                    if not traction.take(self):
                        return  # the pool calls on_locomotive when one stands free here
                    pool = traction.index if since is not None and since < env.now else -1
                else:
                    since, pool = None, -1
                self.next_slot = env.now + link.headway_h  # before loading frees room
                train = self._load(since, pool)
                if traction is not None:
                    traction.count_hauled(train, env.now)
                link.run_train(self, train)
                partial = False
        finally:
            self._departing = False
        if self.waiting:
            self._arm_timer()

    def _wake(self, _event: object) -> None:
        self._wake_pending = False
        self.try_depart(self._oldest_due())

    def _load(self, since: float | None = None, pool: int = -1) -> Batch:
        """Take a train's worth of the waiting cargo; if it waited for a locomotive
        from ``since`` (h), its wait from then on is booked to element ``pool``."""
        train: Batch = []
        room = 1.0
        while self.waiting and room > 1e-9:
            c = self.waiting[0]
            share = self.share(c)
            if share > room + 1e-9:
                c = c.split(c.qty * room / share)
                share = room
            else:
                self.waiting.popleft()
            self.fill -= share
            room -= share
            train.append(c)
            if pool >= 0:
                assert since is not None
                queued = c.t
                if c.t < since:
                    c.mark(self.link.index, WAIT, since)
                c.mark(pool, WAIT, self.link.env.now)
                self.link.depart(self, c, queued)
            else:
                self.link.depart(self, c)
        if not self.waiting:
            self.fill = 0.0
        return train


class Rail(Link):
    """A rail line with train capacity per handling class and a line capacity."""

    lane_class = RailLane

    def __init__(self, ctx: RunContext, spec: RailLink) -> None:
        super().__init__(ctx, spec)
        self.spec: RailLink = spec
        self.capacity = spec.train_capacity
        self.travel_h = spec.travel_time_h
        self.max_wait_h = spec.max_wait_h
        per_day = spec.line_capacity_per_day
        self.headway_h = 24.0 / per_day if per_day else 0.0
        self.trains = 0
        self.trains_at_warmup = 0
        self.line_busy_until = 0.0  # end of the last departure's headway (activity trace)
        self.in_transit: dict[int, Batch] = {}  # trains running, by id
        self.traction: Traction | None = None  # the locomotive pool hauling this line
        #: background trains departed and due while closed, by (from, to) node names
        self.background_trains: dict[tuple[str, str], int] = {}
        self.background_at_warmup: dict[tuple[str, str], int] = {}
        self.background_due: dict[tuple[str, str], int] = {}
        #: the sections of a single track (None: double track, a line each way)
        self.track = (
            SingleTrack(self.env, spec.track, self.travel_h, self) if spec.track.single else None
        )

    def run_train(self, lane: RailLane, train: Batch) -> None:
        self.trains += 1
        lane.trains += 1
        self.in_transit[id(train)] = train
        if self.activity is not None:  # the line is taken for one headway
            self.line_busy_until = self.env.now + self.headway_h
            self.note_activity()
            self.env.timeout(self.headway_h).callbacks.append(lambda _e: self.note_activity())

        traction = self.traction
        left = self.env.now

        def arrived(_event: object = None) -> None:
            del self.in_transit[id(train)]
            if traction is None:
                self.arrive(lane, train)
            else:  # the locomotive is free once the next node has admitted the train
                self.arrive(
                    lane, train, lambda: traction.hauled(lane.target.name, self.env.now - left)
                )

        if self.track is not None:
            self.track.run(lane.direction, arrived, train)
        else:
            self.env.timeout(self.travel_h).callbacks.append(arrived)

    def take_slot(self, source: str, target: str) -> None:
        """A background train leaves ``source`` for ``target``: it takes that direction's
        next departure slot (one headway), ahead of corridor trains waiting for one. It
        carries no cargo; one due while the line is closed leaves first on reopening."""
        key = (source, target)
        if self.closed:
            self.background_due[key] = self.background_due.get(key, 0) + 1
            return
        self.background_trains[key] = self.background_trains.get(key, 0) + 1
        lane = self.lanes.get(key)
        if not isinstance(lane, RailLane):
            return  # no corridor train uses this direction: nothing to hold back
        now = self.env.now
        lane.next_slot = max(lane.next_slot, now) + self.headway_h
        if self.activity is not None:  # the line is taken until the slot ends
            self.line_busy_until = max(self.line_busy_until, lane.next_slot)
            self.note_activity()
            end = lane.next_slot - now
            self.env.timeout(end).callbacks.append(lambda _e: self.note_activity())

    def note_activity(self) -> None:
        """Active while closed, within a headway of the last departure or, on a single
        track, while a train waits for a section."""
        if self.activity is not None:
            now = self.env.now
            waiting = self.track is not None and self.track.waiting > 0
            self.activity.update(
                self.closed > 0 or self.line_busy_until > now + 1e-9 or waiting, now
            )

    def trace(self) -> None:
        super().trace()
        if self.track is not None:
            self.track.notify = self.note_activity

    def rail_lanes(self) -> list[RailLane]:
        """This line's lanes (one per direction used)."""
        lanes = [lane for lane in self.lanes.values() if isinstance(lane, RailLane)]
        assert len(lanes) == len(self.lanes)
        return lanes

    def on_open(self) -> None:
        due, self.background_due = self.background_due, {}
        for (source, target), count in due.items():
            for _ in range(count):
                self.take_slot(source, target)
        for lane in self.rail_lanes():
            lane.try_depart(False)
            if lane.waiting:
                lane._arm_timer()

    def reset_stats(self, now: float) -> None:
        super().reset_stats(now)
        self.trains_at_warmup = self.trains
        for lane in self.rail_lanes():
            lane.trains_at_warmup = lane.trains
        self.background_at_warmup = dict(self.background_trains)
        if self.track is not None:
            self.track.reset_stats()

    def traceable(self) -> bool:
        return self.headway_h > 0 or self.track is not None

    def utilisation(self, now: float, days: float) -> float:
        """The higher of: on a single track, the share of the period its busiest section
        was held; with a line capacity, trains in the busier direction over it (the
        headway applies to each lane), background trains included. NaN with neither."""
        parts = []
        if self.track is not None and days > 0:
            parts.append(self.track.busiest_h() / (days * 24.0))
        per_day = self.spec.line_capacity_per_day
        if per_day:
            trains = {key: self.background_period(key) for key in self.background_trains}
            for key, lane in self.lanes.items():
                assert isinstance(lane, RailLane)
                trains[key] = trains.get(key, 0) + lane.trains - lane.trains_at_warmup
            parts.append(max(trains.values(), default=0) / (per_day * days))
        return max(parts) if parts else math.nan

    def background_period(self, key: tuple[str, str]) -> int:
        """Background trains departed from ``key[0]`` to ``key[1]`` in the period."""
        return self.background_trains.get(key, 0) - self.background_at_warmup.get(key, 0)

    def record(self, now: float, days: float) -> ElementRecord:
        base = super().record(now, days)
        if self.track is None:
            return base
        return dataclasses.replace(base, track=self.track.record(days * 24.0))

    def queued(self) -> Iterable[Consignment]:
        """What waits at the upstream nodes and, on a single track, in the trains waiting
        for a section (at a loop or the line's start)."""
        yield from super().queued()
        if self.track is not None:
            yield from self.track.queued()

    def holdings(self) -> Iterable[Consignment]:
        yield from super().holdings()
        for train in self.in_transit.values():  # on a single track: on a section or waiting
            yield from train
        for lane in self.rail_lanes():
            yield from lane.waiting
