"""Dwell stages in a scenario file: what loads, and errors naming file, line and key."""

import pytest
from test_errors import assert_message, edit, line_of, load_error

import corridor_sim as cs

#: node d made a border with dwell stages (filled in per test)
BORDER = """  d:
    kind: border
    servers: 2
    dwell:
{stages}"""
DOCS = "      - {stage: documents, dist: lognormal, mean: 6 h, cv: 1.0, holds_server: false}\n"
GAUGE = "      - {stage: gauge_change, dist: gamma, mean: 2 h, cv: 0.5}\n"
CHECK = "      - {stage: inspection, dist: empirical, values: [1 h, 2 h, 2 h, 8 h]}\n"


def with_stages(*stages: str, extra: str = "") -> str:
    """VALID with node d a border with these dwell stages, ending the flow at a new d2."""
    text = edit("  d:\n    kind: destination\n", BORDER.format(stages="".join(stages)) + extra)
    text = text.replace("nodes:\n", "nodes:\n  d2: {kind: destination}\n", 1)
    text = edit(
        "    delay: 1 h\n", "    delay: 1 h\n  d-d2: {kind: transfer, from: d, to: d2}\n", text
    )
    text = edit("    destination: d\n", "    destination: d2\n", text)
    return edit("route: [a, b, d]", "route: [a, b, d, d2]", text)


def test_stages_load_in_order(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text(with_stages(DOCS, CHECK, GAUGE))
    node = cs.load_scenario(path).nodes["d"]
    assert [(s.name, s.time.kind, s.holds_server) for s in node.dwell] == [
        ("documents", "lognormal", False),
        ("inspection", "empirical", True),
        ("gauge_change", "gamma", True),
    ]
    assert node.server_mean_h == pytest.approx(3.25 + 2.0)
    assert node.standing_mean_h == pytest.approx(6.0)


@pytest.mark.parametrize(
    ("stages", "fragment", "key_path", "reason"),
    [
        (
            (GAUGE.replace("cv: 0.5", "cv: 0.5, colour: red"),),
            "gauge_change",
            "nodes.d.dwell[0].colour",
            r"unknown key 'colour'; allowed: stage, holds_server, dist, mean, cv",
        ),
        (
            (GAUGE, GAUGE),
            None,
            "nodes.d.dwell[1]",
            r"stage 'gauge_change' is listed twice",
        ),
        (
            (GAUGE, DOCS),
            None,
            "nodes.d.dwell[1]",
            r"stage 'documents' does not hold a server, so it must come before",
        ),
        (
            (DOCS,),
            None,
            "nodes.d.dwell",
            r"needs at least one stage that holds a server",
        ),
        (
            (GAUGE.replace("stage: gauge_change, ", ""),),
            "dist: gamma, mean: 2 h",
            "nodes.d.dwell[0]",
            r"missing required key 'stage'",
        ),
        (
            (DOCS.replace("false", "maybe"), GAUGE),
            "documents",
            "nodes.d.dwell[0].holds_server",
            r"must be true or false \(got 'maybe'\)",
        ),
        (
            (GAUGE.replace("gauge_change", "total"),),
            "stage: total",
            "nodes.d.dwell[0].stage",
            r"must not be 'total' or 'at_node'",
        ),
        (
            (GAUGE.replace("lognormal", "x").replace("gamma", "weibull"),),
            "weibull",
            "nodes.d.dwell[0].dist",
            r"must be one of deterministic, exponential",
        ),
    ],
    ids=["unknown-key", "duplicate", "order", "none-held", "no-name", "flag", "reserved", "dist"],
)
def test_bad_stages_name_the_item(tmp_path, stages, fragment, key_path, reason):
    text = with_stages(*stages)
    err = load_error(tmp_path, text)
    line = line_of(text, fragment) if fragment else err.line
    assert_message(err, tmp_path / "scenario.yaml", line, key_path, reason)
    assert err.line is not None


def test_dwell_with_service_time_is_refused(tmp_path):
    text = with_stages(GAUGE, extra="    service_time: 4 h\n")
    err = load_error(tmp_path, text)
    assert err.key_path == "nodes.d.service_time"
    assert "give either 'dwell' stages or 'service_time'/'gauge_change', not both" in str(err)
    assert err.line == line_of(text, "service_time: 4 h")


def test_dwell_is_refused_at_a_port(tmp_path):
    text = edit(
        "    handling_rate: {wagon: 10 wagon/h}\n  b:",
        "    handling_rate: {wagon: 10 wagon/h}\n    dwell: []\n  b:",
    )
    err = load_error(tmp_path, text)
    assert err.key_path == "nodes.a.dwell"
    assert "unknown key 'dwell'" in str(err)
