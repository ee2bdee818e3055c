"""Shared test setup.

The scenario builders and probes live in ``tests/helpers.py``; this conftest sits in
``tests/`` so that pytest (default ``prepend`` import mode) puts that folder on
``sys.path`` and every test module can ``import helpers``.

Session fixtures: ``corridor`` (the 2024 corridor over 60 days), its ``result`` and the
folder it was ``saved`` to, made once for the results, plotting and report tests.
Figures draw with matplotlib's Agg backend (no screen).
"""

from __future__ import annotations

import matplotlib
import pytest
from helpers import short

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
