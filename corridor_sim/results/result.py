"""The result of one simulation run: tables (pandas DataFrames) and a verdict."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from corridor_sim.bottlenecks.evidence import bottleneck_evidence
from corridor_sim.bottlenecks.ranking import bottleneck_table, verdict
from corridor_sim.capacity.report import CapacityReport
from corridor_sim.engine.records import Period, RunRecord
from corridor_sim.folders import write_folder
from corridor_sim.results import balance, summary
from corridor_sim.results.background import background_table
from corridor_sim.results.costs import cost_tables
from corridor_sim.results.dates import TIMED, dated
from corridor_sim.results.deliveries import flow_daily_table, transit_table
from corridor_sim.results.dwell import dwell_table
from corridor_sim.results.elements import daily_table, element_table, queue_table, throughput_table
from corridor_sim.results.fleet import berth_table, call_table, vessel_table
from corridor_sim.results.flows import flow_table, stage_table
from corridor_sim.results.html import result_html, result_repr
from corridor_sim.results.loops import loop_table
from corridor_sim.results.network import network_table
from corridor_sim.results.pools import pool_table
from corridor_sim.results.routes import (
    choice_table,
    embargo_table,
    outside_table,
    route_daily_table,
    route_table,
)
from corridor_sim.results.schedule import booking_table
from corridor_sim.results.stored import read_dir
from corridor_sim.results.traction import locomotive_table
from corridor_sim.results.wagons import wagon_table

DAY_H = 24.0


@dataclasses.dataclass
class SimulationResult:
    """Everything one run measured, over the statistics period (after the warm-up).

    Tables: ``elements`` (per node and link), ``throughput`` (per element and commodity),
    ``flows``, ``stages`` (where each flow's transit time goes), ``vessels`` (hours by
    state, voyages a year, turnaround), ``berths`` (occupancy split into working and
    idle), ``calls`` (turnaround per sea link and port, and how scheduled sailings kept
    their slots), ``bookings`` (room booked by flows on scheduled sailings, and used),
    ``routes`` (deliveries and transit per route of flows with several), ``choices``
    (the split at each decision node), ``outside`` (cargo lost to competing corridors),
    ``embargoes`` (acceptance control: days on, cargo held or diverted),
    ``route_daily`` (deliveries per route and day of the whole run),
    ``pools`` (vessel-days per line of each fleet pool; empty without pools),
    ``dwell`` (hours per batch at each dwell stage of a node, their total and the time
    at the node; empty without dwell stages), ``locomotives`` (per locomotive pool: use,
    trains hauled, waits for a locomotive, light running; empty without pools),
    ``background`` (trains of other traffic at nodes and on rail lines, beside the
    corridor's, and the shares of the quota or line capacity each used; empty without
    background trains),
    ``loops`` (trains waiting at the passing loops of each single-track rail line;
    empty without one), ``wagons`` (per wagon pool: use, cargo loaded, waits for wagons,
    round trips; empty without pools),
    ``costs`` (per flow: the shipper's cost per unit and per tonne by kind, and CO2),
    ``cost_elements`` (the same per flow and element) and ``operator_costs`` (vessels'
    fuel and operating costs, ships' dues, locomotives; not in the shipper's cost), all
    empty without a ``costs`` section (:mod:`corridor_sim.results.costs`),
    ``bottlenecks`` (ranked),
    ``queues`` (sampled queue lengths over the whole run),
    ``daily`` (throughput per day of the whole run), ``balance`` (mass balance since
    t = 0), ``network`` (node positions, link ends), ``transits`` (each flow's transit-time
    distribution) and ``flow_daily`` (each flow's deliveries per day of the whole run).
    ``verdict`` names the binding element. One run is one sample path: for an answer,
    use :func:`corridor_sim.replicate`.

    Time in ``queues`` (``time_h``), ``daily`` and ``flow_daily`` (``day``) counts from
    t = 0, the start of the warm-up on the ``start`` date; each also has a ``date``
    column (see :mod:`corridor_sim.results.dates`).
    """

    scenario: str
    seed: int | None
    start: dt.date
    warmup_h: float
    horizon_h: float
    elements: pd.DataFrame
    throughput: pd.DataFrame
    flows: pd.DataFrame
    stages: pd.DataFrame
    vessels: pd.DataFrame
    berths: pd.DataFrame
    bottlenecks: pd.DataFrame
    queues: pd.DataFrame
    daily: pd.DataFrame
    balance: pd.DataFrame
    verdict: str
    wall_s: float = 0.0
    events: int = 0
    #: () for a run seeded directly; (i,) for replication i of an experiment, seeded
    #: with ``SeedSequence(seed).spawn(n)[i]`` (see :attr:`seed_text`)
    spawn_key: tuple[int, ...] = ()
    network: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    transits: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    flow_daily: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    calls: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    bookings: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    routes: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    choices: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    outside: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    embargoes: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    route_daily: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    pools: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    dwell: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    locomotives: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    background: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    loops: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    wagons: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    costs: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    cost_elements: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    operator_costs: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    #: active periods (start h, end h) per traced element; None unless the run was made
    #: with ``trace_activity=True`` (see :mod:`corridor_sim.bottlenecks.active_period`)
    activity: dict[str, list[Period]] | None = None

    TABLES = (
        "elements",
        "throughput",
        "flows",
        "stages",
        "vessels",
        "berths",
        "bottlenecks",
        "queues",
        "daily",
        "balance",
        "network",
        "transits",
        "flow_daily",
        "calls",
        "bookings",
        "routes",
        "choices",
        "outside",
        "embargoes",
        "route_daily",
        "pools",
        "dwell",
        "locomotives",
        "background",
        "loops",
        "wagons",
        "costs",
        "cost_elements",
        "operator_costs",
    )

    def __post_init__(self) -> None:
        for name in TIMED:
            setattr(self, name, dated(name, getattr(self, name), self.start))

    def __repr__(self) -> str:
        return result_repr(self)

    def _repr_html_(self) -> str:
        return result_html(self)

    @classmethod
    def from_record(cls, record: RunRecord) -> SimulationResult:
        """The tables of a finished run; raises
        :class:`~corridor_sim.errors.SimulationError` if its mass balance is broken."""
        s = record.scenario.settings
        bal = balance.balance_table(record)
        balance.check(bal)
        balance.check_elements(balance.element_table(record))
        elements = element_table(record)
        stages = stage_table(record)
        ranking = bottleneck_table(elements, stages, s.horizon_h / DAY_H)
        activity = None
        if record.traced:
            activity = {
                e.name: e.active_periods for e in record.elements if e.active_periods is not None
            }
        result = cls(
            scenario=record.scenario.name,
            seed=record.seed,
            start=s.start,
            warmup_h=s.warmup_h,
            horizon_h=s.horizon_h,
            elements=elements,
            throughput=throughput_table(record),
            flows=flow_table(record),
            stages=stages,
            vessels=vessel_table(record),
            berths=berth_table(record),
            bottlenecks=ranking,
            queues=queue_table(record),
            daily=daily_table(record),
            balance=bal,
            verdict=verdict(ranking),
            wall_s=record.wall_s,
            spawn_key=record.spawn_key,
            events=record.events,
            network=network_table(record.scenario),
            transits=transit_table(record),
            flow_daily=flow_daily_table(record),
            calls=call_table(record),
            bookings=booking_table(record),
            routes=route_table(record),
            choices=choice_table(record),
            outside=outside_table(record),
            embargoes=embargo_table(record),
            route_daily=route_daily_table(record),
            pools=pool_table(record),
            dwell=dwell_table(record),
            locomotives=locomotive_table(record),
            background=background_table(record),
            loops=loop_table(record),
            wagons=wagon_table(record),
            activity=activity,
        )
        if record.scenario.costs is not None:
            priced = cost_tables(record.scenario, result)
            result.costs = priced.costs
            result.cost_elements = priced.cost_elements
            result.operator_costs = priced.operator_costs
        return result

    @classmethod
    def from_dir(cls, path: str | Path) -> SimulationResult:
        """Read back a result saved with :meth:`to_dir` (to redraw figures without
        re-running); raises :class:`~corridor_sim.errors.ResultError` if a file is missing
        or unreadable."""
        return cls(**read_dir(path, cls.TABLES))

    @property
    def period_h(self) -> Period:
        """The statistics period, hours from t = 0."""
        return self.warmup_h, self.warmup_h + self.horizon_h

    @property
    def seed_text(self) -> str:
        """Which seed made this run, in words: ``"2024"``, or for replication ``i`` of an
        experiment ``"2024, replication stream i"`` (``SeedSequence(2024).spawn(n)[i]``)."""
        if not self.spawn_key:
            return str(self.seed)
        if len(self.spawn_key) == 1:
            return f"{self.seed}, replication stream {self.spawn_key[0]}"
        return f"{self.seed}, spawn key {self.spawn_key}"

    def summary(self, top: int = 8) -> str:
        """A readable summary table (what ``corridor-sim run`` prints)."""
        lines = [
            summary.run_line(
                self.scenario,
                self.start,
                self.warmup_h,
                self.horizon_h,
                self.seed_text,
                self.wall_s,
            ),
            "",
            *summary.flow_lines(self.flows),
            "",
            *summary.ranking_lines(self.bottlenecks, self.elements, top),
            "",
            self.verdict,
            summary.balance_line(self.balance),
        ]
        return "\n".join(lines)

    def evidence(self, bounds: CapacityReport | None = None) -> pd.DataFrame:
        """The bottleneck ranking with every signal: this run's, its shifting-bottleneck
        shares (if traced) and, given ``bounds`` (:func:`corridor_sim.capacity`), the
        analytic load and minimum cut; see :mod:`corridor_sim.bottlenecks.evidence`."""
        return bottleneck_evidence(
            self.bottlenecks, activity=self.activity, period_h=self.period_h, bounds=bounds
        )

    def to_dir(self, path: str | Path) -> Path:
        """Write every table as CSV and ``summary.json`` into folder ``path``."""
        tables = {name: getattr(self, name) for name in self.TABLES}
        return write_folder(path, tables, "summary", self.headline())

    def headline(self) -> dict[str, Any]:
        """The headline figures as plain data (``summary.json``)."""
        top = self.bottlenecks.iloc[0].to_dict() if len(self.bottlenecks) else {}
        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "spawn_key": list(self.spawn_key),
            "start": str(self.start),
            "warmup_days": self.warmup_h / DAY_H,
            "horizon_days": self.horizon_h / DAY_H,
            "verdict": self.verdict,
            "binding_element": top.get("element"),
            "flows": self.flows.to_dict(orient="records"),
            "mass_balance_ok": True,
            "wall_seconds": round(self.wall_s, 3),
        }
