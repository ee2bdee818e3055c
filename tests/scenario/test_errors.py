"""Scenario errors: every mistake in a scenario file raises ScenarioError reading
``file:line: key.path: what is wrong``, naming what is allowed where that helps."""

import dataclasses
import datetime as dt
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
        "unknown key 'colour'; allowed: kind, label, lon, lat, storage, description$",
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


# -- issue #14: input that used to be accepted and should not be ------------------------
WEATHER = """\
disruptions:
  - kind: weather
    elements: [a-b]
    closure_days_per_month: [5, 3, 1, 0, 0, 0, 0, 0, 0, 0, 1, 4]
    mean_episode: 2 day
"""


@pytest.mark.parametrize(
    ("old", "new", "key_path", "shown"),
    [
        (
            "mass_per_unit: 60 t",
            "mass_per_unit: 1e305 Mt",
            "commodities.goods.mass_per_unit",
            "1e\\+12 t once converted \\(got '1e305 Mt' = inf t\\)",
        ),
        (
            "distance: 100 km",
            "distance: 1e306 nmi",
            "links.a-b.distance",
            "1e\\+12 km once converted \\(got '1e306 nmi' = 1.85e\\+306 km\\)",
        ),
        (
            "speed: 10 kn",
            "speed: 1e13 kn",
            "links.a-b.fleet[0].speed",
            "1e\\+12 km/h once converted \\(got '1e13 kn' = 1.85e\\+13 km/h\\)",
        ),
        (
            "delay: 1 h",
            "delay: 1e12 day",
            "links.b-d.delay",
            "1e\\+12 h once converted \\(got '1e12 day' = 2.4e\\+13 h\\)",
        ),
        (
            "  horizon: 10 day",
            "  horizon: 1e12 yr",
            "simulation.horizon",
            "1e\\+12 h once converted \\(got '1e12 yr' = 8.76e\\+15 h\\)",
        ),
        (
            "volume: 1000 wagon/yr",
            "volume: 1e20 wagon/yr",
            "flows.f.volume",
            "1e\\+12 wagon/h once converted \\(got '1e20 wagon/yr' = 1.14e\\+16 wagon/h\\)",
        ),
        (
            "capacity: {wagon: 10 wagon}",
            "capacity: {wagon: 1e13 wagon}",
            "links.a-b.fleet[0].capacity.wagon",
            "1e\\+12 wagon once converted",
        ),
        (
            "    kind: destination\n",
            "    kind: destination\n    storage: {general: 1e13 t}\n",
            "nodes.d.storage.general",
            "1e\\+12 t once converted",
        ),
        (
            "mass_per_unit: 1 t, handling: liquid}",
            "mass_per_unit: 1 t, handling: liquid, barrels_per_tonne: 1e-300 bbl/t}",
            "commodities.crude.barrels_per_tonne",
            "1e\\+12 bbl/t once converted \\(got '1e-300 bbl/t' = 1e-300 bbl/t\\)",
        ),
        (
            "  horizon: 10 day",
            "  horizon: 1e-12 h",
            "simulation.horizon",
            "1e\\+12 h once converted \\(got '1e-12 h' = 1e-12 h\\)",
        ),
    ],
    ids=[
        "mass",
        "length",
        "speed",
        "time",
        "horizon",
        "rate",
        "count",
        "storage",
        "density",
        "tiny",
    ],
)
def test_quantity_out_of_bounds_once_converted(tmp_path, old, new, key_path, shown):
    """Each kind of quantity is refused when it converts to infinity or to more than 1e12
    (or less than 1e-9) engine units: '1e306 nmi' used to run and report 0 trips a year."""
    text = edit(old, new)
    err = load_error(tmp_path, text)
    line = line_of(text, new.strip().splitlines()[-1])
    reason = "must be 0 or between 1e-09 and " + shown
    assert_message(err, tmp_path / "scenario.yaml", line, key_path, reason)


def test_plain_numbers_are_bounded_too(tmp_path):
    """A relative factor of 1e300 is refused like a quantity (its sums would overflow)."""
    text = edit(
        "    route: [a, b, d]\n",
        "    route: [a, b, d]\n    seasonality: [1.0e+300" + ", 1" * 11 + "]\n",
    )
    err = load_error(tmp_path, text)
    assert_message(
        err,
        tmp_path / "scenario.yaml",
        line_of(text, "seasonality"),
        "flows.f.seasonality[0]",
        r"must be at most 1e\+12 in size \(got 1e\+300\)$",
    )


@pytest.mark.parametrize(
    ("old", "new", "key_path", "reason"),
    [
        (
            "delay: 1 h",
            "delay: 1,5 h",
            "links.b-d.delay",
            r"use a decimal point: '1.5 h' \(got '1,5 h'\); expected time",
        ),
        (
            "volume: 1000 wagon/yr",
            "volume: 1,000 wagon/yr",
            "flows.f.volume",
            r"commas are not read in numbers \(a comma may be a decimal mark\): write "
            r"'1000 wagon/yr' or '1_000 wagon/yr' \(got '1,000 wagon/yr'\)",
        ),
        (
            "    kind: destination\n",
            "    kind: destination\n    lon: 55,18\n",
            "nodes.d.lon",
            r"use a decimal point: 55.18 \(got '55,18'\)$",
        ),
    ],
    ids=["decimal-comma", "thousands", "plain-number"],
)
def test_commas_in_numbers_are_refused(tmp_path, old, new, key_path, reason):
    """'1,5 h' used to be read as 15 h and '1,000' as 1000: a comma is refused, saying
    what to write instead."""
    text = edit(old, new)
    err = load_error(tmp_path, text)
    line = line_of(text, new.strip().splitlines()[-1])
    assert_message(err, tmp_path / "scenario.yaml", line, key_path, reason)


def test_unit_aliases_load(tmp_path):
    """'12 knots', '200 nm', 'hours' and 'tonnes' read as kn, nmi, h and t."""
    text = edit("speed: 10 kn", "speed: 10 knots")
    text = edit("distance: 100 km", "distance: 54 nm", text)
    text = edit("delay: 1 h", "delay: 1 hour", text)
    text = edit("mass_per_unit: 60 t", "mass_per_unit: 60 tonnes", text)
    path = tmp_path / "aliases.yaml"
    path.write_text(text)
    scenario = cs.load_scenario(path)
    assert scenario.links["a-b"].fleet[0].speed_kmh == pytest.approx(18.52)
    assert scenario.links["a-b"].distance_km == pytest.approx(100.008)
    assert scenario.links["b-d"].delay_h == 1.0
    assert scenario.commodities["goods"].mass_per_unit_t == 60.0


def test_unknown_unit_suggests_and_lists_units(tmp_path):
    text = edit("speed: 10 kn", "speed: 10 knts")
    err = load_error(tmp_path, text)
    assert_message(
        err,
        tmp_path / "scenario.yaml",
        line_of(text, "10 knts"),
        "links.a-b.fleet[0].speed",
        r"unknown unit 'knts' \(did you mean 'knots'\?\); known units: s, min, h, day, .*, kn "
        r"\(also plurals, hours, tonnes, knots, nm\); expected length/time \(km/h, kn, km/day\)$",
    )


@pytest.mark.parametrize(
    ("start", "horizon", "key_path", "reason"),
    [
        (
            "9999-12-25",
            "10 day",
            "simulation.start",
            r"must be a date from 1900-01-01 to 2200-12-31 \(got 9999-12-25\)$",
        ),
        (
            "1850-06-01",
            "10 day",
            "simulation.start",
            r"must be a date from 1900-01-01 to 2200-12-31 \(got 1850-06-01\)$",
        ),
        (
            "2200-12-25",
            "10 day",
            "simulation.horizon",
            r"the run must end by 2200-12-31 \(it starts 2200-12-25 and, with the warm-up, "
            r"runs 0.0274 yr to 2201-01-04\)$",
        ),
    ],
    ids=["year-9999", "before-1900", "ends-after-2200"],
)
def test_dates_outside_the_calendar_range(tmp_path, start, horizon, key_path, reason):
    """'start: 9999-12-25' used to pass validate and crash run: a run lies within
    1900-01-01 .. 2200-12-31."""
    text = edit("simulation:\n", f"simulation:\n  start: {start}\n")
    err = load_error(tmp_path, text)
    line = line_of(text, "start:" if key_path.endswith("start") else "horizon:")
    assert_message(err, tmp_path / "scenario.yaml", line, key_path, reason)


def test_a_run_may_end_on_the_last_day(tmp_path):
    path = tmp_path / "last.yaml"
    path.write_text(edit("simulation:\n", "simulation:\n  start: 2200-12-22\n"))
    assert cs.load_scenario(path).settings.start.year == 2200  # 10 days: ends 2201-01-01 0:00


def test_a_closure_date_outside_the_range(tmp_path):
    closure = "disruptions:\n  - kind: closure\n    elements: [a-b]\n    start: 9999-01-01\n"
    text = VALID + closure + "    duration: 1 day\n"
    err = load_error(tmp_path, text)
    assert_message(
        err,
        tmp_path / "scenario.yaml",
        line_of(text, "9999-01-01"),
        "disruptions[0].start",
        r"must be a date from 1900-01-01 to 2200-12-31 \(got 9999-01-01\)$",
    )


def test_specs_refuse_dates_outside_the_range(tmp_path):
    """dataclasses.replace cannot build what the loader refuses."""
    path = tmp_path / "ok.yaml"
    path.write_text(VALID)
    scenario = cs.load_scenario(path)
    with pytest.raises(
        cs.ScenarioError,
        match=r"^start: must be a date from 1900-01-01 to "
        r"2200-12-31 \(got 9999-12-25\)$",
    ):
        dataclasses.replace(scenario.settings, start=dt.date(9999, 12, 25))
    late = dataclasses.replace(scenario.settings, start=dt.date(2200, 6, 1), horizon_h=8760.0)
    with pytest.raises(
        cs.ScenarioError,
        match=r"^settings\.horizon_h: the run must end by "
        r"2200-12-31 \(it starts 2200-06-01",
    ):
        dataclasses.replace(scenario, settings=late)


@pytest.mark.parametrize(
    ("month", "days", "reason"),
    [
        (1, 31, r"must be <= 29: February has at most 29 days \(got 31\)$"),
        (1, 30, r"must be <= 29: February has at most 29 days \(got 30\)$"),
        (3, 31, r"must be <= 30: April has at most 30 days \(got 31\)$"),
        (10, 30.5, r"must be <= 30: November has at most 30 days \(got 30.5\)$"),
    ],
    ids=["feb-31", "feb-30", "apr-31", "nov-30.5"],
)
def test_closure_days_at_most_the_month_length(tmp_path, month, days, reason):
    """Expected closure days of a month are at most its days (29 for February); the
    message names the month."""
    values = [5, 3, 1, 0, 0, 0, 0, 0, 0, 0, 1, 4]
    values[month] = days
    weather = WEATHER.replace("[5, 3, 1, 0, 0, 0, 0, 0, 0, 0, 1, 4]", str(values))
    text = VALID + weather
    err = load_error(tmp_path, text)
    assert_message(
        err,
        tmp_path / "scenario.yaml",
        line_of(text, "closure_days_per_month"),
        f"disruptions[0].closure_days_per_month[{month}]",
        reason,
    )


def test_february_may_be_closed_29_days(tmp_path):
    path = tmp_path / "feb.yaml"
    path.write_text(VALID + WEATHER.replace("[5, 3,", "[5, 29,"))
    assert cs.load_scenario(path).disruptions[0].closure_days_per_month[1] == 29.0


def test_a_mapping_built_with_a_path_as_source_names_that_file_in_its_errors(tmp_path):
    """``build_scenario(mapping, source=Path(...))``: the error names the file (a Path is
    as good as its text)."""
    import yaml

    mapping = yaml.safe_load(cs.bundled_path("teaching_two_ports").read_text(encoding="utf-8"))
    mapping["simulation"]["horizon"] = "ten days"
    where = tmp_path / "mine.yaml"
    with pytest.raises(cs.ScenarioError) as err:
        cs.build_scenario(mapping, source=where)
    assert str(where) in str(err.value) and "simulation.horizon" in str(err.value)


def test_load_scenario_takes_a_bundled_name_and_suggests_one_for_a_typo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no file of that name here
    assert cs.load_scenario("teaching_two_ports").source == str(
        cs.bundled_path("teaching_two_ports")
    )
    with pytest.raises(cs.ScenarioError, match="did you mean 'teaching_two_ports'"):
        cs.load_scenario("teaching_two_port")
    with pytest.raises(cs.ScenarioError, match="no such scenario file"):
        cs.load_scenario("teaching_two_port.yaml")
