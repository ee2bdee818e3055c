"""Deprecated: the modules of ``corridor_sim.analysis`` moved to packages of their own.

``corridor_sim.analysis.<module>`` still imports (with a :class:`DeprecationWarning`) and
is the module named in :data:`MOVED`; import from the new place.
"""

import importlib
import sys
import warnings

MOVED = {
    "active_period": "corridor_sim.bottlenecks.active_period",
    "availability": "corridor_sim.capacity.availability",
    "balance": "corridor_sim.results.balance",
    "bottleneck": "corridor_sim.bottlenecks.ranking",
    "capacity": "corridor_sim.capacity.report",
    "capacity_text": "corridor_sim.capacity.text",
    "compare": "corridor_sim.experiments.compare",
    "confidence": "corridor_sim.experiments.confidence",
    "deliveries": "corridor_sim.results.deliveries",
    "element_capacity": "corridor_sim.capacity.elements",
    "evidence": "corridor_sim.bottlenecks.evidence",
    "executors": "corridor_sim.experiments.executors",
    "experiment_text": "corridor_sim.experiments.text",
    "kpis": "corridor_sim.experiments.kpis",
    "marginal": "corridor_sim.experiments.marginal",
    "maxflow": "corridor_sim.capacity.maxflow",
    "metrics": "corridor_sim.results.elements",
    "network": "corridor_sim.results.network",
    "replicate": "corridor_sim.experiments.replicate",
    "resources": "corridor_sim.capacity.resources",
    "results": "corridor_sim.results.result",
    "saturation": "corridor_sim.experiments.saturation",
    "stored": "corridor_sim.results.stored",
    "summary": "corridor_sim.results.summary",
    "sweep": "corridor_sim.experiments.sweep",
    "texttable": "corridor_sim.texttable",
    "variants": "corridor_sim.scenario.variants",
}

warnings.warn(
    "corridor_sim.analysis is deprecated: its modules moved to corridor_sim.results, "
    ".capacity, .bottlenecks, .experiments and .scenario (see corridor_sim.analysis.MOVED)",
    DeprecationWarning,
    stacklevel=2,
)
for _old, _new in MOVED.items():
    sys.modules[f"{__name__}.{_old}"] = importlib.import_module(_new)
