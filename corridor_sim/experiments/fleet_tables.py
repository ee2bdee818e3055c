"""The sea crossing over the replications of a run: per vessel class, voyages a year,
turnaround per call and the share of the year in the main states; per port and berth
type, occupancy split into working and idle. Every figure is the mean and the 95 % CI
half-width over the replications (``<kpi>_mean``, ``<kpi>_half_width``), from the
``vessel`` and ``berth`` scopes of a replicated run's tidy ``runs``
(:mod:`~corridor_sim.experiments.fleet_kpis`)."""

from __future__ import annotations

import re

import pandas as pd

from corridor_sim.experiments.confidence import summarise_by

#: (kpi, header, scale, digits) of a vessel class's row
CLASS_COLUMNS = [
    ("voyages_per_yr", "voyages/yr", 1.0, 0),
    ("turnaround_mean_h", "turnaround h", 1.0, 1),
    ("sailing_share", "sailing %", 100.0, 0),
    ("anchorage_share", "anchorage %", 100.0, 0),
    ("berth_working_share", "at berth %", 100.0, 0),
    ("waiting_cargo_share", "waiting for cargo %", 100.0, 0),  # at anchorage
    ("weather_bound_share", "weather-bound %", 100.0, 0),
    ("maintenance_share", "in dock %", 100.0, 0),
]
#: (kpi, header, scale, digits) of a berth type's row
BERTH_COLUMNS = [
    ("occupancy", "occupied %", 100.0, 0),
    ("working", "working %", 100.0, 0),
    ("idle", "idle alongside %", 100.0, 0),
]


def vessel_class(subject: str) -> str:
    """``kuryk-alat/balakan-3`` -> ``kuryk-alat/balakan`` (ships of a ``type`` with a
    ``count`` are numbered; a named ship is its own class).

    >>> vessel_class("kuryk-alat/balakan-3"), vessel_class("kuryk-alat/Azerbaijan")
    ('kuryk-alat/balakan', 'kuryk-alat/Azerbaijan')
    """
    return re.sub(r"-\d+$", "", subject)


def class_table(runs: pd.DataFrame) -> pd.DataFrame:
    """Per sea link and vessel class (``class``, ``vessels``): each KPI of
    :data:`CLASS_COLUMNS` averaged over the class's vessels in each replication, then its
    mean and half-width over the replications. Empty without vessels."""
    v = runs[runs["scope"] == "vessel"]
    if v.empty:
        return pd.DataFrame()
    v = v.assign(**{"class": v["subject"].map(vessel_class)})
    kpis = [k for k, *_ in CLASS_COLUMNS]
    v = v[v["kpi"].isin(kpis)]
    counts = v.groupby("class", sort=False)["subject"].nunique()
    per_run = v.pivot_table(
        index=["replication", "class"], columns="kpi", values="value", aggfunc="mean", sort=False
    ).reset_index()
    table = summarise_by(per_run, "class")
    table.insert(1, "vessels", table["class"].map(counts).astype(int))
    return table


def berth_table(runs: pd.DataFrame) -> pd.DataFrame:
    """Per port and berth type (``berth``: ``<port>/<berth type>``): occupancy, working
    and idle shares of the berths (mean and half-width over the replications). Empty
    without berths."""
    b = runs[runs["scope"] == "berth"]
    if b.empty:
        return pd.DataFrame()
    per_run = b.pivot_table(
        index=["replication", "subject"], columns="kpi", values="value", sort=False
    ).reset_index()
    return summarise_by(per_run.rename(columns={"subject": "berth"}), "berth")
