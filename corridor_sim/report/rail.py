"""The "Rail operations" tables of the report of a replicated answer: locomotive pools,
wagon pools, passing loops of single-track lines, background trains and border dwell, each over the
replications (mean ± the half-width of its 95 % confidence interval), as
``corridor-sim run`` prints them."""

from __future__ import annotations

from dataclasses import dataclass

from corridor_sim.experiments.confidence import summarise_by
from corridor_sim.experiments.kpis import subject_runs
from corridor_sim.experiments.run import ReplicatedRun
from corridor_sim.report.replicated import value
from corridor_sim.report.tables import Table

Columns = list[tuple[str, str, float, int]]  # (kpi, header, scale, digits)

LOCOMOTIVES: Columns = [
    ("utilisation", "busy %", 100.0, 0),
    ("trains_per_day", "trains/day", 1.0, 1),
    ("wait_mean_h", "wait h", 1.0, 1),
    ("wait_p95_h", "wait p95 h", 1.0, 1),
    ("light_share", "light running %", 100.0, 0),
]
WAGONS: Columns = [
    ("utilisation", "in use %", 100.0, 0),
    ("tonnes_per_day", "t/day loaded", 1.0, 0),
    ("wait_mean_h", "wait h", 1.0, 1),
    ("wait_p95_h", "wait p95 h", 1.0, 1),
    ("round_trip_mean_h", "round trip h", 1.0, 0),
]
LOOPS: Columns = [
    ("trains", "trains", 1.0, 0),
    ("waited_trains", "waited", 1.0, 0),
    ("wait_mean_h", "wait h", 1.0, 2),
    ("wait_p95_h", "wait p95 h", 1.0, 2),
    ("busiest_section_share", "busiest section %", 100.0, 0),
]
BACKGROUND: Columns = [
    ("background_per_day", "background trains/day", 1.0, 1),
    ("corridor_per_day", "corridor trains/day", 1.0, 1),
    ("background_share", "background %", 100.0, 0),
    ("corridor_share", "corridor %", 100.0, 0),
]
DWELL: Columns = [("mean_h", "mean h", 1.0, 1), ("p95_h", "p95 h", 1.0, 1)]


@dataclass(frozen=True)
class RailTable:
    """One table of the section: its title, the table and the note under it."""

    title: str
    table: Table
    note: str


def scope_table(answer: ReplicatedRun, scope: str, first: str, columns: Columns) -> Table | None:
    """One row per subject of ``scope`` (``first``: the header of its column), the
    ``columns``' KPIs over the replications; None if no replication has the scope."""
    per_run = subject_runs(answer.runs, scope)
    if per_run.empty:
        return None
    rows = [
        [(str(r["subject"]).replace("/", " / "), False)]
        + [value(r, kpi, scale, digits) for kpi, _, scale, digits in columns]
        for _, r in summarise_by(per_run, "subject").iterrows()
    ]
    return Table([first, *(h for _, h, _, _ in columns)], rows)


def rail_tables(answer: ReplicatedRun) -> list[RailTable]:
    """The tables the answer has: empty for a scenario without rail operations."""
    made = [
        (
            "Locomotive pools",
            scope_table(answer, "locomotives", "pool", LOCOMOTIVES),
            "Per pool: the share of its locomotives in service that are busy (hauling, "
            "running light, turned round), trains hauled a day, the wait per train for a "
            "locomotive (0 for a train that found one) and the share of the locomotives' "
            "work spent running light.",
        ),
        (
            "Wagon pools",
            scope_table(answer, "wagons", "pool", WAGONS),
            "Per pool: the share of its wagons in use (loaded or returning empty), the "
            "tonnes loaded a day, the wait of cargo for wagons and a wagon's round trip.",
        ),
        (
            "Passing loops",
            scope_table(answer, "loops", "single-track line", LOOPS),
            "Per single-track line: trains run in the period, those that waited at a "
            "passing loop for a section, their wait, and the share of the period its "
            "busiest section was held.",
        ),
        (
            "Background trains",
            scope_table(answer, "background", "element / direction", BACKGROUND),
            "Other (non-corridor) traffic: trains a day at each node and in each "
            "direction of a rail line, beside the corridor's, and the shares of the "
            "quota or line capacity each used.",
        ),
        (
            "Border and terminal dwell",
            scope_table(answer, "dwell", "node / stage", DWELL),
            "Hours per train at each dwell stage of a node, their total, and the whole "
            "time at the node with the wait for a server.",
        ),
    ]
    return [RailTable(title, table, note) for title, table, note in made if table is not None]
