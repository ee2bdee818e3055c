"""`corridor-sim plan`: the cheapest package of a catalogue's options that meets a target,
printed with the packages simulated, the frontier and the steps; writes its tables and
figure with --out; a missing or unitless target is one clear line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corridor_sim.cli import main

FAST = ["--workers", "1", "--no-progress", "-n", "2"]
GATE = """\
name: gate
simulation: {start: 2024-01-01, horizon: 40 day, warmup: 0 h, seed: 3}
commodities:
  goods: {unit: wagon, mass_per_unit: 60 t, handling: wagon}
nodes:
  o: {kind: origin}
  g: {kind: border, servers: 1, service_time: 2 h}
  d: {kind: destination}
links:
  o-g: {kind: transfer, from: o, to: g, delay: 1 h}
  g-d: {kind: transfer, from: g, to: d, delay: 1 h}
flows:
  f:
    commodity: goods
    origin: o
    destination: d
    volume: 20 wagon/day
    arrivals: {pattern: deterministic, size: 1 wagon}
    route: [o, g, d]
"""
CATALOGUE = """\
name: gate_options
currency: USD 2024
options:
  one_more:
    capex: 10 M USD        # estimate: test
    opex: 1 M USD/yr       # estimate: test
    available: 2025
    changes: {nodes.g.servers: 2}
  two_more:
    capex: 18 M USD        # estimate: test
    opex: 1 M USD/yr       # estimate: test
    available: 2025
    excludes: [one_more]
    changes: {nodes.g.servers: 3}
"""


@pytest.fixture()
def files(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "gate.yaml").write_text(GATE, encoding="utf-8")
    (tmp_path / "options.yaml").write_text(CATALOGUE, encoding="utf-8")
    return str(tmp_path / "gate.yaml"), str(tmp_path / "options.yaml")


def test_plan_prints_the_chosen_package_and_writes_its_tables(files, tmp_path, capsys):
    scenario, catalogue = files
    out = tmp_path / "out"
    # 19 wagons a day: one more server (24 a day) is enough, the cheaper of the two
    code = main(
        ["plan", scenario, catalogue, "--delivered", "416100 t/yr", *FAST, "--out", str(out)]
    )
    text = capsys.readouterr().out
    assert code == 0
    assert "Chosen: one_more (capex 10.0 M)" in text
    assert "Steps to the chosen package" in text and "plan took" in text
    assert json.loads((out / "plan.json").read_text())["chosen"] == ["one_more"]
    assert (out / "plan.png").read_bytes()[:4] == b"\x89PNG"
    assert (out / "packages.csv").read_text().startswith("package,")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ([], "plan needs a target"),
        (["--delivered", "5"], "--delivered: needs a unit"),
        (["--delivered", "5 day"], "--delivered: expected mass/time"),
        (["--transit-p95", "20 day"], "--transit-p95 needs --flow"),
        (["--cost-per-unit", "100 USD/wagon"], "--cost-per-unit needs --flow"),
        (["--cost-per-unit", "100 USD", "--flow", "f"], "expected money per unit"),
        (["--cost-per-unit", "100 USD/TEU", "--flow", "f"], "counted in wagon, not TEU"),
        (["--delivered", "1 Mt/yr", "--flows", "f,nope"], "no flow 'nope'"),
        (["--flows", "f"], "plan needs a target"),
    ],
)
def test_a_bad_target_is_one_clear_line(files, capsys, args, says):
    scenario, catalogue = files
    assert main(["plan", scenario, catalogue, *args, *FAST]) == 2
    assert says in capsys.readouterr().err


def test_whole_life_and_year_are_in_the_printed_plan(files, capsys):
    scenario, catalogue = files
    args = ["--delivered", "5 kt/yr", "--whole-life", "20", "--discount-rate", "6%"]
    assert main(["plan", scenario, catalogue, *args, "--year", "2030", *FAST]) == 0
    out = capsys.readouterr().out
    assert "whole-life cost (capex + 20 years of opex at 6.0%)" in out
    assert "options in service by 2030" in out
