"""Fleet pools of a run: how the pool's vessels were spread over its lines.

Per pool and line over the statistics period: ``vessel_days``, the days vessels of the
pool spent serving the line (whichever line they came from), ``mean_vessels`` the mean
number serving it (vessel-days / days of the period), ``home_vessels`` the fleet the
line starts with, and ``switches`` how many times its own (home) vessels changed line.
"""

from __future__ import annotations

import pandas as pd

from corridor_sim.engine.records import RunRecord
from corridor_sim.model.fleet import SeaLink
from corridor_sim.model.pools import hub

POOL_COLUMNS = ["pool", "hub", "line", "home_vessels", "vessel_days", "mean_vessels", "switches"]
DAY_H = 24.0


def pool_table(record: RunRecord) -> pd.DataFrame:
    """One row per pool and line (see the module docstring); empty without pools."""
    scenario = record.scenario
    days = record.horizon_h / DAY_H
    by_name = {e.name: e for e in record.elements}
    rows = []
    for pool in scenario.fleet_pools.values():
        vessels = [v for line in pool.lines for v in by_name[line].vessels]
        specs = [scenario.links[line] for line in pool.lines]
        port = hub([s for s in specs if isinstance(s, SeaLink)])
        for line in pool.lines:
            served_h = sum(v.hours_by_line.get(line, 0.0) for v in vessels)
            rows.append(
                {
                    "pool": pool.name,
                    "hub": port,
                    "line": line,
                    "home_vessels": len(by_name[line].vessels),
                    "vessel_days": served_h / DAY_H,
                    "mean_vessels": served_h / DAY_H / days if days > 0 else float("nan"),
                    "switches": sum(v.switches for v in by_name[line].vessels),
                }
            )
    return pd.DataFrame(rows, columns=POOL_COLUMNS)
