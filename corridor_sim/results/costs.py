"""Costs and CO2 of a run, from its tables and the scenario's ``costs`` section
(:class:`~corridor_sim.model.costs.Costs`): no engine work, so a run is re-priced (a
carbon price, a tariff) without simulating again: ``cost_tables(scenario, result)``.

Three tables, in the currency and price year of the section (``USD 2024``):

- ``costs``, per flow, the shipper's door-to-door cost per unit delivered (``*_usd``)
  and per tonne (``*_usd_per_t``), by kind: ``tariff`` (the links' tariffs), ``charges``
  (the nodes' charges per unit), ``time`` (the time value of the cargo over its mean
  transit, waits included), ``carbon`` (its CO2 at the carbon price) and their
  ``total``; and its CO2 (``co2_t`` per unit, ``co2_kg_per_t``).
- ``cost_elements``, the same per flow and element, in route order.
- ``operator_costs``, per sea link's vessels, port call and locomotive pool: fuel (t and
  USD), CO2, operating cost by state and ships' dues per call, over the statistics
  period and a year. Tariffs pay for these, so they are **not** added to the shipper's.

How each is counted, per flow ``f`` and element ``e``: ``share`` is the part of ``f``'s
deliveries whose route runs through ``e`` (1 for a flow with one route; the route table's
shares otherwise). Tariff and charges = price per unit x share. Time = (wait + move hours
per unit delivered at ``e``, the stages table) x the value per unit-hour. CO2 on a rail
link = its factor by traction (t per t-km) x distance x tonnes per unit x share; on a
sea link, each vessel's fuel (hours in each state x burn in that state's fuel state,
:data:`~corridor_sim.model.costs.FUEL_STATE_OF`) x the fuel's factor, summed over the
link's vessels (over all lines of its fleet pool, for pooled vessels) and allocated by
tonne: per tonne the link (or pool) carried in the period, x tonnes per unit x share.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from corridor_sim.model.costs import FUEL_STATE_OF, Costs
from corridor_sim.model.fleet import SeaLink
from corridor_sim.model.scenario import Scenario

if TYPE_CHECKING:
    from corridor_sim.results.result import SimulationResult

YEAR_H = 8760.0
KINDS = ("tariff", "charges", "time", "carbon")
MONEY = [f"{k}_usd" for k in (*KINDS, "total")]
ELEMENT_COLUMNS = ["flow", "element", "role", "position", *MONEY, "co2_t"]
FLOW_COLUMNS = [
    "flow",
    "commodity",
    "unit",
    "t_per_unit",
    "delivered_units",
    *MONEY,
    *(f"{m}_per_t" for m in MONEY),
    "co2_t",
    "co2_kg_per_t",
]
OPERATOR_COLUMNS = [
    "kind",
    "subject",
    "fuel_t",
    "co2_t",
    "fuel_usd",
    "operating_usd",
    "dues_usd",
    "total_usd",
    "total_usd_per_yr",
]


@dataclass(frozen=True)
class CostTables:
    """The three cost tables of a run (see the module docstring)."""

    costs: pd.DataFrame
    cost_elements: pd.DataFrame
    operator_costs: pd.DataFrame


def empty_tables() -> CostTables:
    """The tables of a run whose scenario has no costs section."""
    return CostTables(
        pd.DataFrame(columns=FLOW_COLUMNS),
        pd.DataFrame(columns=ELEMENT_COLUMNS),
        pd.DataFrame(columns=OPERATOR_COLUMNS),
    )


def vessel_fuel(costs: Costs, vessels: pd.DataFrame) -> pd.DataFrame:
    """Per vessel of a link with vessel costs: fuel (t), CO2 (t), fuel and operating
    cost (USD) over the statistics period, from its hours by state."""
    rows = []
    for v in vessels.to_dict("records"):
        spec = costs.vessels.get(str(v["link"]))
        if spec is None:
            continue
        fuel = costs.fuels[spec.fuel]
        fuel_t = operating = 0.0
        for state, fuel_state in FUEL_STATE_OF.items():
            hours = float(v.get(f"{state}_h", 0.0) or 0.0)
            fuel_t += hours * spec.burn_t_per_h.get(fuel_state, 0.0)
            operating += hours * spec.operating_usd_per_h.get(fuel_state, 0.0)
        rows.append(
            {
                "link": v["link"],
                "vessel": v["vessel"],
                "fuel_t": fuel_t,
                "co2_t": fuel_t * fuel.co2_t_per_t,
                "fuel_usd": fuel_t * fuel.price_usd_per_t,
                "operating_usd": operating,
            }
        )
    return pd.DataFrame(
        rows, columns=["link", "vessel", "fuel_t", "co2_t", "fuel_usd", "operating_usd"]
    )


def sea_co2_per_t(
    scenario: Scenario, result: SimulationResult, fuel: pd.DataFrame
) -> dict[str, float]:
    """t CO2 per tonne carried on each sea link with vessel costs; the links of one fleet
    pool share one figure (their vessels serve them all)."""
    group = {name: name for name in scenario.links}
    for pool in scenario.fleet_pools.values():
        for line in pool.lines:
            group[line] = pool.name
    co2: dict[str, float] = {}
    for link, value in fuel.groupby("link")["co2_t"].sum().items():
        co2[group[str(link)]] = co2.get(group[str(link)], 0.0) + float(value)
    carried: dict[str, float] = {}
    tonnes = result.throughput.groupby("element")["tonnes"].sum() if len(result.throughput) else {}
    for name, link in scenario.links.items():
        if isinstance(link, SeaLink):
            carried[group[name]] = carried.get(group[name], 0.0) + float(tonnes.get(name, 0.0))
    return {
        name: co2[group[name]] / carried[group[name]]
        for name, link in scenario.links.items()
        if isinstance(link, SeaLink) and co2.get(group[name]) and carried.get(group[name])
    }


def route_shares(scenario: Scenario, result: SimulationResult, flow: str) -> dict[str, float]:
    """The share of ``flow``'s deliveries that passed each node and link of its routes."""
    spec = scenario.flows[flow]
    options = [(r.path, r.label) for r in spec.routes] or [(spec.path, "route")]
    delivered = result.routes[result.routes["flow"] == flow] if len(result.routes) else None
    by_label: dict[str, float] = {}
    if delivered is not None and len(delivered) and delivered["delivered_units"].sum() > 0:
        by_label = dict(zip(delivered["route"], delivered["share"], strict=True))
    shares: dict[str, float] = {}
    for path, label in options:
        share = by_label.get(label, 0.0) if by_label else 1.0 / len(options)
        for element in path:
            shares[element] = shares.get(element, 0.0) + share
    return shares


def _element_rows(
    scenario: Scenario, costs: Costs, result: SimulationResult, sea: dict[str, float]
) -> pd.DataFrame:
    rows = []
    for flow in result.flows.itertuples():
        spec = scenario.flows[str(flow.flow)]
        commodity = scenario.commodities[spec.commodity]
        mass = commodity.mass_per_unit_t
        shares = route_shares(scenario, result, spec.name)
        stages = result.stages[result.stages["flow"] == spec.name]
        stage_h = dict(zip(stages["element"], stages["wait_h"] + stages["move_h"], strict=True))
        where = {e: ("link" if e in scenario.links else "node", i) for i, e in enumerate(spec.path)}
        at = zip(stages["role"], stages["position"], strict=True)
        where.update(zip(stages["element"], at, strict=True))
        value_h = costs.time_value_usd_per_unit_h.get(spec.commodity, 0.0)
        for element in dict.fromkeys([*spec.paths[0], *shares, *stage_h]):
            share = shares.get(element, 0.0)
            link = costs.links.get(element)
            tariff = costs.tariff_usd(element, spec.commodity) * share
            charges = costs.charge_usd(element, spec.commodity) * share
            co2 = sea.get(element, 0.0) * mass * share
            if link is not None and link.traction is not None and link.distance_km is not None:
                co2 += costs.rail_co2_t_per_tkm[link.traction] * link.distance_km * mass * share
            time = stage_h.get(element, 0.0) * value_h
            carbon = co2 * costs.carbon_price_usd_per_t
            role, position = where.get(element, ("node", -1))
            rows.append(
                {
                    "flow": spec.name,
                    "element": element,
                    "role": role,
                    "position": position,
                    "tariff_usd": tariff,
                    "charges_usd": charges,
                    "time_usd": time,
                    "carbon_usd": carbon,
                    "total_usd": tariff + charges + time + carbon,
                    "co2_t": co2,
                }
            )
    table = pd.DataFrame(rows, columns=ELEMENT_COLUMNS)
    return table[(table[[*MONEY, "co2_t"]] != 0).any(axis=1)].reset_index(drop=True)


def _flow_rows(
    scenario: Scenario, result: SimulationResult, elements: pd.DataFrame
) -> pd.DataFrame:
    sums = elements.groupby("flow", sort=False)[[*MONEY, "co2_t"]].sum()
    table = result.flows[["flow", "commodity", "unit", "delivered_units"]].copy()
    mass = [scenario.commodities[str(c)].mass_per_unit_t for c in table["commodity"]]
    table.insert(3, "t_per_unit", mass)
    table = table.join(sums, on="flow").fillna({c: 0.0 for c in [*MONEY, "co2_t"]})
    for m in MONEY:
        table[f"{m}_per_t"] = table[m] / table["t_per_unit"]
    table["co2_kg_per_t"] = 1000 * table["co2_t"] / table["t_per_unit"]
    return table[FLOW_COLUMNS].reset_index(drop=True)


def _operator_rows(costs: Costs, result: SimulationResult, fuel: pd.DataFrame) -> pd.DataFrame:
    per_yr = YEAR_H / result.horizon_h
    rows = []
    for link, v in fuel.groupby("link", sort=False):
        money = float(v["fuel_usd"].sum() + v["operating_usd"].sum())
        rows.append(
            {"kind": "vessels", "subject": link, "fuel_t": v["fuel_t"].sum(),
             "co2_t": v["co2_t"].sum(), "fuel_usd": v["fuel_usd"].sum(),
             "operating_usd": v["operating_usd"].sum(), "dues_usd": 0.0, "total_usd": money}
        )  # fmt: skip
    for call in result.calls.itertuples():
        node = costs.nodes.get(str(call.port))
        if node is not None and node.per_call_usd > 0 and call.calls > 0:
            dues = node.per_call_usd * float(call.calls)
            rows.append(
                {"kind": "port_calls", "subject": f"{call.link} at {call.port}", "fuel_t": 0.0,
                 "co2_t": 0.0, "fuel_usd": 0.0, "operating_usd": 0.0, "dues_usd": dues,
                 "total_usd": dues}
            )  # fmt: skip
    for pool in result.locomotives.itertuples():
        spec = costs.locomotives.get(str(pool.pool))
        if spec is not None:
            busy_h = float(pool.busy_mean) * result.horizon_h
            idle_h = max(float(pool.in_service) - float(pool.busy_mean), 0.0) * result.horizon_h
            money = busy_h * spec.busy_usd_per_h + idle_h * spec.idle_usd_per_h
            rows.append(
                {"kind": "locomotives", "subject": pool.pool, "fuel_t": 0.0, "co2_t": 0.0,
                 "fuel_usd": 0.0, "operating_usd": money, "dues_usd": 0.0, "total_usd": money}
            )  # fmt: skip
    table = pd.DataFrame(rows, columns=OPERATOR_COLUMNS)
    table["total_usd_per_yr"] = table["total_usd"] * per_yr
    return table


def cost_tables(scenario: Scenario, result: SimulationResult) -> CostTables:
    """The cost tables of ``result``, a run of ``scenario`` (or of a scenario with the
    same network, re-priced); empty tables if the scenario has no ``costs`` section."""
    costs = scenario.costs
    if costs is None:
        return empty_tables()
    fuel = vessel_fuel(costs, result.vessels)
    sea = sea_co2_per_t(scenario, result, fuel)
    elements = _element_rows(scenario, costs, result, sea)
    return CostTables(
        _flow_rows(scenario, result, elements),
        elements,
        _operator_rows(costs, result, fuel),
    )
