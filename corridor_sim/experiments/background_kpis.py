"""Background trains in one run as flat KPI-dict entries, so that the replications of
:func:`corridor_sim.run` carry them with confidence intervals.

One scope, ``background``, subject ``<element>`` (a node) or ``<element>/<from>><to>``
(one direction of a rail line), as in
:func:`corridor_sim.results.background.background_table`: ``background_per_day`` and
``corridor_per_day`` (trains a day that started service or departed, over the statistics
period), ``background_share`` and ``corridor_share`` (of the quota or line capacity).
"""

from __future__ import annotations

from corridor_sim.results.result import SimulationResult

#: the scope this module adds to :data:`corridor_sim.experiments.kpis.SCOPES`
BACKGROUND_SCOPES = ("background",)
SHARES = ("background_share", "corridor_share")


def background_subject(element: str, direction: str) -> str:
    """The KPI subject of an element (and direction, on a rail line).

    >>> background_subject("dostyk", ""), background_subject("line", "a>b")
    ('dostyk', 'line/a>b')
    """
    return f"{element}/{direction}" if direction else element


def background_kpis(result: SimulationResult) -> dict[str, float]:
    """The background KPIs of ``result`` (keys ``background:<subject>:<kpi>``)."""
    days = result.horizon_h / 24.0
    out: dict[str, float] = {}
    for b in result.background.itertuples():
        key = f"background:{background_subject(str(b.element), str(b.direction))}"
        out[f"{key}:background_per_day"] = float(b.background_trains) / days
        out[f"{key}:corridor_per_day"] = float(b.corridor_trains) / days
        for k in SHARES:
            out[f"{key}:{k}"] = float(getattr(b, k))
    return out
