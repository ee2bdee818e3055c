"""Many runs, one answer with its uncertainty: a scenario's replicated answer
(:func:`~corridor_sim.experiments.run.run`, what ``corridor-sim run`` prints),
replications, sweeps, comparisons, saturation, the marginal value of capacity and
route shares at user equilibrium (:func:`~corridor_sim.experiments.equilibrium.equilibrium`)
the cheapest package of investments that meets a target
(:func:`~corridor_sim.experiments.plan.plan`) and the simulated corridor beside its
competitors (:func:`~corridor_sim.experiments.corridors.compare_corridors`).

Runs, replications, sweeps, comparisons, marginal values and the saturation curve go through
one runner (:mod:`~corridor_sim.experiments.runner`): seeds from
:mod:`~corridor_sim.experiments.seeds`, runs anywhere with
:mod:`~corridor_sim.experiments.executors`, a KPI dict per run
(:mod:`~corridor_sim.experiments.kpis`), means with confidence intervals
(:mod:`~corridor_sim.experiments.confidence`). The saturation search itself (an adaptive
bisection per replication) sends its own tasks to the same executors.

Every table is tidy. Per run (``runs``): one row per run, KPI and subject, with the
``point`` and its parameters, the ``replication``, ``scope`` (``"corridor"``, ``"flow"``
or ``"element"``), ``subject`` (the flow or element; empty for the corridor), ``kpi``
(its unit at the end of the name: ``delivered_t_per_yr``) and ``value``. Over runs
(``summary``, ``headline``, ``differences``, ``curve``): the same keys with ``mean``,
``half_width`` (of the 95% Student-t interval), ``ci_low``, ``ci_high`` and ``n``.
Each object prints itself (``.text()`` or ``.summary()``), writes its tables
(``.to_dir()``) and shows itself in a notebook (``_repr_html_``, a one-line ``repr``).
"""

from corridor_sim.experiments.compare import Comparison, compare
from corridor_sim.experiments.corridors import CorridorComparison, compare_corridors
from corridor_sim.experiments.equilibrium import equilibrium
from corridor_sim.experiments.equilibrium_result import Equilibrium
from corridor_sim.experiments.marginal import MarginalValues, marginal_value
from corridor_sim.experiments.plan import plan
from corridor_sim.experiments.plan_result import PlanResult, Target
from corridor_sim.experiments.replicate import Replications, replicate
from corridor_sim.experiments.run import ReplicatedRun, run
from corridor_sim.experiments.saturation import Criterion, Saturation, saturation
from corridor_sim.experiments.sweep import Sweep, sweep

__all__ = [
    "Comparison",
    "CorridorComparison",
    "Criterion",
    "Equilibrium",
    "MarginalValues",
    "PlanResult",
    "ReplicatedRun",
    "Replications",
    "Saturation",
    "Sweep",
    "Target",
    "compare",
    "compare_corridors",
    "equilibrium",
    "marginal_value",
    "plan",
    "replicate",
    "run",
    "saturation",
    "sweep",
]
