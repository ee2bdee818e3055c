"""The bundled scenarios: every one loads, validates and runs (on a shortened horizon)."""

import pandas as pd
import pytest
from helpers import bundled_run

import corridor_sim as cs

NAMES = cs.bundled_names()


def test_the_bundled_scenarios_are_listed():
    """bundled_names() lists the shipped files, sorted, including the teaching example."""
    assert sorted(NAMES) == NAMES
    assert {"middle_corridor_2024", "teaching_two_ports"} <= set(NAMES)
    for name in NAMES:
        assert cs.bundled_path(name).is_file()
        assert cs.bundled_path(name + ".yaml") == cs.bundled_path(name)


@pytest.mark.parametrize("name", NAMES)
def test_bundled_scenario_loads_and_runs(name):
    """Each bundled scenario loads and simulate() returns a result with every table."""
    scenario, result = bundled_run(name)
    assert scenario.name == name
    assert scenario.source == str(cs.bundled_path(name))
    assert isinstance(result, cs.SimulationResult)
    assert result.scenario == name
    assert result.seed == scenario.settings.seed
    assert (result.warmup_h, result.horizon_h) == (240.0, 1440.0)
    assert list(result.flows["flow"]) == list(scenario.flows)
    assert set(result.elements["element"]) == (
        set(scenario.nodes)
        | set(scenario.links)
        | set(scenario.locomotive_pools)
        | set(scenario.wagon_pools)
    )
    assert result.verdict
    for table in cs.SimulationResult.TABLES:
        assert isinstance(getattr(result, table), pd.DataFrame), table
    assert result.daily["units"].sum() > 0  # cargo moved


def test_unknown_bundled_name_lists_the_known_ones():
    """Asking for a scenario that is not bundled names the ones that are."""
    with pytest.raises(cs.ScenarioError, match=r"no bundled scenario 'atlantis'.*teaching"):
        cs.bundled_path("atlantis")
