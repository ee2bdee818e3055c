"""A rail link's track in a scenario file: what loads, and errors naming file, line and
key."""

import jsonschema
import pytest
from test_errors import assert_message, edit, line_of, load_error
from test_schema import changed, errors_of

import corridor_sim as cs
from corridor_sim.model.track import DOUBLE, Track
from corridor_sim.scenario.schema import scenario_schema

#: link b-d made a rail line; ``{track}`` is its track line (or nothing)
RAIL = """  b-d:
    kind: rail
    from: b
    to: d
    travel_time: 10 h
    train_capacity: {{wagon: 10 wagon}}
{track}flows:"""


def with_track(track: str) -> str:
    """VALID with link b-d a rail line written with ``track`` (a YAML line or '')."""
    return edit(
        "  b-d:\n    kind: transfer\n    from: b\n    to: d\n    delay: 1 h\nflows:",
        RAIL.format(track=track),
    )


@pytest.mark.parametrize(
    ("track", "expected"),
    [
        ("", DOUBLE),
        ("    track: double\n", DOUBLE),
        ("    track: {kind: double}\n", DOUBLE),
        (
            "    track: {kind: single, passing_loops: 12, loop_time: 10 min}\n",
            Track("single", 12, 10 / 60),
        ),
        ("    track: {kind: single, passing_loops: 0, loop_time: 0 h}\n", Track("single", 0, 0.0)),
    ],
    ids=["absent", "double", "double-mapping", "single", "single-no-loops"],
)
def test_track_loads(tmp_path, track, expected):
    path = tmp_path / "ok.yaml"
    path.write_text(with_track(track))
    link = cs.load_scenario(path).links["b-d"]
    assert link.track == expected


@pytest.mark.parametrize(
    ("track", "key_path", "reason"),
    [
        ("track: triple", "links.b-d.track", r"must be 'double' or a mapping \{kind: single"),
        ("track: {kind: triple}", "links.b-d.track.kind", r"must be one of double, single"),
        (
            "track: {kind: single, passing_loops: 2}",
            "links.b-d.track",
            r"missing required key 'loop_time'",
        ),
        (
            "track: {kind: single, passing_loops: -1, loop_time: 5 min}",
            "links.b-d.track.passing_loops",
            r"must be >= 0 \(got -1\)",
        ),
        (
            "track: {kind: single, passing_loops: 2.5, loop_time: 5 min}",
            "links.b-d.track.passing_loops",
            r"must be a whole number \(got 2.5\)",
        ),
        (
            "track: {kind: single, passing_loops: 2, loop_time: 5}",
            "links.b-d.track.loop_time",
            r"needs a number with a unit, e.g. '20 h' \(got 5\); expected time",
        ),
        (
            "track: {kind: single, passing_loops: 2, loop_time: 5 km}",
            "links.b-d.track.loop_time",
            r"expected time",
        ),
        (
            "track: {kind: single, passing_loops: 2, loop_time: -5 min}",
            "links.b-d.track.loop_time",
            r"must be >= 0",
        ),
        (
            "track: {kind: double, passing_loops: 2}",
            "links.b-d.track.passing_loops",
            r"unknown key 'passing_loops'; allowed: kind",
        ),
        (
            "track: {kind: single, loops: 2, loop_time: 5 min}",
            "links.b-d.track.loops",
            r"unknown key 'loops'; allowed: kind, passing_loops, loop_time",
        ),
        ("track: {passing_loops: 2}", "links.b-d.track", r"missing required key 'kind'"),
    ],
    ids=[
        "text",
        "kind",
        "no-loop-time",
        "negative-loops",
        "fractional-loops",
        "no-unit",
        "wrong-unit",
        "negative-time",
        "double-with-loops",
        "unknown-key",
        "no-kind",
    ],
)
def test_bad_track_names_the_key(tmp_path, track, key_path, reason):
    text = with_track(f"    {track}\n")
    err = load_error(tmp_path, text)
    assert_message(err, tmp_path / "scenario.yaml", line_of(text, "track:"), key_path, reason)


def test_track_is_refused_on_a_sea_link(tmp_path):
    text = edit("    distance: 100 km\n", "    distance: 100 km\n    track: double\n")
    err = load_error(tmp_path, text)
    assert err.key_path == "links.a-b.track"
    assert "unknown key 'track'" in str(err)


@pytest.mark.parametrize(
    ("track", "valid"),
    [
        ("double", True),
        ({"kind": "double"}, True),
        ({"kind": "single", "passing_loops": 12, "loop_time": "10 min"}, True),
        ("single", False),
        ({"kind": "single", "passing_loops": 2}, False),
        ({"kind": "single", "passing_loops": 2, "loop_time": "10"}, False),
        ({"kind": "double", "passing_loops": 2}, False),
    ],
)
def test_the_schema_agrees_with_the_loader(track, valid):
    """The editor's schema accepts exactly the tracks the loader reads."""
    validator = jsonschema.Draft7Validator(scenario_schema())
    data = changed("links.factory-port_a.track", track)
    assert (errors_of(validator, data) == []) is valid
    if valid:
        assert cs.build_scenario(data).links["factory-port_a"].track.kind == (
            track if isinstance(track, str) else track["kind"]
        )
    else:
        with pytest.raises(cs.ScenarioError, match="track"):
            cs.build_scenario(data)
