"""Catalogue specs: which packages may be chosen, what they cost, in which order they apply."""

import pytest

from corridor_sim import Catalogue, Option, ScenarioError
from corridor_sim.model.catalogue import capital_recovery_factor

PATH = "links.kuryk-alat.fleet[1].count"


def option(name, capex=10.0, opex=1.0, year=2026, **kw):
    kw.setdefault("changes", {f"nodes.{name}.servers": 2})
    return Option(name, capex=capex, opex_per_yr=opex, available_year=year, **kw)


def catalogue(*options):
    return Catalogue("test", "USD", 2024, {o.name: o for o in options})


@pytest.fixture
def cat():
    return catalogue(
        option("hub", capex=100.0, opex=5.0),
        option("feeders", capex=40.0, opex=2.0, requires=("hub",)),
        option("ferries_2", capex=50.0, opex=3.0, changes={PATH: 7}),
        option(
            "ferries_4", capex=90.0, opex=6.0, year=2029, changes={PATH: 9}, excludes=("ferries_2",)
        ),
    )


def test_requires_and_excludes_decide_feasibility(cat):
    assert cat.feasible([])
    assert cat.feasible(["hub", "feeders", "ferries_4"])
    assert cat.why_not(["feeders"]) == "'feeders' requires 'hub'"
    assert cat.why_not(["ferries_2", "ferries_4"]) == "'ferries_4' excludes 'ferries_2'"
    assert cat.why_not(["ferries_4", "ferries_2"]) == "'ferries_4' excludes 'ferries_2'"


def test_unknown_names_are_refused_with_a_suggestion(cat):
    assert "no option 'ferries_3'; did you mean" in cat.why_not(["ferries_3"])
    with pytest.raises(ScenarioError, match="no option 'nope'"):
        cat.capex(["nope"])
    with pytest.raises(ScenarioError, match="requires 'hub'"):
        cat.ordered(["feeders"])


def test_availability_year(cat):
    assert cat.why_not(["ferries_4"], year=2028) == "'ferries_4' is available from 2029, not 2028"
    assert cat.feasible(["ferries_4"], year=2029)
    assert cat.available(2026) == ("hub", "feeders", "ferries_2")


def test_requirements_are_added_and_applied_first(cat):
    assert cat.with_requirements(["feeders"]) == ("hub", "feeders")
    assert [o.name for o in cat.ordered(["feeders", "ferries_2", "hub"])] == [
        "hub",
        "feeders",
        "ferries_2",
    ]


def test_capex_opex_and_present_value_by_hand(cat):
    package = ["hub", "feeders"]
    assert cat.capex(package) == 140.0
    assert cat.opex(package) == 7.0
    assert cat.cost(package, years=0) == 140.0
    assert cat.cost(package, years=3, discount_rate=0.0) == 140.0 + 3 * 7.0
    by_hand = 140.0 + 7.0 / 1.1 + 7.0 / 1.1**2 + 7.0 / 1.1**3
    assert cat.cost(package, years=3, discount_rate=0.1) == pytest.approx(by_hand)
    assert cat.cost(package, years=3) < cat.cost(package, years=3, discount_rate=0.0)
    with pytest.raises(ValueError, match="years"):
        cat.cost(package, years=-1)


def test_equivalent_annual_cost_by_hand(cat):
    package = ["hub", "feeders"]  # capex 140, opex 7 a year
    assert cat.annual_cost(package, 4, discount_rate=0.0) == 140.0 / 4 + 7.0
    by_hand = 140.0 * 0.1 / (1 - 1.1**-3) + 7.0  # capital recovery factor at 10 %, 3 years
    assert cat.annual_cost(package, 3, discount_rate=0.1) == pytest.approx(by_hand)
    # paid at the end of each year, it has the present value of cost()
    pv = sum(by_hand / 1.1**t for t in (1, 2, 3))
    assert pv == pytest.approx(cat.cost(package, years=3, discount_rate=0.1))
    assert capital_recovery_factor(0.06, 25) == pytest.approx(0.0782267, rel=1e-6)
    with pytest.raises(ValueError, match="years must be a whole number >= 1"):
        cat.annual_cost(package, 0)
    with pytest.raises(ValueError, match="discount_rate must be > -1"):
        capital_recovery_factor(-1.0, 5)


def test_options_that_set_one_path_must_be_ordered_or_exclusive():
    with pytest.raises(ScenarioError, match=r"'a' and 'b' both set 'links.kuryk-alat.fleet'"):
        catalogue(
            option("a", changes={"links.kuryk-alat.fleet": []}), option("b", changes={PATH: 7})
        )
    both = catalogue(
        option("a", changes={PATH: 6}), option("b", changes={PATH: 7}, requires=("a",))
    )
    assert [o.name for o in both.ordered(["b", "a"])] == ["a", "b"]
    adds = {"nodes": {"x": {"kind": "terminal"}}}
    with pytest.raises(ScenarioError, match=r"both set 'nodes.x.kind'"):
        catalogue(option("a", adds=adds, changes={}), option("b", changes={"nodes.x.kind": "port"}))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"capex": -1.0}, r"options.a.capex: must be >= 0 \(got -1.0\)"),
        ({"opex": float("nan")}, "options.a.opex: must be >= 0"),
        ({"year": 1800}, "options.a.available: must be a year from 1900 to 2200"),
        ({"requires": ("a",)}, "cannot name itself"),
        ({"changes": {}}, "changes nothing"),
    ],
)
def test_a_bad_option_names_its_field(kwargs, message):
    with pytest.raises(ScenarioError, match=message):
        option("a", **kwargs)


def test_a_bad_catalogue_names_the_option():
    with pytest.raises(ScenarioError, match=r"options.a.requires: no option 'hubb'"):
        catalogue(option("a", requires=("hubb",)))
    with pytest.raises(ScenarioError, match="cycle: a -> b -> a"):
        catalogue(option("a", requires=("b",)), option("b", requires=("a",)))
    with pytest.raises(ScenarioError, match=r"options.d: cannot be chosen: 'b' excludes 'c'"):
        catalogue(option("b", excludes=("c",)), option("c"), option("d", requires=("b", "c")))
