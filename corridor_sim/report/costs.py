"""The "Costs and emissions" table of the report of a replicated answer: each flow's
door-to-door cost per unit delivered, by kind, and its CO2, over the replications (mean ±
the half-width of its 95 % confidence interval), as ``corridor-sim run`` prints them."""

from __future__ import annotations

from corridor_sim.experiments.run import ReplicatedRun
from corridor_sim.report.rail import Columns, RailTable, scope_table

COSTS: Columns = [
    ("tariff_usd", "tariffs", 1.0, 0),
    ("charges_usd", "charges", 1.0, 0),
    ("time_usd", "time value", 1.0, 0),
    ("carbon_usd", "carbon", 1.0, 0),
    ("total_usd", "total per unit", 1.0, 0),
    ("total_usd_per_t", "total per t", 1.0, 1),
    ("co2_kg_per_t", "CO2 kg/t", 1.0, 1),
]


def cost_tables(answer: ReplicatedRun) -> list[RailTable]:
    """The costs table, or none for a scenario without a costs section."""
    table = scope_table(answer, "cost", "flow", COSTS)
    if table is None:
        return []
    costs = answer.scenario.costs
    money = costs.currency if costs is not None else "USD"
    note = (
        f"Per flow, the shipper's door-to-door cost of one unit delivered (TEU, wagon, "
        f"truck or tonne, as the flow is counted), in {money}: tariffs of the links, "
        "charges of the ports and terminals, the time value of the cargo over its hours in "
        "the model and its CO2 at the carbon price; the total per tonne; CO2 per tonne "
        "(rail by tonne-km and traction, vessels by fuel burnt in each state, shared over "
        "the cargo aboard). Operators' own costs are not in it (docs/scenario_format.md, "
        "Costs)."
    )
    return [RailTable("Door-to-door cost by flow", table, note)]
