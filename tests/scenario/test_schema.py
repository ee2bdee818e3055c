"""The JSON Schema of the scenario format: generated from the loader, shipped beside the
bundled scenarios, met by every bundled file, and strict enough to catch a typo."""

import json
import re

import jsonschema
import pytest
import yaml

import corridor_sim as cs
from corridor_sim import units
from corridor_sim.scenario.bundled import bundled_dir, bundled_names, bundled_path
from corridor_sim.scenario.schema import (
    scenario_schema,
    schema_path,
    schema_text,
    shapes,
    write_schema,
)

MODELINE = "# yaml-language-server: $schema=scenario.schema.json"


@pytest.fixture(scope="module")
def validator():
    schema = scenario_schema()
    jsonschema.Draft7Validator.check_schema(schema)  # a well-formed draft-07 schema
    return jsonschema.Draft7Validator(schema)


def as_json(text: str):
    """A YAML document as an editor's YAML 1.2 server sees it: dates are text."""
    return json.loads(json.dumps(yaml.safe_load(text), default=str))


TEACHING = bundled_path("teaching_two_ports").read_text(encoding="utf-8")


def changed(path: str, value=None, *, rename: str = "", text: str = TEACHING):
    """The teaching scenario (as JSON data) with the key at dotted ``path`` set to
    ``value``, or renamed to ``rename``."""
    data = as_json(text)
    *parents, last = path.split(".")
    mapping = data
    for part in parents:
        mapping = mapping[int(part)] if isinstance(mapping, list) else mapping[part]
    if rename:
        mapping[rename] = mapping.pop(last)
    elif isinstance(mapping, list):
        mapping[int(last)] = value
    else:
        mapping[last] = value
    return data


def errors_of(validator, data) -> list[str]:
    """Each schema error as ``key.path: message``."""
    errors = validator.iter_errors(data)
    return [".".join(map(str, e.absolute_path)) + ": " + e.message for e in errors]


@pytest.mark.parametrize("name", bundled_names())
def test_bundled_scenarios_meet_the_schema(validator, name):
    """Every bundled scenario (sources.yaml is not one) validates against the schema."""
    text = bundled_path(name).read_text(encoding="utf-8")
    assert errors_of(validator, as_json(text)) == []


@pytest.mark.parametrize("name", bundled_names())
def test_bundled_scenarios_name_the_schema_on_their_first_line(name):
    """VS Code's YAML extension reads the schema from the file's first-line modeline."""
    first = bundled_path(name).read_text(encoding="utf-8").splitlines()[0]
    assert first == MODELINE


def test_the_shipped_schema_is_the_generated_one():
    """scenarios/scenario.schema.json is up to date (python -m corridor_sim.scenario.schema)."""
    assert schema_path() == bundled_dir() / "scenario.schema.json"
    assert schema_path().read_text(encoding="utf-8") == schema_text()
    assert json.loads(schema_text()) == scenario_schema()


def test_write_schema_writes_the_generated_text(tmp_path):
    path = write_schema(tmp_path / "s.json")
    assert path.read_text(encoding="utf-8") == schema_text()


FLEET = "links.port_a-port_b.fleet.0"


@pytest.mark.parametrize(
    ("path", "value", "rename", "where", "message"),
    [
        ("simulation.horizon", None, "horizn", "simulation", "'horizn' was unexpected"),
        ("flows", None, "flow", "", "'flow' was unexpected"),
        ("nodes.port_a.berth_time", None, "berth_tme", "nodes.port_a", "'berth_tme' was"),
        ("simulation.horizon", 365, "", "simulation.horizon", "365 is not of type 'string'"),
        ("simulation.horizon", "365", "", "simulation.horizon", "does not match"),
        ("links.port_b-market.delay", "1,5 day", "", "links.port_b-market.delay", "match"),
        (f"{FLEET}.speed", "12 furlong", "", f"{FLEET}.speed", "does not match"),
        ("links.port_a-port_b.distance", "200 h", "", "links.port_a-port_b.distance", "match"),
        ("nodes.factory.kind", "source", "", "nodes.factory.kind", "'source' is not one of"),
        ("nodes.factory.berth_time", "2 h", "", "nodes.factory", "'berth_time' is not one of"),
        (f"{FLEET}.count", 0, "", f"{FLEET}.count", "less than the minimum of 1"),
        (
            "disruptions.0.closure_days_per_month.1",
            30,
            "",
            "disruptions.0.closure_days_per_month.1",
            "30 is greater than the maximum of 29",
        ),
    ],
    ids=[
        "misspelt-simulation-key",
        "misspelt-top-key",
        "misspelt-node-key",
        "bare-number",
        "no-unit",
        "decimal-comma",
        "unknown-unit",
        "wrong-dimension",
        "unknown-kind",
        "key-of-another-kind",
        "count",
        "february",
    ],
)
def test_the_schema_catches_mistakes(validator, path, value, rename, where, message):
    """A typo, a quantity without its unit, a key the node's kind does not have: each is
    flagged at its key path (and the loader refuses the same file)."""
    data = changed(path, value, rename=rename)
    found = errors_of(validator, data)
    assert any(p.startswith(where + ": ") and message in p for p in found), found
    with pytest.raises(cs.ScenarioError):
        cs.build_scenario(data)


def test_the_schema_accepts_what_people_write(validator):
    """Unit aliases the loader reads are valid in the editor too."""
    data = changed(f"{FLEET}.speed", "12 knots")
    data["links"]["port_a-port_b"]["distance"] = "200 nm"
    data["links"]["port_b-market"]["delay"] = "24 hours"
    assert errors_of(validator, data) == []
    cs.build_scenario(data)


def test_a_file_with_base_may_give_part_of_each_mapping(validator, tmp_path):
    """Under ``base:`` nothing is required and null removes a key; without it the same
    content misses required keys."""
    child = "base: teaching_two_ports.yaml\nsimulation: {horizon: 30 day, warmup: null}\n"
    child += "nodes: {port_a: {berth_time: 3 h}}\n"
    assert errors_of(validator, as_json(child)) == []
    (tmp_path / "teaching_two_ports.yaml").write_text(TEACHING, encoding="utf-8")
    (tmp_path / "child.yaml").write_text(child, encoding="utf-8")
    assert cs.load_scenario(tmp_path / "child.yaml").settings.horizon_h == 720.0
    alone = child.removeprefix("base: teaching_two_ports.yaml\n")
    assert any("'links' is a required property" in p for p in errors_of(validator, as_json(alone)))
    typo = child.replace("berth_time", "berthtime")
    assert any("'berthtime' was unexpected" in p for p in errors_of(validator, as_json(typo)))


@pytest.mark.parametrize(
    ("path", "context", "kind"),
    [
        ("nodes.port_a", "node", "port"),
        ("nodes.factory", "node", "origin"),
        ("links.port_b-market", "link", "transfer"),
        ("links.factory-port_a", "link", "rail"),
        ("links.port_a-port_b", "link", "sea"),
        ("flows.goods_west", "flow", ""),
        ("commodities.goods", "commodity", ""),
        ("disruptions.0", "disruption", "weather"),
        ("simulation", "simulation", ""),
        (FLEET, "vessel", ""),
        ("", "scenario", ""),
    ],
)
def test_schema_keys_are_the_loader_keys(validator, path, context, kind):
    """The schema allows exactly the keys the loader lists when it refuses a key."""
    data = changed(f"{path}.colour" if path else "colour", "red")
    with pytest.raises(cs.ScenarioError) as info:
        cs.build_scenario(data)
    match = re.search(r"unknown key 'colour'; allowed: (.*)$", info.value.reason)
    assert match, info.value
    allowed = match.group(1).split(", ")
    definition = validator.schema["definitions"][context]
    if kind:
        branch = next(
            b["then"] for b in definition["allOf"] if b["if"]["properties"]["kind"]["const"] == kind
        )
        assert branch["propertyNames"]["enum"] == allowed
        assert set(allowed) <= set(definition["properties"])
    else:
        assert list(definition["properties"]) == allowed
    assert shapes()[context][1][kind][0] == allowed


@pytest.mark.parametrize(
    "name", sorted(n for n in scenario_schema()["definitions"] if n.startswith("quantity_"))
)
def test_quantity_patterns_agree_with_the_parser(name):
    """Each unit spelling the pattern accepts parses to one of its dimensions, and every
    spelling of those dimensions is accepted; numbers with commas are not."""
    pattern = re.compile(scenario_schema()["definitions"][name]["pattern"])
    dims = name.removeprefix("quantity_").replace("_per_", "/").split("_or_")
    for dim in dims:
        num, _, den = dim.partition("/")
        spelt = units.spellings(num)
        if den:
            spelt = [f"{u}/{v}" for u in spelt for v in units.spellings(den)]
            spelt += units.spellings(dim)
        for unit in spelt:
            assert pattern.match(f" 12.5e1 {unit} "), unit
            # 1.25, not 12.5: '12.5 Mt/cm' is 1.25e12 t/km, past the parser's size bound
            assert units.parse(f"1.25 {unit}").dimension in dims, unit
    unit = "/".join(units.spellings(d)[0] for d in dims[0].split("/"))
    assert pattern.match(f"1_500 {unit}")
    assert not pattern.match(f"1,5 {unit}")
    assert not pattern.match(f"1,500 {unit}")
    assert not pattern.match("12")


def with_call(data):
    """``data`` with every key of a vessel call given: formalities and an entry window at
    port_a, maintenance of the ferries, waiting alongside."""
    port = data["nodes"]["port_a"]
    port["formalities"] = {
        "arrival": {"dist": "gamma", "mean": "3 h", "cv": 0.5},
        "departure": "1 h",
    }
    port["entry_window"] = {"from": "6 h", "to": "18 h"}
    link = data["links"]["port_a-port_b"]
    link["fleet"][0]["maintenance"] = {"every": "365 day", "duration": "14 day"}
    link["departure"]["wait_at"] = "berth"
    return data


def test_the_keys_of_a_vessel_call_are_valid_in_schema_and_loader(validator):
    data = with_call(as_json(TEACHING))
    assert errors_of(validator, data) == []
    built = cs.build_scenario(data)
    port, link = built.nodes["port_a"], built.links["port_a-port_b"]
    assert port.formalities_arrival.mean_h == 3.0 and port.formalities_departure.mean_h == 1.0
    assert (port.entry_window.from_h, port.entry_window.to_h) == (6.0, 18.0)
    assert link.fleet[0].maintenance.share == pytest.approx(14 / 365)
    assert link.wait_at == "berth"


@pytest.mark.parametrize(
    ("path", "value", "where", "message"),
    [
        (f"{FLEET}.maintenance", {"every": "365 day"}, FLEET, "'duration' is a required"),
        ("links.port_a-port_b.departure.wait_at", "quay", "links", "'quay' is not one of"),
        ("nodes.port_a.entry_window", {"from": "6 h"}, "nodes.port_a", "'to' is a required"),
        ("nodes.port_a.formalities", {"arival": "1 h"}, "nodes.port_a", "'arival' was"),
    ],
    ids=["maintenance-duration", "wait-at", "entry-window-to", "formalities-typo"],
)
def test_the_schema_catches_mistakes_in_a_vessel_call(validator, path, value, where, message):
    data = changed(path, value, text=TEACHING)
    found = errors_of(validator, data)
    assert any(p.startswith(where) and message in p for p in found), found
    with pytest.raises(cs.ScenarioError):
        cs.build_scenario(data)


@pytest.mark.parametrize(
    ("path", "context"),
    [
        ("nodes.port_a.formalities", "formalities"),
        ("nodes.port_a.entry_window", "entry_window"),
        (f"{FLEET}.maintenance", "maintenance"),
        ("links.port_a-port_b.departure", "departure"),
    ],
)
def test_schema_keys_of_a_vessel_call_are_the_loader_keys(validator, path, context):
    """As test_schema_keys_are_the_loader_keys, for the mappings of a vessel call."""
    data = with_call(as_json(TEACHING))
    mapping = data
    for part in path.split("."):
        mapping = mapping[int(part)] if isinstance(mapping, list) else mapping[part]
    mapping["colour"] = "red"
    with pytest.raises(cs.ScenarioError) as info:
        cs.build_scenario(data)
    match = re.search(r"unknown key 'colour'; allowed: (.*)$", info.value.reason)
    assert match, info.value
    allowed = match.group(1).split(", ")
    assert list(validator.schema["definitions"][context]["properties"]) == allowed
    assert shapes()[context][1][""][0] == allowed


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("nodes.port_a.entry_window", {"from": "25 h", "to": "6 h"}, "below 24 h"),
        ("nodes.port_a.entry_window", {"from": "6 h", "to": "6 h"}, "must differ from 'from'"),
        (f"{FLEET}.maintenance", {"every": "10 day", "duration": "10 day"}, "shorter than"),
    ],
    ids=["hour-25", "empty-window", "longer-than-period"],
)
def test_the_loader_refuses_what_the_schema_cannot_check(validator, path, value, message):
    """Times of day below 24 h and maintenance shorter than its period: valid text for
    the schema, refused by the loader at the key."""
    data = changed(path, value)
    assert errors_of(validator, data) == []
    with pytest.raises(cs.ScenarioError, match=message) as info:
        cs.build_scenario(data)
    assert info.value.key_path.startswith(path.replace(".0", "[0]"))


def test_a_departure_with_only_wait_at_keeps_the_default_max_wait():
    data = changed("links.port_a-port_b.departure", {"wait_at": "berth"})
    link = cs.build_scenario(data).links["port_a-port_b"]
    assert (link.wait_at, link.max_wait_h, link.every_h) == ("berth", 24.0, None)
    empty = changed("links.port_a-port_b.departure", {})
    with pytest.raises(cs.ScenarioError, match="give 'max_wait', 'every' or both"):
        cs.build_scenario(empty)
