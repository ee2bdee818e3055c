"""The running model: SimPy state of nodes, links, vessels and flows."""

from corridor_sim.engine.simulation import Simulation, simulate

__all__ = ["Simulation", "simulate"]
