"""Nodes: where cargo enters, is stored, is processed by servers, and leaves.

A batch (a train, a vessel load, a single consignment) offered to a node is admitted if
its storage has room for it, otherwise it stays with whoever offered it (the train waits
at the node's entrance) until room frees: blocking propagates upstream. Admitted batches
queue for the node's servers (if it has any), subject to a daily quota, and then each
consignment goes on to the next link of its route, or is delivered if the node ends it.

The split with :mod:`corridor_sim.engine.yard`: this module holds the node's servers
(admission, service, quota, failures, dispatch) and the counters of its record; the
storage, what is stored per handling class and the batches held outside a full node,
is the node's :class:`~corridor_sim.engine.yard.Yard` (``Node.yard``), None for a node
without storage limits, whose hot path then costs one attribute test.
"""

from __future__ import annotations

import dataclasses
import math
from collections import deque
from collections.abc import Iterable

import simpy

from corridor_sim.engine.consignment import MOVE, WAIT, Consignment, Gate
from corridor_sim.engine.context import RunContext
from corridor_sim.engine.dwell import Dwell
from corridor_sim.engine.element import Element, Waiter
from corridor_sim.engine.embargo import Embargo
from corridor_sim.engine.records import ElementRecord
from corridor_sim.engine.sampling import sampler
from corridor_sim.engine.stats import Level
from corridor_sim.engine.wagons import Wagons
from corridor_sim.engine.yard import Batch, Outbound, Yard
from corridor_sim.model.network import NodeSpec


class Node(Element):
    """A node of any kind; ports add berths (:class:`~corridor_sim.engine.port.Port`)."""

    role = "node"

    def __init__(self, ctx: RunContext, spec: NodeSpec) -> None:
        super().__init__(ctx, spec.name, spec.kind)
        self.spec = spec
        self.out_lanes: list[Outbound] = []
        # the storage, if the node limits it (None: every batch is admitted at once)
        self.yard = Yard(self, spec.storage, self.out_lanes, self._admit) if spec.storage else None
        self.servers = spec.servers
        self.servers_out = 0
        self.busy = 0
        self.busy_level = Level()
        self.waiting: deque[Batch] = deque()
        self.in_service: dict[int, Batch] = {}  # by id(batch)
        self._finish_cb = self._finish
        self.batches_started = 0
        self.started_at_warmup = 0
        self.offers = self.refused = 0  # batches offered, and held outside for room
        rng = ctx.streams.get(f"node:{spec.name}")
        self._service = sampler(spec.service_time, rng) if spec.service_time else None
        self._gauge = sampler(spec.gauge_change, rng) if spec.gauge_change else None
        self.quota = spec.quota_per_day
        self._quota_day = -1
        self._started_today = 0
        self._wake_pending = False
        #: acceptance control per handling class (empty: none, the hot path's test)
        self.embargoes = {cls: Embargo(ctx.env, cls, e) for cls, e in spec.embargo.items()}
        self.held_back: dict[int, Consignment] = {}  # by id: waiting for an embargo to lift
        #: dwell stages (None: service_time and gauge_change, the hot path's test)
        self.dwell = Dwell(spec.name, spec.dwell, ctx.streams) if spec.dwell else None
        #: by id(batch): admission time and draws of the stages not holding a server
        self._admitted: dict[int, tuple[float, list[float]]] = {}
        self.standing: dict[int, Batch] = {}  # by id: passing stages not holding a server
        self._stood_cb = self._stood
        self.service_mean_h = spec.server_mean_h
        self.standing_mean_h = spec.standing_mean_h
        #: server hours of each background train waiting (:mod:`~corridor_sim.engine.background`)
        self.background_waiting: deque[float] = deque()
        self.background_started = self.background_at_warmup = 0
        self._background_done_cb = self._background_done
        #: wagon pools (:mod:`~corridor_sim.engine.wagons`) loading here, by flow name, and
        #: unloading here (None: none, the hot path's test)
        self.loading: dict[str, Wagons] | None = None
        self.unloading: tuple[Wagons, ...] | None = None

    # -- entry ----------------------------------------------------------------------
    def hand_over(
        self,
        batch: Batch,
        held: dict[int, Batch],
        via: Element | None = None,
        then: Waiter | None = None,
    ) -> None:
        """Offer ``batch`` (see :meth:`offer`) arriving ``via`` a link, or from a source;
        if it is refused, keep it in ``held`` (by id) and count it in the queue of whatever
        fills this node (:meth:`blame`) until it is admitted. At admission the batch
        leaves ``via`` (:meth:`~Element.count_out_batch`), then ``then`` runs."""
        if self.yard is None:  # no storage limit: admitted at once (the hot path)
            if via is not None:
                via.count_out_batch(batch, self.env.now)
            if then is not None:
                then()
            self.offers += 1
            self._admit(batch)
            return
        blamed: list[Element] = []

        def admitted() -> None:
            now = self.env.now
            if blamed:
                del held[id(batch)]
                blamed[0].queue.add(-sum(c.tonnes for c in batch), now)
                for c in batch:
                    c.mark(blamed[0].index, WAIT, now)
            if via is not None:
                via.count_out_batch(batch, now)
            if then is not None:
                then()

        if not self.offer(batch, admitted, via):
            held[id(batch)] = batch
            blamed.append(self.blame())
            blamed[0].queue.add(sum(c.tonnes for c in batch), self.env.now)

    def offer(self, batch: Batch, waiter: Waiter, via: Element | None = None) -> bool:
        """Admit ``batch`` now (True) or hold it until there is room (False).

        ``waiter`` is called just before the batch is admitted, now or later, so the
        offering element can close its books on the batch before the node moves it on.
        Each stored class of the yard is judged on its own (:meth:`Yard.hold`): a class
        refuses the batch when it is full or holds earlier batches outside (arrival
        order), except that a batch arriving ``via`` a link is let in when what fills that
        class is cargo waiting for that same link: the vehicle swaps its load for the
        cargo it will take on (two-way traffic through full ports cannot lock up). Cargo
        of other classes, however much of it waits, neither blocks nor excuses the batch.
        """
        self.offers += 1
        yard = self.yard
        if yard is not None and yard.hold(batch, waiter, via):
            self.refused += 1
            return False
        waiter()
        self._admit(batch)
        return True

    def _admit(self, batch: Batch) -> None:
        now = self.env.now
        tonnes = 0.0
        units_in = self.units_in
        for c in batch:
            c.hop += 1
            flow = c.flow
            units_in[flow.commodity_index] += c.qty
            tonnes += c.qty * flow.mass_per_unit_t
        if self.unloading is not None:
            self._unload(batch)
        if self.embargoes:
            for c in batch:
                embargo = self.embargoes.get(c.flow.handling)
                if embargo is not None:
                    embargo.arrive(c.qty)
        if self.yard is not None:
            self.yard.store(batch, tonnes, now)
        if not self.servers:
            self._dispatch(batch)
            return
        self.queue.add(tonnes, now)
        dwell = self.dwell
        if dwell is not None:
            draws = dwell.standing()
            self._admitted[id(batch)] = (now, draws)
            if draws:
                self.standing[id(batch)] = batch
                self.env.timeout(sum(draws), batch).callbacks.append(self._stood_cb)
                return
        self.waiting.append(batch)
        self._try_start()

    def _unload(self, batch: Batch) -> None:
        """Cargo riding the wagons of a pool that unloads here comes off them."""
        unloading = self.unloading or ()
        for c in batch:
            carried = c.wagons
            if carried is not None and carried[0] in unloading:
                carried[0].unload(c)

    def _stood(self, event: simpy.Event) -> None:
        """A batch has passed the stages not holding a server: it queues for one."""
        batch: Batch = event._value
        del self.standing[id(batch)]
        self.waiting.append(batch)
        self._try_start()

    def blame(self, cls: str | None = None) -> Element:
        """What fills stored class ``cls`` of this node (default: the class that refused
        the last batch): itself (its servers' queue) or the outbound link with the most
        tonnes of that class waiting here (:meth:`Yard.blame`). Cargo held outside is
        counted as waiting for it. With no class, what holds the most cargo here.
        """
        yard = self.yard
        if yard is not None:
            cls = cls or yard.refused_class
            if cls is not None:
                return yard.blame(cls)
        best: Element = self
        most = self.queue.value + sum(c.tonnes for b in self.in_service.values() for c in b)
        for lane in self.out_lanes:
            tonnes = lane.waiting_t
            if tonnes > most:
                best, most = lane.link, tonnes
        return best

    # -- processing -----------------------------------------------------------------
    def _quota_left(self, now: float) -> bool:
        """True if the daily quota allows another start; else wake at the next day."""
        day = int(now // 24.0)
        if day != self._quota_day:
            self._quota_day = day
            self._started_today = 0
        if self._started_today < (self.quota or 0.0):
            return True
        if not self._wake_pending:
            self._wake_pending = True
            self.env.timeout((day + 1) * 24.0 - now).callbacks.append(self._wake)
        return False

    def _wake(self, _event: object = None) -> None:
        self._wake_pending = False
        self._try_start()

    def _try_start(self) -> None:
        """Start service on waiting batches while servers are free (the hot path)."""
        if self.background_waiting:
            self._start_background()
        waiting = self.waiting
        if not waiting or self.closed:
            if self.activity is not None:
                self.note_activity()
            return
        env = self.env
        now = env.now
        free = self.servers - self.servers_out - self.busy
        index = self.index
        while waiting and free > 0:
            if self.quota is not None and not self._quota_left(now):
                break
            batch = waiting.popleft()
            tonnes = 0.0
            for c in batch:
                t = c.qty * c.flow.mass_per_unit_t
                self.waits.add(now - c.t, t)
                c.mark(index, WAIT, now)
                tonnes += t
            self.queue.add(-tonnes, now)
            free -= 1
            self.busy += 1
            self.busy_level.add(1, now)
            self._started_today += 1
            self.batches_started += 1
            if self.dwell is None:
                hours = self._service() if self._service else 0.0
                if self._gauge:
                    hours += self._gauge()
            else:
                since, standing = self._admitted.pop(id(batch))
                hours = self.dwell.held(standing, now - since)
            self.in_service[id(batch)] = batch
            env.timeout(hours, batch).callbacks.append(self._finish_cb)
        if self.activity is not None:
            self.note_activity()

    # -- background trains ----------------------------------------------------------
    def take_background(self, hours: float) -> None:
        """A background train arrives: it waits for a server and a start of the daily
        quota, ahead of the corridor's batches (it runs to the railway's plan; the
        corridor gets what is left), then holds the server ``hours``. It is no cargo."""
        self.background_waiting.append(hours)
        self._try_start()

    def _start_background(self) -> None:
        waiting = self.background_waiting
        now = self.env.now
        while waiting and not self.closed and self.servers - self.servers_out > self.busy:
            if self.quota is not None and not self._quota_left(now):
                return
            self.busy += 1
            self.busy_level.add(1, now)
            self._started_today += 1
            self.background_started += 1
            self.env.timeout(waiting.popleft()).callbacks.append(self._background_done_cb)

    def _background_done(self, _event: object) -> None:
        self.busy -= 1
        self.busy_level.add(-1, self.env.now)
        self._try_start()

    def is_active(self) -> bool:
        """Closed, every server busy or out, or the day's quota spent with batches
        waiting: the node has no spare capacity (shifting-bottleneck trace)."""
        full = self.busy + self.servers_out >= self.servers > 0
        queued = bool(self.waiting or self.background_waiting)
        return self.closed > 0 or full or (self._wake_pending and queued)

    def note_activity(self) -> None:
        if self.activity is not None:
            self.activity.update(self.is_active(), self.env.now)

    def _finish(self, event: simpy.Event) -> None:
        batch: Batch = event._value  # the timeout carries its batch
        now = self.env.now
        self.busy -= 1
        self.busy_level.add(-1, now)
        del self.in_service[id(batch)]
        index = self.index
        for c in batch:
            c.mark(index, MOVE, now)
        self._dispatch(batch)
        self._try_start()

    def _dispatch(self, batch: Batch) -> None:
        """Send each consignment on: to its next link (by the wagons of a pool loading
        here, if it must wait for them), or deliver it here."""
        yard = self.yard
        loading = self.loading
        for c in batch:
            flow = c.flow
            path = c.path
            if c.hop == path.last_hop:
                self.release(c)
                flow.deliver(c, self.env.now)
            else:
                if path.decisions and c.hop in path.decisions:
                    assert flow.router is not None
                    if not flow.router.route(c, self):
                        continue  # left the corridor, or waits for an embargo to lift
                    path = c.path
                c.hop += 1
                lane = path.lanes[c.hop >> 1]  # links sit at odd hops
                if yard is not None:
                    yard.assign(c, lane)
                if loading is not None and c.wagons is None and flow.name in loading:
                    loading[flow.name].load(c, lane)  # it waits here for wagons
                    continue
                lane.enqueue(c)

    # -- exit -----------------------------------------------------------------------
    def release(self, c: Consignment) -> None:
        """``c`` leaves the node (picked up by a link or delivered): free its storage."""
        self.count_out(c, self.env.now)
        if self.yard is not None:
            self.yard.release(c, self.env.now)
        if self.embargoes:
            embargo = self.embargoes.get(c.flow.handling)
            if embargo is not None:
                embargo.leave(c.qty, any(e is embargo for _, e in c.path.embargoes))

    # -- acceptance control ---------------------------------------------------------
    def hold_back(self, c: Consignment, embargo: Gate) -> None:
        """Keep ``c`` here (its origin) until ``embargo`` lifts (:meth:`resume`)."""
        self.held_back[id(c)] = c
        assert isinstance(embargo, Embargo)
        embargo.hold(self, c)

    def resume(self, c: Consignment) -> None:
        """An embargo ``c`` waited for has lifted: send it on (choosing again)."""
        del self.held_back[id(c)]
        c.mark(self.index, WAIT, self.env.now)
        self._dispatch([c])

    def expected_h(self, c: Consignment) -> float:
        """Hours cargo arriving now would spend here: the batches waiting ahead shared
        among the servers in service (or, if the daily quota binds harder, spread over
        the days the quota needs), plus one mean service and the mean of the dwell stages
        not holding a server; no time at a node without servers. Background trains
        waiting count ahead, and so do batches held outside a full yard (they come in
        first); the quota is what background traffic leaves. (Cargo in a yard waiting
        for an outbound link counts on that link, and so does the cargo held outside a
        node without servers that will leave by it: :meth:`held_for`.)"""
        if not self.servers:
            return 0.0
        mean = self.service_mean_h
        queued = len(self.waiting)
        if self.yard is not None:
            queued += self.yard.outside_batches
        ahead = queued + len(self.background_waiting)
        ahead += 1 if self.busy + self.servers_out >= self.servers else 0
        wait = ahead * mean / max(1, self.servers - self.servers_out)
        if self.quota:
            background = self.spec.background  # takes its share of the quota first
            left = self.quota - (background.trains_per_day if background is not None else 0.0)
            wait = max(wait, 24.0 * queued / left)
        return wait + mean + self.standing_mean_h

    def held_for(self, lane: object, cls: str) -> float:
        """Units of class ``cls`` held outside this node's full yard that will leave by
        ``lane`` (one of :attr:`out_lanes`), for the lane's expected time: they are
        ahead of cargo arriving now. None at a node with servers, where they count in
        :meth:`expected_h` instead (as the cargo waiting for the servers does)."""
        if self.yard is None or self.servers:
            return 0.0
        return self.yard.held_units(lane, cls)

    # -- disruptions ----------------------------------------------------------------
    def on_open(self) -> None:
        self._try_start()

    def fail(self) -> None:
        if self.servers:
            self.servers_out += 1
            self.note_activity()
        else:
            self.close()

    def repair(self) -> None:
        if self.servers:
            self.servers_out -= 1
            self._try_start()
        else:
            self.open()

    def reset_stats(self, now: float) -> None:
        super().reset_stats(now)
        if self.yard is not None:
            self.yard.level.reset(now)
        self.busy_level.reset(now)
        self.started_at_warmup = self.batches_started
        self.background_at_warmup = self.background_started
        self.offers = self.refused = 0
        for embargo in self.embargoes.values():
            embargo.reset_stats(now)
        if self.dwell is not None:
            self.dwell.reset()

    def holdings(self) -> Iterable[Consignment]:
        for batch in self.waiting:
            yield from batch
        for batch in self.in_service.values():
            yield from batch
        for batch in self.standing.values():
            yield from batch
        yield from self.held_back.values()

    def present(self) -> Iterable[Consignment]:
        """A node's cargo stays in its yard until a link takes it: what it processes
        plus what waits here for its outbound links or for a pool's wagons."""
        yield from self.holdings()
        for lane in self.out_lanes:
            yield from lane.queued()
        if self.loading is not None:  # waiting here for wagons
            for pool in dict.fromkeys(self.loading.values()):
                yield from pool.holdings()

    # -- the record of the run --------------------------------------------------------
    def traceable(self) -> bool:
        return self.servers > 0 or self.quota is not None

    def utilisation_parts(self, now: float) -> list[float]:
        """Busy servers / servers, and batches started / daily quota over the period."""
        parts = []
        if self.servers:
            parts.append(self.busy_level.mean(now) / self.servers)
        if self.quota:
            started = self.batches_started - self.started_at_warmup
            started += self.background_started - self.background_at_warmup
            parts.append(started / (self.quota * self.quota_days(now)))
        return parts

    def quota_days(self, now: float) -> int:
        """The calendar days the statistics period touches by ``now`` (the quota is per
        calendar day)."""
        return math.ceil(now / 24.0 - 1e-9) - math.floor(self.ctx.warmup_h / 24.0)

    def utilisation(self, now: float, days: float) -> float:
        """The highest of :meth:`utilisation_parts` (NaN: no servers, quota or berths)."""
        parts = self.utilisation_parts(now)
        return max(parts) if parts else math.nan

    def stock_mean_t(self, now: float) -> float:
        return float(self.yard.level.mean(now)) if self.yard is not None else math.nan

    def record(self, now: float, days: float) -> ElementRecord:
        base = super().record(now, days)
        return dataclasses.replace(
            base,
            offers=self.offers,
            refused=self.refused,
            embargoes=tuple(e.record(now) for e in self.embargoes.values()),
            dwell=self.dwell.record() if self.dwell is not None else (),
        )
