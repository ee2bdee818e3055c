"""Which seed a run uses: an explicit seed, a generator, or the scenario's own.

A seed is a whole number >= 0 (:data:`SEED_RULE`; numpy's ``SeedSequence`` takes any
non-negative integer, however large).
"""

from __future__ import annotations

from numbers import Integral

import numpy as np

from corridor_sim.model.scenario import Scenario

SEED_RULE = "a whole number >= 0"


def check_seed(seed: object) -> int:
    """``seed`` as an int; ``ValueError`` naming the rule unless it is :data:`SEED_RULE`.

    >>> check_seed(-1)
    Traceback (most recent call last):
    ...
    ValueError: seed must be a whole number >= 0 (got -1)
    """
    if isinstance(seed, bool) or not isinstance(seed, Integral) or seed < 0:
        raise ValueError(f"seed must be {SEED_RULE} (got {seed!r})")
    return int(seed)


def scenario_seed(scenario: Scenario, seed: int | None) -> int:
    """``seed``, or the scenario's ``simulation.seed``, checked; an error if neither is
    set."""
    if seed is None:
        seed = scenario.settings.seed
    if seed is None:
        raise ValueError(f"scenario {scenario.name!r} has no simulation.seed; pass seed=")
    return check_seed(seed)


def root_seed(
    scenario: Scenario, seed: int | None, rng: np.random.Generator | None
) -> np.random.SeedSequence:
    """The seed sequence of a run: from ``rng``, ``seed``, or the scenario's seed."""
    if seed is not None and rng is not None:
        raise ValueError("pass either seed or rng, not both")
    if rng is not None:
        seq = rng.bit_generator.seed_seq
        if not isinstance(seq, np.random.SeedSequence):
            raise ValueError("rng must be made from a SeedSequence (np.random.default_rng)")
        return seq
    return np.random.SeedSequence(scenario_seed(scenario, seed))
