"""Immutable specifications of a scenario: network, cargo, demand, disruptions."""

from corridor_sim.model.cargo import Commodity
from corridor_sim.model.demand import Booking, FlowSpec
from corridor_sim.model.disruptions import Closure, Failures, Weather
from corridor_sim.model.distributions import Distribution
from corridor_sim.model.fleet import SeaLink, VesselSpec
from corridor_sim.model.network import LinkSpec, NodeSpec, PipelineLink, RailLink, TransferLink
from corridor_sim.model.pools import FleetPool
from corridor_sim.model.scenario import Scenario, SimulationSettings

__all__ = [
    "Booking",
    "Closure",
    "Commodity",
    "Distribution",
    "Failures",
    "FleetPool",
    "FlowSpec",
    "LinkSpec",
    "NodeSpec",
    "PipelineLink",
    "RailLink",
    "Scenario",
    "SeaLink",
    "SimulationSettings",
    "TransferLink",
    "VesselSpec",
    "Weather",
]
