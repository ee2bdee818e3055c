"""What ``test_determinism.py`` runs in worker processes (a module of its own, so that a
spawned interpreter can import it by name)."""

from __future__ import annotations

import dataclasses

import corridor_sim as cs


def shortened_bundled(name: str) -> cs.Scenario:
    """A bundled scenario with a 10-day warm-up and a 60-day horizon."""
    scenario = cs.load_scenario(cs.bundled_path(name))
    settings = dataclasses.replace(scenario.settings, horizon_h=60 * 24.0, warmup_h=10 * 24.0)
    return dataclasses.replace(scenario, settings=settings)


def run(name: str, seed: int) -> cs.SimulationResult:
    """Load bundled scenario ``name`` (shortened) and simulate it with ``seed``."""
    return cs.simulate(shortened_bundled(name), seed=seed)
