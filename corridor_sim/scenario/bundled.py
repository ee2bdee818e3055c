"""The scenarios that ship with corridor_sim (``scenarios/`` in the repository)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from corridor_sim.errors import ScenarioError
from corridor_sim.model.scenario import Scenario
from corridor_sim.scenario.build import load_scenario

DEFAULT = "middle_corridor_2024"


def bundled_dir() -> Path:
    """The folder holding the bundled scenario files."""
    return Path(str(resources.files("corridor_sim.bundled")))


def bundled_names() -> list[str]:
    """Names of the bundled scenarios, sorted."""
    return sorted(p.stem for p in bundled_dir().glob("*.yaml"))


def bundled_path(name: str) -> Path:
    """Path of the bundled scenario ``name`` (with or without ``.yaml``)."""
    stem = name.removesuffix(".yaml")
    path = bundled_dir() / f"{stem}.yaml"
    if not path.is_file():
        raise ScenarioError(f"no bundled scenario {name!r}; bundled: {', '.join(bundled_names())}")
    return path


def load_named(name_or_path: str | Path) -> Scenario:
    """Load a scenario file, or a bundled scenario by name (what the CLI accepts)."""
    return load_scenario(resolve(name_or_path))


def resolve(name_or_path: str | Path) -> Path:
    """A scenario file path: an existing file, or the name of a bundled scenario."""
    path = Path(name_or_path)
    if path.exists() or path.suffix in (".yaml", ".yml") or len(path.parts) > 1:
        return path
    return bundled_path(str(name_or_path))
