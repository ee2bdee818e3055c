"""`corridor-sim marginal --catalogue`: the options ranked beside the +1 units, with their
cost per tonne gained and the cheapest tonne; a bad catalogue, one that does not fit the
scenario, or a bad rate is one clear line, exit 2, before anything runs."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
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
currency: EUR 2023
options:
  one_more:
    capex: 10 M EUR        # estimate: test
    opex: 1 M EUR/yr       # estimate: test
    available: 2025
    changes: {nodes.g.servers: 2}
  road_works:
    capex: 1 M EUR         # estimate: test
    opex: 0 EUR/yr         # estimate: test
    available: 2025
    changes: {links.o-g.delay: 2 h}
"""
ELSEWHERE = CATALOGUE.replace("nodes.g.servers", "nodes.kuryk.servers")


@pytest.fixture()
def gate(tmp_path: Path) -> Path:
    (tmp_path / "gate.yaml").write_text(GATE, encoding="utf-8")
    (tmp_path / "options.yaml").write_text(CATALOGUE, encoding="utf-8")
    (tmp_path / "elsewhere.yaml").write_text(ELSEWHERE, encoding="utf-8")
    return tmp_path


def test_the_catalogue_options_are_costed_per_tonne(gate, capsys):
    out = gate / "out"
    args = ["marginal", str(gate / "gate.yaml"), "--catalogue", str(gate / "options.yaml")]
    code = main([*args, "--years", "20", "--discount-rate", "5%", *FAST, "--out", str(out)])
    text = capsys.readouterr().out
    assert code == 0
    words = " ".join(text.split())
    assert "money in EUR 2023" in words and "r = 5.0% real over n = 20 years" in words
    cheapest = text[text.index("Cheapest tonne") :].splitlines()
    assert cheapest[3].split()[:2] == ["1", "one_more"]
    assert "no gain told from none" in cheapest[4]
    table = pd.read_csv(out / "marginal_value.csv").set_index("element")
    # 20 wagons a day of which 12 pass: one more server lets 8 more through, 60 t each
    assert table.loc["one_more", "gain_t_per_yr"] == pytest.approx(8 * 60 * 365, rel=0.02)
    annual = 10e6 * 0.05 / (1 - 1.05**-20) + 1e6
    assert table.loc["one_more", "cost_per_t"] == pytest.approx(
        annual / table.loc["one_more", "gain_t_per_yr"], rel=1e-8
    )
    head = json.loads((out / "marginal_value.json").read_text())
    assert head["catalogue"] == "gate_options" and head["discount_rate"] == 0.05
    assert head["years"] == 20 and head["money"] == "EUR 2023"
    assert (out / "cheapest_tonne.csv").exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--catalogue", "no_such_catalogue"], "no such catalogue file, nor a bundled catalogue"),
        (["--catalogue", "{dir}/elsewhere.yaml"], "option 'one_more': nodes.kuryk.servers"),
        (["--years", "10"], "--years and --discount-rate cost a catalogue's options"),
        (["--catalogue", "{dir}/options.yaml", "--discount-rate", "6"], "did you mean 6%?"),
        (["--catalogue", "{dir}/options.yaml", "--years", "0"], "--years: must be >= 1"),
    ],
)
def test_a_bad_catalogue_or_rate_is_one_clear_line(gate, capsys, monkeypatch, args, says):
    def refuse(*args, **kwargs):
        raise AssertionError("the scenarios ran before the catalogue was checked")

    monkeypatch.setattr("corridor_sim.experiments.marginal.run_grid", refuse)
    argv = ["marginal", str(gate / "gate.yaml"), *(x.format(dir=gate) for x in args), *FAST]
    try:
        code = main(argv)
    except SystemExit as stop:  # the parser's own errors
        code = stop.code
    assert code == 2
    err = capsys.readouterr().err
    assert says in err
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 2
