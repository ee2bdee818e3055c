"""Headline numbers of one run as a small flat dict: what a replication sends back, and
the tidy tables made of those dicts.

Names: ``delivered_t_per_yr``, ``offered_t_per_yr``, ``delivered_ratio``,
``diverted_t_per_yr`` (cargo that left for a competing corridor), ``carried_ratio``
(delivered over the cargo that chose the corridor: offered less what chose another
corridor of its own accord, so cargo an embargo turned away counts as not carried; equal
to ``delivered_ratio`` without outside options),
``transit_mean_days`` (tonne-weighted over flows), ``in_system_t``,
``max_backlog_growth_days`` (the steepest queue trend, from the bottleneck ranking),
``mser_warmup_days``; per flow ``delivered_t_per_yr``, ``transit_mean_days``,
``transit_p95_days``; per element ``utilisation``, ``wait_share``,
``backlog_growth_days``, ``throughput_t_per_day``, ``score``, ``queue_rise_t`` (queue at
the end of the statistics period minus at its start; over a whole year the same season at
both ends), for a scheduled sea link ``on_time_share`` (the share of its sailings within
its tolerance of their slots, :mod:`corridor_sim.results.schedule`) (and, for runs traced
with ``trace_activity=True``, ``sole_share`` and ``shifting_share``); and the string
``binding_element`` (the top of the bottleneck ranking). :func:`run_kpis` adds what
``corridor-sim run`` prints per flow and element (:data:`FLOW_DETAIL`,
:data:`ELEMENT_DETAIL`) and the run's mass balance: ``generated_t`` (since t = 0) and
``balance_difference_units`` (the largest |generated - delivered - in system| of a flow;
the run was refused had it been more than rounding).

In the dict, the transport from a worker, a flow's or an element's KPI is keyed
``flow:<name>:<kpi>`` or ``element:<name>:<kpi>``. No table shows those keys:
:func:`split_key` is the one place they are taken apart, and :func:`long_table` turns a
table of dicts (one row per run) into the tidy table every experiment shows, one row per
run, KPI and subject: ``scope`` (:data:`SCOPES`), ``subject`` (the flow or element; empty
for the corridor), ``kpi`` (the plain name, its unit at the end) and ``value``.
:func:`by_name` turns that into one row per run and flow (or element), one column per KPI.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from corridor_sim.bottlenecks.active_period import shifting_bottlenecks
from corridor_sim.experiments.background_kpis import BACKGROUND_SCOPES, background_kpis
from corridor_sim.experiments.cost_kpis import COST_SCOPES, cost_kpis
from corridor_sim.experiments.dwell_kpis import DWELL_SCOPES, dwell_kpis
from corridor_sim.experiments.fleet_kpis import FLEET_SCOPES, fleet_kpis
from corridor_sim.experiments.loop_kpis import LOOP_SCOPES, loop_kpis
from corridor_sim.experiments.reaction_kpis import REACTION_SCOPES, reaction_kpis
from corridor_sim.experiments.traction_kpis import TRACTION_SCOPES, traction_kpis
from corridor_sim.experiments.wagon_kpis import WAGON_SCOPES, wagon_kpis
from corridor_sim.results.result import SimulationResult

YEAR_D = 365.0
#: what a KPI is about: the whole corridor, one flow or one element; a vessel, a port's
#: berths of one type, a line's calls at one port, a sea line or a fleet pool's line; a
#: flow's route, a choice at a decision node, an outside option or an embargo; a node's
#: dwell stage; a locomotive pool; an element's background trains; a single-track rail
#: line's passing loops; a wagon pool; a flow's costs (``run_kpis`` only)
SCOPES = (
    "corridor",
    "flow",
    "element",
    *FLEET_SCOPES,
    *REACTION_SCOPES,
    *DWELL_SCOPES,
    *TRACTION_SCOPES,
    *BACKGROUND_SCOPES,
    *LOOP_SCOPES,
    *WAGON_SCOPES,
    *COST_SCOPES,
)
CORRIDOR = "corridor"
ELEMENT_KPIS = ("utilisation", "wait_share", "backlog_growth_days", "score")
FLOW_DETAIL = ("offered_units", "delivered_units", "in_system_units", "transit_p50_days")
ELEMENT_DETAIL = ("queue_mean_t", "queue_p95_t")


def cargo_flows(flows: pd.DataFrame) -> pd.DataFrame:
    """The rows of a flows table that carry cargo (not empties going back)."""
    if "empty_of" not in flows:
        return flows
    return flows[flows["empty_of"].fillna("").astype(str) == ""]


def kpis(result: SimulationResult) -> dict[str, float | str]:
    """The compact KPI dict of ``result`` (a :class:`~corridor_sim.SimulationResult`)."""
    per_yr = YEAR_D * 24.0 / result.horizon_h
    every_flow = result.flows
    flows = cargo_flows(every_flow)  # the corridor's figures count cargo, not empties
    bal = result.balance.set_index("flow")
    t_per_unit = bal["generated_t"] / bal["generated_units"].where(bal["generated_units"] > 0)
    offered_t = float((flows.set_index("flow")["offered_units"] * t_per_unit.fillna(0.0)).sum())
    delivered_t = float(flows["delivered_t"].sum())
    mass = flows.set_index("flow")
    per_unit = t_per_unit.reindex(mass.index).fillna(0.0)
    diverted_t = (
        float((mass["diverted_units"] * per_unit).sum()) if "diverted_units" in mass else 0.0
    )
    turned_t = (
        float((mass["turned_away_units"] * per_unit).sum()) if "turned_away_units" in mass else 0.0
    )
    chose_t = offered_t - (diverted_t - turned_t)  # offered less what chose another corridor
    weights = flows["delivered_t"].where(flows["transit_mean_days"].notna(), 0.0)
    transit = (
        float((flows["transit_mean_days"].fillna(0.0) * weights).sum() / weights.sum())
        if weights.sum() > 0
        else math.nan
    )
    b = result.bottlenecks
    growth = b["backlog_growth_days"].replace([np.inf], 1e9)
    out: dict[str, float | str] = {
        "delivered_t_per_yr": delivered_t * per_yr,
        "offered_t_per_yr": offered_t * per_yr,
        "delivered_ratio": delivered_t / offered_t if offered_t > 0 else math.nan,
        "carried_ratio": delivered_t / chose_t if chose_t > 0 else math.nan,
        "diverted_t_per_yr": diverted_t * per_yr,
        "transit_mean_days": transit,
        "in_system_t": float(flows["in_system_t"].sum()),
        "max_backlog_growth_days": float(growth.max()) if len(b) else 0.0,
        "mser_warmup_days": mser5_days(result),
        "binding_element": str(b.iloc[0]["element"]) if len(b) else "",
    }
    for f in every_flow.itertuples():
        out[f"flow:{f.flow}:delivered_t_per_yr"] = float(f.delivered_t) * per_yr
        out[f"flow:{f.flow}:transit_mean_days"] = float(f.transit_mean_days)
        out[f"flow:{f.flow}:transit_p95_days"] = float(f.transit_p95_days)
    el = result.elements.set_index("element")
    rise = queue_rise_t(result)
    if result.activity is not None:
        shares = shifting_bottlenecks(result.activity, *result.period_h)
        for row in shares.itertuples():
            out[f"element:{row.element}:sole_share"] = float(row.sole_share)
            out[f"element:{row.element}:shifting_share"] = float(row.shifting_share)
    for row in b.itertuples():
        for k in ELEMENT_KPIS:
            out[f"element:{row.element}:{k}"] = float(getattr(row, k))
        out[f"element:{row.element}:throughput_t_per_day"] = float(
            el.loc[row.element, "throughput_t_per_day"]
        )
        out[f"element:{row.element}:queue_rise_t"] = float(rise.get(row.element, 0.0))
    if "on_time_share" in el.columns:
        for name, share in el["on_time_share"].dropna().items():
            out[f"element:{name}:on_time_share"] = float(share)
    return out


def run_kpis(result: SimulationResult) -> dict[str, float | str]:
    """:func:`kpis` with the flow and element detail, the mass balance and the vessel-call
    KPIs of ``result``, its reactions, its dwell stages, locomotive pools, background
    trains, passing loops, wagon pools and costs (what
    :func:`corridor_sim.run` measures in each replication)."""
    out = kpis(result)
    for f in result.flows.itertuples():
        for k in FLOW_DETAIL:
            out[f"flow:{f.flow}:{k}"] = float(getattr(f, k))
    for e in result.elements.itertuples():
        for k in ELEMENT_DETAIL:
            out[f"element:{e.element}:{k}"] = float(getattr(e, k))
    bal = result.balance
    out["generated_t"] = float(bal["generated_t"].sum())
    out["balance_difference_units"] = (
        float(bal["difference_units"].abs().max()) if len(bal) else 0.0
    )
    out.update(fleet_kpis(result))
    out.update(reaction_kpis(result))
    out.update(dwell_kpis(result))
    out.update(traction_kpis(result))
    out.update(background_kpis(result))
    out.update(loop_kpis(result))
    out.update(wagon_kpis(result))
    out.update(cost_kpis(result))
    return out


def split_key(key: str) -> tuple[str, str, str]:
    """``(scope, subject, kpi)`` of a key of the KPI dict.

    >>> split_key("flow:goods_west:delivered_t_per_yr"), split_key("delivered_ratio")
    (('flow', 'goods_west', 'delivered_t_per_yr'), ('corridor', '', 'delivered_ratio'))
    """
    scope, _, rest = key.partition(":")
    if scope in SCOPES[1:] and ":" in rest:
        subject, _, kpi = rest.rpartition(":")
        return scope, subject, kpi
    return CORRIDOR, "", key


def long_table(wide: pd.DataFrame, ids: Sequence[str]) -> pd.DataFrame:
    """A table of KPI dicts (one row per run) as a tidy table: the ``ids`` columns (those
    present, e.g. ``point``, ``replication``), then ``scope``, ``subject``, ``kpi`` and
    ``value``, one row per run and numeric KPI; other text columns are left out. Rows run
    by run in the order of ``wide``; within a run the corridor first, then each flow and
    each element in the order they first appear.

    >>> wide = pd.DataFrame(
    ...     {"replication": [0, 1], "element:a:x": [3.0, 4.0], "x": [1.0, 2.0], "top": ["a", "a"]}
    ... )
    >>> long_table(wide, ["replication"])
       replication     scope subject kpi  value
    0            0  corridor           x    1.0
    1            0   element       a   x    3.0
    2            1  corridor           x    2.0
    3            1   element       a   x    4.0
    """
    ids = [c for c in ids if c in wide.columns]
    keys = [c for c in wide.columns if c not in ids and pd.api.types.is_numeric_dtype(wide[c])]
    parts = {k: split_key(k) for k in keys}
    first: dict[tuple[str, str], int] = {}  # (scope, subject) -> first appearance
    for scope, subject, _ in parts.values():
        first.setdefault((scope, subject), len(first))
    keys.sort(key=lambda k: (SCOPES.index(parts[k][0]), first[parts[k][:2]]))
    values = wide[keys].to_numpy(dtype=float)
    out = wide[ids].iloc[np.repeat(np.arange(len(wide)), len(keys))].reset_index(drop=True)
    for i, column in enumerate(("scope", "subject", "kpi")):
        out[column] = [parts[k][i] for k in keys] * len(wide)
    out["value"] = values.ravel()
    return out


def by_name(runs: pd.DataFrame, scope: str) -> pd.DataFrame:
    """The rows of ``scope`` (``"flow"`` or ``"element"``) of a :func:`long_table` with a
    ``replication`` column, one row per replication and subject: ``replication``, the
    subject (in a column named ``scope``), one column per KPI; subjects and KPIs in the
    order they first appear.

    >>> runs = pd.DataFrame({"replication": [0, 1], "flow:a:x": [1.0, 2.0], "flow:b:x": [3.0, 4.0]})
    >>> by_name(long_table(runs, ["replication"]), "flow")
       replication flow    x
    0            0    a  1.0
    1            0    b  3.0
    2            1    a  2.0
    3            1    b  4.0
    """
    rows = runs[runs["scope"] == scope].rename(columns={"subject": scope})
    order = {n: i for i, n in enumerate(dict.fromkeys(rows[scope]))}
    kpi_order = list(dict.fromkeys(rows["kpi"]))
    wide = rows.pivot(index=["replication", scope], columns="kpi", values="value")
    wide = wide.reindex(columns=kpi_order).reset_index()
    wide.columns.name = None
    wide["_order"] = wide[scope].map(order)
    wide = wide.sort_values(["replication", "_order"], kind="stable").drop(columns="_order")
    return wide.reset_index(drop=True)


def subject_runs(runs: pd.DataFrame, scope: str) -> pd.DataFrame:
    """:func:`by_name` for any scope, the subject in a column ``subject``; an empty frame
    if ``runs`` has no row of ``scope`` (the per-replication input of the run text's
    tables of vessels, routes, embargoes, dwell, ...)."""
    if not (runs["scope"] == scope).any():
        return pd.DataFrame()
    return by_name(runs, scope).rename(columns={scope: "subject"})


def queue_rise_t(result: SimulationResult) -> pd.Series:
    """Per element, its sampled queue (t) at the last sample of the statistics period
    minus at the first."""
    q = result.queues
    post = q[q["time_h"] >= result.warmup_h]
    if post.empty:
        return pd.Series(dtype=float)
    by = post.sort_values("time_h", kind="stable").groupby("element", sort=False)["queue_t"]
    return by.last() - by.first()


def mser5_days(result: SimulationResult) -> float:
    """Warm-up the MSER-5 rule suggests for the total queue (days from t = 0): the
    truncation of batch means of 5 samples that minimises the standard error of the rest
    (White 1997), searched over the first half of the run."""
    q = result.queues
    if q.empty:
        return math.nan
    total = q.groupby("time_h", sort=True)["queue_t"].sum()
    times = total.index.to_numpy()
    values = total.to_numpy()
    n = len(values) // 5
    if n < 4:
        return math.nan
    means = values[: n * 5].reshape(n, 5).mean(axis=1)
    best, best_d = math.inf, 0
    for d in range(n // 2):
        rest = means[d:]
        score = rest.var() / len(rest)
        if score < best:
            best, best_d = score, d
    return float(times[best_d * 5] / 24.0)
