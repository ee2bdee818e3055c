"""A whole scenario: settings, commodities, network, flows and disruptions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from corridor_sim.model.cargo import Commodity
from corridor_sim.model.demand import FlowSpec
from corridor_sim.model.disruptions import Disruption
from corridor_sim.model.network import LinkSpec, NodeSpec


@dataclass(frozen=True)
class SimulationSettings:
    """Time settings: calendar start, statistics horizon and warm-up (hours), seed."""

    start: dt.date = dt.date(2024, 1, 1)
    horizon_h: float = 8760.0
    warmup_h: float = 0.0
    seed: int | None = None
    sample_interval_h: float = 6.0

    @property
    def end_h(self) -> float:
        """Simulation end time in hours from t = 0 (warm-up plus horizon)."""
        return self.warmup_h + self.horizon_h


@dataclass(frozen=True)
class Scenario:
    """A validated scenario, built once by :func:`corridor_sim.load_scenario`.

    Change a copy with :func:`dataclasses.replace`, never the scenario itself. ``raw``
    keeps the merged mapping the scenario was built from, so that a parameter can be
    overridden by its dotted path and the scenario rebuilt.
    """

    name: str
    settings: SimulationSettings
    commodities: dict[str, Commodity]
    nodes: dict[str, NodeSpec]
    links: dict[str, LinkSpec]
    flows: dict[str, FlowSpec]
    disruptions: tuple[Disruption, ...] = ()
    description: str = ""
    source: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
