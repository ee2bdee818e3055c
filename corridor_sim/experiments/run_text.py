"""The text of a :class:`~corridor_sim.experiments.run.ReplicatedRun`: what
``corridor-sim run`` prints (and, with the analytic columns, ``corridor-sim
bottlenecks``). Every number is a mean ± the half-width of its 95% CI over the
replications."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

import pandas as pd

from corridor_sim.bottlenecks.ranking import SCORE_FORMULA
from corridor_sim.capacity.report import CapacityReport
from corridor_sim.experiments.background_text import background_lines
from corridor_sim.experiments.confidence import summarise_by
from corridor_sim.experiments.cost_text import cost_lines
from corridor_sim.experiments.dwell_text import dwell_lines
from corridor_sim.experiments.kpis import CORRIDOR, subject_runs
from corridor_sim.experiments.loop_text import loop_lines
from corridor_sim.experiments.reaction_text import reaction_lines
from corridor_sim.experiments.text import HEADLINE, cell
from corridor_sim.experiments.traction_text import traction_lines
from corridor_sim.experiments.views import as_table, clip, headline_table
from corridor_sim.experiments.wagon_text import wagon_lines
from corridor_sim.htmlrepr import Bars, html_block
from corridor_sim.results.summary import UNIT_NAMES
from corridor_sim.texttable import pct, pm, table

if TYPE_CHECKING:
    from corridor_sim.experiments.run import ReplicatedRun

FLOW_COLUMNS = [  # (kpi, header, digits)
    ("offered_units", "offered", 0),
    ("delivered_units", "delivered", 0),
    ("in_system_units", "in system at end", 0),
    ("transit_mean_days", "transit mean d", 1),
    ("transit_p50_days", "p50 d", 1),
    ("transit_p95_days", "p95 d", 1),
]
ELEMENT_COLUMNS = [  # (kpi, header, scale, digits)
    ("score", "score", 1.0, 2),
    ("utilisation", "util %", 100.0, 0),
    ("wait_share", "wait share %", 100.0, 0),
    ("backlog_growth_days", "backlog +days", 1.0, 1),
    ("throughput_t_per_day", "throughput t/day", 1.0, 0),
    ("capacity_t_per_day", "capacity t/day", 1.0, 0),
    ("queue_mean_t", "queue mean t", 1.0, 0),
]
TRACED_COLUMNS = [
    ("sole_share", "sole bn %", 100.0, 0),
    ("shifting_share", "shifting bn %", 100.0, 0),
]


def value(row: pd.Series, kpi: str, scale: float = 1.0, digits: int = 1) -> str:
    """``mean ± half-width`` of ``kpi`` in a row of a summarised table (or the plain
    value of a column ``kpi`` that is the same in every replication); ``-`` if absent."""
    mean = row.get(f"{kpi}_mean", row.get(kpi, math.nan))
    if mean is None or (isinstance(mean, float) and math.isnan(mean)):
        return "-"
    return pm(mean, row.get(f"{kpi}_half_width", math.nan), digits, scale)


def header_lines(rr: ReplicatedRun) -> list[str]:
    """Which scenario, which period, how many replications and seeds, how long it took."""
    s = rr.scenario.settings
    statistics_from = s.start + dt.timedelta(hours=s.warmup_h)
    first = (
        f"Scenario {rr.name}: {s.horizon_h / 24:,.0f} days from {statistics_from:%Y-%m-%d} "
        f"after a {s.warmup_h / 24:,.0f}-day warm-up from {s.start}; "
        f"{rr.n} replication{'s' if rr.n > 1 else ''} ({rr.wall_s:.1f} s)"
    )
    if rr.n < 2:
        return [first, f"One replication ({rr.seeds}): one sample path, no confidence interval."]
    return [
        first,
        f"Every number is the mean ± the half-width of its 95 % confidence interval over "
        f"the {rr.n} replications (seeds: {rr.seeds}).",
    ]


def headline_lines(rr: ReplicatedRun) -> list[str]:
    """The headline KPIs: delivered, offered, their ratio, transit time, cargo in system."""
    rows = [[label, cell(rr.headline, kpi, scale, d)] for kpi, label, scale, d in HEADLINE]
    return ["Headline", *table(["kpi", "value"], rows, "lr")]


def flow_rows(rr: ReplicatedRun) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the flows: unit, then each of :data:`FLOW_COLUMNS`."""
    rows = [
        [str(f["flow"]), UNIT_NAMES.get(f["unit"], f["unit"])]
        + [value(f, kpi, 1.0, d) for kpi, _, d in FLOW_COLUMNS]
        for _, f in rr.flows.iterrows()
    ]
    return ["flow", "unit", *(h for _, h, _ in FLOW_COLUMNS)], rows


def flow_lines(rr: ReplicatedRun) -> list[str]:
    """Per flow: offered, delivered, in system at the end, transit mean, p50 and p95."""
    return [
        "Flows (statistics period)",
        *table(*flow_rows(rr), "ll" + "r" * len(FLOW_COLUMNS)),
        "offered = arrived during the statistics period; delivered also counts cargo "
        "that arrived during the warm-up.",
    ]


def ranking_rows(
    rr: ReplicatedRun, top: int = 8, bounds: CapacityReport | None = None
) -> tuple[list[str], list[list[str]], str]:
    """The header, rows and alignment of the ranking by mean score: every signal as mean
    ± half-width, in how many replications each element ranked first, and (given
    ``bounds``) the analytic load and minimum cut."""
    columns = ELEMENT_COLUMNS + (TRACED_COLUMNS if rr.trace_activity else [])
    loads = bounds.elements.set_index("element")["load"] if bounds is not None else None
    rows = []
    for _, r in rr.ranking.head(top).iterrows():
        cells = [str(r["rank"]), str(r["element"]), f"{r['kind']} {r['role']}"]
        cells += [value(r, kpi, scale, d) for kpi, _, scale, d in columns]
        if bounds is not None and loads is not None:
            cells += [
                pct(float(loads.get(r["element"], math.nan))),
                "yes" if r["element"] in bounds.min_cut else "",
            ]
        cells.append(f"{r['first_in']}/{rr.n}")
        rows.append(cells)
    header = ["#", "element", "kind", *(h for _, h, _, _ in columns)]
    header += ["load", "min cut"] if bounds is not None else []
    header.append("first in")
    align = "rll" + "r" * len(columns) + ("rl" if bounds is not None else "") + "r"
    return header, rows, align


def ranking_title(rr: ReplicatedRun, shown: int) -> str:
    """The heading of the ranking: how many of how many elements, and the score formula."""
    return (
        f"Bottleneck ranking by mean score (top {shown} of {len(rr.ranking)} elements; "
        f"{SCORE_FORMULA})"
    )


def ranking_lines(
    rr: ReplicatedRun, top: int = 8, bounds: CapacityReport | None = None
) -> list[str]:
    """The ranking by mean score as text (see :func:`ranking_rows`)."""
    header, rows, align = ranking_rows(rr, top, bounds)
    return [ranking_title(rr, len(rows)), *table(header, rows, align)]


def verdict_line(rr: ReplicatedRun) -> str:
    """The binding element (first by mean score) and its evidence, with CIs."""
    if rr.ranking.empty:
        return "No elements."
    top = rr.ranking.iloc[0]
    growth = float(top.get("backlog_growth_days_mean", math.nan))
    days = value(top, "backlog_growth_days", 1.0, 1)
    if math.isnan(growth):
        trend = "queue growing with no throughput"
    elif growth >= 1:
        trend = f"backlog grew by {days} days of throughput over the run"
    else:
        trend = f"queue stable (trend {days} days of throughput over the run)"
    return (
        f"Binding element: {top['element']} ({top['kind']} {top['role']}), first by mean "
        f"score and first in {rr.first_in} of {rr.n} replications: "
        f"{value(top, 'utilisation', 100.0, 0)} % utilised, {trend}, "
        f"{value(top, 'wait_share', 100.0, 0)} % of all transit time spent waiting here."
    )


def balance_line(rr: ReplicatedRun) -> str:
    """The mass balance, checked at the end of every replication."""
    runs = rr.runs
    diffs = runs.loc[(runs["scope"] == CORRIDOR) & (runs["kpi"] == "balance_difference_units")]
    worst = float(diffs["value"].max()) if len(diffs) else 0.0
    every = f"all {rr.n} replications" if rr.n > 1 else "the replication"
    diverted = " + diverted" if any(f.outside for f in rr.scenario.flows.values()) else ""
    return (
        f"Mass balance: OK in {every} (generated = delivered{diverted} + in system for each flow "
        f"({len(rr.flows)}), in - out = contents for every element; largest difference "
        f"{worst:.3g} units)."
    )


def schedule_lines(rr: ReplicatedRun) -> list[str]:
    """Per scheduled sea link (``departure.every``): the share of its sailings that left
    within its tolerance of their slots; no lines if no link runs to a schedule."""
    column = "on_time_share_mean"
    if column not in rr.ranking.columns:
        return []
    scheduled = rr.ranking[rr.ranking[column].notna()]
    if scheduled.empty:
        return []
    links = rr.scenario.links
    rows = [
        [
            str(r["element"]),
            f"{getattr(links.get(r['element']), 'every_h', math.nan):g}",
            f"± {getattr(links.get(r['element']), 'on_time_within_h', math.nan):g}",
            value(r, "on_time_share", 100.0, 0),
        ]
        for _, r in scheduled.iterrows()
    ]
    return [
        "Scheduled sailings (a sailing is on time within the tolerance of its slot)",
        *table(["link", "every h", "tolerance h", "on time %"], rows, "lrrr"),
        "",
    ]


def pool_lines(rr: ReplicatedRun) -> list[str]:
    """Per fleet pool and line: the vessels it starts with, the vessel-days the pool's
    vessels served it, the mean number serving it, its utilisation and the line changes
    of its own vessels; no lines without pools."""
    per_run = subject_runs(rr.runs, "pool")
    if per_run.empty:
        return []
    pools = summarise_by(per_run, "subject")
    elements = rr.ranking.set_index("element")
    rows = []
    for _, r in pools.iterrows():
        pool, _, line = str(r["subject"]).partition("/")
        fleet = getattr(rr.scenario.links.get(line), "fleet", ())
        util = elements.loc[line] if line in elements.index else pd.Series(dtype=float)
        rows.append(
            [
                pool,
                line,
                str(len(fleet)),
                value(r, "vessel_days", 1.0, 0),
                value(r, "mean_vessels", 1.0, 1),
                value(util, "utilisation", 100.0, 0),
                value(r, "switches", 1.0, 1),
            ]
        )
    header = ["pool", "line", "own vessels", "vessel-days", "vessels serving", "util %"]
    return [
        "Fleet pools (vessels move to the line that would take longest to clear its backlog)",
        *table([*header, "line changes"], rows, "llrrrrr"),
        "",
    ]


def format_run(rr: ReplicatedRun, top: int = 8) -> str:
    """The whole summary of ``rr``."""
    lines = [
        *header_lines(rr),
        "",
        *headline_lines(rr),
        "",
        *flow_lines(rr),
        "",
        *ranking_lines(rr, top),
        "",
        *schedule_lines(rr),
        *pool_lines(rr),
        *reaction_lines(rr.runs, rr.n),
        *dwell_lines(rr.runs, rr.scenario),
        *traction_lines(rr.runs, rr.scenario),
        *background_lines(rr.runs, rr.scenario),
        *loop_lines(rr.runs, rr.scenario),
        *wagon_lines(rr.runs, rr.scenario),
        *cost_lines(rr.runs, rr.scenario),
        verdict_line(rr),
        balance_line(rr),
    ]
    return "\n".join(lines)


def run_repr(rr: ReplicatedRun) -> str:
    """One line: what was run, cargo delivered with its CI, and what binds; no table."""
    s = rr.scenario.settings
    delivered = cell(rr.headline, "delivered_t_per_yr", 1e-6, 3)
    return clip(
        f"<ReplicatedRun {rr.name!r}: {rr.n} replications (seed {rr.seed}), "
        f"{s.horizon_h / 24:,.0f} days after a {s.warmup_h / 24:,.0f}-day warm-up; delivered "
        f"{delivered} Mt/yr; binding: {rr.binding or '-'} (first in {rr.first_in} of {rr.n})>"
    )


def utilisation_bars(rr: ReplicatedRun, top: int = 5) -> Bars:
    """The top of the ranking as bars of mean utilisation (%) with 95 % CI whiskers."""
    rows = tuple(
        (str(r["element"]), 100.0 * r["utilisation_mean"], 100.0 * r["utilisation_half_width"])
        for _, r in rr.ranking.head(top).iterrows()
    )
    title = f"utilisation of the top-ranked elements (%, mean ± 95 % CI over {rr.n})"
    return Bars(title, rows, 100.0, frozenset({rr.binding}))


def run_html(rr: ReplicatedRun, top: int = 5) -> str:
    """The notebook view: what was run, the verdict, the headline, flows and ranking."""
    header, rows, _ = ranking_rows(rr, top)
    return html_block(
        f"Replicated run: {rr.name}",
        [*header_lines(rr), verdict_line(rr)],
        {
            "Headline": headline_table(rr.headline),
            "Flows (statistics period; mean ± 95% CI half-width)": as_table(*flow_rows(rr)),
            ranking_title(rr, len(rows)): as_table(header, rows),
        },
        utilisation_bars(rr, top),
    )
