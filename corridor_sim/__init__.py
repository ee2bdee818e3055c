"""corridor_sim: discrete-event simulation of the Middle Corridor (TITR).

>>> import corridor_sim as cs
>>> scenario = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
>>> result = cs.simulate(scenario, seed=1)      # one sample path
>>> result.verdict.startswith("Binding element: port_a-port_b")
True
>>> answer = cs.run(scenario, replications=3, workers=1, progress=False)  # with 95% CIs
>>> answer.binding
'port_a-port_b'

The packages, in the order data flows through them: :mod:`~corridor_sim.model` (specs),
:mod:`~corridor_sim.scenario` (YAML to specs), :mod:`~corridor_sim.engine` (the SimPy
model, handing back records), :mod:`~corridor_sim.capacity` (analytic bounds),
:mod:`~corridor_sim.bottlenecks`, :mod:`~corridor_sim.results` (tables of one run),
:mod:`~corridor_sim.experiments`, :mod:`~corridor_sim.plotting`,
:mod:`~corridor_sim.report` and :mod:`~corridor_sim.cli`; ``docs/architecture.md`` draws them.
"""

from corridor_sim._version import __version__
from corridor_sim.capacity import capacity
from corridor_sim.errors import CorridorSimError, ScenarioError, SimulationError, TopologyError
from corridor_sim.experiments import (
    compare,
    compare_corridors,
    equilibrium,
    marginal_value,
    plan,
    replicate,
    run,
    saturation,
    sweep,
)
from corridor_sim.model.catalogue import Catalogue, Option
from corridor_sim.model.scenario import Scenario
from corridor_sim.results import SimulationResult, simulate
from corridor_sim.scenario import (
    apply_options,
    build_scenario,
    bundled_names,
    bundled_path,
    load_catalogue,
    load_journey,
    load_scenario,
    without_reaction,
)

__all__ = [
    "Catalogue",
    "CorridorSimError",
    "Option",
    "Scenario",
    "ScenarioError",
    "SimulationError",
    "SimulationResult",
    "TopologyError",
    "__version__",
    "apply_options",
    "build_scenario",
    "bundled_names",
    "bundled_path",
    "capacity",
    "compare",
    "compare_corridors",
    "equilibrium",
    "load_catalogue",
    "load_journey",
    "load_scenario",
    "marginal_value",
    "plan",
    "replicate",
    "run",
    "saturation",
    "simulate",
    "sweep",
    "without_reaction",
]
