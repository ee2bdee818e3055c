"""`--without-reaction` runs a scenario with its route choices fixed at their shares and
no competing corridors, embargoes or fleet pools; `compare --baseline-without-reaction`
pairs a scenario with itself without them."""

from __future__ import annotations

from pathlib import Path

from corridor_sim.cli import main

FAST = ["--workers", "1", "--no-progress", "-n", "2"]
SCENARIO = """\
name: reacting
simulation: {start: 2024-01-01, horizon: 40 day, warmup: 2 day, seed: 3}
commodities:
  goods: {unit: wagon, mass_per_unit: 60 t, handling: wagon}
nodes:
  o: {kind: origin}
  a: {kind: border, servers: 1, service_time: {dist: exponential, mean: 1 h},
      embargo: {wagon: {above: 20 wagon, below: 5 wagon}}}
  b: {kind: border, servers: 1, service_time: {dist: exponential, mean: 1 h}}
  d: {kind: destination}
links:
  o-a: {kind: transfer, from: o, to: a, delay: 1 h}
  o-b: {kind: transfer, from: o, to: b, delay: 3 h}
  a-d: {kind: transfer, from: a, to: d, delay: 0 h}
  b-d: {kind: transfer, from: b, to: d, delay: 0 h}
flows:
  f:
    commodity: goods
    origin: o
    destination: d
    volume: 30 wagon/day
    arrivals: {pattern: poisson}
    routes:
      - {route: [o, a, d], share: 80 %}
      - {route: [o, b, d], share: 20 %}
    choice: {rule: pivot, scale: 2 h}
"""


def _file(tmp_path: Path) -> str:
    path = tmp_path / "reacting.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return str(path)


def test_run_prints_the_reactions_and_not_without_them(tmp_path, capsys):
    scenario = _file(tmp_path)
    assert main(["run", scenario, *FAST]) == 0
    out = capsys.readouterr().out
    assert "Route choice: where cargo went from each decision node" in out
    assert "Embargoes (" in out
    assert main(["run", scenario, "--without-reaction", *FAST]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Scenario reacting_without_reaction:")
    assert "Embargoes (" not in out


def test_compare_pairs_a_scenario_with_itself_without_reaction(tmp_path, capsys):
    scenario = _file(tmp_path)
    assert main(["compare", scenario, scenario, "--baseline-without-reaction", *FAST]) == 0
    out = capsys.readouterr().out
    assert "reacting_without_reaction" in out and "reacting" in out
