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
            getattr(back, name),
            getattr(result, name),
            check_dtype=False,  # a float column of whole numbers reads back as int
            check_exact=False,
            rtol=1e-9,  # written at 10 significant digits
            obj=name,
        )
    assert (back.scenario, back.seed, back.start) == (result.scenario, result.seed, result.start)
    assert (back.warmup_h, back.horizon_h) == (result.warmup_h, result.horizon_h)
    assert back.verdict == result.verdict


def test_network_table_places_nodes_and_joins_links(result, corridor):
    net = result.network.set_index("element")
    assert set(net.index) == set(corridor.nodes) | set(corridor.links)
    assert tuple(net.loc["aktau", ["lon", "lat"]]) == (51.20, 43.61)
    assert tuple(net.loc["kuryk-alat", ["from", "to"]]) == ("kuryk", "alat")
    assert net.loc["alat", "label"] == corridor.nodes["alat"].display_name
    # one capacity: it lives in result.elements, not in the network table
    assert "capacity_t_per_day" not in net.columns


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


def test_a_replication_says_which_stream_of_its_seed_it_ran_and_keeps_it_when_saved(tmp_path):
    """Replication i of an experiment runs with SeedSequence(seed).spawn(n)[i]: its result
    names that stream, not only the base seed, and the saved folder keeps it."""
    teaching = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
    child = np.random.SeedSequence(5).spawn(3)[2]
    replication = cs.simulate(teaching, rng=np.random.default_rng(child))
    assert replication.spawn_key == (2,) and replication.seed_text == "5, replication stream 2"
    assert "seed 5, replication stream 2" in replication.summary().splitlines()[0]
    assert cs.simulate(teaching, seed=5).seed_text == "5"
    again = cs.SimulationResult.from_dir(replication.to_dir(tmp_path / "r"))
    assert again.spawn_key == (2,)
