"""Seeds of an experiment's replications.

Replication ``i`` of base seed ``s`` runs with ``numpy.random.default_rng(
SeedSequence(s).spawn(n)[i])``: independent of the other replications, the same for
every scenario an experiment compares (common random numbers), and the same whatever
``n`` is (child ``i`` of a seed sequence does not depend on how many are spawned).
A seed is a whole number >= 0 (:data:`SEED_RULE`; numpy's ``SeedSequence`` takes any
non-negative integer, however large).
"""

from __future__ import annotations

import numpy as np

from corridor_sim.engine.seeds import SEED_RULE, check_seed, scenario_seed

__all__ = ["SEED_RULE", "check_seed", "replication_seeds", "scenario_seed"]


def replication_seeds(seed: int, n: int) -> list[np.random.SeedSequence]:
    """The seed sequences of replications ``0 .. n-1`` of ``seed``."""
    return np.random.SeedSequence(check_seed(seed)).spawn(n)
