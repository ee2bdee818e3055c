"""The vessel-call KPIs of one run as flat KPI-dict entries, so that the replications of
:func:`corridor_sim.run` carry them with confidence intervals (``answer.runs``).

Six scopes, each subject naming what it is about with a ``/`` between the parts:

- ``vessel``, ``<link>/<vessel>``: ``voyages_per_yr`` (one-way sailings), ``mean_fill``
  (share of capacity per loaded voyage), ``calls_per_yr``, ``turnaround_mean_h`` and
  ``turnaround_p95_h`` (per call, all ports), and per state of
  :data:`corridor_sim.engine.links.logbook.STATES` its share of the statistics period
  (``<state>_share``; they add up to 1), and the shares of the KPI groups
  ``anchorage_share``, ``berth_working_share`` and ``berth_idle_share``
  (:data:`corridor_sim.results.fleet.STATE_GROUPS`: sums of states above, so not to be
  added to them);
- ``berth``, ``<port>/<berth type>``: ``occupancy`` (mean share of the berths with a vessel
  alongside), split into ``working`` and ``idle``;
- ``call``, ``<link>/<port>``: ``calls_per_yr``, ``turnaround_mean_h``,
  ``turnaround_p95_h`` (arrival to sailing; the link's vessels together: with fleet pools,
  the vessels whose home it is, wherever they served);
- ``port``, ``<port>``: ``calls_per_yr`` and ``turnaround_mean_h`` of every vessel that
  called there, whatever its link (the port's own count);
- ``line``, ``<link>`` (sea links): ``carried_<unit>_per_yr``, the units the line moved
  (both directions) per natural unit: TEU, wagon, truck, t;
- ``pool``, ``<pool>/<link>`` (fleet pools only): ``vessel_days`` the pool's vessels
  served the line over the statistics period, ``mean_vessels`` serving it, and
  ``switches`` of its home vessels (:mod:`corridor_sim.results.pools`).

The words follow :mod:`corridor_sim.results.fleet`.
"""

from __future__ import annotations

import pandas as pd

from corridor_sim.results.result import SimulationResult

YEAR_H = 8760.0
#: the scopes this module adds to :data:`corridor_sim.experiments.kpis.SCOPES`
FLEET_SCOPES = ("vessel", "berth", "call", "port", "line", "pool")
VESSEL_KPIS = ("voyages_per_yr", "mean_fill", "turnaround_mean_h", "turnaround_p95_h")
CALL_KPIS = ("turnaround_mean_h", "turnaround_p95_h")
BERTH_KPIS = ("occupancy", "working", "idle")
POOL_KPIS = ("vessel_days", "mean_vessels", "switches")


def fleet_kpis(result: SimulationResult) -> dict[str, float]:
    """The vessel, berth, call, line and pool KPIs of ``result`` (keys
    ``<scope>:<subject>:<kpi>``)."""
    per_yr = YEAR_H / result.horizon_h
    out: dict[str, float] = {}
    out.update(_vessels(result.vessels, result.horizon_h, per_yr))
    for b in result.berths.itertuples():
        for k in BERTH_KPIS:
            out[f"berth:{b.port}/{b.berth}:{k}"] = float(getattr(b, k))
    for c in result.calls.itertuples():
        out[f"call:{c.link}/{c.port}:calls_per_yr"] = float(c.calls) * per_yr
        for k in CALL_KPIS:
            out[f"call:{c.link}/{c.port}:{k}"] = float(getattr(c, k))
    out.update(_ports(result.calls, per_yr))
    out.update(_lines(result, per_yr))
    for p in result.pools.itertuples():
        for k in POOL_KPIS:
            out[f"pool:{p.pool}/{p.line}:{k}"] = float(getattr(p, k))
    return out


def _vessels(vessels: pd.DataFrame, horizon_h: float, per_yr: float) -> dict[str, float]:
    states = [c[: -len("_h")] for c in vessels.columns if c.endswith("_h") and c not in CALL_KPIS]
    out: dict[str, float] = {}
    for v in vessels.to_dict("records"):
        key = f"vessel:{v['link']}/{v['vessel']}"
        for k in VESSEL_KPIS:
            out[f"{key}:{k}"] = float(v[k])
        out[f"{key}:calls_per_yr"] = float(v["calls"]) * per_yr
        for state in states:
            out[f"{key}:{state}_share"] = float(v[f"{state}_h"]) / horizon_h
    return out


def _ports(calls: pd.DataFrame, per_yr: float) -> dict[str, float]:
    """Per port: the calls of every vessel there a year, and their mean turnaround (h)."""
    out: dict[str, float] = {}
    for port, rows in calls.groupby("port", sort=False):
        n = float(rows["calls"].sum())
        out[f"port:{port}:calls_per_yr"] = n * per_yr
        if n > 0:
            mean = float((rows["calls"] * rows["turnaround_mean_h"]).sum()) / n
            out[f"port:{port}:turnaround_mean_h"] = mean
    return out


def _lines(result: SimulationResult, per_yr: float) -> dict[str, float]:
    links = set(result.vessels["link"]) if len(result.vessels) else set()
    t = result.throughput
    carried = t[t["element"].isin(links)].groupby(["element", "unit"], sort=False)["units"].sum()
    return {
        f"line:{link}:carried_{unit}_per_yr": float(units) * per_yr
        for (link, unit), units in carried.items()
    }
