"""Locomotive pools in one run as flat KPI-dict entries, so that the replications of
:func:`corridor_sim.run` carry them with confidence intervals.

One scope, ``locomotives``, subject ``<pool>``: ``utilisation``, ``trains_per_day``,
``trains_waited``, ``wait_mean_h``, ``wait_p95_h`` (per train hauled) and
``light_share`` (:func:`corridor_sim.results.traction.locomotive_table`).
"""

from __future__ import annotations

from corridor_sim.results.result import SimulationResult

#: the scope this module adds to :data:`corridor_sim.experiments.kpis.SCOPES`
TRACTION_SCOPES = ("locomotives",)
TRACTION_KPIS = (
    "utilisation",
    "trains_per_day",
    "trains_waited",
    "wait_mean_h",
    "wait_p95_h",
    "light_share",
)


def traction_kpis(result: SimulationResult) -> dict[str, float]:
    """The locomotive-pool KPIs of ``result`` (keys ``locomotives:<pool>:<kpi>``)."""
    return {
        f"locomotives:{p.pool}:{k}": float(getattr(p, k))
        for p in result.locomotives.itertuples()
        for k in TRACTION_KPIS
    }
