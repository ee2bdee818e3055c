"""The catalogue file: the bundled Middle Corridor catalogue loads, each option applies to
the 2024 and 2030 scenarios and runs; bad files are refused naming file, key and option."""

import copy
import dataclasses
import functools
import re

import pytest

import corridor_sim as cs
from corridor_sim.errors import ScenarioError
from corridor_sim.scenario.build import build_scenario
from corridor_sim.scenario.bundled import bundled_dir
from corridor_sim.scenario.catalogue import check_against, load_catalogue
from corridor_sim.scenario.sources import load_sources
from corridor_sim.scenario.variants import override

NAME = "catalogue_middle_corridor"
GOOD = """\
currency: USD 2024
options:
  more_tracks:
    capex: 30e6 USD
    opex: 1 M USD/yr
    available: 2027
    changes:
      nodes.akhalkalaki.servers: 6
"""


@functools.cache
def cat():
    return load_catalogue(NAME)


@functools.cache
def base(name="middle_corridor_2024", days=20.0):
    scenario = cs.load_scenario(name)
    settings = dataclasses.replace(scenario.settings, horizon_h=days * 24, warmup_h=5 * 24.0)
    return dataclasses.replace(scenario, settings=settings)


def test_the_bundled_catalogue_loads_and_is_not_a_scenario():
    assert NAME not in cs.bundled_names()
    c = cat()
    assert c.money == "USD 2024"
    assert 16 <= len(c.options) <= 20
    assert any(o.excludes for o in c.options.values())
    assert any(o.requires for o in c.options.values())
    assert c.why_not(["kuryk_ferries_2", "kuryk_ferries_4"]) is not None
    assert c.options["almaty_bypass"].capex == 300e6
    assert c.options["kuryk_ferries_2"].opex_per_yr == 5e6


def test_every_option_cites_known_sources_and_every_amount_is_cited_or_estimated():
    known = load_sources()
    for option in cat().options.values():
        assert option.sources and set(option.sources) <= set(known), option.name
    text = (bundled_dir() / f"{NAME}.yaml").read_text()
    for line in text.splitlines():
        if re.match(r"\s+(capex|opex|available):", line):
            assert "src:" in line or "estimate:" in line, line


@pytest.mark.parametrize("scenario", ["middle_corridor_2024", "middle_corridor_2030_demand"])
def test_every_option_applies_validates_and_runs(scenario):
    built = check_against(cat(), base(scenario))
    assert set(built) == set(cat().names)
    for option, variant in built.items():
        assert variant.name.startswith(f"{scenario}+") and variant.name.endswith(option)
        assert variant.settings == base(scenario).settings  # the shortened run is kept
        if scenario == "middle_corridor_2024":
            result = cs.simulate(variant, seed=1)
            assert result.flows["delivered_units"].sum() > 0, option


def test_the_largest_feasible_package_applies():
    c = cat()
    package = [n for n in c.names if n != "kuryk_ferries_2"]
    assert c.feasible(package)
    both = cs.apply_options(base(), c, package)
    assert {"meghri", "dilucu", "kashgar", "anaklia", "black_sea"} <= set(both.nodes)
    assert both.links["marabda-akhalkalaki"].line_capacity_per_day == 9


@pytest.mark.parametrize(
    ("option", "variant"),
    [
        ("akhalkalaki_station", "wb_akhalkalaki_station"),
        ("georgian_locomotives", "wb_georgian_locomotives"),
        ("almaty_bypass", "wb_almaty_bypass"),
    ],
)
def test_a_numbers_only_option_is_its_world_bank_variant(option, variant):
    applied = cs.apply_options(cs.load_scenario("middle_corridor_2024"), cat(), [option])
    wb = cs.load_scenario(variant)
    for part in ("nodes", "links", "flows", "locomotive_pools", "fleet_pools"):
        assert getattr(applied, part) == getattr(wb, part), part


def test_a_numbers_only_option_is_its_override():
    scenario = cs.load_scenario("middle_corridor_2024")
    applied = cs.apply_options(scenario, cat(), ["dostyk_moyynty_second_track"])
    same = override(scenario, {"links.dostyk-beineu.speed": "1500 km/day"})
    assert applied.links == same.links
    assert applied.links != scenario.links


def test_zangezur_adds_a_route_that_route_choice_uses():
    scenario = cs.apply_options(base(days=40.0), cat(), ["zangezur_corridor"])
    assert {"meghri", "nakhchivan", "dilucu"} <= set(scenario.nodes)
    assert "dilucu-kars" in scenario.links
    labels = [o.label for o in scenario.flows["cont_dostyk_turkiye"].options]
    assert "Aktau, Zangezur" in labels
    routes = cs.simulate(scenario, seed=1).routes.set_index(["flow", "route"])
    zangezur = routes.loc[("cont_dostyk_turkiye", "Aktau, Zangezur"), "delivered_units"]
    btk = routes.loc[("cont_dostyk_turkiye", "Aktau, BTK"), "delivered_units"]
    assert zangezur > 0 and btk > 0  # the logit splits the boxes; neither route takes all


def test_the_cku_railway_brings_a_flow_that_chooses_its_way():
    scenario = cs.apply_options(base(days=40.0), cat(), ["cku_railway"])
    assert scenario.links["turkmenbashi-alat"].fleet[1].capacity["container"] == 108
    routes = cs.simulate(scenario, seed=1).routes.set_index(["flow", "route"])
    assert routes.loc[("cont_kashgar_poti", "CKU, Turkmenbashi"), "delivered_units"] > 0
    assert routes.loc[("cont_kashgar_poti", "Khorgos, Aktau"), "delivered_units"] > 0


def test_anaklia_takes_the_poti_boxes_by_route_choice_and_shows_in_the_capacity_report():
    scenario = cs.apply_options(base(days=40.0), cat(), ["anaklia_port"])
    flow = scenario.flows["cont_dostyk_poti"]
    assert flow.destination == "black_sea"
    assert sum(o.share for o in flow.options) == pytest.approx(1.0)
    routes = cs.simulate(scenario, seed=1).routes.set_index(["flow", "route"])
    for f in ("cont_dostyk_poti", "cont_altynkol_poti"):
        assert routes.loc[(f, "Aktau, Anaklia"), "delivered_units"] > 0, f
        assert routes.loc[(f, "Aktau, Poti"), "delivered_units"] > 0, f
    elements = cs.capacity(scenario).elements.set_index("element")
    assert elements.loc["anaklia", "capacity_natural"] == "597,273 TEU/yr"  # 600,000 sourced


def test_anaklia_without_its_routes_is_the_scenario_it_was_applied_to():
    """The common end black_sea is 0 h beyond Poti: with the Anaklia routes taken out
    again, every flow's deliveries and diversions are those of the scenario, run by run."""
    scenario = base(days=40.0)
    raw = copy.deepcopy(cs.apply_options(scenario, cat(), ["anaklia_port"]).raw)
    for f in ("cont_dostyk_poti", "cont_altynkol_poti"):
        poti = [r for r in raw["flows"][f]["routes"] if r["label"].endswith("Poti")]
        poti[0]["share"], poti[1]["share"] = "96.7 %", "3.3 %"
        raw["flows"][f]["routes"] = poti
    twin = dataclasses.replace(build_scenario(raw, name="twin"), settings=scenario.settings)
    a = cs.simulate(scenario, seed=3).flows.set_index("flow")
    b = cs.simulate(twin, seed=3).flows.set_index("flow")
    for kpi in ("delivered_units", "diverted_units", "transit_mean_days"):
        assert b[kpi].to_dict() == pytest.approx(a[kpi].to_dict(), nan_ok=True), kpi


def test_the_tankers_double_the_crude_fleet_and_its_capacity():
    scenario = cs.load_scenario("middle_corridor_2030_demand")
    more = cs.apply_options(scenario, cat(), ["aktau_tankers_3"])
    fleet = more.links["aktau-alat-tanker"].fleet
    assert len(fleet) == 2 * len(scenario.links["aktau-alat-tanker"].fleet) == 6
    before, after = (
        cs.capacity(s).elements.set_index("element").loc["aktau-alat-tanker", "load"]
        for s in (scenario, more)
    )
    assert before > 1.0 > after  # 2030 crude overloads three tankers, not six


def test_an_infeasible_package_or_unknown_name_is_refused():
    scenario = base()
    with pytest.raises(ScenarioError, match="'kuryk_ferries_4' requires 'kuryk_expansion'"):
        cs.apply_options(scenario, cat(), ["kuryk_ferries_4"])
    with pytest.raises(ScenarioError, match="no option 'dredge'; did you mean 'dredging'"):
        cs.apply_options(scenario, cat(), ["dredge"])
    assert cs.apply_options(scenario, cat(), []) is scenario
    with pytest.raises(ScenarioError, match="no such catalogue file, nor a bundled catalogue"):
        load_catalogue("catalogue_middle_coridor")


def write(tmp_path, text):
    path = tmp_path / "cat.yaml"
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "30e6 USD",
            "30e6 EUR",
            r"cat.yaml:4: options.more_tracks.capex: must be in the "
            r"catalogue's currency USD \(got '30e6 EUR'\)",
        ),
        (
            "30e6 USD",
            "30000000",
            r":4: options.more_tracks.capex: must be an amount of money "
            r"such as '60e6 USD'",
        ),
        ("1 M USD/yr", "1 M USD", r":5: options.more_tracks.opex: must be in USD/yr"),
        ("USD 2024", "dollars", r":1: currency: must be a currency code and price year"),
        (
            "available: 2027",
            "available: soon",
            r":6: options.more_tracks.available: must be a "
            "whole number",
        ),
        (
            "    changes:",
            "    change:",
            r":7: options.more_tracks.change: unknown key 'change'; allowed:",
        ),
        (
            "nodes.akhalkalaki.servers",
            "nodes..servers",
            r"options.more_tracks.changes."
            r"nodes..servers: cannot read path",
        ),
        (
            "    available: 2027\n",
            "    available: 2027\n    requires: [less_tracks]\n",
            r"options.more_tracks.requires: no option 'less_tracks'",
        ),
    ],
)
def test_a_bad_catalogue_file_is_refused_naming_file_line_and_key(tmp_path, old, new, message):
    assert old in GOOD
    with pytest.raises(ScenarioError, match=message):
        load_catalogue(write(tmp_path, GOOD.replace(old, new)))


def test_a_path_that_does_not_apply_names_the_option_and_path(tmp_path):
    good = load_catalogue(write(tmp_path, GOOD))
    assert good.capex(["more_tracks"]) == 30e6 and good.opex(["more_tracks"]) == 1e6
    bad = load_catalogue(write(tmp_path, GOOD.replace("akhalkalaki", "akhalkalak")))
    with pytest.raises(
        ScenarioError,
        match=r"option 'more_tracks': .*nodes.akhalkalak.servers: "
        r"option 'more_tracks': no 'akhalkalak' in nodes",
    ):
        check_against(bad, base())
    typo = load_catalogue(write(tmp_path, GOOD.replace("servers: 6", "servers: -6")))
    with pytest.raises(
        ScenarioError,
        match=r"nodes.akhalkalaki.servers: with options more_tracks: must be >= 0 \(got -6\)",
    ):
        cs.apply_options(base(), typo, ["more_tracks"])
