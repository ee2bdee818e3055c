"""Results saved with ``to_dir`` read back with ``from_dir``; the tables the figures need."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import corridor_sim as cs
from corridor_sim.errors import ResultError


def test_from_dir_gives_back_every_table_and_the_run_settings(result, saved):
    back = cs.SimulationResult.from_dir(saved)
    for name in result.TABLES:
        pd.testing.assert_frame_equal(
            getattr(back, name), getattr(result, name), check_dtype=False, obj=name
        )
    assert (back.scenario, back.seed, back.start) == (result.scenario, result.seed, result.start)
    assert (back.warmup_h, back.horizon_h) == (result.warmup_h, result.horizon_h)
    assert back.verdict == result.verdict


def test_network_table_places_nodes_and_joins_links(result, corridor):
    net = result.network.set_index("element")
    assert set(net.index) == set(corridor.nodes) | set(corridor.links)
    assert tuple(net.loc["aktau", ["lon", "lat"]]) == (51.20, 43.61)
    assert tuple(net.loc["kuryk-alat", ["from", "to"]]) == ("kuryk", "alat")
    btc = corridor.links["btc"]
    assert net.loc["btc", "capacity_t_per_day"] == pytest.approx(btc.residual_t_per_h * 24)
    assert np.isnan(net.loc["kuryk-alat", "capacity_t_per_day"])


def test_transit_distribution_holds_every_unit_delivered_in_the_statistics_period(result):
    held = result.transits.groupby("flow")["units"].sum()
    delivered = result.flows.set_index("flow")["delivered_units"]
    pd.testing.assert_series_equal(held, delivered.loc[held.index], check_names=False, rtol=1e-9)
    assert (result.transits["days_low"] < result.transits["days_high"]).all()


def test_flow_daily_adds_up_to_the_deliveries_since_t0_and_in_the_statistics_period(result):
    daily = result.flow_daily
    since_t0 = daily.groupby("flow")["units"].sum()
    balance = result.balance.set_index("flow")["delivered_units"]
    np.testing.assert_allclose(since_t0, balance.loc[since_t0.index])
    first_stat_day = result.warmup_h / 24
    assert first_stat_day == int(first_stat_day)  # the warm-up is whole days here
    stats = daily[daily["day"] >= first_stat_day].groupby("flow")["units"].sum()
    np.testing.assert_allclose(
        stats, result.flows.set_index("flow").loc[stats.index, "delivered_units"]
    )


def test_a_folder_saved_before_the_network_table_still_loads(saved, tmp_path):
    for f in saved.iterdir():
        if f.name not in ("network.csv", "transits.csv", "flow_daily.csv"):
            (tmp_path / f.name).write_bytes(f.read_bytes())
    old = cs.SimulationResult.from_dir(tmp_path)
    assert old.network.empty and old.transits.empty and old.flow_daily.empty


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: (d / "summary.json").unlink(), "summary.json: missing"),
        (lambda d: (d / "summary.json").write_text("{"), "summary.json: not valid JSON"),
        (lambda d: (d / "summary.json").write_text("[1]"), "must hold a JSON object"),
        (lambda d: (d / "summary.json").write_text('{"scenario": "x"}'), "bad or missing entry"),
        (lambda d: (d / "elements.csv").unlink(), "elements.csv: missing"),
    ],
)
def test_a_damaged_folder_is_a_result_error_naming_the_file(saved, tmp_path, damage, message):
    for f in saved.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    damage(tmp_path)
    with pytest.raises(ResultError, match=message):
        cs.SimulationResult.from_dir(tmp_path)


def test_a_missing_folder_is_a_result_error(tmp_path):
    with pytest.raises(ResultError, match="no such folder"):
        cs.SimulationResult.from_dir(tmp_path / "nowhere")


def test_summary_json_holds_what_from_dir_reads(saved):
    head = json.loads((saved / "summary.json").read_text())
    assert {"scenario", "seed", "start", "warmup_days", "horizon_days", "verdict"} <= set(head)
