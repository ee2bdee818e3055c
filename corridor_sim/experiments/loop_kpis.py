"""Waits at the passing loops of single-track rail lines in one run as flat KPI-dict
entries, so that the replications of :func:`corridor_sim.run` carry them with
confidence intervals.

One scope, ``loops``, subject ``<link>`` (each single-track rail line, as in
:func:`corridor_sim.results.loops.loop_table`): ``trains``, ``waited_trains``,
``wait_mean_h`` and ``wait_p95_h`` (hours per train) and ``busiest_section_share``.
"""

from __future__ import annotations

from corridor_sim.results.result import SimulationResult

#: the scope this module adds to :data:`corridor_sim.experiments.kpis.SCOPES`
LOOP_SCOPES = ("loops",)
LOOP_KPIS = ("trains", "waited_trains", "wait_mean_h", "wait_p95_h", "busiest_section_share")


def loop_kpis(result: SimulationResult) -> dict[str, float]:
    """The passing-loop KPIs of ``result`` (keys ``loops:<link>:<kpi>``)."""
    return {
        f"loops:{row.link}:{k}": float(getattr(row, k))
        for row in result.loops.itertuples()
        for k in LOOP_KPIS
    }
