"""The HTML report: contents, verdict, tables, embedded figures, the scenario's comments
marked by kind, its sources listed and linked; and that a real browser renders it."""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import pytest
from helpers import short
from markupsafe import escape

import corridor_sim as cs
from corridor_sim import report
from corridor_sim.report.scenario_files import COMMENT, comments
from corridor_sim.scenario.sources import load_sources

IMG = re.compile(r'<img alt="([^"]+)" src="data:image/png;base64,([^"]+)">')
SPAN = re.compile(r'<span class="(src|est|note)">(.*?)</span>(?=\n|$)', re.M)


@pytest.fixture(scope="module")
def storm():
    """The caspian_storm scenario over 30 days: its file names a base file."""
    return short("caspian_storm", 30)


@pytest.fixture(scope="module")
def page(storm) -> str:
    return report.render_report(cs.simulate(storm), scenario=storm, dpi=60)


def test_report_states_the_verdict_and_the_headline_tables(page, storm):
    result = cs.simulate(storm)
    assert f"<p>{html.escape(result.verdict)}</p>" in page
    assert "<h2>Flows</h2>" in page and "<h2>Bottleneck ranking</h2>" in page
    assert "<h2>Headline</h2>" in page and '<th class="num">this run</th>' in page
    for flow in storm.flows:
        assert f"<td>{flow}</td>" in page


def test_report_says_it_shows_one_sample_path(page, storm):
    assert "One sample path (seed " in page
    assert "without confidence intervals" in page
    assert "Figures: the same sample path (seed " in page
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", page, re.S)
    assert captions and all(
        c.startswith('<span class="which">One sample path.</span>') for c in captions
    )
    assert "±" not in page[: page.index('<section id="figures">')]  # no interval claimed


def test_the_ranking_shows_each_elements_one_capacity(page, storm):
    result = cs.simulate(storm)
    binding = result.elements.set_index("element").loc[result.bottlenecks.iloc[0]["element"]]
    assert '<th class="num">capacity t/day</th>' in page
    assert f'<td class="num">{binding["capacity_t_per_day"]:,.0f}</td>' in page


def test_report_has_a_table_of_contents_whose_links_all_land(page):
    nav = page[page.index('<nav class="toc"') : page.index("</nav>")]
    links = re.findall(r'href="#([^"]+)"', nav)
    for section in ("verdict", "flows", "ranking", "figures", "scenario", "sources"):
        assert section in links
    assert [n for n in links if n.startswith("fig-")] == [
        f"fig-{name}" for name, _ in IMG.findall(page)
    ]
    assert "caspian_storm.yaml" in nav and "middle_corridor_2024.yaml" in nav
    ids = set(re.findall(r'id="([^"]+)"', page))
    assert set(re.findall(r'href="#([^"]+)"', page)) <= ids  # every link on the page lands


def test_report_embeds_every_figure_as_a_png(page):
    images = dict(IMG.findall(page))
    assert {"network_map", "utilisation", "queues", "transit_times", "time_split"} <= set(images)
    assert any(name.startswith("throughput_") for name in images)
    for data in images.values():
        assert base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n"
    # nothing to fetch: the only addresses are links to the sources
    assert not re.search(r'src="(?!data:)|<link|url\(|<script', page)


def test_estimates_citations_and_notes_are_marked_apart(page, storm):
    """Today's report classed a comment as a citation when it held "ref §": the 26
    ``# estimate:`` comments that named a reference were coloured as citations."""
    text = Path(storm.source).parent.joinpath("middle_corridor_2024.yaml").read_text()
    spans = SPAN.findall(page)
    estimates = [c for c in comments(text) if c.strip().startswith("# estimate:")]
    cited = [c for c in estimates if "src:" in c]
    assert len(cited) >= 20  # estimates that also cite what they build on
    marked = {
        kind: [re.sub("<[^>]+>", "", html.unescape(body)) for k, body in spans if k == kind]
        for kind in ("src", "est", "note")
    }
    for comment in estimates:
        assert comment in marked["est"]
        assert comment not in marked["src"]
    assert any(c.strip().startswith("# src:") for c in marked["src"])
    assert any(c.strip().startswith("# ---") for c in marked["note"])
    assert re.search(
        r"middle_corridor_2024\.yaml: \d+ comments citing sources, \d+ estimates", page
    )


def test_each_cited_source_is_listed_and_each_citation_links_to_it(page):
    sources = load_sources()
    linked = set(re.findall(r'<a href="#src-([a-z0-9_]+)">\1</a>', page))
    listed = re.findall(r'<li id="src-([a-z0-9_]+)">', page)
    assert linked and set(listed) == linked and len(listed) == len(set(listed))
    section = page[page.index('<section id="sources">') :]
    for key in listed:
        entry = sources[key]
        assert escape(entry.publisher) in section and escape(entry.title) in section
        if entry.url:
            assert f'<a href="{escape(entry.url)}">' in section


def test_a_citation_of_an_unknown_source_is_marked(tmp_path):
    yaml_text = report.scenario_files.highlight_yaml("a: 1  # src: no_such_id (p. 3)", {"x"})
    assert '<span class="missing" title="not in sources.yaml">no_such_id</span>' in yaml_text
    assert "href" not in yaml_text


def test_long_yaml_lines_wrap_instead_of_being_clipped(page):
    css = re.search(r"pre\.yaml \{([^}]*)\}", page)
    assert css and "white-space: pre-wrap" in css[1] and "overflow-x" not in css[1]
    assert '<pre class="yaml">' in page


def test_report_without_a_scenario_says_so(result, monkeypatch):
    monkeypatch.setattr(report.html, "figures", lambda *_args: [])
    page = report.render_report(result)
    assert "The scenario file is not available to this report." in page
    assert "No source is cited." in page


def test_yaml_comments_are_split_from_the_values():
    html_text = report.scenario_files.highlight_yaml(
        "a: '#1'   # src: xinhua_dostyk_2016 x\nb: 3 # estimate: y\nurl: h://p#q\nc: 4",
        {"xinhua_dostyk_2016"},
    )
    assert html_text.splitlines() == [
        'a: &#x27;#1&#x27;<span class="src">   # src: '
        '<a href="#src-xinhua_dostyk_2016">xinhua_dostyk_2016</a> x</span>',
        'b: 3<span class="est"> # estimate: y</span>',
        "url: h://p#q",
        "c: 4",
    ]
    assert COMMENT.match("k: it's 5  # note")["comment"] == "  # note"
