"""Shared results for the plotting tests: short runs of bundled scenarios, made once."""

from __future__ import annotations

import matplotlib
import pytest
from plot_helpers import short

import corridor_sim as cs

matplotlib.use("Agg")


@pytest.fixture(scope="session")
def corridor() -> cs.Scenario:
    """The 2024 corridor over 60 days (January to the end of March, warm-up included)."""
    return short("middle_corridor_2024", 60)


@pytest.fixture(scope="session")
def result(corridor: cs.Scenario) -> cs.SimulationResult:
    return cs.simulate(corridor, seed=5)


@pytest.fixture(scope="session")
def saved(result: cs.SimulationResult, tmp_path_factory: pytest.TempPathFactory):
    """The result written with ``to_dir``; returns the folder."""
    return result.to_dir(tmp_path_factory.mktemp("saved"))
