"""Marginal value with an investment catalogue: each option is run against the baseline
with the baseline's seeds, and costed per tonne gained (equivalent annual cost / gain)."""

from __future__ import annotations

import math

import pytest
from helpers import build, flow, scenario

import corridor_sim as cs
from corridor_sim.experiments.marginal_cost import cost_per_tonne
from corridor_sim.model.catalogue import Catalogue, Option, capital_recovery_factor
from corridor_sim.scenario.catalogue import apply_options

QUIET = {"workers": 1, "progress": False}


def gate() -> cs.Scenario:
    """o -> g -> d: border g (1 server, exponential 2 h a wagon: about 12 a day) holds
    back 18 wagons a day arriving at random."""
    return build(
        scenario(
            nodes={
                "o": {"kind": "origin"},
                "g": {
                    "kind": "border",
                    "servers": 1,
                    "service_time": {"dist": "exponential", "mean": "2 h"},
                },
                "d": {"kind": "destination"},
            },
            links={
                "o-g": {"kind": "transfer", "from": "o", "to": "g", "delay": "1 h"},
                "g-d": {"kind": "transfer", "from": "g", "to": "d", "delay": "1 h"},
            },
            flows={"f": random_wagons()},
            horizon="60 day",
        )
    )


def random_wagons() -> dict:
    """18 wagons a day from o to d, one at a time, at random (Poisson)."""
    f = flow(["o", "g", "d"], "18 wagon/day", "1 wagon")
    f["arrivals"] = {"pattern": "poisson"}
    return f


def options() -> Catalogue:
    return Catalogue(
        "gate_options",
        "USD",
        2024,
        {
            "second_server": Option(
                "second_server", 10e6, 1e6, 2025, changes={"nodes.g.servers": 2}
            ),
            "faster_clearance": Option(
                "faster_clearance",
                4e6,
                0.5e6,
                2026,
                changes={"nodes.g.service_time": {"dist": "exponential", "mean": "1 h"}},
                requires=("second_server",),
            ),
            # moves no capacity: the road to the border takes longer
            "road_works": Option("road_works", 1e6, 0.0, 2025, changes={"links.o-g.delay": "3 h"}),
        },
    )


@pytest.fixture(scope="module")
def costed() -> cs.MarginalValues:
    return cs.marginal_value(gate(), replications=4, seed=7, catalogue=options(), **QUIET)


def test_the_binding_option_gains_and_costs_its_annual_cost_per_tonne(costed):
    rows = costed.table.set_index("element")
    row = rows.loc["second_server"]
    assert row["kind"] == "option" and row["ci_low"] > 0
    # about 6 more wagons a day of 60 t get through
    assert row["gain_t_per_yr"] == pytest.approx(6 * 60 * 365, rel=0.25)
    annual = 10e6 * 0.06 / (1 - 1.06**-25) + 1e6  # capital recovery factor, 6 %, 25 years
    assert row["annual_cost"] == pytest.approx(annual)
    assert row["capex"] == 10e6 and row["opex_per_yr"] == 1e6
    assert row["cost_per_t"] == pytest.approx(annual / row["gain_t_per_yr"])
    assert row["cost_per_t_low"] == pytest.approx(annual / row["ci_high"])
    assert row["cost_per_t_high"] == pytest.approx(annual / row["ci_low"])
    assert row["cost_per_t_low"] < row["cost_per_t"] < row["cost_per_t_high"]


def test_an_option_is_costed_with_the_options_it_requires(costed):
    row = costed.table.set_index("element").loc["faster_clearance"]
    assert row["change"] == "option, with second_server"
    assert row["capex"] == 14e6 and row["opex_per_yr"] == 1.5e6
    annual = 14e6 * capital_recovery_factor(0.06, 25) + 1.5e6
    assert row["cost_per_t"] == pytest.approx(annual / row["gain_t_per_yr"])


def test_an_inert_option_has_no_cost_per_tonne(costed):
    row = costed.table.set_index("element").loc["road_works"]
    assert not row["ci_low"] > 0
    assert math.isnan(row["cost_per_t"]) and math.isnan(row["cost_per_t_high"])
    assert row["annual_cost"] > 0
    text = costed.text()
    line = next(x for x in text.splitlines() if x.split()[1:2] == ["road_works"])
    assert "no gain told from none" in line


def test_unit_rows_stay_without_costs(costed):
    units = costed.table[costed.table["kind"] == "+1 unit"]
    assert list(units["element"]) == ["g"]
    assert units[["capex", "annual_cost", "cost_per_t"]].isna().all().all()


def test_options_are_paired_with_the_baseline_seeds(costed):
    """The second server is the same scenario as the '+1 server' row: with the same seeds
    it gains exactly as much, replication by replication; and the gain is what compare()
    finds with the same seed."""
    rows = costed.table.set_index("element")
    unit, option = rows.loc["g"], rows.loc["second_server"]
    assert option["gain_t_per_yr"] == unit["gain_t_per_yr"]
    assert option["half_width"] == unit["half_width"]
    s, cat = gate(), options()
    cmp = cs.compare(s, apply_options(s, cat, ["second_server"]), replications=4, seed=7, **QUIET)
    d = cmp.differences
    delivered = d[(d["scope"] == "corridor") & (d["kpi"] == "delivered_t_per_yr")].iloc[0]
    assert option["gain_t_per_yr"] == pytest.approx(delivered["difference"])
    assert option["half_width"] == pytest.approx(delivered["half_width"])


def test_the_cheapest_tonne_ranks_options_by_cost_per_tonne(costed, tmp_path):
    cheapest = costed.cheapest
    assert list(cheapest["element"]) == ["second_server", "faster_clearance", "road_works"]
    text = costed.text()
    assert "Cheapest tonne: options by cost per tonne gained" in text
    assert "money in USD 2024" in text and "USD 2024/t" in text
    assert "cheapest tonne: second_server" in repr(costed)
    page = costed._repr_html_()
    assert "cost per tonne gained (USD 2024/t)" in page and "Cheapest tonne: second_server" in page
    assert "built in with" in page
    folder = costed.to_dir(tmp_path / "mv")
    assert (folder / "cheapest_tonne.csv").read_text().startswith("rank,kind,element,")
    assert '"money": "USD 2024"' in (folder / "marginal_value.json").read_text()


def test_without_a_catalogue_the_table_is_as_before():
    mv = cs.marginal_value(gate(), replications=2, seed=7, **QUIET)
    assert "kind" not in mv.table and "cost_per_t" not in mv.table
    assert mv.cheapest.empty and "Cheapest tonne" not in mv.text()
    assert "annual cost" not in mv._repr_html_()


def test_a_catalogue_that_does_not_fit_is_refused_before_running():
    cat = Catalogue(
        "elsewhere",
        "USD",
        2024,
        {"x": Option("x", 1.0, 0.0, 2025, changes={"nodes.zz.servers": 2})},
    )
    with pytest.raises(cs.ScenarioError, match=r"option 'x'.*no 'zz' in nodes"):
        cs.marginal_value(gate(), replications=2, catalogue=cat, **QUIET)
    with pytest.raises(ValueError, match="years must be a whole number >= 1"):
        cs.marginal_value(gate(), replications=2, catalogue=options(), years=0, **QUIET)


def test_cost_per_tonne_needs_a_gain_told_from_none():
    assert cost_per_tonne(12.0, 4.0, 2.0, 6.0) == (3.0, 2.0, 6.0)
    for low in (0.0, -1.0, math.nan):
        assert all(math.isnan(x) for x in cost_per_tonne(12.0, 4.0, low, 6.0))
