"""Marginal value of capacity: the throughput one more unit of each element buys.

For every element that some flow uses, one unit more of its capacity: a vessel on a sea
link (one more of its most numerous vessel type), a berth of each berth type a port's
vessels use, one server at a border or terminal, +10% of a daily quota, of a rail line's
capacity and of a pipeline's capacity. Each change runs with the baseline's
replication seeds (common random numbers), and the gain is the paired difference in
cargo delivered a year, with its 95% interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from corridor_sim.experiments.compare import paired
from corridor_sim.experiments.executors import Executor
from corridor_sim.experiments.kpis import CORRIDOR, long_table
from corridor_sim.experiments.runner import run_grid
from corridor_sim.experiments.seeds import scenario_seed
from corridor_sim.experiments.views import clip, interval, seeds
from corridor_sim.folders import write_folder
from corridor_sim.htmlrepr import Column, html_block, shown
from corridor_sim.model.scenario import Scenario
from corridor_sim.scenario.increments import increments
from corridor_sim.scenario.variants import override, scale_demand
from corridor_sim.texttable import num, pct, pm, table


@dataclass
class MarginalValues:
    """``table``: one row per change, ranked by the throughput gained: ``rank``,
    ``element``, ``change``, ``gain_t_per_yr`` (the mean paired difference in cargo
    delivered a year), the ``half_width`` of its 95% interval, ``ci_low``, ``ci_high``,
    ``n`` (pairs), ``transit_change_days`` (the mean paired difference in transit time)
    and ``delivered_ratio`` (delivered / offered with the change)."""

    scenario: str
    seed: int
    replications: int
    demand: float
    table: pd.DataFrame

    def text(self, top: int = 10) -> str:
        """A readable ranking (``corridor-sim marginal``)."""

        return format_marginal(self, top)

    def __repr__(self) -> str:
        return marginal_repr(self)

    def _repr_html_(self) -> str:
        return marginal_html(self)

    def to_dir(self, path: str | Path) -> Path:
        """Write ``marginal_value.csv`` and ``marginal_value.json``."""
        head = {
            "scenario": self.scenario,
            "seed": self.seed,
            "replications": self.replications,
            "demand": self.demand,
        }
        return write_folder(path, {"marginal_value": self.table}, "marginal_value", head)


def marginal_value(
    scenario: Scenario,
    *,
    replications: int = 5,
    seed: int | None = None,
    demand: float = 1.0,
    workers: int | None = None,
    executor: Executor = None,
    progress: bool = True,
) -> MarginalValues:
    """Rank one more unit of each element's capacity by the cargo it lets through.

    ``demand`` scales every flow first (at today's demand only an element that holds
    cargo back can gain anything). Gains are paired differences against the baseline
    with 95% Student-t intervals; see the module doc for the units tried.
    """
    seed = scenario_seed(scenario, seed)
    changes = increments(scenario)
    scenarios = [scale_demand(scenario, demand)] + [
        override(scenario, {**paths, "demand": demand}) for _, _, paths in changes
    ]
    grid = run_grid(
        scenarios,
        seed,
        replications,
        "marginal value",
        workers=workers,
        executor=executor,
        progress=progress,
    )
    runs = long_table(grid, ["point", "replication"])
    runs = runs[runs["scope"] == CORRIDOR]
    rows = []
    for i, (element, change, _) in enumerate(changes, start=1):
        d = paired(runs, 0, i).set_index("kpi")
        gain = d.loc["delivered_t_per_yr"]
        rows.append(
            {
                "element": element,
                "change": change,
                "gain_t_per_yr": gain["difference"],
                "half_width": gain["half_width"],
                "ci_low": gain["ci_low"],
                "ci_high": gain["ci_high"],
                "n": gain["n"],
                "transit_change_days": d.loc["transit_mean_days", "difference"],
                "delivered_ratio": d.loc["delivered_ratio", "variant_mean"],
            }
        )
    table = pd.DataFrame(rows).sort_values("gain_t_per_yr", ascending=False, kind="stable")
    table.insert(0, "rank", range(1, len(table) + 1))
    return MarginalValues(scenario.name, seed, replications, demand, table.reset_index(drop=True))


def format_marginal(mv: MarginalValues, top: int = 10) -> str:
    lines = [
        f"Marginal value of capacity in {mv.scenario} at demand x{mv.demand:g}: "
        f"{mv.replications} paired replications per change, seed {mv.seed}",
        "",
    ]
    rows = [
        [
            str(r.rank),
            r.element,
            r.change,
            pm(r.gain_t_per_yr, r.half_width, 1, 1e-3),
            f"[{num(r.ci_low / 1e3, 1)}, {num(r.ci_high / 1e3, 1)}]",
            num(r.transit_change_days, 2),
            pct(r.delivered_ratio, 1),
        ]
        for r in mv.table.head(top).itertuples()
    ]
    lines += table(
        ["#", "element", "change", "gain kt/yr", "95% CI", "transit change d", "delivered/offered"],
        rows,
        "lllrrrr",
    )
    return "\n".join(lines)


COLUMNS: dict[str, Column] = {  # the notebook view of the table: header with unit, formatter
    "rank": ("#", str),
    "element": ("element", str),
    "change": ("change", str),
    "gain_t_per_yr": ("gain (kt/yr)", lambda x: num(x / 1e3, 1)),
    "half_width": ("± 95% CI half-width (kt/yr)", lambda x: num(x / 1e3, 1)),
    "ci": ("95% CI (kt/yr)", str),
    "n": ("n", lambda x: str(int(x))),
    "transit_change_days": ("transit change (days)", lambda x: num(x, 2)),
    "delivered_ratio": ("delivered / offered (%)", lambda x: num(x * 100, 1)),
}


def answer_line(mv: MarginalValues) -> str:
    """The change that buys most, and whether the replications tell its gain from none."""
    if mv.table.empty:
        return "No element to add capacity to."
    top = mv.table.iloc[0]
    gain = (
        f"{top['change']} at {top['element']}: {num(top['gain_t_per_yr'] / 1e3, 1)} kt/yr, "
        f"95 % CI {interval(top['ci_low'], top['ci_high'], 1e-3, 1)}"
    )
    if top["ci_low"] > 0:
        return f"Most valuable: {gain}."
    return f"No change gains cargo the replications tell from none; the largest: {gain}."


def marginal_repr(mv: MarginalValues) -> str:
    top = mv.table.iloc[0] if len(mv.table) else None
    best = (
        f"; top: {top['change']} at {top['element']}, "
        f"{pm(top['gain_t_per_yr'], top['half_width'], 1, 1e-3)} kt/yr"
        if top is not None
        else ""
    )
    return clip(
        f"<MarginalValues {mv.scenario!r} at demand x{mv.demand:g}: {len(mv.table)} changes, "
        f"{mv.replications} paired replications each (seed {mv.seed}){best}>"
    )


def marginal_html(mv: MarginalValues, top: int = 10) -> str:
    head = mv.table.head(top)
    head = head.assign(
        ci=[
            interval(lo, hi, 1e-3, 1)
            for lo, hi in zip(head["ci_low"], head["ci_high"], strict=True)
        ]
    )
    return html_block(
        f"Marginal value of capacity: {mv.scenario} at demand x{mv.demand:g}",
        [
            f"{mv.replications} paired replications per change, seeds "
            f"{seeds(mv.seed, mv.replications)} (common random numbers); gain = cargo "
            "delivered a year with one more unit minus without, with its 95 % confidence "
            "interval.",
            answer_line(mv),
        ],
        {f"Ranking by gain (top {len(head)} of {len(mv.table)})": shown(head, COLUMNS)},
    )
