"""From a run's records to the tables a user reads: :class:`SimulationResult`.

:func:`simulate` runs the engine once and builds the result; the tables come from
:mod:`~corridor_sim.results.elements`, :mod:`~corridor_sim.results.flows`,
:mod:`~corridor_sim.results.fleet` and :mod:`~corridor_sim.results.deliveries`, the mass
balance is checked in :mod:`~corridor_sim.results.balance`, and the bottleneck ranking is
made by :mod:`corridor_sim.bottlenecks`.
"""

from corridor_sim.results.result import SimulationResult
from corridor_sim.results.simulate import simulate

__all__ = ["SimulationResult", "simulate"]
