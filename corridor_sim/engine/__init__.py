"""The running model: SimPy state of nodes, links, vessels and flows.

``Simulation(scenario, seed=...).run()`` returns a :class:`RunRecord`; the tables a user
reads are built from it in :mod:`corridor_sim.results`. The engine imports nothing above
:mod:`corridor_sim.model`, :mod:`corridor_sim.units` and :mod:`corridor_sim.errors`.
"""

from corridor_sim.engine.records import RunRecord
from corridor_sim.engine.simulation import Simulation

__all__ = ["RunRecord", "Simulation"]
