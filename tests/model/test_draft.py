"""Draft and load (corridor_sim.model.draft): the deadweight a vessel has at a draft, the
units of each handling class it may take, and a port's permissible draft over the years."""

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import corridor_sim as cs
from corridor_sim.model.cargo import Commodity, heaviest_unit_t
from corridor_sim.model.draft import Draft, WaterDepth, usable_draft_m
from corridor_sim.model.fleet import SeaLink, VesselSpec

# The Ro-Pax "Azerbaijan": 4.5 m design draft, 5,740 t deadweight, 10,438 t displacement at
# full load, so 10,438 t / 450 cm = 23.2 t/cm for a wall-sided hull; 56 tank wagons or
# 50 trucks. A tank wagon: 65 t of cargo + 27 t tare; a truck: 20 t + 15 t.
ROPAX = Draft(4.5, 5740.0, 23.2, {"wagon": 27.0, "roro": 15.0})
SLOTS = {"wagon": 56.0, "roro": 50.0}
CARGO = {"wagon": 65.0, "roro": 20.0}


def test_deadweight_falls_by_tpc_per_centimetre_below_the_design_draft():
    """One metre shallower: 5,740 t - 23.2 t/cm x 100 cm = 3,420 t; never below 0."""
    assert ROPAX.deadweight_at(4.5) == 5740.0
    assert ROPAX.deadweight_at(3.5) == pytest.approx(3420.0)
    assert ROPAX.deadweight_at(0.5) == 0.0


def test_tank_wagons_are_cut_more_than_trucks_for_the_same_draft():
    """At 3.5 m: 3,420 t / 92 t = 37.2, so 37 of 56 tank wagons (66 %); 50 trucks of 35 t
    weigh 1,750 t, so all 50 go. At 2.5 m (1,100 t): 11 wagons (20 %), 31 trucks (62 %)."""
    at_35 = ROPAX.factors(SLOTS, 3.5, CARGO)
    assert at_35 == pytest.approx({"wagon": 37 / 56, "roro": 1.0})
    at_25 = ROPAX.factors(SLOTS, 2.5, CARGO)
    assert at_25 == pytest.approx({"wagon": 11 / 56, "roro": 31 / 50})
    assert at_25["wagon"] < at_25["roro"]


@pytest.mark.parametrize("draft_m", [4.5, 5.0, 12.0, math.inf])
def test_a_depth_at_or_above_the_design_draft_changes_nothing(draft_m):
    """At or beyond the design draft the vessel has its whole deadweight: every slot."""
    assert ROPAX.deadweight_at(draft_m) == 5740.0
    assert ROPAX.units(SLOTS, draft_m, CARGO) == SLOTS


def test_a_deadweight_limited_vessel_is_cut_even_in_deep_water():
    """A ferry of 28 wagon slots and 2,425 t deadweight takes 2,425 / 92 = 26 wagons."""
    old = Draft(4.5, 2425.0, 24.3, {"wagon": 27.0})
    assert old.units({"wagon": 28.0}, math.inf, CARGO) == {"wagon": 26}


def test_classes_counted_in_tonnes_are_not_rounded():
    """A tanker's load is tonnes: 12,000 t - 20 t/cm x 50 cm = 11,000 t of crude."""
    tanker = Draft(6.0, 12000.0, 20.0)
    assert tanker.units({"liquid": 12000.0}, 5.5, {"liquid": 1.0}) == {"liquid": 11000.0}


@given(
    slots=st.dictionaries(
        st.sampled_from(["container", "wagon", "roro"]),
        st.floats(1, 200),
        min_size=1,
    ),
    tare=st.floats(0, 40),
    cargo=st.floats(1, 80),
    draft_m=st.floats(0, 6),
    weights=st.lists(st.floats(0, 1), min_size=3, max_size=3),
)
def test_a_mixed_load_never_exceeds_the_deadweight(slots, tare, cargo, draft_m, weights):
    """Any shares of the classes' reduced capacities that sum to at most 1 (what the
    loading code forms) weigh at most the deadweight at that draft."""
    draft = Draft(4.5, 3000.0, 15.0, dict.fromkeys(slots, tare))
    mass = dict.fromkeys(slots, cargo)
    units = draft.units(slots, draft_m, mass)
    total = sum(weights) or 1.0
    shares = [w / total for w in weights][: len(slots)]
    load_t = sum(s * units[c] * (mass[c] + tare) for s, c in zip(shares, slots, strict=False))
    assert load_t <= draft.deadweight_at(draft_m) + 1e-6
    assert all(0 <= units[c] <= slots[c] for c in slots)


def test_the_permissible_draft_follows_the_yearly_trend():
    """4.2 m depth with 0.5 m under the keel on 1 Jan 2024, falling 0.25 m/yr: 3.7 m then,
    3.2 m two years (730 days) later; never below 0."""
    port = WaterDepth(4.2, dt.date(2024, 1, 1), trend_m_per_yr=-0.25, under_keel_m=0.5)
    assert port.draft_m(0.0) == pytest.approx(3.7)
    assert port.draft_m(port.years_since(dt.date(2025, 12, 31))) == pytest.approx(3.2)
    assert port.draft_m(100.0) == 0.0


def test_a_call_is_limited_by_the_shallower_port():
    """The usable draft is the smaller permissible draft; a port without depth is no limit."""
    deep = WaterDepth(9.0, dt.date(2024, 1, 1))
    shallow = WaterDepth(4.0, dt.date(2024, 1, 1), trend_m_per_yr=-1.0)
    assert usable_draft_m((deep, shallow), (0.0, 0.5)) == pytest.approx(3.5)
    assert usable_draft_m((None, deep), (0.0, 0.0)) == 9.0
    assert usable_draft_m((None, None), (0.0, 0.0)) == math.inf


def test_heaviest_unit_per_class():
    """The deadweight must allow for the heaviest commodity of each class."""
    goods = [
        Commodity("grain", "wagon", 65.0, "wagon"),
        Commodity("oil", "wagon", 69.0, "wagon"),
        Commodity("box", "TEU", 12.0, "container"),
    ]
    assert heaviest_unit_t(goods) == {"wagon": 69.0, "container": 12.0}


def _link(*fleet: VesselSpec, **extra) -> SeaLink:
    return SeaLink("a-b", "sea", "a", "b", distance_km=100.0, fleet=fleet, **extra)


def test_load_factors_by_draft_vessel_then_link():
    """A vessel's draft decides for it; else its own share per class, else the link's
    per class, else the link's one share."""
    by_draft = VesselSpec("ropax", "roro", SLOTS, 25.0, draft=ROPAX)
    own = VesselSpec("own", "roro", SLOTS, 25.0, load_factor={"wagon": 0.5})
    link = _link(own, class_load_factor={"roro": 0.8}, load_factor=0.7)
    assert link.load_factors(own, 3.5, CARGO) == {"wagon": 0.5, "roro": 0.8}
    plain = VesselSpec("plain", "rail_ferry", {"wagon": 54.0, "container": 108.0}, 25.0)
    assert _link(plain, load_factor=0.7).load_factors(plain, 3.5, CARGO) == {
        "wagon": 0.7,
        "container": 0.7,
    }
    assert _link(by_draft).load_factors(by_draft, 3.5, CARGO) == pytest.approx(
        {"wagon": 37 / 56, "roro": 1.0}
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: WaterDepth(-3.0, dt.date(2024, 1, 1)), r"depth_m: must be > 0 \(got -3\.0\)"),
        (
            lambda: WaterDepth(3.0, dt.date(2024, 1, 1), under_keel_m=3.0),
            r"under_keel_m: must be < depth_m 3",
        ),
        (lambda: Draft(4.5, 0.0, 23.2), r"deadweight_t: must be > 0 \(got 0\.0\)"),
        (lambda: Draft(4.5, 5740.0, 23.2, {"wagon": -1.0}), r"tare_t\.wagon: must be >= 0"),
        (
            lambda: VesselSpec("v", "roro", {"roro": 50.0}, 25.0, draft=ROPAX),
            r"draft\.tare_t\.wagon: the vessel carries no 'wagon'",
        ),
        (
            lambda: VesselSpec("v", "roro", SLOTS, 25.0, draft=ROPAX, load_factor={"roro": 0.5}),
            r"load_factor: give either draft or load_factor, not both",
        ),
        (
            lambda: _link(VesselSpec("v", "roro", SLOTS, 25.0, draft=ROPAX), load_factor=0.72),
            r"load_factor: give either a load factor or the vessels' draft, not both "
            r"\(vessels loading by draft: v\)",
        ),
        (
            lambda: _link(VesselSpec("v", "roro", SLOTS, 25.0), class_load_factor={"wagon": 1.5}),
            r"class_load_factor\.wagon: must be <= 1 \(got 1\.5\)",
        ),
    ],
    ids=["negative-depth", "keel", "deadweight", "tare", "tare-class", "vessel-both", "both", ">1"],
)
def test_specs_refuse_bad_values_naming_the_field(make, message):
    with pytest.raises(cs.ScenarioError, match=message):
        make()
