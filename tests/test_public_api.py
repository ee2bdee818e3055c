"""The public API: exactly the documented names, each importable, errors in their
documented hierarchy."""

import corridor_sim as cs

EXPECTED = [
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


def test_all_is_exactly_the_public_names():
    """corridor_sim.__all__ lists the public names, no more, no fewer."""
    assert sorted(cs.__all__) == EXPECTED


def test_every_public_name_resolves():
    """Every name in __all__ is an attribute of the package."""
    for name in cs.__all__:
        assert getattr(cs, name) is not None, name
    assert cs.__version__ == "0.1.0"


def test_star_import_gives_the_public_names():
    """``from corridor_sim import *`` binds exactly __all__."""
    namespace: dict = {}
    exec("from corridor_sim import *", namespace)
    assert sorted(k for k in namespace if k != "__builtins__") == EXPECTED


def test_error_hierarchy():
    """TopologyError < ScenarioError < CorridorSimError > SimulationError."""
    assert issubclass(cs.TopologyError, cs.ScenarioError)
    assert issubclass(cs.ScenarioError, cs.CorridorSimError)
    assert issubclass(cs.SimulationError, cs.CorridorSimError)
    assert not issubclass(cs.SimulationError, cs.ScenarioError)
    assert issubclass(cs.CorridorSimError, Exception)
