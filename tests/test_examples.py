"""Every script in examples/ runs with a short horizon, says what it shows, and saves
its figures (so no example can rot)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# script -> (lines it must print, figures it must write)
EXPECTED = {
    "quickstart.py": (["Binding element:", "Where the Kuryk-Poti containers"], ["utilisation.png"]),
    "two_more_ferries.py": (
        ["Kuryk-Alat fleet: 7 -> 9 vessels", "kuryk-alat queue mean kt", "+2 ferries: Binding"],
        ["two_more_ferries.png"],
    ),
    "storm_recovery.py": (
        ["Storm: aktau, kuryk", "Extra cargo waiting at the peak"],
        ["storm_recovery.png"],
    ),
    "kazakh_crude_btc.py": (
        ["Delivered to Ceyhan", "btc ", "BTC:", "room left for the corridor"],
        ["kazakh_crude_time_split.png", "kazakh_crude_map.png"],
    ),
    "custom_network.py": (
        ["Scenario custom_grain", "A mistake is caught before running: simulation.horizon"],
        ["custom_network_map.png", "custom_network_utilisation.png"],
    ),
}


def test_every_example_is_tested():
    assert sorted(p.name for p in EXAMPLES.glob("*.py")) == sorted(EXPECTED)


@pytest.mark.parametrize("script", sorted(EXPECTED))
def test_example_runs_with_a_short_horizon(script, tmp_path):
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script), "--days", "20", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    lines, figures = EXPECTED[script]
    for line in lines:
        assert line in done.stdout
    for name in figures:
        assert (tmp_path / name).read_bytes()[:4] == b"\x89PNG"
        assert f"Wrote {tmp_path / name}" in done.stdout
