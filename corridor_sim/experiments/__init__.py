"""Many runs, one answer with its uncertainty: a scenario's replicated answer
(:func:`~corridor_sim.experiments.run.run`, what ``corridor-sim run`` prints),
replications, sweeps, comparisons, saturation and the marginal value of capacity.

Runs, replications, sweeps, comparisons, marginal values and the saturation curve go through
one runner (:mod:`~corridor_sim.experiments.runner`): seeds from
:mod:`~corridor_sim.experiments.seeds`, runs anywhere with
:mod:`~corridor_sim.experiments.executors`, a KPI dict per run
(:mod:`~corridor_sim.experiments.kpis`), means with confidence intervals
(:mod:`~corridor_sim.experiments.confidence`). The saturation search itself (an adaptive
bisection per replication) sends its own tasks to the same executors.
"""

from corridor_sim.experiments.compare import Comparison, compare
from corridor_sim.experiments.marginal import MarginalValues, marginal_value
from corridor_sim.experiments.replicate import Replications, replicate
from corridor_sim.experiments.run import ReplicatedRun, run
from corridor_sim.experiments.saturation import Criterion, Saturation, saturation
from corridor_sim.experiments.sweep import Sweep, sweep

__all__ = [
    "Comparison",
    "Criterion",
    "MarginalValues",
    "ReplicatedRun",
    "Replications",
    "Saturation",
    "Sweep",
    "compare",
    "marginal_value",
    "replicate",
    "run",
    "saturation",
    "sweep",
]
