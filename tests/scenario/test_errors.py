"""Scenario errors: every mistake in a scenario file raises ScenarioError reading
``file:line: key.path: what is wrong``, naming what is allowed where that helps."""

import re

import pytest

import corridor_sim as cs

VALID = """\
simulation:
  horizon: 10 day
  seed: 1
commodities:
  goods: {unit: wagon, mass_per_unit: 60 t, handling: wagon}
  crude: {unit: t, mass_per_unit: 1 t, handling: liquid}
nodes:
  a:
    kind: port
    berths: {rail_ferry: 1}
    handling_rate: {wagon: 10 wagon/h}
  b:
    kind: port
    berths: {rail_ferry: 1}
    handling_rate: {wagon: 10 wagon/h}
  d:
    kind: destination
links:
  a-b:
    kind: sea
    from: a
    to: b
    distance: 100 km
    fleet:
      - name: ferry
        berth: rail_ferry
        capacity: {wagon: 10 wagon}
        speed: 10 kn
  b-d:
    kind: transfer
    from: b
    to: d
    delay: 1 h
flows:
  f:
    commodity: goods
    origin: a
    destination: d
    volume: 1000 wagon/yr
    route: [a, b, d]
"""


def edit(old: str, new: str, text: str = VALID) -> str:
    """``text`` with the one occurrence of ``old`` replaced by ``new``."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def line_of(text: str, fragment: str) -> int:
    """The 1-based number of the one line of ``text`` containing ``fragment``."""
    lines = [i for i, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(lines) == 1, fragment
    return lines[0]


def load_error(tmp_path, text: str | bytes, name: str = "scenario.yaml") -> cs.ScenarioError:
    """Write ``text`` to a file, load it, and return the ScenarioError raised."""
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    with pytest.raises(cs.ScenarioError) as info:
        cs.load_scenario(path)
    return info.value


def assert_message(
    err: cs.ScenarioError, file, line: int | None, key_path: str, reason: str
) -> None:
    """The message is ``file:line: key_path: reason...`` (``reason`` is a regex)."""
    where = f"{file}:{line}: " if line else f"{file}: "
    prefix = where + (f"{key_path}: " if key_path else "")
    assert str(err).startswith(prefix), str(err)
    assert re.match(reason, str(err)[len(prefix) :]), str(err)
    assert (err.file, err.line, err.key_path) == (str(file), line, key_path)


def test_valid_file_loads(tmp_path):
    """The template all other cases break is itself valid."""
    path = tmp_path / "ok.yaml"
    path.write_text(VALID)
    scenario = cs.load_scenario(path)
    assert (scenario.name, scenario.settings.horizon_h) == ("ok", 240.0)
    assert scenario.flows["f"].path == ("a", "a-b", "b", "b-d", "d")


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    """Broken YAML: the message has the file and the line of the problem."""
    text = edit("    to: b\n", "    to: b: c\n")
    err = load_error(tmp_path, text)
    assert_message(
        err,
        tmp_path / "scenario.yaml",
        line_of(text, "to: b: c"),
        "",
        "YAML syntax error: mapping values are not allowed here",
    )


def test_unknown_key_lists_the_allowed_keys(tmp_path):
    """A misspelt or unsupported key is refused with the keys allowed there."""
    text = edit("    kind: destination\n", "    kind: destination\n    colour: red\n")
    err = load_error(tmp_path, text)
    assert_message(
        err,
        tmp_path / "scenario.yaml",
        line_of(text, "colour"),
        "nodes.d.colour",
        "unknown key 'colour'; allowed: kind, lon, lat, storage, description$",
    )


def test_missing_key_names_the_key(tmp_path):
    """A required key left out is named, at the mapping that lacks it."""
    text = edit("    from: a\n", "")
    err = load_error(tmp_path, text)
    assert "links.a-b: missing required key 'from'" in str(err)
    assert err.file == str(tmp_path / "scenario.yaml")
    assert err.line in (line_of(text, "  a-b:"), line_of(text, "kind: sea"))


@pytest.mark.parametrize(
    ("old", "new", "key_path", "reason"),
    [
        (
            "{rail_ferry: 1}\n    handling_rate: {wagon: 10 wagon/h}\n  b:",
            "{rail_ferry: two}\n    handling_rate: {wagon: 10 wagon/h}\n  b:",
            "nodes.a.berths.rail_ferry",
            r"must be a whole number \(got 'two'\)",
        ),
        (
            "route: [a, b, d]",
            "route: a",
            "flows.f.route",
            r"must be a list of at least two node names, or 'shortest' \(got 'a'\)",
        ),
        (
            "    kind: sea\n",
            "    kind: ship\n",
            "links.a-b.kind",
            r"must be one of transfer, rail, sea, pipeline \(got 'ship'\)",
        ),
        ("  seed: 1", "  seed: one", "simulation.seed", r"must be a whole number"),
    ],
    ids=["count", "route", "choice", "seed"],
)
def test_wrong_type(tmp_path, old, new, key_path, reason):
    """A value of the wrong type says what is expected and what it got."""
    text = edit(old, new)
    err = load_error(tmp_path, text)
    fragment = new.splitlines()[0].strip()
    assert_message(err, tmp_path / "scenario.yaml", line_of(text, fragment), key_path, reason)


@pytest.mark.parametrize(
    ("old", "new", "key_path", "reason"),
    [
        (
            "capacity: {wagon: 10 wagon}",
            "capacity: {wagon: -5 wagon}",
            "links.a-b.fleet[0].capacity.wagon",
            r"must be > 0 \(got '-5 wagon'\)",
        ),
        ("distance: 100 km", "distance: 0 km", "links.a-b.distance", r"must be > 0 \(got '0 km'\)"),
        ("  horizon: 10 day", "  horizon: -10 day", "simulation.horizon", r"must be > 0"),
        (
            "speed: 10 kn",
            "speed: 10 furlong",
            "links.a-b.fleet[0].speed",
            r"unknown unit 'furlong'; known units: .*; expected length/time",
        ),
        (
            "delay: 1 h",
            "delay: 1",
            "links.b-d.delay",
            r"needs a number with a unit, e.g. '20 h' \(got 1\); expected time",
        ),
        (
            "delay: 1 h",
            "delay: '1'",
            "links.b-d.delay",
            r"needs a unit, e.g. '20 h' or '56500 TEU/yr' \(got '1'\); expected time",
        ),
        (
            "distance: 100 km",
            "distance: 100 h",
            "links.a-b.distance",
            r"expected length \(km, m, nmi\), got time \('100 h'\)",
        ),
    ],
    ids=[
        "negative",
        "zero",
        "negative-time",
        "unknown-unit",
        "bare-number",
        "bare-text",
        "dimension",
    ],
)
def test_bad_quantity(tmp_path, old, new, key_path, reason):
    """Quantities must be positive, with a known unit of the right dimension."""
    text = edit(old, new)
    err = load_error(tmp_path, text)
    assert_message(err, tmp_path / "scenario.yaml", line_of(text, new.strip()), key_path, reason)


def test_link_to_a_missing_node(tmp_path):
    """A link's end must be a node; the message lists the nodes."""
    text = edit("    from: b\n    to: d\n", "    from: b\n    to: x\n")
    err = load_error(tmp_path, text)
    assert_message(
        err,
        tmp_path / "scenario.yaml",
        line_of(text, "to: x"),
        "links.b-d.to",
        "no node named 'x'; nodes: a, b, d$",
    )


def test_link_to_a_missing_node_is_a_topology_error(tmp_path):
    """errors.py: TopologyError covers 'no route, dangling link'."""
    text = edit("    from: b\n    to: d\n", "    from: b\n    to: x\n")
    assert isinstance(load_error(tmp_path, text), cs.TopologyError)


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("route: [a, b, d]", "route: [a, d]", "no link joins 'a' to 'd'$"),
        (
            "    commodity: goods\n    origin: a\n    destination: d\n    volume: 1000 wagon/yr",
            "    commodity: crude\n    origin: a\n    destination: d\n    volume: 1000 t/yr",
            "no vessel on sea link 'a-b' carries 'liquid'$",
        ),
        (
            "    commodity: goods\n    origin: a\n    destination: d\n    volume: 1000 wagon/yr\n"
            "    route: [a, b, d]",
            "    commodity: crude\n    origin: a\n    destination: d\n    volume: 1000 t/yr\n"
            "    route: shortest",
            "no route carries 'crude' from 'a' to 'd'$",
        ),
    ],
    ids=["no-link", "cannot-carry", "shortest"],
)
def test_flow_without_a_route_is_a_topology_error(tmp_path, old, new, reason):
    """A flow the network cannot carry raises TopologyError, a ScenarioError."""
    text = edit(old, new)
    err = load_error(tmp_path, text)
    assert isinstance(err, cs.TopologyError)
    assert_message(
        err, tmp_path / "scenario.yaml", line_of(text, "route:"), "flows.f.route", reason
    )


def test_base_must_stay_in_the_scenario_folder(tmp_path):
    """``base:`` may only name a file in the scenario's own folder."""
    (tmp_path / "outside.yaml").write_text(VALID)
    (tmp_path / "sub").mkdir()
    err = load_error(tmp_path, "base: ../outside.yaml\n", name="sub/child.yaml")
    assert_message(
        err,
        tmp_path / "sub" / "child.yaml",
        1,
        "base",
        r"must name a file in the scenario's own folder \(got '../outside.yaml'\)",
    )


def test_base_merges_and_overrides(tmp_path):
    """A file with ``base:`` starts from that file and overrides keys (mappings merge)."""
    (tmp_path / "parent.yaml").write_text(VALID)
    (tmp_path / "child.yaml").write_text("base: parent.yaml\nsimulation: {horizon: 20 day}\n")
    scenario = cs.load_scenario(tmp_path / "child.yaml")
    assert (scenario.name, scenario.settings.horizon_h, scenario.settings.seed) == (
        "child",
        480.0,
        1,
    )


def test_base_cycle_is_refused(tmp_path):
    """Two files that name each other as base do not recurse forever."""
    (tmp_path / "one.yaml").write_text("base: two.yaml\n")
    err = load_error(tmp_path, "base: one.yaml\n", name="two.yaml")
    assert "more than 8 nested bases (a cycle?)" in str(err)


def test_duplicate_key(tmp_path):
    """A key given twice in one mapping is an error at the second one."""
    text = edit("    to: b\n", "    to: b\n    to: bb\n")
    err = load_error(tmp_path, text)
    assert_message(
        err, tmp_path / "scenario.yaml", line_of(text, "to: bb"), "", "duplicate key 'to'$"
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("", "file is empty; a scenario needs at least nodes, links and flows$"),
        ("# only a comment\n", "file is empty"),
        ("- a\n- b\n", r"top level must be a mapping of keys \(got WhereList\)"),
        (bytes(range(256)), r"not a text file \(contains NUL bytes\)$"),
        (b"nodes: \xff\xfe\n", r"not UTF-8 text \(byte 7\)$"),
    ],
    ids=["empty", "comment-only", "list", "binary", "latin-1"],
)
def test_file_that_is_not_a_scenario(tmp_path, content, reason):
    """Empty files, non-mappings and binary junk are refused naming the file."""
    err = load_error(tmp_path, content)
    assert_message(err, tmp_path / "scenario.yaml", None, "", reason)


def test_missing_file(tmp_path):
    """A path that does not exist is a ScenarioError, not an OSError."""
    with pytest.raises(cs.ScenarioError, match="no such scenario file"):
        cs.load_scenario(tmp_path / "nowhere.yaml")


def test_build_scenario_locates_errors_without_a_file():
    """build_scenario on a plain dict gives the key path (no file, no line)."""
    with pytest.raises(cs.ScenarioError) as info:
        cs.build_scenario({"nodes": {}, "links": {}, "flows": {}})
    assert str(info.value) == ("missing required key 'simulation' (start, horizon, warmup, seed)")
