"""One capacity per element: the effective capacity of ``corridor_sim.capacity``, carried
by every result's elements table and named as such in the capacity text."""

from __future__ import annotations

import math

import numpy as np
import pytest
from helpers import bundled_run

import corridor_sim as cs
from corridor_sim.capacity.effective import capacity_t_per_yr, ceiling_t_per_yr
from corridor_sim.texttable import num


@pytest.mark.parametrize("name", ["teaching_two_ports", "middle_corridor_2024"])
def test_result_elements_carry_the_capacity_of_the_scenario(name):
    scenario, result = bundled_run(name)
    analytic = cs.capacity(scenario).elements.set_index("element")["capacity_t_per_yr"]
    elements = result.elements[result.elements["role"] != "pool"]  # not in the bounds
    column = elements.set_index("element")["capacity_t_per_day"]
    assert set(column.index) == set(analytic.index)
    for element, per_yr in analytic.items():
        if math.isfinite(per_yr):
            assert column[element] == pytest.approx(per_yr / 365, rel=1e-12), element
        else:
            assert math.isnan(column[element]), element  # no limit: NaN, not inf
    assert column.notna().sum() >= 3


def test_saved_results_keep_the_capacity_column(tmp_path):
    _, result = bundled_run("teaching_two_ports")
    back = cs.SimulationResult.from_dir(result.to_dir(tmp_path / "run"))
    np.testing.assert_allclose(
        back.elements["capacity_t_per_day"], result.elements["capacity_t_per_day"], rtol=1e-6
    )


def test_capacity_report_and_the_results_use_the_same_numbers():
    scenario = cs.load_scenario(cs.bundled_path("middle_corridor_2024"))
    table = cs.capacity(scenario).elements.set_index("element")
    caps, ceilings = capacity_t_per_yr(scenario), ceiling_t_per_yr(scenario)
    for element, row in table.iterrows():
        assert row["capacity_t_per_yr"] == caps[element]
        assert row["ceiling_t_per_yr"] == ceilings[element]
        assert row["capacity_t_per_day"] == caps[element] / 365
        assert caps[element] <= ceilings[element]  # downtime only takes away


def test_capacity_text_names_the_one_definition_in_t_per_day_and_mt_per_yr():
    scenario = cs.load_scenario(cs.bundled_path("middle_corridor_2024"))
    report = cs.capacity(scenario)
    text = report.summary()
    assert "Capacity = effective capacity:" in text
    assert "docs/capacity.md" in text
    header = next(line for line in text.splitlines() if line.startswith("element"))
    assert "capacity t/day" in header and "capacity Mt/yr" in header
    assert "no-downtime ceiling Mt/yr" in header
    assert "bound" not in header  # no second quantity under the name of a capacity
    row = report.elements.set_index("element").loc["kuryk-alat"]
    line = next(line for line in text.splitlines() if line.startswith("kuryk-alat "))
    assert num(row["capacity_t_per_day"]) in line
    assert num(row["capacity_t_per_yr"] / 1e6, 3) in line
    assert num(row["ceiling_t_per_yr"] / 1e6, 3) in line
