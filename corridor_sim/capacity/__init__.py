"""Capacity bounds of a scenario without simulating (from its specs alone).

Per element (:mod:`~corridor_sim.capacity.elements`, from resources in
:mod:`~corridor_sim.capacity.resources` and expected availability in
:mod:`~corridor_sim.capacity.availability`), then maximum flow and minimum cut
(:mod:`~corridor_sim.capacity.maxflow`); :func:`capacity` puts them in one report.
"""

from corridor_sim.capacity.report import CapacityReport, capacity

__all__ = ["CapacityReport", "capacity"]
