"""Builders of tiny scenario dicts and probes that log what the engine did and when.

Every builder returns plain dicts in the scenario file format (docs/scenario_format.md),
so tests can tweak any key before building. Defaults are deterministic: evenly spaced
arrivals, fixed times, no warm-up, calendar start 2024-01-01.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
from collections.abc import Callable, Iterable
from typing import Any

from corridor_sim import (
    SimulationResult,
    build_scenario,
    bundled_path,
    load_scenario,
    simulate,
)
from corridor_sim.engine.simulation import Simulation
from corridor_sim.model.scenario import Scenario

COMMODITIES = {
    "goods": {"unit": "wagon", "mass_per_unit": "60 t", "handling": "wagon"},
    "crude": {"unit": "t", "mass_per_unit": "1 t", "handling": "liquid"},
}


def scenario(
    nodes: dict,
    links: dict,
    flows: dict,
    *,
    horizon: str = "10 day",
    disruptions: Iterable[dict] = (),
    seed: int = 1,
    **sections: Any,
) -> dict:
    """A whole scenario mapping with no warm-up; ``sections`` adds top-level sections
    (``fleet_pools``, ``locomotive_pools``, ...)."""
    return {
        **sections,
        "simulation": {"start": "2024-01-01", "horizon": horizon, "warmup": "0 h", "seed": seed},
        "commodities": copy.deepcopy(COMMODITIES),
        "nodes": nodes,
        "links": links,
        "flows": flows,
        "disruptions": list(disruptions),
    }


def flow(route: list[str], volume: str, size: str, commodity: str = "goods") -> dict:
    """A flow with evenly spaced arrivals of ``size``: the first at one gap after t = 0."""
    return {
        "commodity": commodity,
        "origin": route[0],
        "destination": route[-1],
        "volume": volume,
        "arrivals": {"pattern": "deterministic", "size": size},
        "route": route,
    }


def port(**extra: Any) -> dict:
    """A port with one rail-ferry berth handling 10 wagons an hour, no berth time."""
    return {
        "kind": "port",
        "berths": {"rail_ferry": 1},
        "handling_rate": {"wagon": "10 wagon/h"},
        **extra,
    }


def ferry(**extra: Any) -> dict:
    """A vessel carrying 10 wagons at 10 km/h."""
    return {
        "name": "ferry",
        "berth": "rail_ferry",
        "capacity": {"wagon": "10 wagon"},
        "speed": "10 km/h",
        **extra,
    }


def sea(fleet: list[dict] | None = None, **extra: Any) -> dict:
    """Sea link a -> b, 100 km (10 h at 10 km/h), sailing at the latest 100 h after ready."""
    return {
        "kind": "sea",
        "from": "a",
        "to": "b",
        "distance": "100 km",
        "departure": {"max_wait": "100 h"},
        "fleet": fleet or [ferry()],
        **extra,
    }


REVIEW_DAYS = 2  # the fleet pool of january_then_february


def pool_line(far: str, names: list[str]) -> dict:
    """Sea link far -> h, 100 km (10 h), a ferry of 10 wagons per name."""
    return {
        "kind": "sea",
        "from": far,
        "to": "h",
        "distance": "100 km",
        "departure": {"max_wait": "2 h"},
        "fleet": [ferry(name=n) for n in names],
    }


def january_then_february(**pool: object) -> dict:
    """Two lines a-h and b-h sharing the hub h, two ferries each; 36 wagons a day from a
    in January only, then from b in February only (more than two ferries carry)."""
    mapping = scenario(
        nodes={"a": port(), "b": port(), "h": port(berths={"rail_ferry": 4})},
        links={"a-h": pool_line("a", ["a1", "a2"]), "b-h": pool_line("b", ["b1", "b2"])},
        flows={
            "fa": flow(["a", "h"], "3 wagon/day", "1 wagon"),
            "fb": flow(["b", "h"], "3 wagon/day", "1 wagon"),
        },
        horizon="59 day",
    )
    mapping["flows"]["fa"]["seasonality"] = [1] + [0] * 11
    mapping["flows"]["fb"]["seasonality"] = [0, 1] + [0] * 10
    mapping["fleet_pools"] = {
        "ferries": {"lines": ["a-h", "b-h"], "review": f"{REVIEW_DAYS} day", **pool}
    }
    return mapping


TRAVEL_H = 10.0  # rail_both_ways: the line's travel time ...
TAU_H = 1.0  # ... and its station interval on a single track


def rail_both_ways(
    loops: int | None,
    *,
    back: str | None = "60 wagon/day",
    there: str = "60 wagon/day",
    **rail: str,
) -> dict:
    """Terminals a and b joined by a rail line of 10 h, trains of 5 wagons, a single
    track with ``loops`` loops and a 1 h station interval (None: no track key); a flow
    each way (``back`` None: a -> b only), Poisson arrivals of one wagon."""
    link = {
        "kind": "rail",
        "from": "a",
        "to": "b",
        "travel_time": f"{TRAVEL_H} h",
        "train_capacity": {"wagon": "5 wagon"},
        "max_wait": "100 h",
        **rail,
    }
    if loops is not None:
        link["track"] = {"kind": "single", "passing_loops": loops, "loop_time": f"{TAU_H} h"}
    flows = {"ab": flow(["a", "b"], there, "1 wagon")}
    if back is not None:
        flows["ba"] = flow(["b", "a"], back, "1 wagon")
    for f in flows.values():
        f["arrivals"]["pattern"] = "poisson"
    mapping = scenario(
        nodes={"a": {"kind": "terminal"}, "b": {"kind": "terminal"}},
        links={"a-b": link},
        flows=flows,
        horizon="60 day",
    )
    mapping["simulation"]["warmup"] = "5 day"
    return mapping


def wagon_line(
    volume: str,
    wagons: int,
    *,
    empty: object = "14 h",
    size: str = "1 wagon",
    commodity: str = "goods",
    horizon: str = "30 day",
    **pool: object,
) -> dict:
    """o --transfer 10 h--> d; the flow's cargo rides a pool of ``wagons`` from o to d,
    which take ``empty`` to get back: a round trip of 10 h + ``empty``."""
    return scenario(
        nodes={"o": {"kind": "origin"}, "d": {"kind": "destination"}},
        links={"o-d": {"kind": "transfer", "from": "o", "to": "d", "delay": "10 h"}},
        flows={"f": flow(["o", "d"], volume, size, commodity)},
        horizon=horizon,
        wagon_pools={
            "p": {
                "flows": ["f"],
                "load_at": "o",
                "unload_at": "d",
                "wagons": f"{wagons} wagon",
                "empty_return": empty,
                **pool,
            }
        },
    )


def build(mapping: dict) -> Scenario:
    return build_scenario(mapping, name="test")


def start(mapping: dict, seed: int = 1) -> Simulation:
    """A simulation of ``mapping``, not yet run (step it with ``sim.env.run(until=...)``)."""
    return Simulation(build(mapping), seed=seed)


def spy(
    obj: Any, method: str, sim: Simulation, view: Callable[..., Any] | None = None
) -> list[tuple[float, Any]]:
    """Log each call of ``obj.method`` as ``(sim time, view(*args))``; the call still runs.

    The engine calls these methods through the instance, so wrapping the instance
    attribute sees every call without touching package code.
    """
    log: list[tuple[float, Any]] = []
    original = getattr(obj, method)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        log.append((sim.env.now, view(*args) if view else args))
        return original(*args, **kwargs)

    setattr(obj, method, wrapper)
    return log


def units(batch: Iterable[Any]) -> float:
    """Units in a list of consignments."""
    return sum(c.qty for c in batch)


def deliveries(sim: Simulation, flow_index: int = 0) -> list[tuple[float, float]]:
    """Log ``(time, units)`` of every consignment of one flow that is delivered."""
    return spy(sim.flows[flow_index], "deliver", sim, lambda c, now: c.qty)


def per_time(log: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sum the units of a ``(time, units)`` log by time (one entry per instant)."""
    out: list[tuple[float, float]] = []
    for t, qty in log:
        if out and out[-1][0] == t:
            out[-1] = (t, out[-1][1] + qty)
        else:
            out.append((t, qty))
    return out


def shortened(
    scenario: Scenario, horizon_h: float = 60 * 24.0, warmup_h: float = 10 * 24.0
) -> Scenario:
    """``scenario`` with a shorter warm-up and horizon, to keep the suite fast."""
    settings = dataclasses.replace(scenario.settings, horizon_h=horizon_h, warmup_h=warmup_h)
    return dataclasses.replace(scenario, settings=settings)


@functools.cache
def bundled_run(name: str) -> tuple[Scenario, SimulationResult]:
    """A bundled scenario, shortened, and the result of simulating it with its own seed
    (cached: several test modules check the same runs)."""
    scenario = shortened(load_scenario(bundled_path(name)))
    return scenario, simulate(scenario)


def short(name: str, days: float) -> Scenario:
    """Bundled scenario ``name`` with a statistics horizon of ``days``."""
    scenario = load_scenario(bundled_path(name))
    settings = dataclasses.replace(scenario.settings, horizon_h=days * 24)
    return dataclasses.replace(scenario, settings=settings)
