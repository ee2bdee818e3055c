"""Which seed a run uses: an explicit seed, a generator, or the scenario's own."""

from __future__ import annotations

import numpy as np

from corridor_sim.model.scenario import Scenario


def scenario_seed(scenario: Scenario, seed: int | None) -> int:
    """``seed``, or the scenario's ``simulation.seed``; an error if neither is set."""
    if seed is None:
        seed = scenario.settings.seed
    if seed is None:
        raise ValueError(f"scenario {scenario.name!r} has no simulation.seed; pass seed=")
    return seed


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
