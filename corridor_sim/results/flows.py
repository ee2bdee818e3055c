"""Per-flow tables of a run: offered, delivered and transit times; where the time goes."""

from __future__ import annotations

import pandas as pd

from corridor_sim.engine.records import RunRecord

DAY_H = 24.0
STAGE_COLUMNS = ["flow", "element", "role", "position", "wait_h", "move_h", "wait_t_h", "move_t_h"]


def flow_table(record: RunRecord) -> pd.DataFrame:
    """Per flow over the statistics period: offered and delivered units and tonnes, what
    is still in the system at the end, what left for competing corridors
    (``diverted_units``; ``turned_away_units`` of it because an embargo shut the flow's
    routes), transit time mean/p50/p95 (days); ``empty_of``
    names the loaded flow a flow of empties returns from ("" for cargo)."""
    rows = []
    for f in record.flows:
        t = f.transit
        rows.append(
            {
                "flow": f.name,
                "commodity": f.commodity,
                "unit": f.unit,
                "offered_units": f.offered_period_units,
                "delivered_units": f.delivered_period_units,
                "delivered_t": f.delivered_period_units * f.mass_per_unit_t,
                "in_system_units": f.in_system_units,
                "in_system_t": f.in_system_units * f.mass_per_unit_t,
                "diverted_units": f.diverted_period_units,
                "turned_away_units": f.turned_away_period_units,
                "transit_mean_days": t.mean / DAY_H,
                "transit_p50_days": t.quantile(0.5) / DAY_H,
                "transit_p95_days": t.quantile(0.95) / DAY_H,
                "empty_of": f.returns_of or "",
            }
        )
    return pd.DataFrame(rows)


def stage_table(record: RunRecord) -> pd.DataFrame:
    """Where each flow's transit time goes: per flow and element, hours per delivered
    unit waiting and moving (``wait_h``, ``move_h``) and tonne-hours (``*_t_h``), in
    route order (elements off the route, blamed for cargo held outside a full node, last)."""
    rows = []
    for f in record.flows:
        delivered = f.delivered_period_units
        for s in f.stages:
            rows.append(
                {
                    "flow": f.name,
                    "element": s.element,
                    "role": s.role,
                    "position": s.position,
                    "wait_h": s.wait_unit_h / delivered if delivered else 0.0,
                    "move_h": s.move_unit_h / delivered if delivered else 0.0,
                    "wait_t_h": s.wait_unit_h * f.mass_per_unit_t,
                    "move_t_h": s.move_unit_h * f.mass_per_unit_t,
                }
            )
    table = pd.DataFrame(rows, columns=STAGE_COLUMNS)
    return table.sort_values(["flow", "position"], kind="stable").reset_index(drop=True)
