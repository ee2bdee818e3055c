"""How the corridor reacted in one run, as flat KPI-dict entries, so that the
replications of :func:`corridor_sim.run` carry them with confidence intervals
(``answer.runs``).

Four scopes, each subject naming what it is about with a ``/`` between the parts:

- ``route``, ``<flow>/<route>`` (flows with several routes): ``delivered_t_per_yr``,
  ``share`` (of the flow's deliveries), ``transit_mean_days``, ``transit_p95_days``;
- ``choice``, ``<flow>/<node>/<way>``: ``units_per_yr`` (and ``t_per_yr``) that went on
  from that decision node to node ``way``, and their ``share`` of the flow's units
  choosing there;
- ``outside``, ``<flow>/<option>``: ``diverted_t_per_yr`` and ``share_of_offered``, the
  cargo that left the corridor for a competing one;
- ``embargo``, ``<node>/<handling class>``: ``days_on``, ``episodes``, ``held_units``
  (new cargo held at its origin), ``held_unit_days``, ``diverted_units`` (sent by
  another route or corridor) and ``level_max_units``.

The words follow :mod:`corridor_sim.results.routes`.
"""

from __future__ import annotations

import math

from corridor_sim.results.result import SimulationResult

YEAR_H = 8760.0
#: the scopes this module adds to :data:`corridor_sim.experiments.kpis.SCOPES`
REACTION_SCOPES = ("route", "choice", "outside", "embargo")
ROUTE_KPIS = ("share", "transit_mean_days", "transit_p95_days")
EMBARGO_KPIS = (
    "days_on",
    "episodes",
    "held_units",
    "held_unit_days",
    "diverted_units",
    "level_max_units",
)


def reaction_kpis(result: SimulationResult) -> dict[str, float]:
    """The route, choice, outside and embargo KPIs of ``result`` (keys
    ``<scope>:<subject>:<kpi>``)."""
    per_yr = YEAR_H / result.horizon_h
    out: dict[str, float] = {}
    for r in result.routes.itertuples():
        key = f"route:{r.flow}/{r.route}"
        out[f"{key}:delivered_t_per_yr"] = float(r.delivered_t) * per_yr
        for k in ROUTE_KPIS:
            out[f"{key}:{k}"] = float(getattr(r, k))
    for c in result.choices.itertuples():
        out[f"choice:{c.flow}/{c.node}/{c.way}:units_per_yr"] = float(c.units) * per_yr
        out[f"choice:{c.flow}/{c.node}/{c.way}:t_per_yr"] = float(c.t) * per_yr
        out[f"choice:{c.flow}/{c.node}/{c.way}:share"] = float(c.share)
    for o in result.outside.itertuples():
        key = f"outside:{o.flow}/{o.option}"
        out[f"{key}:diverted_t_per_yr"] = float(o.diverted_t) * per_yr
        share = float(o.share_of_offered)
        out[f"{key}:share_of_offered"] = share if not math.isnan(share) else 0.0
    for e in result.embargoes.itertuples():
        for k in EMBARGO_KPIS:
            out[f"embargo:{e.node}/{e.handling}:{k}"] = float(getattr(e, k))
    return out
