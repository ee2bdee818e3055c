"""The tables of a :class:`~corridor_sim.experiments.run.ReplicatedRun` over its
replications: flows and the bottleneck ranking (means and 95% CI half-widths), and its
``summary.json``; the headline is the tidy summary of its corridor KPIs
(:func:`~corridor_sim.experiments.confidence.summarise`)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from corridor_sim.bottlenecks.ranking import SCORE_FORMULA, rank
from corridor_sim.capacity.effective import capacity_t_per_day
from corridor_sim.experiments.confidence import LEVEL, summarise_by
from corridor_sim.experiments.text import per_run
from corridor_sim.model.scenario import Scenario

if TYPE_CHECKING:
    from corridor_sim.experiments.run import ReplicatedRun

DAY_H = 24.0


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
    and ``first_in`` (replications of the tidy ``runs`` in which it ranked first), ranked
    by mean score; ``capacity_t_per_day`` is each element's effective capacity (the same
    in every replication; NaN where nothing limits it)."""
    table = summarise_by(element_runs, "element")
    kinds = {**{n: (s.kind, "node") for n, s in scenario.nodes.items()}}
    kinds.update({n: (s.kind, "link") for n, s in scenario.links.items()})
    table.insert(1, "kind", table["element"].map(lambda e: kinds.get(e, ("", ""))[0]))
    table.insert(2, "role", table["element"].map(lambda e: kinds.get(e, ("", ""))[1]))
    firsts = (
        per_run(runs, ["replication"])["binding_element"].value_counts()
        if "binding_element" in runs
        else {}
    )
    table["first_in"] = [int(firsts.get(e, 0)) for e in table["element"]]
    capacity = capacity_t_per_day(scenario)  # the one capacity (docs/capacity.md)
    table["capacity_t_per_day"] = [capacity.get(e, math.nan) for e in table["element"]]
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
        "mass_balance_ok_in": rr.n,
        "wall_seconds": round(rr.wall_s, 3),
    }
