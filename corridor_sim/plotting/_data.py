"""What figures read from a result besides plain columns: names to show, capacities.

Both have one source each, so that every figure and the report agree: a node's display
name is the ``label`` column of ``result.network`` (the scenario's ``label:``), and an
element's capacity is the ``capacity_t_per_day`` column of ``result.elements`` (its
analytic effective capacity from :mod:`corridor_sim.capacity`, NaN where nothing limits
it). A result saved by an older version lacks these columns; it then shows readable ids
and no capacity, never a capacity worked out some other way.
"""

from __future__ import annotations

import math

import pandas as pd

from corridor_sim.results import SimulationResult


def readable(name: str) -> str:
    """An id as a person would write it (for results saved without labels).

    >>> readable("beineu_road")
    'Beineu road'
    """
    words = " ".join(name.replace("-", " ").replace("_", " ").split())
    return words[:1].upper() + words[1:]


def display_names(result: SimulationResult) -> dict[str, str]:
    """Node name -> the name to show: its ``label`` where the result has one, else the
    readable id."""
    net = result.network
    if net is None or net.empty:
        return {}
    nodes = net[net["role"] == "node"]
    labels = nodes["label"] if "label" in nodes else pd.Series(None, index=nodes.index)
    return {
        str(e): str(lab) if isinstance(lab, str) and lab else readable(str(e))
        for e, lab in zip(nodes["element"], labels, strict=True)
    }


def capacities(result: SimulationResult) -> pd.Series:
    """Element -> capacity in t/day (``result.elements.capacity_t_per_day``); NaN where
    no capacity limits the element or the result does not say."""
    el = result.elements
    if "capacity_t_per_day" not in el:
        return pd.Series(math.nan, index=el["element"], name="capacity_t_per_day", dtype=float)
    return el.set_index("element")["capacity_t_per_day"].astype(float)


def capacity_of(result: SimulationResult, name: str) -> float | None:
    """Capacity of element ``name`` in t/day, or None where there is none to show."""
    caps = capacities(result)
    value = float(caps.get(name, math.nan))
    return value if math.isfinite(value) and value > 0 else None


def constrained(result: SimulationResult) -> pd.Series:
    """Element -> whether a capacity limits it (a finite ``capacity_t_per_day``; for a
    result without that column, a finite ``utilisation``, the only sign it has)."""
    el = result.elements.set_index("element")
    if "capacity_t_per_day" in el:
        values = el["capacity_t_per_day"].astype(float)
    else:
        values = el["utilisation"].astype(float)
    return values.map(math.isfinite)
