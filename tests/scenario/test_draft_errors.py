"""Draft and load in a scenario file: a port's water_depth, a vessel's draft and load
factors per class; every mistake names its key, what was wrong and what is allowed."""

import datetime as dt
import re

import pytest
from test_errors import VALID, assert_message, edit, line_of, load_error

import corridor_sim as cs

DEPTH = """    handling_rate: {wagon: 10 wagon/h}
    water_depth: {draft: 3.5 m, date: 2024-07-01, trend: -0.225 m/yr}
  b:"""
DRAFT = """        speed: 10 kn
        draft: {design: 4.5 m, deadweight: 5400 t, tpc: 23.2 t/cm, tare: {wagon: 27 t/wagon}}"""


def with_draft(text: str = VALID) -> str:
    """VALID with a falling depth at port a and a ferry that loads by its draft."""
    text = edit("    handling_rate: {wagon: 10 wagon/h}\n  b:", DEPTH, text)
    return edit("        speed: 10 kn", DRAFT, text)


def test_depth_and_draft_load_in_engine_units(tmp_path):
    """Metres, t/cm and t/wagon become m, t/cm and t; the trend m/yr."""
    path = tmp_path / "s.yaml"
    path.write_text(with_draft())
    scenario = cs.load_scenario(path)
    depth = scenario.nodes["a"].water_depth
    assert (depth.under_keel_m, depth.date) == (0.0, dt.date(2024, 7, 1))
    assert depth.depth_m == pytest.approx(3.5)
    assert depth.trend_m_per_yr == pytest.approx(-0.225)
    draft = scenario.links["a-b"].fleet[0].draft
    assert (draft.design_m, draft.deadweight_t) == (pytest.approx(4.5), 5400.0)
    assert draft.tpc_t_per_cm == pytest.approx(23.2)
    assert draft.tare_t == {"wagon": pytest.approx(27.0)}


def test_load_factor_per_class_on_a_link_and_a_vessel(tmp_path):
    """``load_factor`` is one share or a share per class, on the link or a ship."""
    text = edit("    distance: 100 km", "    distance: 100 km\n    load_factor: {wagon: 63 %}")
    path = tmp_path / "s.yaml"
    path.write_text(text)
    link = cs.load_scenario(path).links["a-b"]
    assert (link.load_factor, link.class_load_factor) == (1.0, {"wagon": pytest.approx(0.63)})
    path.write_text(edit("        speed: 10 kn", "        speed: 10 kn\n        load_factor: 81 %"))
    vessel = cs.load_scenario(path).links["a-b"].fleet[0]
    assert vessel.load_factor == {"wagon": pytest.approx(0.81)}


@pytest.mark.parametrize(
    ("old", "new", "key_path", "reason"),
    [
        (
            "design: 4.5 m",
            "design: 4.5",
            "links.a-b.fleet[0].draft.design",
            r"needs a number with a unit, e.g. '20 h' \(got 4.5\); expected length",
        ),
        (
            "tpc: 23.2 t/cm",
            "tpc: 23.2 t",
            "links.a-b.fleet[0].draft.tpc",
            r"expected mass/length .*, got mass \('23.2 t'\)",
        ),
        (
            "draft: 3.5 m,",
            "draft: -3.5 m,",
            "nodes.a.water_depth.draft",
            r"must be > 0 \(got '-3.5 m'\)",
        ),
        (
            "trend: -0.225 m/yr",
            "trend: -0.225 m",
            "nodes.a.water_depth.trend",
            r"expected length/time .*, got length \('-0.225 m'\)",
        ),
        (
            "date: 2024-07-01,",
            "date: July,",
            "nodes.a.water_depth.date",
            r"must be a date YYYY-MM-DD \(got 'July'\)",
        ),
        (
            "tare: {wagon: 27 t/wagon}",
            "tare: {roro: 15 t/truck}",
            "links.a-b.fleet[0].draft.tare.roro",
            r"the vessel has no capacity for 'roro'",
        ),
        (
            "draft: 3.5 m,",
            "depth: 4 m, under_keel: 4.5 m,",
            "nodes.a.water_depth.under_keel",
            r"must be less than the depth \(got '4.5 m'\)",
        ),
        (
            "draft: 3.5 m,",
            "depth: 4 m, draft: 3.5 m,",
            "nodes.a.water_depth",
            r"give either 'depth' \(with 'under_keel'\) or 'draft'",
        ),
    ],
    ids=["unitless", "tpc-dimension", "negative", "trend", "date", "tare", "keel", "depth+draft"],
)
def test_bad_draft_and_depth_name_the_key(tmp_path, old, new, key_path, reason):
    text = edit(old, new, with_draft())
    err = load_error(tmp_path, text)
    assert_message(err, tmp_path / "scenario.yaml", line_of(text, new.strip()), key_path, reason)


def test_a_link_may_not_set_a_load_factor_beside_a_vessel_with_a_draft(tmp_path):
    """Both would decide the same load: the file must say which."""
    text = edit("    distance: 100 km", "    distance: 100 km\n    load_factor: 72 %", with_draft())
    err = load_error(tmp_path, text)
    reason = (
        r"give either a load factor or the vessels' draft, not both \(vessels with a draft: ferry\)"
    )
    assert_message(
        err,
        tmp_path / "scenario.yaml",
        line_of(text, "load_factor: 72 %"),
        "links.a-b.load_factor",
        reason,
    )


def test_a_vessel_may_not_have_both_a_draft_and_a_load_factor(tmp_path):
    text = edit(
        "        speed: 10 kn\n", "        speed: 10 kn\n        load_factor: 72 %\n", with_draft()
    )
    err = load_error(tmp_path, text)
    assert err.key_path == "links.a-b.fleet[0].load_factor"
    assert "give either draft or load_factor, not both" in str(err)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("{wagon: 120 %}", r"must be <= 100 % \(got '120 %'\)"),
        ("{roro: 50 %}", r"unknown key 'roro'; allowed: wagon"),
        ("0.7", r"needs a number with a unit"),
    ],
)
def test_a_vessel_load_factor_is_a_share_of_a_class_it_carries(tmp_path, value, reason):
    text = edit("        speed: 10 kn", f"        speed: 10 kn\n        load_factor: {value}")
    err = load_error(tmp_path, text)
    assert err.key_path.startswith("links.a-b.fleet[0].load_factor")
    assert re.search(reason, str(err)), str(err)
