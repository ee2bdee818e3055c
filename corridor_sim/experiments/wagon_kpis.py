"""Wagon pools in one run as flat KPI-dict entries, so that the replications of
:func:`corridor_sim.run` carry them with confidence intervals.

One scope, ``wagons``, subject ``<pool>``: ``utilisation``, ``in_use_mean``,
``loads_per_day``, ``tonnes_per_day``, ``wait_mean_h``, ``wait_p95_h`` (per tonne
loaded) and ``round_trip_mean_h`` (:func:`corridor_sim.results.wagons.wagon_table`).
"""

from __future__ import annotations

from corridor_sim.results.result import SimulationResult

#: the scope this module adds to :data:`corridor_sim.experiments.kpis.SCOPES`
WAGON_SCOPES = ("wagons",)
WAGON_KPIS = (
    "utilisation",
    "in_use_mean",
    "loads_per_day",
    "tonnes_per_day",
    "wait_mean_h",
    "wait_p95_h",
    "round_trip_mean_h",
)


def wagon_kpis(result: SimulationResult) -> dict[str, float]:
    """The wagon-pool KPIs of ``result`` (keys ``wagons:<pool>:<kpi>``)."""
    return {
        f"wagons:{p.pool}:{k}": float(getattr(p, k))
        for p in result.wagons.itertuples()
        for k in WAGON_KPIS
    }
