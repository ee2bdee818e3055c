"""Competing-corridor files (corridor_sim.scenario.competition): units, spans, errors, and
the bundled China -> Europe file."""

from __future__ import annotations

import copy

import pytest

from corridor_sim import ScenarioError, bundled_names, load_journey
from corridor_sim.scenario.competition import read_journey
from corridor_sim.scenario.sources import load_sources

BASE = {
    "currency": "USD 2024",
    "flows": ["f"],
    "alternatives": {
        "rail": {"label": "Rail", "transit": "20 day", "price": "3000 USD/FEU", "co2": "0.3 t/t"}
    },
}


def test_units_are_converted_to_days_usd_per_teu_and_kg_per_t():
    j = read_journey(copy.deepcopy(BASE))
    rail = j.alternatives["rail"]
    assert (rail.transit_days.low, rail.transit_days.high) == (20.0, 20.0)
    assert rail.price_usd_per_teu.mid == 1500.0
    assert rail.co2_kg_per_t is not None and rail.co2_kg_per_t.mid == pytest.approx(300.0)
    assert j.money == "USD 2024" and j.outside_days == 0.0


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("transit", "20 USD", r"alternatives\.rail\.transit: expected time"),
        ("price", "3000 USD", r"alternatives\.rail\.price: expected money/TEU"),
        ("transit", {"low": "30 day", "high": "20 day"}, r"alternatives\.rail\.transit.*high"),
        ("transit", {"low": "30 day"}, r"missing required key 'high'"),
        ("speed", "1 kn", r"unknown key 'speed'; allowed: label, transit"),
    ],
)
def test_bad_figures_name_the_key_and_what_is_allowed(key, value, message):
    raw = copy.deepcopy(BASE)
    raw["alternatives"]["rail"][key] = value
    with pytest.raises(ScenarioError, match=message):
        read_journey(raw, source="j.yaml")


def test_a_currency_without_price_year_is_refused():
    raw = {**copy.deepcopy(BASE), "currency": "USD"}
    with pytest.raises(ScenarioError, match="price year"):
        read_journey(raw)


def test_an_unknown_journey_name_lists_the_bundled_ones():
    with pytest.raises(ScenarioError, match="corridors_china_europe"):
        load_journey("corridors_mars")


def test_the_bundled_journey_cites_known_sources_and_is_not_a_scenario():
    j = load_journey("corridors_china_europe")
    known = set(load_sources())
    cited = {s for leg in j.legs for s in leg.sources}
    cited |= {s for alt in j.alternatives.values() for s in alt.sources}
    assert cited and cited <= known, sorted(cited - known)
    assert "corridors_china_europe" not in bundled_names()
    assert j.alternatives["middle_corridor_published"].reference
    assert j.outside_days == 9.0


@pytest.mark.parametrize("name", ["corridors_china_europe", "corridors_china_turkiye"])
def test_every_src_comment_of_the_bundled_journeys_resolves(name):
    from corridor_sim.scenario.bundled import bundled_dir
    from corridor_sim.scenario.competition import bundled_journeys
    from corridor_sim.scenario.sources import unresolved

    assert name in bundled_journeys()
    text = (bundled_dir() / f"{name}.yaml").read_text(encoding="utf-8")
    assert unresolved(text, load_sources()) == []
    assert load_journey(name).alternatives
