"""Helpers of the plotting tests (importable: pytest puts this folder on sys.path)."""

from __future__ import annotations

import dataclasses

import corridor_sim as cs


def short(name: str, days: float) -> cs.Scenario:
    """Bundled scenario ``name`` with a statistics horizon of ``days``."""
    scenario = cs.load_scenario(cs.bundled_path(name))
    settings = dataclasses.replace(scenario.settings, horizon_h=days * 24)
    return dataclasses.replace(scenario, settings=settings)
