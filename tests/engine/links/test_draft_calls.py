"""Draft and load in a run: a vessel's capacity per handling class is set on each call
from the ports' depth on the call date, so a falling sea lowers the load of a later call;
the load factor applied shows in ``result.vessels``."""

import pytest
from helpers import build, ferry, flow, port, scenario, sea, spy, start, units

import corridor_sim as cs

# A ferry of 10 wagon slots: 4 m design draft, 1,000 t deadweight, 5 t/cm; a wagon is
# 60 t of goods (helpers.COMMODITIES) + 40 t tare = 100 t, so 10 fit at the design draft.
DRAFT = {"design": "4 m", "deadweight": "1000 t", "tpc": "5 t/cm", "tare": {"wagon": "40 t/wagon"}}


def falling(trend: str = "-0.5 m/yr", draft: str = "4.2 m", **extra) -> dict:
    """Port a takes ``draft`` on 1 Jan 2024 (t = 0), changing by ``trend``; port b has no
    depth limit. Blocks of 20 wagons arrive at a every half year (4,380 h)."""
    depth = {"draft": draft, "date": "2024-01-01", "trend": trend}
    return scenario(
        nodes={"a": port(water_depth=depth), "b": port()},
        links={"a-b": sea([ferry(draft=DRAFT, **extra)])},
        flows={"f": flow(["a", "b"], "40 wagon/yr", "20 wagon")},
        horizon="400 day",
    )


def loaded_sailings(mapping: dict, until: float) -> list[float]:
    sim = start(mapping)
    vessel = sim.links["a-b"].vessels[0]
    log = spy(vessel, "set_state", sim, lambda state: (state, units(vessel.hold)))
    sim.env.run(until=until)
    return [aboard for _, (state, aboard) in log if state == "sailing" and aboard > 0]


def test_a_falling_depth_lowers_the_load_of_a_later_call():
    """Half a year in, a takes 4.2 - 0.25 = 3.95 m: 5 cm below design, 25 t less
    deadweight, 975 t = 9 wagons a call (20 go as 9 + 9 + 2). A year in, 3.7 m: 30 cm,
    150 t less, 850 t = 8 wagons a call (20 go as 8 + 8 + 4). The few days of each
    block's calls move the level by under a centimetre, not enough to change a count."""
    assert loaded_sailings(falling(), until=9500) == [9, 9, 2, 8, 8, 4]


def test_a_depth_above_the_design_draft_changes_nothing():
    """At 10 m, falling to 9.5 m, the ferry takes all 10 slots, as with no depth at all."""
    deep = loaded_sailings(falling(draft="10 m"), until=9500)
    assert deep == [10, 10, 10, 10]
    unlimited = falling()
    del unlimited["nodes"]["a"]["water_depth"]
    assert loaded_sailings(unlimited, until=9500) == deep


def test_the_vessel_table_reports_the_load_factor_applied():
    """The mean over a vessel's voyages of the factor it sailed with: the first block
    goes in 5 voyages at 9/10 (loaded, back empty, loaded, back, loaded), leaving the
    ferry at b; for the second it sails back empty at 8/10, then 5 more at 8/10, so
    (5 x 0.9 + 6 x 0.8) / 11."""
    result = cs.simulate(build(falling()), seed=1)
    row = result.vessels.iloc[0]
    assert row["voyages"] == 11
    assert row["load_factor_wagon"] == pytest.approx((5 * 0.9 + 6 * 0.8) / 11)


def test_a_mixed_load_stays_within_the_deadweight_at_every_sailing():
    """Wagons (100 t gross) and trucks (20 t + 15 t tare) share a ferry whose draft falls
    fast: every sailing weighs at most the deadweight at that day's draft."""
    mapping = falling(trend="-2 m/yr")
    draft = {**DRAFT, "tare": {"wagon": "40 t/wagon", "roro": "15 t/truck"}}
    fleet = [ferry(draft=draft, capacity={"wagon": "10 wagon", "roro": "20 truck"})]
    mapping["links"]["a-b"]["fleet"] = fleet
    mapping["commodities"]["trucks"] = {
        "unit": "truck",
        "mass_per_unit": "20 t",
        "handling": "roro",
    }
    for p in ("a", "b"):
        mapping["nodes"][p]["handling_rate"]["roro"] = "20 truck/h"
        mapping["nodes"][p]["berths"] = {"rail_ferry": 1}
    mapping["flows"]["f"]["volume"] = "3000 wagon/yr"
    mapping["flows"]["f"]["arrivals"] = {"pattern": "poisson"}
    mapping["flows"]["t"] = {
        **flow(["a", "b"], "5000 truck/yr", "1 truck", commodity="trucks"),
        "arrivals": {"pattern": "poisson"},
    }
    sim = start(mapping)
    vessel = sim.links["a-b"].vessels[0]
    gross = {"wagon": 100.0, "roro": 35.0}
    loaded = []

    def weigh(state):
        tonnes = sum(c.qty * gross[c.flow.handling] for c in vessel.hold)
        draft_m = vessel.loading.draft_m(sim.env.now)
        return state, tonnes, vessel.spec.draft.deadweight_at(draft_m)

    log = spy(vessel, "set_state", sim, weigh)
    sim.env.run(until=200 * 24)
    for _, (state, tonnes, limit) in log:
        if state == "sailing" and tonnes > 0:
            loaded.append((tonnes, limit))
            assert tonnes <= limit + 1e-6
    assert len(loaded) > 50
    assert loaded[-1][1] < loaded[0][1]  # the sea fell: less deadweight at the end
