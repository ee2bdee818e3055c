"""An element's capacity: one definition, used by every table, text and figure.

The **capacity** of a node or link is its *effective capacity*: the tonnes it can move in
an average year of the scenario, from its parameters alone (no simulation), in t/yr or,
divided by 365, t/day. It includes

- what limits the element: vessels, load factor, sailing and berth time and handling
  (sea link); line capacity and train size (rail link); berths and handling rates (port);
  servers, service time, gauge change and daily quota (border, terminal); capacity left
  after the base load (pipeline); formulas in :mod:`corridor_sim.capacity.elements`;
- the commodity mix: an element used by several commodities is rated at the tonne mix of
  the flows that use it (:mod:`corridor_sim.capacity.resources`);
- expected downtime: the average share of time lost to weather closures, scheduled
  closures in the statistics period and failures
  (:mod:`corridor_sim.capacity.availability`).

Transfers, rail links without a line capacity and nodes without servers or berths have
no limit (``inf`` here; NaN in ``SimulationResult.elements["capacity_t_per_day"]``).

The same formulas with every disruption removed give the **no-downtime ceiling**
(``ceiling_t_per_yr`` of :func:`corridor_sim.capacity`): what the element would move if it
never closed. It is not a capacity a planner can count on; it shows what weather and
failures cost. ``docs/capacity.md`` explains both and how they relate to utilisation.

>>> import corridor_sim as cs
>>> caps = capacity_t_per_yr(cs.load_scenario(cs.bundled_path("teaching_two_ports")))
>>> round(caps["port_a-port_b"] / DAYS_PER_YEAR), caps["factory-port_a"]
(2926, inf)
"""

from __future__ import annotations

import dataclasses
import math

from corridor_sim.capacity.elements import demand_by_element, element_bounds, flow_t_per_yr
from corridor_sim.capacity.resources import ElementBound
from corridor_sim.model.scenario import Scenario

#: days in the year that capacities in t/yr are stated for (8760 h)
DAYS_PER_YEAR = 365.0


def commodity_mix(
    scenario: Scenario, bound: ElementBound, demand: dict[str, float]
) -> dict[str, float]:
    """Tonne shares at which an element is rated: those of the flows using it (its
    ``demand``, t/yr by commodity); if none, of all flows' commodities it can carry; if
    none, equal shares of the commodities it can carry."""
    if sum(demand.values()) > 0:
        return demand
    overall: dict[str, float] = {}
    for f in scenario.flows.values():
        overall[f.commodity] = overall.get(f.commodity, 0.0) + flow_t_per_yr(scenario, f)
    mix = {c: t for c, t in overall.items() if t > 0 and bound.carries(c)}
    return mix or {c: 1.0 for c in scenario.commodities if bound.carries(c)}


def commodity_mixes(
    scenario: Scenario, bounds: dict[str, ElementBound]
) -> dict[str, dict[str, float]]:
    """:func:`commodity_mix` of every element of ``bounds``, by name."""
    demand = demand_by_element(scenario)
    return {name: commodity_mix(scenario, b, demand.get(name, {})) for name, b in bounds.items()}


def capacity_t_per_yr(scenario: Scenario) -> dict[str, float]:
    """The capacity (effective capacity, see module doc) of every node and link of
    ``scenario`` in t/yr, by name; ``inf`` where the element has no limit."""
    bounds = element_bounds(scenario)
    mixes = commodity_mixes(scenario, bounds)
    return {name: b.mixed(mixes[name]) for name, b in bounds.items()}


def capacity_t_per_day(scenario: Scenario) -> dict[str, float]:
    """:func:`capacity_t_per_yr` in t/day (÷ 365), NaN where the element has no limit:
    the ``capacity_t_per_day`` column of results and of the replicated ranking."""
    return {
        name: c / DAYS_PER_YEAR if math.isfinite(c) else math.nan
        for name, c in capacity_t_per_yr(scenario).items()
    }


def ceiling_t_per_yr(scenario: Scenario) -> dict[str, float]:
    """The no-downtime ceiling of every node and link in t/yr: the capacity formulas with
    every disruption removed, at the same commodity mix; ``inf`` where no limit."""
    mixes = commodity_mixes(scenario, element_bounds(scenario))
    clear = element_bounds(dataclasses.replace(scenario, disruptions=()))
    return {name: clear[name].mixed(mix) for name, mix in mixes.items()}
