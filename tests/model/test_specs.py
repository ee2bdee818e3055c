"""The frozen specs of ``corridor_sim.model`` check themselves in ``__post_init__``.

A bad value, given to the constructor or through :func:`dataclasses.replace`, raises a
:class:`ScenarioError` whose message names the field (as a key path), the rule and the
value, e.g. ``berth_time_h: must be >= 0 (got -5.0)``; a scenario checks that the names
its specs refer to exist and fit together.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from typing import Any

import pytest

import corridor_sim as cs
from corridor_sim.errors import ScenarioError, TopologyError
from corridor_sim.model import (
    Closure,
    Commodity,
    Distribution,
    Failures,
    FlowSpec,
    LinkSpec,
    NodeSpec,
    PipelineLink,
    RailLink,
    Scenario,
    SeaLink,
    SimulationSettings,
    TransferLink,
    VesselSpec,
    Weather,
)
from corridor_sim.model.distributions import deterministic

GAMMA = Distribution("gamma", 2.0, cv=0.5)
FERRY = VesselSpec("ferry", "rail_ferry", {"wagon": 50.0, "roro": 20.0}, 22.2)
WINTER = (5.0, 3.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 4.0)

#: one valid spec of each class (and of each shape the checks tell apart)
VALID: dict[str, Any] = {
    "commodity": Commodity("container", "TEU", 12.0, "container"),
    "crude": Commodity("crude", "t", 1.0, "liquid", barrels_per_tonne=7.3),
    "gamma": GAMMA,
    "uniform": Distribution("uniform", 2.0, low_h=1.0, high_h=3.0),
    "empirical": Distribution("empirical", 2.0, values_h=(1.0, 2.0, 3.0)),
    "port": NodeSpec(
        "aktau",
        "port",
        lon=51.2,
        lat=43.6,
        storage={"wagon": 400.0, "container": 3000.0},
        berths={"rail_ferry": 2, "container": 1},
        handling_rate_per_h={"wagon": 8.0, "container": 25.0},
        berth_time_h=2.0,
    ),
    "border": NodeSpec(
        "dostyk",
        "border",
        servers=2,
        service_time=GAMMA,
        gauge_change=deterministic(1.5),
        quota_per_day=28.0,
    ),
    "origin": NodeSpec("factory", "origin"),
    "transfer": TransferLink("p-m", "transfer", "p", "m", delay_h=24.0),
    "rail": RailLink(
        "f-p",
        "rail",
        "f",
        "p",
        travel_time_h=20.0,
        train_capacity={"wagon": 57.0, "container": 100.0},
        max_wait_h=24.0,
        line_capacity_per_day=20.0,
    ),
    "vessel": FERRY,
    "sea": SeaLink(
        "a-b",
        "sea",
        "a",
        "b",
        distance_km=444.5,
        fleet=(FERRY, dataclasses.replace(FERRY, name="ferry-2", home="to")),
        load_factor=0.72,
        max_wait_h=24.0,
        every_h=84.0,
    ),
    "pipeline": PipelineLink(
        "btc",
        "pipeline",
        "a",
        "b",
        capacity_t_per_h=5000.0,
        base_load_t_per_h=3000.0,
        linefill_t=1.3e6,
    ),
    "flow": FlowSpec(
        "west",
        "goods",
        "factory",
        "market",
        1.14,
        "block_train",
        50.0,
        (1.2,) * 6 + (0.8,) * 6,
        ("factory", "f-p", "port_a", "p-m", "market"),
    ),
    "closure": Closure(("aktau-alat",), 100.0, 240.0),
    "weather": Weather(("aktau", "aktau-alat"), WINTER, 48.0),
    "failures": Failures(("dostyk",), 2160.0, 120.0),
    "settings": SimulationSettings(dt.date(2024, 1, 1), 8760.0, 720.0, 1, 6.0),
}


@pytest.mark.parametrize("key", sorted(VALID))
def test_a_valid_spec_builds_and_copies(key: str) -> None:
    spec = VALID[key]
    assert dataclasses.replace(spec) == spec


def test_the_valid_specs_keep_their_values() -> None:
    assert VALID["port"].storage == {"wagon": 400.0, "container": 3000.0}  # still a dict
    assert VALID["flow"].nodes == ("factory", "port_a", "market")
    assert VALID["sea"].expected_time_h() == pytest.approx(444.5 / 22.2)
    assert Distribution("lognormal", 2.0, cv=0.8).kind == "lognormal"
    assert Distribution("exponential", 1.6).mean_h == 1.6
    assert Distribution("deterministic", 0.0).mean_h == 0.0
    assert SeaLink("s", "sea", "a", "b", 10.0, (FERRY,), max_wait_h=None, every_h=12.0)
    assert PipelineLink("p", "pipeline", "a", "b", 10.0, transit_time_h=0.0)


def case(key: str, pattern: str, /, **changes: Any) -> Any:
    """``dataclasses.replace(VALID[key], **changes)`` must raise a ScenarioError whose
    whole message matches ``pattern``."""
    return pytest.param(key, changes, pattern, id=f"{key}-{'-'.join(changes)}")


BAD = [
    # Commodity
    case("commodity", r"name: must be a non-empty name \(got ''\)", name=""),
    case("commodity", r"unit: must be one of TEU, wagon, truck, t \(got 'kg'\)", unit="kg"),
    case("commodity", r"mass_per_unit_t: must be > 0 \(got -5\.0\)", mass_per_unit_t=-5.0),
    case("commodity", r"mass_per_unit_t: must be > 0 \(got 0\)", mass_per_unit_t=0),
    case(
        "commodity",
        r"mass_per_unit_t: must be a finite number \(got nan\)",
        mass_per_unit_t=math.nan,
    ),
    case("commodity", r"mass_per_unit_t: must be a number \(got '12 t'\)", mass_per_unit_t="12 t"),
    case("commodity", r"mass_per_unit_t: must be a number \(got True\)", mass_per_unit_t=True),
    case("commodity", r"handling: must be one of container, .* \(got 'bulk'\)", handling="bulk"),
    case("crude", r"barrels_per_tonne: must be > 0 \(got 0\.0\)", barrels_per_tonne=0.0),
    case(
        "crude", r"mass_per_unit_t: must be 1 when the unit is t \(got 2\.0\)", mass_per_unit_t=2.0
    ),
    # Distribution
    case(
        "gamma",
        r"kind: must be one of deterministic, .*, empirical \(got 'weibull'\)",
        kind="weibull",
    ),
    case("gamma", r"mean_h: must be >= 0 \(got -1\.0\)", mean_h=-1.0),
    case("gamma", r"mean_h: must be a finite number \(got inf\)", mean_h=math.inf),
    case("gamma", r"mean_h: must be > 0 for a gamma distribution \(got 0\.0\)", mean_h=0.0),
    case("gamma", r"cv: must be >= 0 \(got -0\.1\)", cv=-0.1),
    case("gamma", r"cv: must be > 0 for a gamma distribution \(got 0\.0\)", cv=0.0),
    case("uniform", r"low_h: must be >= 0 \(got -1\.0\)", low_h=-1.0),
    case("uniform", r"high_h: must be >= low_h \(got 0\.5 < 1\.0\)", high_h=0.5),
    case("uniform", r"mean_h: must be \(low_h \+ high_h\) / 2 = 2 \(got 3\.0\)", mean_h=3.0),
    case("empirical", r"values_h: must list at least one duration for empirical", values_h=()),
    case("empirical", r"values_h\[1\]: must be >= 0 \(got -2\.0\)", values_h=(1.0, -2.0)),
    case(
        "empirical",
        r"values_h: must be a tuple of durations \(got list \[1\.0, 2\.0, 3\.0\]\)",
        values_h=[1.0, 2.0, 3.0],
    ),
    case("empirical", r"mean_h: must be the mean of values_h = 2 \(got 5\.0\)", mean_h=5.0),
    # NodeSpec
    case("port", r"name: must be a non-empty name \(got ''\)", name=""),
    case("port", r"name: must be a non-empty name \(got None\)", name=None),
    case(
        "port",
        r"kind: must be one of origin, .*, pipeline_terminal \(got 'airport'\)",
        kind="airport",
    ),
    case("port", r"lon: must be <= 180 \(got 200\.0\)", lon=200.0),
    case("port", r"lat: must be >= -90 \(got -91\.0\)", lat=-91.0),
    case("port", r"lon: must be a finite number \(got nan\)", lon=math.nan),
    case("port", r"storage: unknown key 'bulk'; allowed: container, .*", storage={"bulk": 5.0}),
    case("port", r"storage\.wagon: must be > 0 \(got 0\.0\)", storage={"wagon": 0.0}),
    case(
        "port", r"storage: must be a dict \(got list \[\('wagon', 1\)\]\)", storage=[("wagon", 1)]
    ),
    case("port", r"berths: a port needs berths, e\.g\. .* \(got \{\}\)", berths={}),
    case("port", r"berths\.rail_ferry: must be >= 1 \(got 0\)", berths={"rail_ferry": 0}),
    case("port", r"label: must be text \(got 5\)", label=5),
    case("port", r"label: must be non-empty text, e\.g\. 'Beineu' \(got ' '\)", label=" "),
    case(
        "port",
        r"berths\.rail_ferry: must be a whole number \(got 1\.5\)",
        berths={"rail_ferry": 1.5},
    ),
    case("port", r"berths: unknown key 'dock'; allowed: rail_ferry, .*", berths={"dock": 1}),
    case(
        "port",
        r"handling_rate_per_h\.wagon: must be > 0 \(got -8\.0\)",
        handling_rate_per_h={"wagon": -8.0},
    ),
    case("port", r"berth_time_h: must be >= 0 \(got -5\.0\)", berth_time_h=-5.0),
    case("port", r"service_time: is needed by 2 servers \(got None\)", servers=2),
    case(
        "port",
        r"gauge_change: a node of kind 'port' has no gauge_change \(got Distribution\(.*\)\)",
        gauge_change=deterministic(1.0),
        servers=1,
    ),
    case("border", r"servers: must be >= 1 when service_time is given \(got 0\)", servers=0),
    case("border", r"servers: must be >= 0 \(got -1\)", servers=-1),
    case("border", r"servers: must be a whole number \(got 2\.0\)", servers=2.0),
    case("border", r"quota_per_day: must be > 0 \(got 0\.0\)", quota_per_day=0.0),
    case(
        "border",
        r"service_time: must be a Distribution or None \(got float 4\.0\)",
        service_time=4.0,
    ),
    case(
        "border",
        r"berths: a node of kind 'border' has no berths \(got \{'rail_ferry': 1\}\)",
        berths={"rail_ferry": 1},
    ),
    case(
        "border",
        r"berth_time_h: a node of kind 'border' has no berth_time_h \(got 2\.0\)",
        berth_time_h=2.0,
    ),
    case(
        "origin",
        r"quota_per_day: a node of kind 'origin' has no quota_per_day \(got 5\.0\)",
        quota_per_day=5.0,
    ),
    # links: what every kind checks, then each kind's own fields
    case("transfer", r"name: must be a non-empty name \(got ''\)", name=""),
    case(
        "transfer",
        r"kind: must be one of transfer, rail, sea, pipeline \(got 'ship'\)",
        kind="ship",
    ),
    case("transfer", r"kind: must be 'transfer' for a TransferLink \(got 'rail'\)", kind="rail"),
    case("transfer", r"origin: must be a non-empty name \(got ''\)", origin=""),
    case(
        "transfer",
        r"destination: a link must join two different nodes \(both are 'p'\)",
        destination="p",
    ),
    case("transfer", r"delay_h: must be >= 0 \(got -1\.0\)", delay_h=-1.0),
    case("rail", r"kind: must be 'rail' for a RailLink \(got 'sea'\)", kind="sea"),
    case("rail", r"travel_time_h: must be >= 0 \(got -1\.0\)", travel_time_h=-1.0),
    case("rail", r"travel_time_h: must be a finite number \(got inf\)", travel_time_h=math.inf),
    case(
        "rail",
        r"train_capacity: must give a value for at least one of container, .*",
        train_capacity={},
    ),
    case(
        "rail", r"train_capacity\.wagon: must be >= 1 \(got 0\.5\)", train_capacity={"wagon": 0.5}
    ),
    case("rail", r"max_wait_h: must be a finite number \(got nan\)", max_wait_h=math.nan),
    case("rail", r"line_capacity_per_day: must be > 0 \(got 0\.0\)", line_capacity_per_day=0.0),
    case("vessel", r"name: must be a non-empty name \(got ''\)", name=""),
    case("vessel", r"berth: must be one of rail_ferry, .* \(got 'quay'\)", berth="quay"),
    case("vessel", r"capacity: must give a value for at least one of container, .*", capacity={}),
    case("vessel", r"capacity\.roro: must be >= 1 \(got 0\.5\)", capacity={"roro": 0.5}),
    case("vessel", r"speed_kmh: must be > 0 \(got 0\.0\)", speed_kmh=0.0),
    case("vessel", r"home: must be one of from, to \(got 'away'\)", home="away"),
    case("sea", r"distance_km: must be > 0 \(got 0\.0\)", distance_km=0.0),
    case("sea", r"fleet: needs at least one vessel", fleet=()),
    case("sea", r"fleet: must be a tuple of VesselSpec \(got list \[.*", fleet=[FERRY]),
    case("sea", r"fleet\[0\]: must be a VesselSpec \(got str 'ferry'\)", fleet=("ferry",)),
    case("sea", r"fleet\[1\]\.name: vessel name 'ferry' is used twice", fleet=(FERRY, FERRY)),
    case("sea", r"load_factor: must be > 0 \(got 0\.0\)", load_factor=0.0),
    case("sea", r"load_factor: must be <= 1 \(got 1\.2\)", load_factor=1.2),
    case("sea", r"max_wait_h: must be >= 0 \(got -1\.0\)", max_wait_h=-1.0),
    case("sea", r"every_h: must be > 0 \(got 0\.0\)", every_h=0.0),
    case(
        "sea",
        r"every_h: give max_wait_h, every_h or both \(both are None\)",
        max_wait_h=None,
        every_h=None,
    ),
    case("pipeline", r"capacity_t_per_h: must be > 0 \(got 0\.0\)", capacity_t_per_h=0.0),
    case(
        "pipeline",
        r"base_load_t_per_h: must not exceed capacity_t_per_h 5000 \(got 6000\.0\)",
        base_load_t_per_h=6000.0,
    ),
    case("pipeline", r"base_load_t_per_h: must be >= 0 \(got -1\.0\)", base_load_t_per_h=-1.0),
    case("pipeline", r"linefill_t: must be > 0 \(got -1\.0\)", linefill_t=-1.0),
    case(
        "pipeline",
        r"transit_time_h: give exactly one of linefill_t and transit_time_h "
        r"\(got linefill_t=1300000\.0, transit_time_h=10\.0\)",
        transit_time_h=10.0,
    ),
    case(
        "pipeline",
        r"transit_time_h: give exactly one of .* \(got linefill_t=None, transit_time_h=None\)",
        linefill_t=None,
    ),
    # FlowSpec
    case("flow", r"name: must be a non-empty name \(got ''\)", name=""),
    case("flow", r"commodity: must be a non-empty name \(got ''\)", commodity=""),
    case(
        "flow",
        r"destination: must differ from the origin \(both are 'factory'\)",
        destination="factory",
    ),
    case("flow", r"volume_units_per_h: must be >= 0 \(got -1\.0\)", volume_units_per_h=-1.0),
    case(
        "flow",
        r"volume_units_per_h: must be a finite number \(got inf\)",
        volume_units_per_h=math.inf,
    ),
    case("flow", r"pattern: must be one of poisson, .* \(got 'burst'\)", pattern="burst"),
    case("flow", r"size_units: must be > 0 \(got 0\.0\)", size_units=0.0),
    case("flow", r"seasonality: needs 12 monthly factors \(got 11\)", seasonality=(1.0,) * 11),
    case(
        "flow",
        r"seasonality: must be a tuple of 12 monthly factors \(got list .*\)",
        seasonality=[1.0] * 12,
    ),
    case(
        "flow", r"seasonality\[11\]: must be >= 0 \(got -1\.0\)", seasonality=(1.0,) * 11 + (-1.0,)
    ),
    case(
        "flow",
        r"seasonality: factors must not all be zero \(got \(0\.0, .*\)\)",
        seasonality=(0.0,) * 12,
    ),
    case(
        "flow",
        r"path: must alternate node and link names .* \(got 2: \('factory', 'f-p'\)\)",
        path=("factory", "f-p"),
    ),
    case("flow", r"path\[1\]: must be a non-empty name \(got ''\)", path=("factory", "", "market")),
    case(
        "flow",
        r"path: must start at origin 'factory' and end at destination 'market' "
        r"\(got 'port_a' \.\.\. 'market'\)",
        path=("port_a", "p-m", "market"),
    ),
    case(
        "flow",
        r"path: must not visit a node twice \(got .*\)",
        path=("factory", "f-p", "port_a", "x", "factory", "y", "market"),
    ),
    # disruptions
    case("closure", r"elements: must name at least one node or link \(got \(\)\)", elements=()),
    case("closure", r"elements: must be a tuple of names \(got str 'aktau'\)", elements="aktau"),
    case("closure", r"elements\[1\]: must be a non-empty name \(got ''\)", elements=("aktau", "")),
    case("closure", r"start_h: must be >= 0 \(got -1\.0\)", start_h=-1.0),
    case("closure", r"duration_h: must be > 0 \(got 0\.0\)", duration_h=0.0),
    case("weather", r"elements: must name at least one node or link \(got \(\)\)", elements=()),
    case(
        "weather",
        r"closure_days_per_month: needs 12 values \(got 11\)",
        closure_days_per_month=WINTER[:11],
    ),
    case(
        "weather",
        r"closure_days_per_month\[1\]: must be <= 29, the days in Feb \(got 30\.0\)",
        closure_days_per_month=(5.0, 30.0, *WINTER[2:]),
    ),
    case(
        "weather",
        r"closure_days_per_month\[0\]: must be <= 31, the days in Jan \(got 31\.5\)",
        closure_days_per_month=(31.5, *WINTER[1:]),
    ),
    case(
        "weather",
        r"closure_days_per_month\[3\]: must be >= 0 \(got -1\.0\)",
        closure_days_per_month=(*WINTER[:3], -1.0, *WINTER[4:]),
    ),
    case("weather", r"mean_episode_h: must be > 0 \(got 0\.0\)", mean_episode_h=0.0),
    case("failures", r"mtbf_h: must be > 0 \(got 0\.0\)", mtbf_h=0.0),
    case("failures", r"mttr_h: must be > 0 \(got -1\.0\)", mttr_h=-1.0),
    case("failures", r"mttr_h: must be a finite number \(got nan\)", mttr_h=math.nan),
    # SimulationSettings
    case("settings", r"start: must be a date \(got str '2024-01-01'\)", start="2024-01-01"),
    case("settings", r"horizon_h: must be > 0 \(got 0\.0\)", horizon_h=0.0),
    case("settings", r"warmup_h: must be >= 0 \(got -1\.0\)", warmup_h=-1.0),
    case("settings", r"seed: must be >= 0 \(got -1\)", seed=-1),
    case("settings", r"seed: must be a whole number \(got 1\.5\)", seed=1.5),
    case("settings", r"sample_interval_h: must be > 0 \(got 0\.0\)", sample_interval_h=0.0),
]


@pytest.mark.parametrize(("key", "changes", "pattern"), BAD)
def test_a_bad_field_is_named_with_rule_and_value(
    key: str, changes: dict[str, Any], pattern: str
) -> None:
    with pytest.raises(ScenarioError, match=f"^{pattern}$") as info:
        dataclasses.replace(VALID[key], **changes)
    assert info.value.key_path  # the field, as a key path
    assert str(info.value).startswith(info.value.key_path + ": ")


def test_the_constructor_checks_too() -> None:
    with pytest.raises(ScenarioError, match=r"^speed_kmh: must be > 0 \(got -3\.0\)$"):
        VesselSpec("ferry", "rail_ferry", {"wagon": 50.0}, -3.0)
    with pytest.raises(ScenarioError, match=r"^distance_km: must be > 0 \(got 0\.0\)$"):
        SeaLink("s", "sea", "a", "b")  # the defaults alone are no sea link
    with pytest.raises(ScenarioError, match=r"^mean_h: must be >= 0 \(got -2\.0\)$"):
        deterministic(-2.0)


def test_a_huge_value_is_clipped_in_the_message() -> None:
    with pytest.raises(ScenarioError) as info:
        dataclasses.replace(VALID["closure"], elements="x" * 100_000)
    assert len(str(info.value)) < 300
    assert "(100,002 characters)" in str(info.value)


# -- a whole scenario --------------------------------------------------------------------
TEACHING = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
FLOW = TEACHING.flows["goods_west"]
SEA = TEACHING.links["port_a-port_b"]
TRANSFER = TEACHING.links["port_b-market"]


def test_a_flow_of_a_missing_commodity_is_refused() -> None:
    steel = dataclasses.replace(FLOW, commodity="steel")
    with pytest.raises(
        ScenarioError, match=r"^flows\.goods_west\.commodity: no commodity named 'steel'$"
    ):
        dataclasses.replace(TEACHING, flows={"goods_west": steel})


def test_the_bundled_scenarios_pass_their_own_checks() -> None:
    for name in cs.bundled_names():
        scenario = cs.load_scenario(cs.bundled_path(name))
        assert dataclasses.replace(scenario) == scenario


def with_path(*path: str) -> dict[str, FlowSpec]:
    return {"goods_west": dataclasses.replace(FLOW, path=path)}


ROUTE = ("factory", "factory-port_a", "port_a", "port_a-port_b", "port_b")
PORT_B = TEACHING.nodes["port_b"]

BAD_SCENARIOS = [
    pytest.param({"flows": {}}, r"flows: needs at least one flow", id="no flows"),
    pytest.param(
        {
            "flows": with_path(
                "factory", "nowhere", "port_a", "port_a-port_b", "port_b", "x", "market"
            )
        },
        r"flows\.goods_west\.path\[1\]: no link named 'nowhere'",
        id="unknown link",
    ),
    pytest.param(
        {"flows": with_path("factory", "factory-port_a", "port_x", "port_b-market", "market")},
        r"flows\.goods_west\.path\[2\]: no node named 'port_x'",
        id="unknown node",
    ),
    pytest.param(
        {"flows": with_path(*ROUTE[:2], "port_b", "port_b-market", "market")},
        r"flows\.goods_west\.path\[1\]: link 'factory-port_a' does not lead from 'factory' to "
        r"'port_b'",
        id="link elsewhere",
    ),
    pytest.param(
        {"flows": {"goods_west": dataclasses.replace(FLOW, path=())}},
        r"flows\.goods_west\.path: must give the route, origin first \(got \(\)\)",
        id="no route",
    ),
    pytest.param(
        {"commodities": {"goods": Commodity("goods", "TEU", 12.0, "container")}},
        r"flows\.goods_west\.path\[1\]: rail link 'factory-port_a' has no train capacity "
        r"for 'container'",
        id="not carried",
    ),
    pytest.param(
        {
            "links": {
                **TEACHING.links,
                "port_b-market": dataclasses.replace(TRANSFER, destination="x"),
            }
        },
        r"links\.port_b-market\.destination: no node named 'x'",
        id="dangling link",
    ),
    pytest.param(
        {"nodes": {**TEACHING.nodes, "port_b": dataclasses.replace(PORT_B, berths={"roro": 1})}},
        r"links\.port_a-port_b\.fleet\[0\]\.berth: port 'port_b' has no 'rail_ferry' berth "
        r"\(it has: roro\)",
        id="no berth",
    ),
    pytest.param(
        {"nodes": {**TEACHING.nodes, "port_b": NodeSpec("port_b", "terminal")}},
        r"links\.port_a-port_b: a sea link must join two ports \('port_b' is a terminal\)",
        id="sea to a terminal",
    ),
    pytest.param(
        {"nodes": {**TEACHING.nodes, "b": PORT_B}},
        r"nodes\.b\.name: must equal its key 'b' \(got 'port_b'\)",
        id="key is not the name",
    ),
    pytest.param(
        {"links": {**TEACHING.links, "port_a": dataclasses.replace(TRANSFER, name="port_a")}},
        r"links\.port_a: 'port_a' names both a node and a link",
        id="node and link",
    ),
    pytest.param(
        {"links": {"x": LinkSpec("x", "transfer", "port_b", "market")}},
        r"links\.x: must be a TransferLink, RailLink, SeaLink or PipelineLink \(got LinkSpec .*\)",
        id="plain link",
    ),
    pytest.param(
        {"disruptions": (Closure(("port_a", "nowhere"), 0.0, 24.0),)},
        r"disruptions\[0\]\.elements\[1\]: no node or link named 'nowhere'",
        id="unknown element",
    ),
    pytest.param(
        {"disruptions": [Closure(("port_a",), 0.0, 24.0)]},
        r"disruptions: must be a tuple of Closure, Weather or Failures \(got list .*\)",
        id="disruption list",
    ),
    pytest.param(
        {"settings": SimulationSettings(horizon_h=300 * 8760.0, sample_interval_h=24.0)},
        r"settings\.horizon_h: warm-up plus horizon must be at most 200 yr \(got 300 yr\)",
        id="200 years",
    ),
    pytest.param(
        {"settings": SimulationSettings(horizon_h=8760.0, sample_interval_h=0.001)},
        r"settings\.sample_interval_h: would take more than 1,000,000 samples over 8760 h; "
        r"make it longer \(got 0\.001\)",
        id="a million samples",
    ),
    pytest.param(
        {"flows": {"goods_west": dataclasses.replace(FLOW, volume_units_per_h=1e6)}},
        r"flows\.goods_west\.volume_units_per_h: would bring about 1\.9e\+08 arrivals in the "
        r"run \(at most 1e\+08\)",
        id="too many arrivals",
    ),
    pytest.param(
        {"settings": {"horizon_h": 24.0}},
        r"settings: must be a SimulationSettings .*",
        id="settings",
    ),
]


@pytest.mark.parametrize(("changes", "pattern"), BAD_SCENARIOS)
def test_a_scenario_checks_its_parts_fit(changes: dict[str, Any], pattern: str) -> None:
    with pytest.raises(ScenarioError, match=f"^{pattern}") as info:
        dataclasses.replace(TEACHING, **changes)
    assert str(info.value).startswith(info.value.key_path + ": ")


def test_the_network_errors_are_topology_errors() -> None:
    with pytest.raises(TopologyError):
        dataclasses.replace(TEACHING, flows=with_path("factory", "nowhere", "market"))
    with pytest.raises(TopologyError):
        dataclasses.replace(
            TEACHING,
            links={**TEACHING.links, "port_b-market": dataclasses.replace(TRANSFER, origin="x")},
        )


def test_a_valid_change_still_builds() -> None:
    slower = dataclasses.replace(
        SEA, fleet=tuple(dataclasses.replace(v, speed_kmh=10.0) for v in SEA.fleet)
    )
    changed = dataclasses.replace(
        TEACHING,
        links={**TEACHING.links, SEA.name: slower},
        settings=dataclasses.replace(TEACHING.settings, horizon_h=30 * 24.0),
    )
    assert isinstance(changed, Scenario)
    assert changed.links[SEA.name].expected_time_h() > SEA.expected_time_h()
    assert isinstance(changed.nodes, dict) and isinstance(changed.flows, dict)


def test_the_error_message_text_is_the_house_style() -> None:
    with pytest.raises(ScenarioError) as info:
        dataclasses.replace(VALID["port"], berth_time_h=-5.0)
    err = info.value
    assert (err.key_path, err.reason, err.file, err.line) == (
        "berth_time_h",
        "must be >= 0 (got -5.0)",
        None,
        None,
    )
    assert re.fullmatch(r"berth_time_h: must be >= 0 \(got -5\.0\)", str(err))


def test_a_node_shows_its_label_or_a_readable_id() -> None:
    assert NodeSpec("beineu_road", "origin").display_name == "Beineu road"
    assert NodeSpec("kuryk-alat", "origin").display_name == "Kuryk alat"
    labelled = dataclasses.replace(VALID["port"], label="Aktau (sea port)")
    assert labelled.display_name == "Aktau (sea port)"
    assert VALID["port"].label is None


def test_the_loader_reads_a_node_label_and_refuses_an_empty_one() -> None:
    from helpers import build, flow, scenario

    def mapping(label: object) -> dict:
        nodes = {"a": {"kind": "origin", "label": label}, "b": {"kind": "destination"}}
        links = {"a-b": {"kind": "transfer", "from": "a", "to": "b", "delay": "1 h"}}
        return scenario(nodes, links, {"f": flow(["a", "b"], "10 t/day", "1 wagon")})

    assert build(mapping(" Beineu (road) ")).nodes["a"].display_name == "Beineu (road)"
    for bad in ("", "  ", 7, ["x"]):
        with pytest.raises(ScenarioError, match=r"nodes\.a\.label: must be non-empty text"):
            build(mapping(bad))
