"""`corridor-sim equilibrium`: prints the gap and shares of every iteration and the
shares found with their times; writes its tables with --out; a scenario without a choice
is one line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from corridor_sim.cli import main

FAST = ["--workers", "1", "--no-progress"]
TWO_BORDERS = """\
name: two_borders
simulation: {start: 2024-01-01, horizon: 100 day, warmup: 5 day, seed: 3}
commodities:
  goods: {unit: wagon, mass_per_unit: 60 t, handling: wagon}
nodes:
  o: {kind: origin}
  a: {kind: border, servers: 1, service_time: {dist: exponential, mean: 30 min}}
  b: {kind: border, servers: 1, service_time: {dist: exponential, mean: 1 h}}
  d: {kind: destination}
links:
  o-a: {kind: transfer, from: o, to: a, delay: 0 h}
  o-b: {kind: transfer, from: o, to: b, delay: 0 h}
  a-d: {kind: transfer, from: a, to: d, delay: 0 h}
  b-d: {kind: transfer, from: b, to: d, delay: 0 h}
flows:
  f:
    commodity: goods
    origin: o
    destination: d
    volume: 48 wagon/day
    arrivals: {pattern: poisson}
    routes:
      - {route: [o, a, d], share: 40 %}
      - {route: [o, b, d], share: 60 %}
    choice: {rule: shares}
"""


def _file(tmp_path: Path, text: str = TWO_BORDERS) -> str:
    path = tmp_path / "two_borders.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_equilibrium_prints_the_iterations_and_the_shares_found(tmp_path, capsys):
    scenario = _file(tmp_path)
    out_dir = tmp_path / "eq"
    argv = ["equilibrium", scenario, "-n", "2", "--iterations", "4", "--out", str(out_dir)]
    assert main([*argv, *FAST]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Equilibrium of scenario 'two_borders'")
    assert "2 replications per iteration, seeds numpy SeedSequence(3).spawn(2)" in out
    lines = out.splitlines()
    header = lines.index("iteration  relative gap  flow  option  share %  mean transit, h  from")
    first = lines[header + 2].split()
    assert first[0] == "1" and first[3:5] == ["via", "a"] and first[5] == "40.0"
    assert "At the shares returned: mean ± 95 % CI half-width over the 2 replications" in out
    assert f"Wrote the tables to {out_dir}/" in out
    head = json.loads((out_dir / "equilibrium.json").read_text())
    assert head["scenario"] == "two_borders" and head["replications"] == 2
    assert head["iterations"] <= 4 and isinstance(head["converged"], bool)


def test_a_scenario_without_a_choice_is_one_line_exit_2(tmp_path, capsys):
    one_route = TWO_BORDERS.split("    routes:")[0] + "    route: [o, a, d]\n"
    code = main(["equilibrium", _file(tmp_path, one_route), *FAST])
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "flows: no flow of scenario 'two_borders' has a choice to balance" in err
