"""The report of a replicated answer: its verdict and tables are the answer's (mean ±
95 % CI half-width over the replications, n and seeds stated), its figures one sample
path, captioned so."""

from __future__ import annotations

import dataclasses
import html
import re

import pytest
from helpers import short

import corridor_sim as cs
from corridor_sim import report
from corridor_sim.experiments.run import ReplicatedRun
from corridor_sim.experiments.run_text import verdict_line

N = 3


@pytest.fixture(scope="module")
def answer() -> ReplicatedRun:
    teaching = short("teaching_two_ports", 60)
    return cs.run(teaching, replications=N, workers=1, progress=False)


@pytest.fixture(scope="module")
def page(answer) -> str:
    return report.render_report(answer, dpi=30)


def rows(page: str, section: str) -> dict[str, list[str]]:
    """The body rows of the table in ``section``, by their first cell."""
    part = page[page.index(f'<section id="{section}">') :]
    part = part[: part.index("</section>")]
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", part)]
    return {c[0]: [html.unescape(x).replace("\xa0", " ") for x in c] for c in cells if c}


def pm(mean: float, half: float, digits: int, scale: float = 1.0) -> str:
    return f"{mean * scale:,.{digits}f} ± {half * scale:,.{digits}f}"


def test_it_says_what_the_numbers_are_over(page, answer):
    assert f"over {N} independent replications (seeds: {answer.seeds})" in page
    assert f"mean ± 95 % CI half-width, n = {N}" in page
    assert "One sample path (seed" not in page  # the label of a single-path report


def test_the_verdict_is_the_answers_with_the_binding_element_first_in_k_of_n(page, answer):
    verdict = re.search(r'<section class="verdict" id="verdict"><h2>Verdict</h2><p>(.*?)</p>', page)
    assert html.unescape(verdict[1]) == verdict_line(answer)
    assert f"first in {answer.first_in} of {N} replications" in verdict[1]
    assert f"Mass balance: OK in all {N} replications" in page


def test_the_flows_are_the_answers_not_a_sample_paths(page, answer):
    f = answer.flows.set_index("flow").loc["goods_west"]
    row = rows(page, "flows")["goods_west"]
    assert row[1:5] == [
        "wagons",
        pm(f["offered_units_mean"], f["offered_units_half_width"], 0),
        pm(f["delivered_units_mean"], f["delivered_units_half_width"], 0),
        pm(f["delivered_t_per_yr_mean"], f["delivered_t_per_yr_half_width"], 0, 1e-3),
    ]
    assert row[6] == pm(f["transit_mean_days_mean"], f["transit_mean_days_half_width"], 1)
    path = answer.sample_path(0).flows.set_index("flow").loc["goods_west"]
    assert row[3].split(" ± ")[0] != f"{path['delivered_units']:,.0f}"


def test_the_ranking_and_headline_are_the_answers(page, answer):
    top = answer.ranking.iloc[0]
    row = rows(page, "ranking")["1"]
    assert row[1] == answer.binding == top["element"]
    assert row[5] == pm(top["utilisation_mean"], top["utilisation_half_width"], 0, 100)
    assert row[-2] == pm(top["score_mean"], top["score_half_width"], 2)
    assert row[-1] == f"{answer.first_in} of {N}"
    capacity = answer.sample_path(0).elements.set_index("element")["capacity_t_per_day"]
    assert row[4] == f"{capacity[answer.binding]:,.0f}"
    delivered = answer.kpi("delivered_t_per_yr")
    head = rows(page, "headline")["cargo delivered, Mt/yr"]
    assert head[1] == pm(delivered["mean"], delivered["half_width"], 3, 1e-6)


def test_the_figures_are_one_sample_path_and_say_so(page):
    figures = page[page.index('<section id="figures">') : page.index('<section id="scenario">')]
    assert f"Figures: one sample path, replication 0 of {N} (seed " in figures
    assert f"the tables above are over {N} replications" in figures
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", figures, re.S)
    assert len(captions) == figures.count("data:image/png;base64,") >= 5
    which = f'<span class="which">One sample path (replication 0 of {N}).</span>'
    assert all(c.startswith(which) for c in captions)


def test_the_throughput_chart_follows_the_answers_binding_element(answer, monkeypatch):
    """When replication 0 ranks another element first, the chart of the binding element
    is still the answer's, and the page says which element the maps mark."""
    ranking = answer.ranking.iloc[[1, 0, *range(2, len(answer.ranking))]].reset_index(drop=True)
    other = dataclasses.replace(answer, ranking=ranking)
    other._paths[0] = answer.sample_path(0)
    drawn = []
    monkeypatch.setattr(report.html, "_png", lambda fig, dpi: drawn.append(fig) or "")
    page = report.render_report(other, dpi=30)
    names = re.findall(r'<img alt="([^"]+)"', page)
    assert f"throughput_{other.binding}" in names and "throughput_port_a-port_b" not in names
    assert f"In this path port_a-port_b ranks first, not {other.binding}" in page


def test_anything_else_is_refused_with_its_type():
    with pytest.raises(TypeError, match=r"ReplicatedRun\) or one SimulationResult \(got dict\)"):
        report.render_report({})


def test_vessels_and_berths_are_over_the_replications(page, answer):
    """The class row carries the class's mean voyages a year with its CI, as
    experiments.fleet_tables computes them; the berth rows split occupancy."""
    from corridor_sim.experiments.fleet_tables import berth_table, class_table

    assert '<a href="#fleet">Vessels and berths</a>' in page
    c = class_table(answer.runs).set_index("class").loc["port_a-port_b/ferry"]
    row = rows(page, "fleet")["port_a-port_b / ferry ×2"]  # spaced, so that it may wrap
    assert row[1] == pm(c["voyages_per_yr_mean"], c["voyages_per_yr_half_width"], 0)
    b = berth_table(answer.runs).set_index("berth")
    for berth, r in b.iterrows():
        cells = rows(page, "fleet")[berth]
        assert cells[1] == pm(r["occupancy_mean"], r["occupancy_half_width"], 0, 100.0)


def test_a_one_path_report_has_no_fleet_section(answer):
    one = report.render_report(answer.sample_path(0), dpi=30)
    assert 'id="fleet"' not in one
