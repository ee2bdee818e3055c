"""One run of a scenario, from specs to result tables."""

from __future__ import annotations

import numpy as np

from corridor_sim.engine.simulation import Simulation
from corridor_sim.model.scenario import Scenario
from corridor_sim.results.result import SimulationResult


def simulate(
    scenario: Scenario,
    *,
    seed: int | None = None,
    rng: np.random.Generator | None = None,
    trace_activity: bool = False,
) -> SimulationResult:
    """Run ``scenario`` once and return its :class:`~corridor_sim.SimulationResult`.

    ``seed`` overrides the scenario's ``simulation.seed``; alternatively pass a
    ``numpy.random.Generator`` as ``rng`` (not both). The same seed gives the same result.
    ``trace_activity=True`` also records each element's active periods
    (``result.activity``) for the shifting-bottleneck method; it costs a little speed.
    One run is one sample path; :func:`corridor_sim.replicate` gives confidence intervals.

    >>> import corridor_sim as cs
    >>> result = simulate(cs.load_scenario(cs.bundled_path("teaching_two_ports")), seed=1)
    >>> result.bottlenecks.iloc[0]["element"]
    'port_a-port_b'
    """
    record = Simulation(scenario, seed=seed, rng=rng, trace_activity=trace_activity).run()
    return SimulationResult.from_record(record)
