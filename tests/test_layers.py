"""The layering contract (``[tool.importlinter]`` in pyproject.toml): it holds for the
package, and it would catch a lower layer importing a higher one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")


def lint(tree: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the ``corridor_sim`` package found in ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [LINT, "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_package_keeps_its_layers():
    run = lint(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 kept, 0 broken" in run.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    shutil.copytree(ROOT / "corridor_sim", tmp_path / "corridor_sim")
    node = tmp_path / "corridor_sim" / "engine" / "node.py"
    node.write_text(node.read_text() + "\nfrom corridor_sim.results import SimulationResult\n")
    run = lint(tmp_path)
    assert run.returncode != 0
    assert "BROKEN" in run.stdout
    assert "corridor_sim.engine.node -> corridor_sim.results" in run.stdout
