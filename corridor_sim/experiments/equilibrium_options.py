"""The choices an equilibrium run works on: each flow's options (its routes through the
model and its outside options) and the shares it starts from (the scenario at given
shares is :func:`corridor_sim.scenario.shares.with_shares`).

A flow takes part when it has two or more options and is not a flow of empties going
back (those follow their loaded units). Shares are fractions (0-1) of a flow's cargo, one
per option, in the order of :func:`flow_options`: the flow's routes first (its
``options``), then its outside options.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corridor_sim.errors import ScenarioError
from corridor_sim.model.demand import FlowSpec
from corridor_sim.model.scenario import Scenario

ROUTE, OUTSIDE = "route", "outside"


@dataclass(frozen=True)
class Option:
    """One way a flow's cargo may go: a route through the model (``kind`` ``"route"``,
    ``name`` its label) or an outside option (``"outside"``, its name). ``free_h``: its
    time with nothing waiting, hours: for a route the links' expected times plus the
    nodes' mean service (and gauge-change) times; for an outside option the mean of its
    transit distribution, which is also its time whatever the load."""

    flow: str
    kind: str
    name: str
    free_h: float


def free_flow_h(scenario: Scenario, path: Sequence[str]) -> float:
    """Hours along ``path`` (node, link, ..., node) with no queue anywhere: each link's
    expected time and each node's mean service, gauge-change and dwell-stage times (a
    lower bound)."""
    hours = sum(scenario.links[name].expected_time_h() for name in path[1::2])
    for name in path[0::2]:
        node = scenario.nodes[name]
        for dist in (node.service_time, node.gauge_change, *(s.time for s in node.dwell)):
            if node.servers and dist is not None:
                hours += dist.mean_h
    return hours


def flow_options(scenario: Scenario, flow: FlowSpec) -> tuple[Option, ...]:
    """The options of ``flow``: its routes, then its outside options."""
    routes = tuple(
        Option(flow.name, ROUTE, r.label, free_flow_h(scenario, r.path)) for r in flow.options
    )
    return routes + tuple(
        Option(flow.name, OUTSIDE, o.name, o.transit.mean_h) for o in flow.outside
    )


def choice_flows(scenario: Scenario) -> dict[str, tuple[Option, ...]]:
    """Per flow with two or more options, its options; a :class:`ScenarioError` naming
    the flows and what would qualify them if there is none."""
    out = {
        name: flow_options(scenario, f)
        for name, f in scenario.flows.items()
        if not f.is_empty_return and len(f.options) + len(f.outside) > 1
    }
    if not out:
        raise ScenarioError(
            f"no flow of scenario {scenario.name!r} has a choice to balance: a flow "
            "qualifies with two or more routes ('routes: [...]') or an outside option "
            f"('outside: {{...}}'); its flows ({', '.join(scenario.flows)}) each have one "
            "route and no outside option",
            path="flows",
        )
    return out


def start_shares(flow: FlowSpec) -> tuple[float, ...]:
    """The shares ``flow`` starts from: its own under rule ``shares``, else an even split
    over its options."""
    n = len(flow.options) + len(flow.outside)
    if flow.choice is None or flow.choice.rule != "shares":
        return (1.0 / n,) * n
    outside = tuple(float(o.share or 0.0) for o in flow.outside)
    if not flow.routes:  # one route: what the outside options leave
        return (max(0.0, 1.0 - sum(outside)), *outside)
    return (*(float(r.share or 0.0) for r in flow.routes), *outside)
