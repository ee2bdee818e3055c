"""Costs in one run as flat KPI-dict entries, so that the replications of
:func:`corridor_sim.run` carry them with confidence intervals.

One scope, ``cost``, subject ``<flow>``: the shipper's cost per unit delivered by kind
(``tariff_usd``, ``charges_usd``, ``time_usd``, ``carbon_usd``, ``total_usd``), the total
per tonne (``total_usd_per_t``) and CO2 per unit (``co2_t``) and per tonne
(``co2_kg_per_t``) (:mod:`corridor_sim.results.costs`); none without a costs section.
"""

from __future__ import annotations

from corridor_sim.results.result import SimulationResult

#: the scope this module adds to :data:`corridor_sim.experiments.kpis.SCOPES`
COST_SCOPES = ("cost",)
COST_KPIS = (
    "tariff_usd",
    "charges_usd",
    "time_usd",
    "carbon_usd",
    "total_usd",
    "total_usd_per_t",
    "co2_t",
    "co2_kg_per_t",
)


def cost_kpis(result: SimulationResult) -> dict[str, float]:
    """The cost KPIs of ``result`` (keys ``cost:<flow>:<kpi>``)."""
    if result.costs.empty:
        return {}
    return {
        f"cost:{row['flow']}:{k}": float(row[k])
        for row in result.costs.to_dict("records")
        for k in COST_KPIS
    }
