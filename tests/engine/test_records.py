"""What a run hands back: plain records, written by each engine class, that balance."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator
from typing import Any

import pytest

import corridor_sim as cs
from corridor_sim.engine import RunRecord, Simulation
from corridor_sim.engine.records import ElementRecord, FlowRecord


@pytest.fixture(scope="module")
def record() -> RunRecord:
    scenario = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
    return Simulation(scenario, seed=3, trace_activity=True).run()


def walk(value: Any) -> Iterator[Any]:
    """``value`` and everything it holds: dataclass fields, mapping items, sequence items."""
    yield value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if isinstance(value, cs.Scenario):
            return  # the specs the run was made from
        for f in dataclasses.fields(value):
            yield from walk(getattr(value, f.name))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from walk(k)
            yield from walk(v)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from walk(item)


def test_the_record_holds_plain_python_and_no_engine_state(record):
    modules = {type(v).__module__.split(".")[0] for v in walk(record)}
    assert "pandas" not in modules and "simpy" not in modules, modules
    engine_state = {
        type(v).__name__
        for v in walk(record)
        if type(v).__module__.startswith("corridor_sim.engine")
        and not type(v).__module__.endswith(("records", "stats"))
    }
    assert engine_state == set()


def test_each_kind_of_element_writes_its_own_part(record):
    by_name: dict[str, ElementRecord] = {e.name: e for e in record.elements}
    sea, port, transfer = by_name["port_a-port_b"], by_name["port_a"], by_name["port_b-market"]
    assert [v.name for v in sea.vessels] and not port.vessels
    assert {b.berth for b in port.berths} == {"rail_ferry"} and not sea.berths
    assert 0 < sea.utilisation <= 1 and math.isnan(transfer.utilisation)
    assert sea.active_periods and transfer.active_periods is None  # traced: limited only
    hours = sum(sea.vessels[0].hours.values())
    assert hours == pytest.approx(record.horizon_h)  # every hour of the period in a state


def test_flows_and_elements_balance_in_the_record(record):
    flow: FlowRecord = record.flows[0]
    assert flow.generated_units == pytest.approx(flow.delivered_units + flow.in_system_units)
    for e in record.elements:
        for k in range(len(record.commodities)):
            assert e.units_in[k] - e.units_out[k] == pytest.approx(e.present_units[k], abs=1e-6)
    route = len(cs.load_scenario(cs.bundled_path("teaching_two_ports")).flows[flow.name].path)
    assert {s.position for s in flow.stages} <= set(range(route + 1))
    assert sum(flow.daily.values()) == pytest.approx(flow.delivered_units)


def test_the_result_reads_only_the_record(record):
    result = cs.SimulationResult.from_record(record)
    assert result.flows.loc[0, "delivered_units"] == record.flows[0].delivered_period_units
    assert list(result.elements["element"]) == [e.name for e in record.elements]
