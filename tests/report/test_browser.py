"""The report in a real browser: headless Chromium lays out the report `corridor-sim run
--report` writes (a replicated answer), shows the figures, keeps every YAML line and every
table inside its box, and every link of the contents lands on its section.

Without Chromium the test skips locally, and says so at the end of the run
(tests/report/conftest.py); in CI (``CI`` set, as .ci/run installs Chromium) it fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import corridor_sim as cs
from corridor_sim import report
from corridor_sim.plotting import _style, coastline, network_map

FLAGS = [
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
NO_BROWSER = "chromium is not installed (apt-get install chromium): the report was not opened"
#: measures the page once laid out and writes the answers into the DOM for --dump-dom
PROBE = """<script>
const pres = [...document.querySelectorAll("pre")];
document.body.dataset.clipped = pres.filter(p => p.scrollWidth > p.clientWidth + 1).length;
document.body.dataset.pres = pres.length;
const wide = [...document.querySelectorAll("div.wide")];
document.body.dataset.tables = wide.length;
document.body.dataset.overflow = wide.filter(d => d.scrollWidth > d.clientWidth + 1).length;
const targets = [...document.querySelectorAll('nav.toc a')].map(a => a.getAttribute("href"));
document.body.dataset.lost = targets.filter(h => !document.querySelector(h)).join(" ");
</script></body>"""


def chromium() -> str:
    """Chromium's path; without it, fail in CI and skip (with the reason) elsewhere."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must install Debian's chromium (see .ci/run): {NO_BROWSER}")
        pytest.skip(NO_BROWSER)
    return path


def run(browser: str, profile: Path, *args: str) -> str:
    flags = [*FLAGS, f"--user-data-dir={profile}"]
    done = subprocess.run(
        [browser, *flags, *args], capture_output=True, text=True, timeout=180, check=True
    )
    return done.stdout


@pytest.fixture(scope="module")
def answer(corridor):
    """Two replications of the 2024 corridor over 60 days."""
    return cs.run(corridor, replications=2, workers=1, progress=False)


def test_the_report_renders_in_headless_chromium(tmp_path, answer):
    browser = chromium()
    page = report.write_report(answer, tmp_path / "report.html", dpi=60)
    probed = tmp_path / "probed.html"
    probed.write_text(page.read_text().replace("</body>", PROBE), encoding="utf-8")
    dom = run(
        browser, tmp_path / "profile", "--window-size=1000,800", "--dump-dom", probed.as_uri()
    )
    assert f"Binding element: {answer.binding}" in dom and "±" in dom
    assert dom.count('src="data:image/png;base64,') >= 6
    body = re.search(r"<body([^>]*)>", dom)[1]
    assert 'data-pres="1"' in body  # the 2024 file, with lines of 200+ characters
    assert 'data-clipped="0"' in body  # each wraps inside its box at 1000 px
    # so do the tables: headline, flows, ranking, vessels, berths, rail operations
    # (locomotives, background trains, passing loops, dwell) and costs
    assert 'data-tables="10"' in body and 'data-overflow="0"' in body
    assert 'data-lost=""' in body  # every link of the contents finds its section
    shot = tmp_path / "shot.png"
    run(
        browser,
        tmp_path / "profile",
        "--window-size=1200,7000",  # down to the first figures, below the fleet and rail tables
        f"--screenshot={shot}",
        page.as_uri(),
    )
    from matplotlib.image import imread

    pixels = (imread(shot)[..., :3] * 255).round()
    # the map's sea (or, without coastlines, the node bars' blue) appears only inside the
    # embedded figures: the browser decoded and drew them
    colour = network_map.WATER if coastline.data_dir() else _style.SKY
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
    assert (np.abs(pixels - rgb).max(axis=-1) <= 2).sum() > 5000


def _without_chromium(ci: bool) -> subprocess.CompletedProcess[str]:
    """This module's browser test run by a pytest that cannot find Chromium."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PATH"] = str(Path(sys.executable).parent)  # the venv's tools only
    if ci:
        env["CI"] = "true"
    test = f"{__file__}::test_the_report_renders_in_headless_chromium"
    return subprocess.run(
        [sys.executable, "-m", "pytest", test, "-p", "no:cacheprovider"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=Path(__file__).parents[2],
    )


@pytest.mark.parametrize("ci", [False, True], ids=["local", "CI"])
def test_a_missing_browser_fails_in_ci_and_is_reported_elsewhere(ci):
    """Before, the test skipped in CI too, and said only "1 skipped"."""
    done = _without_chromium(ci)
    out = done.stdout + done.stderr
    if ci:
        assert done.returncode == 1 and "1 failed" in out
        assert "CI must install Debian's chromium" in out
    else:
        assert done.returncode == 0 and "1 skipped" in out
        assert f"NOT CHECKED IN A BROWSER: {NO_BROWSER}" in out
