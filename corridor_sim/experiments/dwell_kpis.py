"""Border and terminal dwell in one run as flat KPI-dict entries, so that the
replications of :func:`corridor_sim.run` carry them with confidence intervals.

One scope, ``dwell``, subject ``<node>/<stage>`` (each dwell stage of a node, its
``total`` and ``at_node``, as in :func:`corridor_sim.results.dwell.dwell_table`):
``mean_h`` and ``p95_h``, hours per batch.
"""

from __future__ import annotations

from corridor_sim.results.result import SimulationResult

#: the scope this module adds to :data:`corridor_sim.experiments.kpis.SCOPES`
DWELL_SCOPES = ("dwell",)
DWELL_KPIS = ("mean_h", "p95_h")


def dwell_kpis(result: SimulationResult) -> dict[str, float]:
    """The dwell KPIs of ``result`` (keys ``dwell:<node>/<stage>:<kpi>``)."""
    return {
        f"dwell:{d.node}/{d.stage}:{k}": float(getattr(d, k))
        for d in result.dwell.itertuples()
        for k in DWELL_KPIS
    }
