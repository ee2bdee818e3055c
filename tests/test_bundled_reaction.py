"""The bundled corridor scenarios react (issue: the corridor reacts): route choice at
Beineu and Marabda, the sea route as an outside option, acceptance control at the
Caspian ports, ASCO's ferries as one pool; and without_reaction takes all of it away."""

import pytest
from helpers import shortened

import corridor_sim as cs

CORRIDOR = ["middle_corridor_2024", "middle_corridor_2030_demand", "middle_corridor_2030_invest"]


@pytest.mark.parametrize("name", CORRIDOR)
def test_the_corridor_scenarios_react(name):
    s = cs.load_scenario(name)
    after_beineu = {  # per flow, the nodes its paths reach next from Beineu
        name: {p[p.index("beineu") + 2] for p in f.paths if "beineu" in p[:-2]}
        for name, f in s.flows.items()
    }
    beineu = [name for name, nodes in after_beineu.items() if {"aktau", "kuryk"} <= nodes]
    assert beineu, "no flow chooses between Aktau and Kuryk"
    assert any(f.outside for f in s.flows.values())
    assert {n for n, spec in s.nodes.items() if spec.embargo} == {"kuryk", "turkmenbashi"}
    assert s.fleet_pools["asco"].lines == ("kuryk-alat", "turkmenbashi-alat")
    fixed = cs.without_reaction(s)
    assert not fixed.fleet_pools and not any(spec.embargo for spec in fixed.nodes.values())
    assert not any(f.outside for f in fixed.flows.values())
    assert all(f.choice is None or f.choice.rule == "shares" for f in fixed.flows.values())


def test_the_2024_run_splits_at_beineu_and_marabda():
    """A 60-day run: boxes go both ways at Beineu (mostly Aktau, as published) and at
    Marabda (mostly BTK), and the balance holds with what left for the sea route."""
    result = cs.simulate(shortened(cs.load_scenario("middle_corridor_2024")))
    ways = result.choices.groupby(["node", "way"])["t"].sum()
    assert ways["beineu"]["aktau"] > ways["beineu"]["kuryk"] > 0
    assert ways["marabda"]["akhalkalaki"] > 0
    assert set(result.choices["node"]) <= {"beineu", "marabda"}
    assert result.balance["difference_units"].abs().max() < 1e-6
