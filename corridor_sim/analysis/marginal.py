"""Marginal value of capacity: the throughput one more unit of each element buys.

For every element that some flow uses, one unit more of its capacity: a vessel on a sea
link (one more of its most numerous vessel type), a berth of each berth type a port's
vessels use, one server at a border or terminal, +10% of a daily quota, of a rail line's
capacity and of a pipeline's capacity. Each change runs with the baseline's
replication seeds (common random numbers), and the gain is the paired difference in
cargo delivered a year, with its 95% interval.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from corridor_sim.analysis.compare import paired
from corridor_sim.analysis.replicate import base_seed
from corridor_sim.analysis.sweep import run_grid
from corridor_sim.analysis.variants import get_path, override, scale_demand
from corridor_sim.model.scenario import Scenario

TENTH = 1.1
_NUMBER = re.compile(r"^\s*([-+0-9.eE]+)\s*(.*)$")


def scale_text(text: str, factor: float) -> str:
    """``"37 train/day"`` x 1.1 -> ``"40.7 train/day"``."""
    m = _NUMBER.match(str(text))
    if not m:
        raise ValueError(f"cannot scale {text!r}")
    return f"{float(m.group(1)) * factor:.6g} {m.group(2)}".strip()


def _vessel(raw: dict[str, Any], name: str) -> tuple[str, dict[str, Any]]:
    fleet = copy.deepcopy(get_path(raw, f"links.{name}.fleet"))
    i = max(range(len(fleet)), key=lambda k: (fleet[k].get("count", 1), -k))
    item = fleet[i]
    if "type" in item:
        item["count"] = item.get("count", 1) + 1
        label = f"+1 vessel ({item['type']}, {item['count']} of them)"
    else:
        extra = {**copy.deepcopy(item), "name": f"{item['name']}_2"}
        fleet.append(extra)
        label = f"+1 vessel (a second {item['name']})"
    return label, {f"links.{name}.fleet": fleet}


def increments(scenario: Scenario) -> list[tuple[str, str, dict[str, Any]]]:
    """``(element, change, {path: value})`` for each unit of capacity to try."""
    raw = scenario.raw
    used = {name for f in scenario.flows.values() for name in f.path}
    berth_types = {
        (end, v.berth)
        for link in scenario.links.values()
        if link.kind == "sea"
        for v in link.fleet  # type: ignore[attr-defined]
        for end in (link.origin, link.destination)
    }
    out = []
    for name, link in scenario.links.items():
        if name not in used:
            continue
        base = f"links.{name}"
        if link.kind == "sea":
            out.append((name, *_vessel(raw, name)))
        elif link.kind == "rail" and "line_capacity" in get_path(raw, base):
            value = get_path(raw, f"{base}.line_capacity")
            out.append(
                (name, "+10% line capacity", {f"{base}.line_capacity": scale_text(value, TENTH)})
            )
        elif link.kind == "pipeline":
            value = get_path(raw, f"{base}.capacity")
            out.append((name, "+10% capacity", {f"{base}.capacity": scale_text(value, TENTH)}))
    for name, node in scenario.nodes.items():
        if name not in used:
            continue
        base = f"nodes.{name}"
        for berth, n in node.berths.items():
            if (name, berth) in berth_types:
                out.append((name, f"+1 {berth} berth ({n + 1})", {f"{base}.berths.{berth}": n + 1}))
        if node.servers:
            out.append(
                (name, f"+1 server ({node.servers + 1})", {f"{base}.servers": node.servers + 1})
            )
            if node.quota_per_day is not None:
                value = get_path(raw, f"{base}.quota")
                out.append((name, "+10% daily quota", {f"{base}.quota": scale_text(value, TENTH)}))
    return out


@dataclass
class MarginalValues:
    """``table``: one row per change, ranked by the throughput gained (t/yr)."""

    scenario: str
    seed: int
    replications: int
    demand: float
    table: pd.DataFrame

    def text(self, top: int = 10) -> str:
        """A readable ranking (``corridor-sim marginal``)."""
        from corridor_sim.analysis.experiment_text import format_marginal

        return format_marginal(self, top)

    def to_dir(self, path: str | Path) -> Path:
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        self.table.to_csv(out / "marginal_value.csv", index=False)
        head = {
            "scenario": self.scenario,
            "seed": self.seed,
            "replications": self.replications,
            "demand": self.demand,
        }
        (out / "marginal_value.json").write_text(json.dumps(head, indent=2))
        return out


def marginal_value(
    scenario: Scenario,
    *,
    replications: int = 5,
    seed: int | None = None,
    demand: float = 1.0,
    workers: int | None = None,
    executor: Any = None,
    progress: bool = True,
) -> MarginalValues:
    """Rank one more unit of each element's capacity by the cargo it lets through.

    ``demand`` scales every flow first (at today's demand only an element that holds
    cargo back can gain anything). Gains are paired differences against the baseline
    with 95% Student-t intervals; see the module doc for the units tried.
    """
    seed = base_seed(scenario, seed)
    changes = increments(scenario)
    scenarios = [scale_demand(scenario, demand)] + [
        override(scenario, {**paths, "demand": demand}) for _, _, paths in changes
    ]
    runs = run_grid(
        scenarios,
        seed,
        replications,
        "marginal value",
        workers=workers,
        executor=executor,
        progress=progress,
    )
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
                "transit_change_days": d.loc["transit_mean_days", "difference"],
                "delivered_ratio": d.loc["delivered_ratio", "variant_mean"],
            }
        )
    table = pd.DataFrame(rows).sort_values("gain_t_per_yr", ascending=False, kind="stable")
    table.insert(0, "rank", range(1, len(table) + 1))
    return MarginalValues(scenario.name, seed, replications, demand, table.reset_index(drop=True))
