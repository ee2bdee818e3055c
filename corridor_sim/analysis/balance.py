"""The mass balance: every unit generated is delivered or still in the system."""

from __future__ import annotations

from typing import Any

import pandas as pd

from corridor_sim.errors import SimulationError

TOLERANCE = 1e-6  # relative, for units split across vehicles


def in_system(sim: Any) -> dict[str, float]:
    """Units of each flow held anywhere in the model now, found by walking every element."""
    held = {f.name: 0.0 for f in sim.flows}
    holders = [*sim.sources, *sim.elements]
    for holder in holders:
        for c in holder.holdings():
            held[c.flow.name] += c.qty
    return held


def balance_table(sim: Any) -> pd.DataFrame:
    """Per flow: generated, delivered and in-system units and tonnes since t = 0."""
    held = in_system(sim)
    rows = []
    for f in sim.flows:
        gap = f.generated - f.delivered - held[f.name]
        rows.append(
            {
                "flow": f.name,
                "unit": f.unit,
                "generated_units": f.generated,
                "delivered_units": f.delivered,
                "in_system_units": held[f.name],
                "difference_units": gap,
                "generated_t": f.generated * f.mass_per_unit_t,
                "delivered_t": f.delivered * f.mass_per_unit_t,
                "in_system_t": held[f.name] * f.mass_per_unit_t,
            }
        )
    return pd.DataFrame(rows)


def element_table(sim: Any) -> pd.DataFrame:
    """Per element and commodity: units in, out and present since t = 0.

    A node's cargo stays in its yard until a link takes it, so a node's present cargo is
    what it processes plus what waits there for its outbound links.
    """
    rows = []
    names = [c.name for c in sim.commodities]
    for e in sim.elements:
        present = [0.0] * len(names)
        held = list(e.holdings())
        for lane in getattr(e, "out_lanes", ()):
            held += list(lane.queued())
        for c in held:
            present[c.flow.commodity_index] += c.qty
        for k, name in enumerate(names):
            if e.units_in[k] or e.units_out[k] or present[k]:
                rows.append(
                    {
                        "element": e.name,
                        "commodity": name,
                        "units_in": e.units_in[k],
                        "units_out": e.units_out[k],
                        "present_units": present[k],
                        "difference_units": e.units_in[k] - e.units_out[k] - present[k],
                    }
                )
    return pd.DataFrame(
        rows,
        columns=[
            "element",
            "commodity",
            "units_in",
            "units_out",
            "present_units",
            "difference_units",
        ],
    )


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
                f" + in system {row.in_system_units:.6g}"
            )
