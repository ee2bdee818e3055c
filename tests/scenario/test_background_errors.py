"""Background trains in a scenario file: what loads, and errors naming file, line, key
and what is allowed."""

import pytest
from test_errors import assert_message, edit, line_of, load_error

import corridor_sim as cs

TEXT = """\
simulation:
  horizon: 10 day
  seed: 1
commodities:
  goods: {unit: wagon, mass_per_unit: 60 t, handling: wagon}
nodes:
  o:
    kind: origin
  n:
    kind: border
    servers: 2
    service_time: 2 h
    quota: 28 train/day
    background: {trains: 12 train/day, arrivals: poisson}
  d:
    kind: destination
links:
  o-n: {kind: transfer, from: o, to: n}
  n-d:
    kind: rail
    from: n
    to: d
    travel_time: 20 h
    train_capacity: {wagon: 50 wagon}
    line_capacity: 24 train/day
    background: {tonnes: 15 Mt/yr, per_train: 2000 t}
flows:
  f:
    commodity: goods
    origin: o
    destination: d
    volume: 1000 wagon/yr
    route: [o, n, d]
"""
NODE = "background: {trains: 12 train/day, arrivals: poisson}"
LINE = "background: {tonnes: 15 Mt/yr, per_train: 2000 t}"


def test_both_forms_load(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text(TEXT)
    scenario = cs.load_scenario(path)
    node, line = scenario.nodes["n"].background, scenario.links["n-d"].background
    assert (node.trains_per_day, node.arrivals) == (12.0, "poisson")
    assert line.trains_per_day == pytest.approx(15e6 / 2000 / 365)
    assert (line.tonnes_per_year, line.per_train_t, line.arrivals) == (15e6, 2000.0, "regular")
    assert line.describe() == "20.5 trains/day (15 Mt/yr at 2000 t a train), regular"


@pytest.mark.parametrize(
    ("old", "new", "key_path", "reason"),
    [
        (
            NODE,
            "background: {trains: 12, arrivals: poisson}",
            "nodes.n.background.trains",
            r"needs a number with a unit",
        ),
        (
            NODE,
            "background: {trains: 12 t/day}",
            "nodes.n.background.trains",
            r"expected train/time",
        ),
        (
            NODE,
            "background: {trains: 12 train/day, arrivals: bursty}",
            "nodes.n.background.arrivals",
            r"must be one of regular, poisson \(got 'bursty'\)",
        ),
        (
            NODE,
            "background: {trains: 12 train/day, colour: red}",
            "nodes.n.background.colour",
            r"unknown key 'colour'; allowed: trains, tonnes, per_train, arrivals",
        ),
        (
            NODE,
            "background: {arrivals: poisson}",
            "nodes.n.background",
            r"needs 'trains' \(e.g. '12 train/day'\), or 'tonnes' and 'per_train'",
        ),
        (
            NODE,
            "background: {trains: 2 train/day, tonnes: 1 Mt/yr}",
            "nodes.n.background.tonnes",
            r"give either 'trains' or 'tonnes' and 'per_train', not both",
        ),
        (NODE, "background: {trains: 0 train/day}", "nodes.n.background.trains", r"must be > 0"),
        (
            NODE,
            "background: {trains: 30 train/day}",
            "nodes.n.background",
            r"must stay below the quota \(28 trains/day\)",
        ),
        (NODE, "background: 12 train/day", "nodes.n.background", r"must be a mapping of keys"),
        (
            LINE,
            "background: {tonnes: 15 Mt, per_train: 2000 t}",
            "links.n-d.background.tonnes",
            r"expected mass/time",
        ),
        (
            LINE,
            "background: {tonnes: 15 Mt/yr, per_train: 2000 TEU}",
            "links.n-d.background.per_train",
            r"expected mass",
        ),
        (
            LINE,
            "background: {tonnes: 30 Mt/yr, per_train: 1000 t}",
            "links.n-d.background",
            r"must stay below the line capacity \(24 trains/day\)",
        ),
    ],
    ids=[
        "no-unit",
        "dimension",
        "arrivals",
        "unknown-key",
        "no-rate",
        "both",
        "zero",
        "over-quota",
        "not-a-mapping",
        "tonnes-unit",
        "per-train-unit",
        "over-line",
    ],
)
def test_bad_background_names_file_line_and_key(tmp_path, old, new, key_path, reason):
    text = edit(old, new, TEXT)
    err = load_error(tmp_path, text)
    assert_message(err, tmp_path / "scenario.yaml", line_of(text, new), key_path, reason)


def test_background_needs_the_lines_capacity(tmp_path):
    text = edit("    line_capacity: 24 train/day\n", "", TEXT)
    err = load_error(tmp_path, text)
    assert_message(
        err,
        tmp_path / "scenario.yaml",
        line_of(text, LINE),
        "links.n-d.background",
        r"needs the link's 'line_capacity'",
    )


def test_background_is_refused_at_an_origin(tmp_path):
    text = edit(
        "    kind: origin\n", "    kind: origin\n    background: {trains: 1 train/day}\n", TEXT
    )
    err = load_error(tmp_path, text)
    assert err.key_path == "nodes.o.background"
    assert (
        "a node of kind 'origin' carries no background trains; give them on a node of kind "
        "border, terminal, port with servers, or on a rail link" in str(err)
    )
    assert err.line == line_of(text, "background: {trains: 1 train/day}")


def test_background_is_refused_at_a_node_without_servers(tmp_path):
    text = edit("    servers: 2\n    service_time: 2 h\n", "", TEXT)
    err = load_error(tmp_path, text)
    assert err.key_path == "nodes.n.background"
    assert "needs servers to occupy" in str(err)
