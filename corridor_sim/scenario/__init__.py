"""Scenario files: YAML in, validated :class:`~corridor_sim.model.Scenario` out.

This is the only package that sees raw dictionaries.
"""

from corridor_sim.scenario.build import build_scenario, load_scenario
from corridor_sim.scenario.bundled import bundled_names, bundled_path, resolve
from corridor_sim.scenario.catalogue import apply_options, check_against, load_catalogue
from corridor_sim.scenario.competition import load_journey
from corridor_sim.scenario.variants import without_reaction

__all__ = [
    "apply_options",
    "build_scenario",
    "bundled_names",
    "bundled_path",
    "check_against",
    "load_catalogue",
    "load_journey",
    "load_scenario",
    "resolve",
    "without_reaction",
]
