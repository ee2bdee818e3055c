"""The scenarios that ship with corridor_sim (``scenarios/`` in the repository)."""

from __future__ import annotations

import difflib
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
    """Names of the bundled scenarios, sorted (``sources.yaml``, the investment
    catalogues ``catalogue_*.yaml`` and the competing-corridor files ``corridors_*.yaml``
    are not scenarios)."""
    return sorted(
        p.stem
        for p in bundled_dir().glob("*.yaml")
        if p.name != "sources.yaml" and not p.name.startswith(("catalogue_", "corridors_"))
    )


def bundled_path(name: str) -> Path:
    """Path of the bundled scenario ``name`` (with or without ``.yaml``); a
    :class:`ScenarioError` suggesting the closest names if there is none.

    >>> try:
    ...     bundled_path("teaching_two_port")
    ... except ScenarioError as exc:
    ...     print(exc.reason.partition(" (bundled:")[0])
    no bundled scenario 'teaching_two_port'; did you mean 'teaching_two_ports'?
    """
    stem = name.removesuffix(".yaml").removesuffix(".yml")
    names = bundled_names()
    if stem not in names:
        raise ScenarioError(
            f"no bundled scenario {name!r}{_did_you_mean(stem, names)} "
            f"(bundled: {', '.join(names)})"
        )
    return bundled_dir() / f"{stem}.yaml"


def _did_you_mean(stem: str, names: list[str]) -> str:
    """``; did you mean 'a' or 'b'?`` naming the bundled names closest to ``stem``, or ""."""
    close = difflib.get_close_matches(stem, names, n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def load_named(name_or_path: str | Path) -> Scenario:
    """Load a scenario file, or a bundled scenario by name (what the CLI accepts)."""
    return load_scenario(resolve(name_or_path))


def resolve(name_or_path: str | Path) -> Path:
    """A scenario file path: an existing file, else the bundled scenario of that name
    (``teaching_two_ports`` or ``teaching_two_ports.yaml``). A path with a folder, or a
    ``.yaml`` name that is neither, is returned as it is (loading it says it is missing),
    unless its name is close to a bundled one: then a :class:`ScenarioError` suggests it."""
    path = Path(name_or_path)
    if path.exists() or len(path.parts) > 1:
        return path
    names = bundled_names()
    if path.suffix in (".yaml", ".yml") and path.stem not in names:
        hint = _did_you_mean(path.stem, names)
        if hint:
            raise ScenarioError(
                f"no such scenario file, nor a bundled scenario{hint}", file=str(path)
            )
        return path
    return bundled_path(str(name_or_path))
