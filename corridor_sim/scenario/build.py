"""Turn a scenario mapping into a validated :class:`~corridor_sim.model.Scenario`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from corridor_sim.model.scenario import MAX_ARRIVALS, Scenario, SimulationSettings, check_run
from corridor_sim.scenario.costs import read_costs
from corridor_sim.scenario.disruptions import read_disruption
from corridor_sim.scenario.flows import check_money, read_empty_return, read_flow
from corridor_sim.scenario.links import read_link
from corridor_sim.scenario.nodes import read_commodity, read_node
from corridor_sim.scenario.pools import read_pool
from corridor_sim.scenario.reader import Reader
from corridor_sim.scenario.traction import read_locomotive_pool
from corridor_sim.scenario.wagons import read_wagon_pool
from corridor_sim.scenario.yaml_io import load_mapping

TOP_KEYS = [
    "name",
    "description",
    "base",
    "simulation",
    "commodities",
    "nodes",
    "links",
    "flows",
    "disruptions",
    "fleet_pools",
    "locomotive_pools",
    "wagon_pools",
    "costs",
]
TOP_REQUIRED = ["nodes", "links", "flows"]
SIMULATION_KEYS = ["start", "horizon", "warmup", "seed", "sample_interval"]
SIMULATION_REQUIRED = ["horizon"]


def _settings(r: Reader) -> SimulationSettings:
    if not r.has("simulation"):
        r.fail(None, "missing required key 'simulation' (start, horizon, warmup, seed)")
    s = r.sub("simulation")
    s.check_keys(SIMULATION_KEYS, required=SIMULATION_REQUIRED)
    seed = s.count("seed", minimum=0) if s.has("seed") else None
    settings = s.build(
        SimulationSettings,
        start=s.date("start") if s.has("start") else SimulationSettings.start,
        horizon_h=s.hours("horizon"),
        warmup_h=s.hours("warmup", "0 h", allow_zero=True),
        seed=seed,
        sample_interval_h=s.hours("sample_interval", "6 h"),
    )
    s.build(check_run, settings)  # located at horizon or sample_interval, with its line
    return settings


def build_scenario(
    mapping: Any,
    *,
    name: str = "scenario",
    source: str | Path | None = None,
) -> Scenario:
    """Validate a scenario mapping (as read from YAML) and build the scenario; ``source``
    (the file it came from, if any) is what error messages name."""
    source = None if source is None else str(source)
    r = Reader(mapping, "", source)
    r.check_keys(TOP_KEYS, required=TOP_REQUIRED)
    settings = _settings(r)
    commodities = (
        {n: read_commodity(n, c) for n, c in r.items("commodities")} if r.has("commodities") else {}
    )
    nodes = {n: read_node(n, c, commodities) for n, c in r.items("nodes")}
    links = {n: read_link(n, c, nodes, commodities) for n, c in r.items("links")}
    clash = set(nodes) & set(links)
    if clash:
        r.fail("links", f"{sorted(clash)[0]!r} names both a node and a link")
    flows = {n: read_flow(n, c, commodities, nodes, links) for n, c in r.items("flows")}
    if not flows:
        r.fail("flows", "needs at least one flow")
    for n, c in r.items("flows"):
        loaded = flows[n]
        empties = read_empty_return(c, loaded, commodities[loaded.commodity])
        if empties is not None:
            commodity, flow = empties
            for taken, kind in ((commodities, "commodity"), (flows, "flow")):
                if flow.name in taken:
                    c.fail("empty_return", f"its empties' {kind} name {flow.name!r} is taken")
            commodities[commodity.name] = commodity
            flows[flow.name] = flow
    for flow_name, flow in flows.items():
        arrivals = flow.volume_units_per_h / flow.size_units * settings.end_h
        if arrivals > MAX_ARRIVALS:
            r.sub("flows").sub(flow_name).fail(
                "volume",
                f"would bring about {arrivals:.3g} arrivals in the run (at most "
                f"{MAX_ARRIVALS:.0e}); check the volume's unit, or give arrivals a larger size",
            )
    known = set(nodes) | set(links)
    disruptions = tuple(
        read_disruption(Reader(item, path, r.file, line), known, settings.start)
        for path, item, line in r.list("disruptions", required=False)
    )
    pools = (
        {n: read_pool(n, c, links) for n, c in r.items("fleet_pools")}
        if r.has("fleet_pools")
        else {}
    )
    locomotives = (
        {n: read_locomotive_pool(n, c, links) for n, c in r.items("locomotive_pools")}
        if r.has("locomotive_pools")
        else {}
    )
    wagons = (
        {n: read_wagon_pool(n, c, flows, nodes) for n, c in r.items("wagon_pools")}
        if r.has("wagon_pools")
        else {}
    )
    costs = (
        read_costs(r.sub("costs"), commodities, nodes, links, locomotives, _rail_km(r))
        if r.has("costs")
        else None
    )
    check_money(r, flows, costs)
    return r.build(
        Scenario,
        name=str(r.raw("name", name)),
        settings=settings,
        commodities=commodities,
        nodes=nodes,
        links=links,
        flows=flows,
        disruptions=disruptions,
        fleet_pools=pools,
        locomotive_pools=locomotives,
        wagon_pools=wagons,
        description=str(r.raw("description", "")),
        source=source,
        raw=mapping,
        costs=costs,
    )


def _rail_km(r: Reader) -> dict[str, float]:
    """The length of each rail link written with a ``distance`` (km), for costs."""
    out = {}
    for name, link in r.items("links"):
        if link.raw("kind") == "rail" and link.has("distance"):
            out[name] = link.quantity("distance", "length").value
    return out


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate a scenario file (YAML), or a bundled scenario by name
    (``load_scenario("middle_corridor_2024")``, when no such file exists here).

    Raises :class:`~corridor_sim.errors.ScenarioError` naming the file, line and key path.
    """
    from corridor_sim.scenario import bundled  # it loads through this module

    path = Path(path)
    if not path.exists() and path.parent == Path() and not path.suffix:
        path = bundled.bundled_path(path.stem)  # a bundled name, or did-you-mean names
    mapping = load_mapping(path)
    return build_scenario(mapping, name=path.stem, source=str(path))
