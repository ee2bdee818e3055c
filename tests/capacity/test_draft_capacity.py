"""The analytic capacity of a sea link loads each vessel by the same per-class load
factors as the simulation, taken on the scenario's start date."""

import pytest
from helpers import build, ferry, flow, port, scenario, sea

import corridor_sim as cs

# 10 wagon slots; 4 m design draft, 1,000 t deadweight, 5 t/cm; 60 t goods + 40 t tare.
DRAFT = {"design": "4 m", "deadweight": "1000 t", "tpc": "5 t/cm", "tare": {"wagon": "40 t/wagon"}}


def line(start: str, trend: str = "-0.5 m/yr") -> dict:
    """Port a takes 4.2 m on 1 Jan 2024, changing by ``trend``; the run starts ``start``."""
    mapping = scenario(
        nodes={
            "a": port(water_depth={"draft": "4.2 m", "date": "2024-01-01", "trend": trend}),
            "b": port(),
        },
        links={"a-b": sea([ferry(draft=DRAFT)])},
        flows={"f": flow(["a", "b"], "1000 wagon/yr", "10 wagon")},
    )
    mapping["simulation"]["start"] = start
    return mapping


def sea_row(mapping: dict):
    return cs.capacity(build(mapping)).elements.set_index("element").loc["a-b"]


def test_capacity_takes_the_draft_on_the_start_date():
    """A run starting a year (365 days) on finds 3.7 m: 30 cm below design, 150 t less,
    850 t = 8 wagons a load, so 8/10 of the capacity of a run starting in 2024, with
    the handling of the smaller load taken off the round trip."""
    early, late = sea_row(line("2024-01-01")), sea_row(line("2024-12-31"))
    # round trip: 2 x 10 h sailing + handling of the load at both ends at 10 wagon/h
    assert early["capacity_t_per_yr"] == pytest.approx(10 * 60 * 8760 / (20 + 2.0))
    assert late["capacity_t_per_yr"] == pytest.approx(8 * 60 * 8760 / (20 + 1.6))
    assert "1 x 8 wagon (10 x 80%)" in late["formula"]


def test_capacity_without_a_limit_is_unchanged_by_the_draft_model():
    """A rising sea keeps the ferry at its design draft: all 10 slots, as no depth."""
    rising = sea_row(line("2026-01-01", trend="0.5 m/yr"))
    plain = line("2026-01-01")
    del plain["nodes"]["a"]["water_depth"]
    assert rising["capacity_t_per_yr"] == pytest.approx(sea_row(plain)["capacity_t_per_yr"])
