"""Every script in examples/ runs with a short horizon, says what it shows (in whole
sentences in ``--help``), labels its numbers as one sample path or gives their
confidence intervals, and saves its figures
into ./out/<example>/ unless told otherwise (so no example can rot, nor litter the
folder it is run from)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# script -> (lines it must print, figures it must write)
EXPECTED = {
    "aktau_booking.py": (
        ["Transit mean, days", "Schedule reliability, priority", "Booked room (TEU)"],
        ["aktau_booking.png"],
    ),
    "quickstart.py": (["Binding element:", "Where the Kuryk-Poti containers"], ["utilisation.png"]),
    "two_more_ferries.py": (
        ["Kuryk-Alat fleet: 7 -> 9 vessels", "kuryk-alat queue mean kt", "+2 ferries: Binding"],
        ["two_more_ferries.png"],
    ),
    "storm_recovery.py": (
        ["Storm: aktau, aktau_oil, kuryk", "Extra cargo waiting at the peak"],
        ["storm_recovery.png"],
    ),
    "kazakh_crude_btc.py": (
        ["Delivered to Ceyhan", "btc ", "BTC:", "room left for the corridor"],
        ["kazakh_crude_time_split.png", "kazakh_crude_map.png"],
    ),
    "empty_returns.py": (
        ["wagons_kz_poti_empty, kt/yr", "Empty wagons back on kuryk-alat", "95% CI"],
        ["empty_returns.png"],
    ),
    "fleet_pool.py": (
        ["kuryk-alat vessel-days", "kuryk-alat utilisation %", "fixed fleets"],
        ["fleet_pool.png"],
    ),
    "custom_network.py": (
        ["Scenario custom_grain", "A mistake is caught before running: simulation.horizon"],
        ["custom_network_map.png", "custom_network_utilisation.png"],
    ),
    "corridor_reacts.py": (
        ["fixed routes", "embargo days, Kuryk (wagons)", "at beineu, on to aktau"],
        ["corridor_reacts.png"],
    ),
    "route_equilibrium.py": (
        ["Iterations: each option's share", "At the shares returned", "Analytic equilibrium"],
        ["route_equilibrium.png"],
    ),
    "world_bank_rail.py": (
        ["middle_corridor_2030_demand", "Almaty bypass", "cont_altynkol_poti", "delivered Mt/yr"],
        ["world_bank_rail.png"],
    ),
    "caspian_validation.py": (
        ["Per line and vessel class", "Berth occupancy per port", "Model and published"],
        ["caspian_validation.png"],
    ),
}
#: examples that print replications with confidence intervals, not one sample path
REPLICATED = {
    "caspian_validation.py": ("--replications", "2"),
    "empty_returns.py": ("--replications", "2"),
    "fleet_pool.py": ("--replications", "2"),
    "corridor_reacts.py": ("--replications", "2", "--workers", "1"),
    "route_equilibrium.py": ("--replications", "2", "--workers", "1"),
    "world_bank_rail.py": ("--replications", "2", "--workers", "1"),
}


def run(script: str, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


def test_every_example_is_tested():
    assert sorted(p.name for p in EXAMPLES.glob("*.py")) == sorted(EXPECTED)


@pytest.mark.parametrize("script", sorted(EXPECTED))
def test_example_runs_and_writes_its_figures_into_out_by_default(script, tmp_path):
    """Before, the figures went into the current folder (the repository's root when run
    as the README says)."""
    done = run(script, tmp_path, "--days", "20", *REPLICATED.get(script, ()))
    assert done.returncode == 0, done.stderr
    lines, figures = EXPECTED[script]
    for line in lines:
        assert line in done.stdout
    if script in REPLICATED:  # an answer comes with confidence intervals
        assert "95 % confidence interval" in done.stdout or "95% CI" in done.stdout
    else:  # one run is labelled as one
        assert "One sample path" in done.stdout
    folder = Path("out", Path(script).stem)
    for name in figures:
        assert (tmp_path / folder / name).read_bytes()[:4] == b"\x89PNG"
        assert f"Wrote {folder / name}" in done.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # nothing else in the folder


def test_out_names_another_folder(tmp_path):
    done = run("custom_network.py", tmp_path, "--days", "5", "--out", str(tmp_path / "figs"))
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in (tmp_path / "figs").iterdir())
    assert written == sorted(EXPECTED["custom_network.py"][1])
    assert not (tmp_path / "out").exists()


def first_paragraph(script: str) -> str:
    doc = ast.get_docstring(ast.parse((EXAMPLES / script).read_text(encoding="utf-8")))
    assert doc
    return " ".join(doc.split("\n\n")[0].split())


@pytest.mark.parametrize("script", sorted(EXPECTED))
def test_help_describes_the_example_in_whole_sentences(script, tmp_path):
    """Before, the description was the docstring's first line, cut mid-sentence."""
    done = run(script, tmp_path, "--help")
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    paragraph = first_paragraph(script)
    assert paragraph.endswith((".", "?"))
    squeezed = "".join(text.split())  # argparse may wrap a line after a hyphen
    assert "".join(paragraph.split()) in squeezed
    assert f"folder for the figures (default: ./out/{Path(script).stem}/)" in text
    assert not (tmp_path / "out").exists()
