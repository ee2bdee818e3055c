"""Seeds of an experiment's replications.

Replication ``i`` of base seed ``s`` runs with ``numpy.random.default_rng(
SeedSequence(s).spawn(n)[i])``: independent of the other replications, and the same for
every scenario an experiment compares (common random numbers).
"""

from __future__ import annotations

import numpy as np

from corridor_sim.engine.seeds import scenario_seed

__all__ = ["replication_seeds", "scenario_seed"]


def replication_seeds(seed: int, n: int) -> list[np.random.SeedSequence]:
    """The seed sequences of replications ``0 .. n-1`` of ``seed``."""
    return np.random.SeedSequence(seed).spawn(n)
