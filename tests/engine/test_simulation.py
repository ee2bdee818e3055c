"""Runs are reproducible: the same scenario and seed give identical tables, another seed
gives another run, and the seed may come from a numpy Generator instead."""

import numpy as np
import pandas as pd
import pytest
from helpers import bundled_run, flow, scenario, start

import corridor_sim as cs

TABLES = ("flows", "elements", "vessels", "throughput", "stages", "balance", "daily")


def teaching() -> cs.Scenario:
    """The teaching scenario (Poisson trains, weather), shortened to 60 days."""
    return bundled_run("teaching_two_ports")[0]


def test_same_seed_gives_identical_tables():
    """Same scenario and seed: every result table is identical."""
    first, second = cs.simulate(teaching(), seed=3), cs.simulate(teaching(), seed=3)
    for table in TABLES:
        pd.testing.assert_frame_equal(getattr(first, table), getattr(second, table))
    assert first.verdict == second.verdict


def test_different_seed_gives_a_different_run():
    """Another seed draws other arrivals: the flows table differs."""
    first, second = cs.simulate(teaching(), seed=3), cs.simulate(teaching(), seed=4)
    with pytest.raises(AssertionError):
        pd.testing.assert_frame_equal(first.flows, second.flows)


def test_rng_made_from_a_seed_equals_that_seed():
    """rng=np.random.default_rng(s) runs exactly like seed=s."""
    by_seed = cs.simulate(teaching(), seed=5)
    by_rng = cs.simulate(teaching(), rng=np.random.default_rng(5))
    pd.testing.assert_frame_equal(by_seed.flows, by_rng.flows)
    pd.testing.assert_frame_equal(by_seed.elements, by_rng.elements)


def test_scenario_seed_is_the_default():
    """Without seed= the scenario's simulation.seed is used (teaching: seed 1)."""
    default, explicit = cs.simulate(teaching()), cs.simulate(teaching(), seed=1)
    assert default.seed == 1
    pd.testing.assert_frame_equal(default.flows, explicit.flows)


def test_seed_and_rng_together_raise():
    """Passing both seed and rng is refused."""
    with pytest.raises(ValueError, match="either seed or rng"):
        cs.simulate(teaching(), seed=1, rng=np.random.default_rng(1))


@pytest.mark.parametrize("seed", [-1, 1.5, True, "7"])
def test_a_seed_that_is_not_a_whole_number_from_zero_is_refused(seed):
    """A negative, fractional, boolean or text seed is refused with the rule, before
    numpy sees it (numpy said only "expected non-negative integer", from deep inside)."""
    with pytest.raises(ValueError, match=r"seed must be a whole number >= 0 \(got"):
        cs.simulate(teaching(), seed=seed)


def test_no_seed_anywhere_raises():
    """A scenario without simulation.seed needs seed= (or rng=)."""
    mapping = scenario(
        nodes={"o": {"kind": "origin"}, "d": {"kind": "destination"}},
        links={"o-d": {"kind": "transfer", "from": "o", "to": "d"}},
        flows={"f": flow(["o", "d"], "24 wagon/day", "1 wagon")},
    )
    del mapping["simulation"]["seed"]
    with pytest.raises(ValueError, match="pass seed="):
        cs.simulate(cs.build_scenario(mapping))
    assert start(mapping, seed=2).seed_seq.entropy == 2
