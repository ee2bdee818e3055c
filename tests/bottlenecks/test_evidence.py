"""Bottleneck evidence beside the minimum cut, and the experiment commands of the CLI."""

import json

import yaml
from helpers import build, flow, scenario

import corridor_sim as cs
from corridor_sim.bottlenecks.evidence import format_evidence
from corridor_sim.cli import main


def line() -> dict:
    """o -> slow (1 server, 3 h a wagon: 8 a day) -> fast (2 servers, 1 h) -> d, with 10
    wagons a day offered: slow is overloaded, holds the queue, and is the cut."""
    return scenario(
        nodes={
            "o": {"kind": "origin"},
            "slow": {"kind": "terminal", "servers": 1, "service_time": "3 h"},
            "fast": {"kind": "terminal", "servers": 2, "service_time": "1 h"},
            "d": {"kind": "destination"},
        },
        links={
            "o-slow": {"kind": "transfer", "from": "o", "to": "slow"},
            "slow-fast": {"kind": "transfer", "from": "slow", "to": "fast"},
            "fast-d": {"kind": "transfer", "from": "fast", "to": "d"},
        },
        flows={"f": flow(["o", "slow", "fast", "d"], "10 wagon/day", "1 wagon")},
        horizon="20 day",
    )


def test_every_signal_points_at_the_overloaded_node_and_agrees_with_the_cut():
    s = build(line())
    bounds = cs.capacity(s)
    evidence = cs.simulate(s, trace_activity=True).evidence(bounds)
    top = evidence.iloc[0]
    assert top["element"] == "slow" and bool(top["on_min_cut"])
    assert top["utilisation"] > 0.99 and top["backlog_growth_days"] > 1
    assert top["sole_share"] > 0.9 and top["load"] > 1.2
    text = format_evidence(evidence, bounds)
    assert "slow (terminal node): 100% utilised, queue growing" in text
    assert "Simulation and analysis agree: slow ranks first and is on the minimum cut" in text


def test_evidence_keeps_the_one_ranking_and_its_scores():
    """The evidence table is the run's ranking with more columns: same order, same scores
    (the momentary-bottleneck shares stand beside the score, they do not change it)."""
    teaching = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
    result = cs.simulate(teaching, seed=3, trace_activity=True)
    evidence = result.evidence(cs.capacity(teaching))
    assert evidence["element"].tolist() == result.bottlenecks["element"].tolist()
    assert evidence["score"].tolist() == result.bottlenecks["score"].tolist()
    assert evidence["bottleneck_share"].notna().any()


def test_capacity_and_bottlenecks_commands(tmp_path, capsys):
    path = tmp_path / "line.yaml"
    path.write_text(yaml.safe_dump(line()))
    assert main(["capacity", str(path), "--out", str(tmp_path / "cap")]) == 0
    out = capsys.readouterr().out
    assert "Maximum flow, origins to destinations, and minimum cut" in out
    assert json.loads((tmp_path / "cap" / "capacity.json").read_text())["min_cut"] == ["slow"]
    argv = ["bottlenecks", str(path), "-n", "2", "--workers", "1", "--no-progress"]
    assert main([*argv, "--out", str(tmp_path / "bn")]) == 0
    out = capsys.readouterr().out
    assert "Bottleneck ranking by mean score" in out and "over the 2 replications" in out
    assert "Simulation and analysis agree: slow ranks first and is on the minimum cut" in out
    ranking = (tmp_path / "bn" / "bottleneck_ranking.csv").read_text().splitlines()
    assert ranking[1].startswith("1,slow,terminal,node,")


def test_experiment_commands_run_and_write_their_tables(tmp_path, capsys):
    path = tmp_path / "line.yaml"
    path.write_text(yaml.safe_dump(line()))
    common = ["-n", "2", "--workers", "1", "--no-progress"]
    assert main(["replicate", str(path), *common, "--out", str(tmp_path / "rep")]) == 0
    assert "Headline (mean ± 95% CI half-width)" in capsys.readouterr().out
    assert (tmp_path / "rep" / "summary.csv").exists()
    assert main(["sweep", str(path), "--set", "nodes.slow.servers=1,2", *common]) == 0
    assert "nodes.slow.servers" in capsys.readouterr().out
    assert main(["compare", str(path), str(path), *common]) == 0
    assert "Comparison:" in capsys.readouterr().out
    assert main(["saturation", str(path), *common, "--out", str(tmp_path / "sat")]) == 0
    assert "Saturation demand multiplier: 0.8" in capsys.readouterr().out
    assert main(["marginal", str(path), *common, "--top", "3"]) == 0
    assert "+1 server (2)" in capsys.readouterr().out


def test_bad_experiment_arguments_exit_2(capsys):
    assert main(["sweep", "teaching_two_ports"]) == 2
    assert capsys.readouterr().err == (
        "corridor-sim sweep: error: needs --set PATH=V1,V2 or --demand\n"
    )
