"""The "Rail operations" section of a replicated report: locomotive pools, passing loops,
background trains and dwell, over the replications, only when the scenario has them."""

from __future__ import annotations

import html
import re

import pytest
from helpers import build, flow, scenario, short

import corridor_sim as cs
from corridor_sim import report


def railway() -> cs.Scenario:
    """o -> b (a border with background trains) -> d on a single track hauled by a pool."""
    return build(
        scenario(
            nodes={
                "o": {"kind": "origin"},
                "b": {
                    "kind": "border",
                    "servers": 2,
                    "service_time": "2 h",
                    "background": {"trains": "4 train/day"},
                },
                "d": {"kind": "destination"},
            },
            links={
                "o-b": {"kind": "transfer", "from": "o", "to": "b", "delay": "1 h"},
                "b-d": {
                    "kind": "rail",
                    "from": "b",
                    "to": "d",
                    "travel_time": "10 h",
                    "train_capacity": {"wagon": "5 wagon"},
                    "track": {"kind": "single", "passing_loops": 2, "loop_time": "10 min"},
                },
            },
            flows={"f": flow(["o", "b", "d"], "20 wagon/day", "1 wagon")},
            horizon="30 day",
            locomotive_pools={
                "kz": {"lines": ["b-d"], "locomotives": "3 locomotive", "turnaround": "1 h"}
            },
        )
    )


def section_rows(page: str) -> list[list[str]]:
    part = page[page.index('<section id="rail">') :]
    part = part[: part.index("</section>")]
    return [
        [html.unescape(x).replace("\xa0", " ") for x in re.findall(r"<td[^>]*>(.*?)</td>", r)]
        for r in re.findall(r"<tr>(.*?)</tr>", part)
    ]


def test_the_section_shows_each_rail_table_over_the_replications():
    answer = cs.run(railway(), replications=3, workers=1, progress=False)
    page = report.render_report(answer, dpi=20)
    assert '<a href="#rail">Rail operations</a>' in page
    for title in ("Locomotive pools", "Passing loops", "Background trains"):
        assert f"<h3>{title}</h3>" in page
    rows = {r[0]: r for r in section_rows(page) if r}
    assert {"kz", "b-d", "b"} <= set(rows)
    busy = float(rows["kz"][1].split(" ± ")[0])
    assert 0 < busy <= 100
    background = float(rows["b"][1].split(" ± ")[0])
    assert background == pytest.approx(4.0, abs=0.3)  # 4 trains a day, regular


def test_no_section_without_rail_operations():
    answer = cs.run(short("teaching_two_ports", 30), replications=2, workers=1, progress=False)
    page = report.render_report(answer, dpi=20)
    assert 'id="rail"' not in page
