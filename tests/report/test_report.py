"""The HTML report: verdict, tables, embedded figures, the scenario's sources; and that a
real browser renders it."""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess

import numpy as np
import pytest
from helpers import short

import corridor_sim as cs
from corridor_sim import report
from corridor_sim.plotting import _style, coastline, network_map

IMG = re.compile(r'<img alt="([^"]+)" src="data:image/png;base64,([^"]+)">')
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


@pytest.fixture(scope="module")
def storm():
    """The caspian_storm scenario over 30 days: its file names a base file."""
    return short("caspian_storm", 30)


@pytest.fixture(scope="module")
def page(storm) -> str:
    return report.render_report(cs.simulate(storm), scenario=storm, dpi=60)


def test_report_states_the_verdict_and_the_headline_tables(page, storm):
    result = cs.simulate(storm)
    assert f"<p>{result.verdict}</p>" in page
    assert "<h2>Flows</h2>" in page and "<h2>Bottleneck ranking</h2>" in page
    for flow in storm.flows:
        assert f"<td>{flow}</td>" in page


def test_report_embeds_every_figure_as_a_png(page):
    images = dict(IMG.findall(page))
    assert {"network_map", "utilisation", "queues", "transit_times", "time_split"} <= set(images)
    assert any(name.startswith("throughput_") for name in images)
    for data in images.values():
        assert base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n"
    assert "http://" not in page and "https://" not in page  # nothing to fetch


def test_report_carries_the_scenario_files_with_their_sources_marked(page):
    assert "caspian_storm.yaml: " in page and "middle_corridor_2024.yaml: " in page
    assert '<span class="ref">' in page and '<span class="est">' in page
    assert "# ref §9 Annual closure days" in page


def test_report_without_a_scenario_says_so(result, monkeypatch):
    monkeypatch.setattr(report.html, "iter_figures", lambda *_args: iter(()))
    page = report.render_report(result)
    assert "The scenario file is not available to this report." in page


def test_yaml_comments_are_split_from_the_values():
    html = report.html.highlight_yaml("a: '#1'   # ref §2 x\nb: 3 # estimate: y\nc: 4")
    assert html.splitlines() == [
        'a: &#x27;#1&#x27;<span class="ref">   # ref §2 x</span>',
        'b: 3<span class="est"> # estimate: y</span>',
        "c: 4",
    ]


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium (see .ci/run)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path


def test_the_report_renders_in_headless_chromium(tmp_path):
    browser = chromium()
    scenario = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
    page = report.write_report(cs.simulate(scenario), tmp_path / "report.html", dpi=60)
    url = page.resolve().as_uri()
    flags = [*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120
    ).stdout
    assert "Binding element: port_a-port_b" in dom
    assert dom.count('src="data:image/png;base64,') >= 6
    shot = tmp_path / "shot.png"
    subprocess.run(
        [browser, *flags, "--window-size=1200,2600", f"--screenshot={shot}", url],
        capture_output=True,
        timeout=120,
        check=True,
    )
    from matplotlib.image import imread

    pixels = (imread(shot)[..., :3] * 255).round()
    # the map's sea (or, without coastlines, the node bars' blue) appears only inside the
    # embedded figures: the browser decoded and drew them
    colour = network_map.WATER if coastline.data_dir() else _style.SKY
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
    assert (np.abs(pixels - rgb).max(axis=-1) <= 2).sum() > 5000
