"""The "Costs and emissions" section of a replicated report: each flow's cost per unit
by kind over the replications, only when the scenario has a costs section."""

from __future__ import annotations

import html
import re

import pytest
from cost_helpers import RAIL_COSTS, rail_scenario
from helpers import build, short

import corridor_sim as cs
from corridor_sim import report


def section_rows(page: str) -> list[list[str]]:
    part = page[page.index('<section id="costs">') :]
    part = part[: part.index("</section>")]
    return [
        [html.unescape(x).replace("\xa0", " ") for x in re.findall(r"<td[^>]*>(.*?)</td>", r)]
        for r in re.findall(r"<tr>(.*?)</tr>", part)
    ]


def test_the_section_shows_the_hand_sums_over_the_replications():
    """The tiny costed line of tests/results/test_costs.py: tariff 300, charges 120, time
    4, carbon 12, total 436 USD a wagon, the same in every replication."""
    answer = cs.run(build(rail_scenario(RAIL_COSTS)), replications=2, workers=1, progress=False)
    page = report.render_report(answer, dpi=20)
    assert '<a href="#costs">Costs and emissions</a>' in page
    rows = {r[0]: r for r in section_rows(page) if r}
    tariff, charges, time, carbon, total = (float(x.split(" ± ")[0]) for x in rows["f"][1:6])
    assert (tariff, charges, carbon, total) == (300.0, 120.0, 12.0, 436.0)
    assert time == pytest.approx(4.0)


def test_no_section_without_costs():
    answer = cs.run(short("teaching_two_ports", 30), replications=2, workers=1, progress=False)
    page = report.render_report(answer, dpi=20)
    assert 'id="costs"' not in page
