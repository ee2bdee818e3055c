"""The network as a table: where each node is and which nodes each link joins (for maps)."""

from __future__ import annotations

import math

import pandas as pd

from corridor_sim.model.network import PipelineLink
from corridor_sim.model.scenario import Scenario

DAY_H = 24.0
COLUMNS = ["element", "label", "role", "kind", "lon", "lat", "from", "to", "capacity_t_per_day"]


def network_table(scenario: Scenario) -> pd.DataFrame:
    """One row per node and link: the node's display ``label`` (its ``label:``, or its id
    made readable), ``lon``/``lat`` of nodes (NaN where the scenario gives
    none), ``from``/``to`` of links, and ``capacity_t_per_day`` where the scenario states a
    capacity in tonnes (a pipeline: its capacity left after the base load).

    >>> import corridor_sim as cs
    >>> table = network_table(cs.load_scenario(cs.bundled_path("teaching_two_ports")))
    >>> table.set_index("element").loc["port_a-port_b", ["from", "to"]].tolist()
    ['port_a', 'port_b']
    """
    rows = [
        {
            "element": n.name,
            "label": n.display_name,
            "role": "node",
            "kind": n.kind,
            "lon": math.nan if n.lon is None else n.lon,
            "lat": math.nan if n.lat is None else n.lat,
            "from": None,
            "to": None,
            "capacity_t_per_day": math.nan,
        }
        for n in scenario.nodes.values()
    ]
    for link in scenario.links.values():
        capacity = math.nan
        if isinstance(link, PipelineLink):
            capacity = link.residual_t_per_h * DAY_H
        rows.append(
            {
                "element": link.name,
                "label": None,
                "role": "link",
                "kind": link.kind,
                "lon": math.nan,
                "lat": math.nan,
                "from": link.origin,
                "to": link.destination,
                "capacity_t_per_day": capacity,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)
