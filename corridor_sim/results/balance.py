"""The mass balance: every unit generated is delivered, diverted to a competing corridor,
or still in the system.

Checked on every run, per flow (generated = delivered + diverted + in system, since
t = 0) and per
element (in - out = what it holds now); a broken balance raises
:class:`~corridor_sim.errors.SimulationError`.
"""

from __future__ import annotations

import pandas as pd

from corridor_sim.engine.records import RunRecord
from corridor_sim.errors import SimulationError

TOLERANCE = 1e-6  # relative, for units split across vehicles
ELEMENT_COLUMNS = [
    "element",
    "commodity",
    "units_in",
    "units_out",
    "present_units",
    "difference_units",
]


def balance_table(record: RunRecord) -> pd.DataFrame:
    """Per flow: generated, delivered, diverted and in-system units and tonnes since
    t = 0."""
    rows = []
    for f in record.flows:
        m = f.mass_per_unit_t
        rows.append(
            {
                "flow": f.name,
                "unit": f.unit,
                "generated_units": f.generated_units,
                "delivered_units": f.delivered_units,
                "diverted_units": f.diverted_units,
                "in_system_units": f.in_system_units,
                "difference_units": f.generated_units
                - f.delivered_units
                - f.diverted_units
                - f.in_system_units,
                "generated_t": f.generated_units * m,
                "delivered_t": f.delivered_units * m,
                "diverted_t": f.diverted_units * m,
                "in_system_t": f.in_system_units * m,
            }
        )
    return pd.DataFrame(rows)


def element_table(record: RunRecord) -> pd.DataFrame:
    """Per element and commodity: units in, out and present since t = 0.

    A node's cargo stays in its yard until a link takes it, so a node's present cargo is
    what it processes plus what waits there for its outbound links.
    """
    rows = [
        {
            "element": e.name,
            "commodity": c.name,
            "units_in": e.units_in[k],
            "units_out": e.units_out[k],
            "present_units": e.present_units[k],
            "difference_units": e.units_in[k] - e.units_out[k] - e.present_units[k],
        }
        for e in record.elements
        for k, c in enumerate(record.commodities)
        if e.units_in[k] or e.units_out[k] or e.present_units[k]
    ]
    return pd.DataFrame(rows, columns=ELEMENT_COLUMNS)


def check_elements(table: pd.DataFrame) -> None:
    """Raise :class:`SimulationError` if an element's in - out differs from its contents."""
    for row in table.itertuples():
        if abs(row.difference_units) > TOLERANCE * max(1.0, row.units_in):
            raise SimulationError(
                f"element balance broken at {row.element!r} for {row.commodity!r}: in "
                f"{row.units_in:.6g} - out {row.units_out:.6g} != present {row.present_units:.6g}"
            )


def check(table: pd.DataFrame) -> None:
    """Raise :class:`SimulationError` if any flow lost or created cargo."""
    for row in table.itertuples():
        if abs(row.difference_units) > TOLERANCE * max(1.0, row.generated_units):
            raise SimulationError(
                f"mass balance broken for flow {row.flow!r}: generated "
                f"{row.generated_units:.6g} {row.unit} != delivered {row.delivered_units:.6g}"
                f" + diverted {row.diverted_units:.6g} + in system {row.in_system_units:.6g}"
            )
