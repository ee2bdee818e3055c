"""How experiment objects show themselves in a notebook: ``_repr_html_`` says what was run
(scenario, replications, seeds), gives the answer in one line and the headline table with
95% confidence intervals and units; ``repr`` is one short line with no table."""

from __future__ import annotations

import html

import experiment_objects
import pytest

from corridor_sim.texttable import num, pm

KINDS = ["run", "replications", "sweep", "comparison", "marginal", "saturation"]


@pytest.fixture(scope="module")
def experiments():
    return experiment_objects.experiments()


def row(table, kpi, subject=""):
    rows = table[(table["kpi"] == kpi) & (table["subject"] == subject)]
    assert len(rows) == 1
    return rows.iloc[0]


def interval(r, scale: float, digits: int) -> str:
    return f"[{num(r['ci_low'] * scale, digits)}, {num(r['ci_high'] * scale, digits)}]"


@pytest.mark.parametrize("kind", KINDS)
def test_repr_is_one_short_line_without_a_table(experiments, kind):
    text = repr(experiments[kind])
    assert len(text) < 300 and "\n" not in text, text
    assert text.startswith("<") and text.endswith(">")
    assert "teaching" in text and "seed 3" in text
    assert "DataFrame" not in text and "scope" not in text


@pytest.mark.parametrize("kind", KINDS)
def test_html_is_one_block_with_a_table(experiments, kind):
    page = experiments[kind]._repr_html_()
    assert page.startswith('<div class="corridor-sim"') and page.endswith("</div>")
    assert "<table>" in page and "teaching_two_ports" in page


def test_replicated_run_shows_seeds_verdict_and_headline_with_cis(experiments):
    rr = experiments["run"]
    page = rr._repr_html_()
    assert "Replicated run: teaching_two_ports" in page
    assert "3 replications" in page and "numpy SeedSequence(3).spawn(3)" in page
    assert html.escape(f"Binding element: {rr.binding}") in page
    delivered = row(rr.headline, "delivered_t_per_yr")
    assert "cargo delivered, Mt/yr" in page and "95% CI" in page
    assert f">{num(delivered['mean'] * 1e-6, 3)}<" in page
    assert f">{interval(delivered, 1e-6, 3)}<" in page
    assert "transit mean d" in page and "util %" in page  # units in the headers
    assert "delivered 0." in repr(rr) and "Mt/yr" in repr(rr)


def test_replications_show_the_headline_and_the_binding_element(experiments):
    rep = experiments["replications"]
    page = rep._repr_html_()
    assert "Replications: teaching_two_ports" in page
    assert "numpy SeedSequence(3).spawn(3)" in page
    assert "Binding element: port_a-port_b, first by mean score" in page
    ratio = row(rep.summary, "delivered_ratio")
    assert "delivered / offered, %" in page
    assert f">{interval(ratio, 100, 1)}<" in page


def test_sweep_shows_each_point_with_cis(experiments):
    sw = experiments["sweep"]
    page = sw._repr_html_()
    assert "Sweep: teaching_two_ports" in page and "2 points x 2 replications" in page
    assert "Binding element" in page and "delivered Mt/yr" in page
    point = sw.summary[sw.summary["point"] == 1]
    delivered = row(point, "delivered_t_per_yr")
    assert f">{pm(delivered['mean'], delivered['half_width'], 3, 1e-6)}<" in page


def test_comparison_shows_the_answer_and_the_paired_differences(experiments):
    cmp = experiments["comparison"]
    page = cmp._repr_html_()
    assert "Comparison: teaching_more_demand vs teaching_two_ports" in page
    assert "3 paired replications" in page and "Cargo delivered changes by" in page
    offered = row(cmp.differences[cmp.differences["scope"] == "corridor"], "offered_t_per_yr")
    assert f">{interval(offered, 1e-6, 3)}<" in page
    assert "cargo offered, Mt/yr" in page and "95% CI" in page


def test_marginal_values_show_the_ranking_with_cis(experiments):
    mv = experiments["marginal"]
    page = mv._repr_html_()
    assert "Marginal value of capacity: teaching_two_ports" in page
    assert "2 paired replications per change" in page
    top = mv.table.iloc[0]
    assert html.escape(f"{top['change']} at {top['element']}") in page
    assert "gain (kt/yr)" in page and "95% CI (kt/yr)" in page


def test_saturation_shows_the_answer_and_the_steps(experiments):
    sat = experiments["saturation"]
    page = sat._repr_html_()
    assert "Saturation: teaching_two_ports" in page
    assert html.escape(sat.answer()) in page
    assert "carried % [95% CI]" in page and "Transit-time curve" in page
    assert sat.status in repr(sat)
