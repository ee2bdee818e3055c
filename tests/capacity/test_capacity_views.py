"""A capacity report in a notebook: a short ``repr`` and an HTML block with the answer,
the most loaded elements and the maximum flow, units in the headers."""

from __future__ import annotations

import corridor_sim as cs


def test_capacity_report_repr_is_short_and_html_shows_the_answer():
    bounds = cs.capacity(cs.load_scenario(cs.bundled_path("teaching_two_ports")))
    text = repr(bounds)
    assert len(text) < 300 and "\n" not in text
    assert "'teaching_two_ports'" in text and "binding port_a-port_b" in text
    page = bounds._repr_html_()
    assert "Capacity: teaching_two_ports" in page
    assert "no simulation, so no replications" in page
    assert f"all flows can grow x{bounds.headroom:.2f} before port_a-port_b is full" in page
    assert "capacity (t/day)" in page and "load (%)" in page and "max flow (Mt/yr)" in page
    assert ">2,926<" in page  # port_a-port_b, t/day (see the capacity module's doctest)
