"""corridor_sim: discrete-event simulation of the Middle Corridor (TITR).

>>> import corridor_sim as cs
>>> scenario = cs.load_scenario(cs.bundled_path("teaching_two_ports"))  # doctest: +SKIP
>>> result = cs.simulate(scenario, seed=1)                               # doctest: +SKIP
>>> print(result.verdict)                                                # doctest: +SKIP
"""

from corridor_sim.analysis.capacity import capacity
from corridor_sim.analysis.compare import compare
from corridor_sim.analysis.marginal import marginal_value
from corridor_sim.analysis.replicate import replicate
from corridor_sim.analysis.results import SimulationResult
from corridor_sim.analysis.saturation import saturation
from corridor_sim.analysis.sweep import sweep
from corridor_sim.engine.simulation import simulate
from corridor_sim.errors import CorridorSimError, ScenarioError, SimulationError, TopologyError
from corridor_sim.model.scenario import Scenario
from corridor_sim.scenario import build_scenario, bundled_names, bundled_path, load_scenario

__version__ = "0.1.0"

__all__ = [
    "CorridorSimError",
    "Scenario",
    "ScenarioError",
    "SimulationError",
    "SimulationResult",
    "TopologyError",
    "__version__",
    "build_scenario",
    "bundled_names",
    "bundled_path",
    "capacity",
    "compare",
    "load_scenario",
    "marginal_value",
    "replicate",
    "saturation",
    "simulate",
    "sweep",
]
