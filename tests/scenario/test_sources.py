"""Sources a user can follow: every ``# src: <id>`` in a bundled file names an entry of the
bundled ``sources.yaml``, which ships with the scenarios; no file points outside the project."""

import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest

import corridor_sim as cs
from corridor_sim.errors import ScenarioError
from corridor_sim.scenario.bundled import bundled_dir
from corridor_sim.scenario.sources import (
    CITATION,
    ESTIMATE,
    Source,
    citations,
    load_sources,
    unresolved,
)

BUNDLED = bundled_dir()
SCENARIOS = cs.bundled_names()
MODELINE = "# yaml-language-server: $schema=scenario.schema.json"
TEXT_FILES = sorted(p.name for p in BUNDLED.iterdir() if p.suffix in (".yaml", ".md"))
PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"

GOOD_ENTRY = """\
sources:
  port_report_2024:
    publisher: Port of Somewhere
    title: "Annual report"
    date: 2024
    url: https://example.org/report
    confidence: H
    figures:
      - "Quay: 3 berths (2024)"
"""


def assert_resolves(text: str, sources: dict[str, Source]) -> None:
    """The check the bundled files must pass: every cited id is an entry of ``sources``."""
    missing = unresolved(text, sources)
    assert not missing, f"citations without an entry in sources.yaml (line, id): {missing}"


@pytest.fixture(scope="module")
def sources() -> dict[str, Source]:
    return load_sources()


def test_sources_yaml_ships_with_the_bundled_scenarios():
    """sources.yaml sits beside the scenarios, the wheel's package data takes it, and it is
    not listed as a scenario."""
    assert (BUNDLED / "sources.yaml").is_file()
    package_data = tomllib.loads(PYPROJECT.read_text())["tool"]["setuptools"]["package-data"]
    assert any(fnmatch("sources.yaml", pattern) for pattern in package_data["corridor_sim.bundled"])
    assert "sources" not in SCENARIOS
    assert {"middle_corridor_2024", "teaching_two_ports"} <= set(SCENARIOS)


def test_bundled_sources_load(sources):
    """Every entry of the bundled file is complete: publisher, title, confidence, figures."""
    assert len(sources) > 50
    for key, source in sources.items():
        assert source.id == key
        assert source.publisher and source.title and source.figures
        assert source.confidence in ("H", "M-H", "M", "L-M", "L")
        assert source.url is None or source.url.startswith(("https://", "http://"))
    kuryk = sources["astana_times_kuryk_2021"]
    assert kuryk.date == "2021-08"
    assert any("54 wagons" in figure for figure in kuryk.figures)


@pytest.mark.parametrize("name", TEXT_FILES)
def test_every_citation_resolves(name, sources):
    """Each ``src: <id>`` in a bundled scenario, sources.yaml or the README names an entry."""
    assert_resolves((BUNDLED / name).read_text(), sources)


@pytest.mark.parametrize("name", [n for n in SCENARIOS if n != "teaching_two_ports"])
def test_corridor_scenarios_cite_sources(name):
    """The corridor scenarios cite their figures by id (the teaching example is
    illustrative); a World Bank variant (``wb_*``, a few keys over the 2024 file) cites
    or marks as an estimate each value it changes."""
    text = cs.bundled_path(name).read_text()
    if name.startswith("wb_"):
        values = [
            line
            for line in text.splitlines()
            if ":" in line
            and not line.lstrip().startswith("#")
            and line.split(":")[1].strip()
            and " " not in line.split(":")[0].strip()  # a key, not folded description text
        ]
        changed = [v for v in values if v.split(":")[0].strip() not in ("base", "name")]
        assert any("src:" in line or "estimate:" in line for line in changed)
        for line in changed:
            if any(ch.isdigit() for ch in line.split("#")[0]):  # a number: cited or estimated
                assert "src:" in line or "estimate:" in line, line
    else:
        assert len(citations(text)) >= 5


def test_an_unresolved_citation_is_caught(sources):
    """A citation of an id that sources.yaml lacks fails the check, with its line number."""
    text = "a: 1  # src: astana_times_kuryk_2021\nb: 2  # src: made_up_2031; src: bp_btc\n"
    assert unresolved(text, sources) == [(2, "made_up_2031")]
    with pytest.raises(AssertionError, match="made_up_2031"):
        assert_resolves(text, sources)


@pytest.mark.parametrize("name", TEXT_FILES)
def test_no_bundled_file_points_outside_the_project(name):
    """Citations point into sources.yaml, not at a file that is not shipped."""
    text = (BUNDLED / name).read_text()
    assert "shared/reference" not in text
    assert "ref §" not in text
    assert "middle_corridor_inputs" not in text


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_bundled_scenario_starts_with_the_schema_modeline(name):
    """Line 1 is the modeline VS Code's YAML extension reads to find the schema."""
    assert cs.bundled_path(name).read_text().splitlines()[0] == MODELINE


def test_citations_are_found_with_their_line_numbers():
    """Several ids on a line, any spacing after ``src:``; estimates are not citations."""
    text = "x: 1  # estimate: no figure found\ny: 2  # src: a_1 (detail); src:b_2\n"
    assert citations(text) == [(2, "a_1"), (2, "b_2")]
    assert [m.group(1) for m in CITATION.finditer(text)] == ["a_1", "b_2"]
    assert ESTIMATE.search("speed: 11 kn   #  estimate: small feeder")
    assert not ESTIMATE.search("speed: 14 kn  # src: portnews_asco_ropax (14 kn)")


def test_load_sources_reads_a_file(tmp_path):
    """A minimal valid file loads into Source objects."""
    path = tmp_path / "sources.yaml"
    path.write_text(GOOD_ENTRY)
    assert load_sources(path) == {
        "port_report_2024": Source(
            id="port_report_2024",
            publisher="Port of Somewhere",
            title="Annual report",
            date="2024",
            url="https://example.org/report",
            confidence="H",
            figures=("Quay: 3 berths (2024)",),
        )
    }


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("port_report_2024:", "Port-Report:", r"sources\.Port-Report: an id is lowercase"),
        ("    confidence: H\n", "", r"sources\.port_report_2024: missing key 'confidence'"),
        ("confidence: H", "confidence: high", r"\.confidence: must be one of H, M-H, M, L-M, L"),
        ("url: https://example.org/report", "url: example.org", r"\.url: must be an http"),
        ("date: 2024", "date: 24 May 2024", r"\.date: must be YYYY, YYYY-MM, YYYY-MM-DD"),
        ('    figures:\n      - "Quay: 3 berths (2024)"\n', "    figures: []\n", r"\.figures:"),
        ('title: "Annual report"', 'title: ""', r"\.title: must be non-empty text"),
        ("    confidence: H\n", "    confidence: H\n    remark: x\n", r"unknown key 'remark'"),
        ("sources:\n", "source:\n", r"top level must be one key, 'sources:'"),
    ],
)
def test_load_sources_refuses_a_malformed_entry(tmp_path, old, new, message):
    """A broken entry is a ScenarioError naming the file, line, id and key, and what is allowed."""
    path = tmp_path / "sources.yaml"
    assert old in GOOD_ENTRY
    path.write_text(GOOD_ENTRY.replace(old, new))
    with pytest.raises(ScenarioError, match=message) as caught:
        load_sources(path)
    assert str(caught.value).startswith(str(path))


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_bundled_node_has_a_display_label(name):
    """Maps and reports show proper names (``Alat (Port of Baku)``), not snake_case ids."""
    nodes = cs.load_scenario(cs.bundled_path(name)).nodes
    unlabelled = [node for node, spec in nodes.items() if not spec.label]
    assert not unlabelled
    assert len({spec.label for spec in nodes.values()}) == len(nodes)  # no two alike
