"""A scenario with fixed route shares: each flow named under rule ``shares`` at the shares
given, in its specs and in the source mapping it keeps (``raw``), so that an override
rebuilt from that mapping keeps them.

Shares are fractions (0-1) of a flow's cargo, one per option: its routes first (in the
order of :attr:`~corridor_sim.model.demand.FlowSpec.options`), then its outside options.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from corridor_sim.model.choice import RouteChoice, RouteOption
from corridor_sim.model.demand import FlowSpec
from corridor_sim.model.scenario import Scenario

#: per flow, one share per option: its routes, then its outside options
Shares = Mapping[str, Sequence[float]]


def with_shares(scenario: Scenario, shares: Shares) -> Scenario:
    """``scenario`` with each flow of ``shares`` under rule ``shares`` at those shares.

    Its ``raw`` mapping is changed to match (a lone route with outside options is
    written as a ``routes`` list of one), so that an override rebuilt from it keeps them;
    it is left empty if a flow's mapping cannot be found.
    """
    flows = dict(scenario.flows)
    for name, values in shares.items():
        flows[name] = flow_with_shares(flows[name], values)
    raw = _raw_with_shares(scenario.raw, flows, shares) if scenario.raw else {}
    return dataclasses.replace(scenario, flows=flows, raw=raw)


def flow_with_shares(flow: FlowSpec, shares: Sequence[float]) -> FlowSpec:
    """``flow`` under rule ``shares``: its routes, then its outside options, at ``shares``."""
    n = len(flow.options)
    routes = tuple(
        RouteOption(r.path, r.label, float(s))
        for r, s in zip(flow.options, shares[:n], strict=True)
    )
    outside = tuple(
        dataclasses.replace(o, share=float(s))
        for o, s in zip(flow.outside, shares[n:], strict=True)
    )
    return dataclasses.replace(flow, routes=routes, outside=outside, choice=RouteChoice("shares"))


def _raw_with_shares(
    raw: Mapping[str, Any], flows: Mapping[str, FlowSpec], shares: Shares
) -> dict[str, Any]:
    """``raw`` with the shares written into each flow's ``routes``, ``choice`` and
    ``outside``, or empty if one cannot be written."""
    out = copy.deepcopy(dict(raw))
    for name in shares:
        flow, entry = flows[name], out.get("flows", {}).get(name)
        if not flow.routes or not isinstance(entry, dict):
            return {}
        entry.pop("route", None)
        entry.pop("via", None)
        entry["routes"] = [
            {
                "route": list(r.path[0::2]),
                "via": list(r.path[1::2]),
                "label": r.label,
                "share": _percent(r.share),
            }
            for r in flow.routes
        ]
        entry["choice"] = {"rule": "shares"}
        for o in flow.outside:
            entry["outside"][o.name] = dict(entry["outside"][o.name], share=_percent(o.share))
    return out


def _percent(share: float | None) -> str:
    return f"{100.0 * (share or 0.0):.12g} %"
