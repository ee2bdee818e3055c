"""Where the corridor chokes, and the evidence: ranking signals of a run
(:mod:`~corridor_sim.bottlenecks.ranking`), the shifting-bottleneck method
(:mod:`~corridor_sim.bottlenecks.active_period`), and all signals beside the analytic
capacity (:mod:`~corridor_sim.bottlenecks.evidence`). Plain functions over a run's
tables: nothing here runs a simulation.
"""

from corridor_sim.bottlenecks.evidence import bottleneck_evidence, format_evidence
from corridor_sim.bottlenecks.ranking import bottleneck_table, verdict

__all__ = ["bottleneck_evidence", "bottleneck_table", "format_evidence", "verdict"]
