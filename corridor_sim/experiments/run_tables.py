"""The tables of a :class:`~corridor_sim.experiments.run.ReplicatedRun` over its
replications: headline KPIs, flows and the bottleneck ranking (means and 95% CI
half-widths), and its ``summary.json``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from corridor_sim.bottlenecks.ranking import SCORE_FORMULA, rank
from corridor_sim.experiments.confidence import LEVEL, numeric_columns, summarise, summarise_by
from corridor_sim.model.scenario import Scenario

if TYPE_CHECKING:
    from corridor_sim.experiments.run import ReplicatedRun

DAY_H = 24.0


def headline_table(runs: pd.DataFrame) -> pd.DataFrame:
    """One row per headline KPI of ``runs``: mean, std, n, ci_low, ci_high, half_width."""
    return summarise(numeric_columns(runs, skip=["replication"]))


def flow_table(flow_runs: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Per flow, its unit and the mean and half-width of each of its KPIs."""
    table = summarise_by(flow_runs, "flow")
    units = {
        name: scenario.commodities[f.commodity].unit
        for name, f in scenario.flows.items()
        if f.commodity in scenario.commodities
    }
    table.insert(1, "unit", table["flow"].map(units).fillna(""))
    return table


def ranking_table(
    element_runs: pd.DataFrame, runs: pd.DataFrame, scenario: Scenario
) -> pd.DataFrame:
    """Per element, kind, role, the mean and half-width of each signal and of the score,
    and ``first_in`` (replications in which it ranked first), ranked by mean score."""
    table = summarise_by(element_runs, "element")
    kinds = {**{n: (s.kind, "node") for n, s in scenario.nodes.items()}}
    kinds.update({n: (s.kind, "link") for n, s in scenario.links.items()})
    table.insert(1, "kind", table["element"].map(lambda e: kinds.get(e, ("", ""))[0]))
    table.insert(2, "role", table["element"].map(lambda e: kinds.get(e, ("", ""))[1]))
    firsts = runs["binding_element"].value_counts() if "binding_element" in runs else {}
    table["first_in"] = [int(firsts.get(e, 0)) for e in table["element"]]
    return rank(table, by="score_mean")


def headline_dict(rr: ReplicatedRun) -> dict[str, Any]:
    """The answer of ``rr`` as plain data: settings, seeds, headline KPIs, binding element."""
    s = rr.scenario.settings
    top = rr.ranking.iloc[0] if len(rr.ranking) else None
    return {
        "scenario": rr.name,
        "replications": rr.n,
        "seed": rr.seed,
        "seeds": rr.seeds,
        "confidence_level": LEVEL,
        "start": str(s.start),
        "warmup_days": s.warmup_h / DAY_H,
        "horizon_days": s.horizon_h / DAY_H,
        "headline": {
            row.kpi: {"mean": row.mean, "half_width": row.half_width, "n": row.n}
            for row in rr.headline.itertuples()
        },
        "binding_element": rr.binding,
        "binding_first_in": rr.first_in,
        "binding_score": (
            {"mean": top["score_mean"], "half_width": top["score_half_width"]}
            if top is not None
            else None
        ),
        "score": SCORE_FORMULA,
        "mass_balance_ok_in": len(rr.runs),
        "wall_seconds": round(rr.wall_s, 3),
    }
