"""``corridor-sim run`` answers with replications (95% CIs, n stated), ``-n 1`` is labelled
as one sample path, and ``run`` and ``bottlenecks`` print one ranking."""

from __future__ import annotations

import html
import json
import re
import sys

import pytest

from corridor_sim.cli import main

FAST = ["--workers", "1", "--no-progress"]


def ranking_rows(text: str) -> list[list[str]]:
    """The rows of the ranking table printed under "Bottleneck ranking by mean score"."""
    lines = text.split("Bottleneck ranking by mean score", 1)[1].splitlines()[3:]
    return [line.split() for line in lines[: lines.index("")]]


def test_run_prints_means_with_confidence_intervals_over_n_replications(capsys):
    assert main(["run", "teaching_two_ports", "--days", "30", "-n", "3", *FAST]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "Scenario teaching_two_ports: 30 days from 2024-01-31 "
        "after a 30-day warm-up from 2024-01-01"
    )
    assert "mean ± the half-width of its 95 % confidence interval over the 3 replications" in out
    assert "(seeds: numpy SeedSequence(1).spawn(3))" in out
    assert "cargo delivered, Mt/yr" in out
    rows = ranking_rows(out)
    assert rows[0][:2] == ["1", "port_a-port_b"] and rows[0][5] == "±"  # score ± half-width
    assert rows[0][-1] == "3/3"  # first in 3 of 3
    assert "Mass balance: OK in all 3 replications" in out
    assert "ONE SAMPLE PATH" not in out


def test_run_defaults_to_ten_replications(monkeypatch):
    calls = []

    def fake_run(scenario, replications, **kwargs):
        calls.append(replications)
        raise SystemExit(0)

    monkeypatch.setattr(sys.modules["corridor_sim.cli.main"], "run", fake_run)
    with pytest.raises(SystemExit):
        main(["run", "teaching_two_ports"])
    assert calls == [10]


def test_one_replication_is_printed_as_one_sample_path(capsys):
    assert main(["run", "teaching_two_ports", "--days", "30", "-n", "1", "--seed", "7"]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith("ONE SAMPLE PATH (seed 7): not an answer;") and "-n 10" in first
    assert "seed 7" in out.splitlines()[2]
    assert "score" in out.split("Bottleneck ranking by score", 1)[1].splitlines()[1]


def test_run_out_writes_the_answer_and_one_sample_path_to_plot(tmp_path, capsys):
    out = tmp_path / "answer"
    argv = ["run", "teaching_two_ports", "--days", "30", "-n", "2", *FAST, "--out", str(out)]
    assert main(argv) == 0
    assert {"flows.csv", "ranking.csv", "headline.csv", "summary.json"} <= {
        p.name for p in out.iterdir()
    }
    head = json.loads((out / "summary.json").read_text())
    assert head["replications"] == 2 and head["binding_element"] == "port_a-port_b"
    assert head["sample_path"]["folder"] == "sample_path"
    assert (out / "sample_path" / "network.csv").is_file()
    capsys.readouterr()
    assert main(["plot", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("Drawing one sample path (replication 0)")
    assert (out / "sample_path" / "utilisation.png").is_file()


def test_run_and_bottlenecks_print_the_same_ranking_for_the_same_seed_and_n(capsys):
    common = ["middle_corridor_2024", "--days", "20", "-n", "3", "--seed", "5", *FAST]
    assert main(["run", *common]) == 0
    ran = ranking_rows(capsys.readouterr().out)
    assert main(["bottlenecks", *common, "--top", "8"]) == 0
    out = capsys.readouterr().out
    listed = ranking_rows(out)
    assert len(ran) == len(listed) == 8
    # rank, element, kind, role and score ± half-width: the same rows in the same order
    assert [r[:7] for r in ran] == [r[:7] for r in listed]
    assert "sole bn %" in out and "min cut" in out


def page_text(path) -> str:
    """A report's HTML, entities decoded and no-break spaces made plain."""
    return html.unescape(path.read_text()).replace("\xa0", " ")


def test_run_report_holds_the_printed_answer_and_figures_of_one_sample_path(tmp_path, capsys):
    report = tmp_path / "r.html"
    argv = ["run", "teaching_two_ports", "--days", "60", "-n", "3", *FAST]
    assert main([*argv, "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert (
        f"Wrote the report (tables over 3 replications, figures of one sample path) to {report}"
        in out
    )
    page = page_text(report)
    assert "over 3 independent replications (seeds: numpy SeedSequence(1).spawn(3))" in page
    assert "Figures: one sample path, replication 0 of 3 (seed 1, replication stream 0" in page
    # the numbers of the report are those printed: the verdict, each flow's cells
    verdict = next(line for line in out.splitlines() if line.startswith("Binding element: "))
    assert f"<p>{verdict}</p>" in page and "first in 3 of 3 replications" in verdict
    flow = next(line for line in out.splitlines() if line.startswith("goods_west "))
    cells = re.split(r"\s{2,}", flow)[2:]
    assert len(cells) == 6 and all(" ± " in c for c in cells)
    for cell in cells:
        assert f'<td class="num">{cell}</td>' in page


def test_run_report_of_one_replication_is_one_sample_path(tmp_path, capsys):
    report = tmp_path / "r.html"
    argv = ["run", "teaching_two_ports", "--days", "60", "-n", "1", "--seed", "7"]
    assert main([*argv, "--report", str(report)]) == 0
    assert f"Wrote the report (one sample path) to {report}" in capsys.readouterr().out
    page = page_text(report)
    assert "One sample path (seed 7): every number below comes from this single run" in page
    assert "±" not in page[: page.index('<section id="figures">')]
