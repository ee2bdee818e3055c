"""The network as a table: where each node is and which nodes each link joins (for maps)."""

from __future__ import annotations

import math

import pandas as pd

from corridor_sim.model.scenario import Scenario

COLUMNS = ["element", "label", "role", "kind", "lon", "lat", "from", "to"]


def network_table(scenario: Scenario) -> pd.DataFrame:
    """One row per node and link: the node's display ``label`` (its ``label:``, or its id
    made readable), ``lon``/``lat`` of nodes (NaN where the scenario gives
    none), and ``from``/``to`` of links. (An element's capacity is not here: it is
    ``result.elements.capacity_t_per_day``, the one definition, see docs/capacity.md.)

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
        }
        for n in scenario.nodes.values()
    ]
    for link in scenario.links.values():
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
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)
