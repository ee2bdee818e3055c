"""A scenario in a notebook: a one-line repr, an HTML view with its flows; equality and
hashing as a frozen dataclass gives them."""

from __future__ import annotations

import dataclasses

import pytest

import corridor_sim as cs
from corridor_sim.units import HOURS_PER_YEAR


@pytest.fixture(scope="module")
def corridor() -> cs.Scenario:
    return cs.load_scenario(cs.bundled_path("middle_corridor_2024"))


def test_repr_is_one_short_line_with_name_period_and_counts(corridor):
    text = repr(corridor)
    assert len(text) < 300 and "\n" not in text
    assert "'middle_corridor_2024'" in text and "365 days" in text and "2024-01-01" in text
    for what, items in [("nodes", corridor.nodes), ("links", corridor.links)]:
        assert f"{len(items)} {what}" in text
    assert "NodeSpec(" not in text and "FlowSpec(" not in text  # no spec dumped


def test_equality_and_hashing_are_still_the_dataclass_ones(corridor):
    again = cs.load_scenario(cs.bundled_path("middle_corridor_2024"))
    assert again == corridor and again is not corridor
    assert dataclasses.replace(corridor, name="other") != corridor
    params = cs.Scenario.__dataclass_params__  # type: ignore[attr-defined]
    assert params.eq and params.frozen  # so hash and == still come from the fields


def test_repr_html_shows_description_period_counts_and_flow_volumes(corridor):
    page = corridor._repr_html_()
    assert "<h4>Scenario: middle_corridor_2024</h4>" in page
    assert corridor.description.split(":")[0] in page
    assert "2024-01-31 00:00" in page  # the statistics start, after the 30-day warm-up
    assert f"{len(corridor.flows)} flows" in page
    assert "volume (units/yr)" in page and "volume (kt/yr)" in page
    for f in corridor.flows.values():
        unit = corridor.commodities[f.commodity].unit
        per_year = f.volume_units_per_h * HOURS_PER_YEAR
        assert f">{f.name}</td>" in page
        assert f">{unit}</td>" in page
        assert f">{per_year:,.0f}</td>" in page


def test_repr_html_escapes_text_from_the_file(corridor):
    odd = dataclasses.replace(corridor, description="<script>alert(1)</script> & more")
    page = odd._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
