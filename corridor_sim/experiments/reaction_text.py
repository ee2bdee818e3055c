"""How the corridor reacted, in the text of a replicated run (``corridor-sim run``; from
its tidy ``runs`` table of ``n`` replications): the
split at each decision node, cargo lost to competing corridors, and the embargoes. Every
number is a mean ± the half-width of its 95% CI over the replications; sections without
anything to show are left out."""

from __future__ import annotations

import pandas as pd

from corridor_sim.experiments.confidence import summarise_by
from corridor_sim.experiments.kpis import subject_runs
from corridor_sim.texttable import pm, table


def _pm(row: pd.Series, kpi: str, scale: float, digits: int) -> str:
    return pm(row[f"{kpi}_mean"], row[f"{kpi}_half_width"], digits, scale)


def split_lines(runs: pd.DataFrame, n: int) -> list[str]:
    """Per decision node and way on, all flows together: kt a year and the share of the
    tonnes choosing there."""
    per_run = subject_runs(runs, "choice")
    if per_run.empty:
        return []
    parts = per_run["subject"].str.split("/", n=2, expand=True)
    per_run = per_run.assign(node=parts[1], way=parts[2])
    tonnes = per_run.groupby(["replication", "node", "way"], sort=False)["t_per_yr"].sum()
    # a way nobody took in a replication is a zero there, not a missing value
    tonnes = tonnes.unstack(["node", "way"], fill_value=0.0).stack(["node", "way"])
    tonnes = tonnes.reindex(range(n), level="replication")
    at_node = tonnes.groupby(level=["replication", "node"]).transform("sum")
    table_ = pd.DataFrame({"t_per_yr": tonnes, "share": tonnes / at_node}).reset_index()
    table_["subject"] = table_["node"] + "/" + table_["way"]
    summary = summarise_by(table_.drop(columns=["node", "way"]), "subject")
    rows = []
    for _, r in summary.iterrows():
        node, _, way = str(r["subject"]).partition("/")
        rows.append([node, way, _pm(r, "t_per_yr", 1e-3, 0), _pm(r, "share", 100.0, 0)])
    return [
        "Route choice: where cargo went from each decision node (all flows)",
        *table(["at", "on to", "kt/yr", "share %"], rows, "llrr"),
        "",
    ]


def outside_lines(runs: pd.DataFrame) -> list[str]:
    """Per flow and competing corridor: kt a year lost to it and its share of the flow."""
    per_run = subject_runs(runs, "outside")
    if per_run.empty:
        return []
    summary = summarise_by(per_run, "subject")
    rows = []
    for _, r in summary.iterrows():
        flow, _, option = str(r["subject"]).partition("/")
        rows.append(
            [
                flow,
                option,
                _pm(r, "diverted_t_per_yr", 1e-3, 1),
                _pm(r, "share_of_offered", 100.0, 1),
            ]
        )
    return [
        "Competing corridors: cargo that left the corridor for another",
        *table(["flow", "to", "kt/yr", "% of offered"], rows, "llrr"),
        "",
    ]


def embargo_lines(runs: pd.DataFrame) -> list[str]:
    """Per node and class under acceptance control: days on, episodes, and the new cargo
    held at origin or sent another way."""
    per_run = subject_runs(runs, "embargo")
    if per_run.empty:
        return []
    summary = summarise_by(per_run, "subject")
    rows = []
    for _, r in summary.iterrows():
        node, _, cls = str(r["subject"]).partition("/")
        rows.append(
            [
                node,
                cls,
                _pm(r, "days_on", 1.0, 0),
                _pm(r, "episodes", 1.0, 0),
                _pm(r, "held_units", 1.0, 0),
                _pm(r, "diverted_units", 1.0, 0),
            ]
        )
    header = ["node", "class", "days on", "episodes", "held at origin", "sent another way"]
    return [
        "Embargoes (the railway stops sending new cargo to a node while too much stands there)",
        *table(header, rows, "llrrrr"),
        "",
    ]


def reaction_lines(runs: pd.DataFrame, n: int) -> list[str]:
    """The sections above that have something to show."""
    return [*split_lines(runs, n), *outside_lines(runs), *embargo_lines(runs)]
