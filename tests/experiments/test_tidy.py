"""Tidy experiment tables: one row per run, KPI and subject, with ``scope``, ``subject``
and ``kpi`` as columns, never packed into column names or values; the numbers are the
runs' own."""

from __future__ import annotations

import dataclasses

import experiment_objects
import numpy as np
import pandas as pd
import pytest

import corridor_sim as cs
from corridor_sim.experiments.fleet_kpis import fleet_kpis
from corridor_sim.experiments.kpis import kpis, run_kpis, split_key

KEYS = ["scope", "subject", "kpi"]
STATS = ["mean", "half_width", "ci_low", "ci_high", "n"]
CORRIDOR_KPIS = 9  # delivered, offered, ratio, carried ratio, diverted, transit, in system,
# backlog growth, MSER
FLOW_KPIS = 3  # delivered, transit mean, transit p95
ELEMENT_KPIS = 6  # utilisation, wait share, backlog growth, score, throughput, queue rise


@pytest.fixture(scope="module")
def experiments():
    return experiment_objects.experiments()


@pytest.fixture(scope="module")
def teaching_60d():
    return experiment_objects.teaching_60d()


def tables(thing: object) -> dict[str, pd.DataFrame]:
    """Every public table of an experiment object, by attribute name."""
    return {
        f.name: getattr(thing, f.name)
        for f in dataclasses.fields(thing)  # type: ignore[arg-type]
        if not f.name.startswith("_") and isinstance(getattr(thing, f.name), pd.DataFrame)
    }


def test_no_public_experiment_table_packs_keys_into_names_or_values(experiments):
    seen = 0
    for kind, thing in experiments.items():
        for name, table in tables(thing).items():
            packed = [str(c) for c in table.columns if ":" in str(c)]
            assert not packed, f"{kind}.{name}: {packed[:3]}"
            if "kpi" in table:
                assert not table["kpi"].str.contains(":").any(), f"{kind}.{name}"
                assert set(KEYS) <= set(table.columns), f"{kind}.{name}"
                seen += 1
    assert seen >= 8  # runs and summaries of each, differences, the curve


def test_a_runs_table_has_one_row_per_run_kpi_and_subject(experiments, teaching_60d):
    s = teaching_60d
    per_run = (
        CORRIDOR_KPIS + FLOW_KPIS * len(s.flows) + ELEMENT_KPIS * (len(s.nodes) + len(s.links))
    )
    rep = experiments["replications"]
    assert rep.runs.columns.tolist() == ["replication", "binding_element", *KEYS, "value"]
    assert len(rep.runs) == rep.n * per_run
    assert not rep.runs.duplicated(["replication", *KEYS]).any()
    assert rep.runs["scope"].unique().tolist() == ["corridor", "flow", "element"]
    assert (rep.runs.loc[rep.runs["scope"] == "corridor", "subject"] == "").all()
    sw = experiments["sweep"]
    assert sw.runs.columns.tolist()[:3] == ["point", "demand", "replication"]
    assert len(sw.runs) == len(sw.points) * sw.replications * per_run
    cmp = experiments["comparison"]
    assert len(cmp.runs) == 2 * cmp.replications * per_run


def test_run_tables_carry_the_detail_of_corridor_sim_run(experiments, teaching_60d):
    """``cs.run`` also measures the mass balance (2 more corridor KPIs), 4 more per flow,
    2 more per element, and the vessel, berth, call and line KPIs (as many in every run of
    a scenario: one set per vessel, berth type, line and port)."""
    s, rr = teaching_60d, experiments["run"]
    fleet = len(fleet_kpis(cs.simulate(s, seed=1)))
    per_run = (
        CORRIDOR_KPIS
        + 2
        + (FLOW_KPIS + 4) * len(s.flows)
        + (ELEMENT_KPIS + 2) * (len(s.nodes) + len(s.links))
        + fleet
    )
    assert len(rr.runs) == rr.n * per_run
    assert rr.headline.columns.tolist()[:8] == [*KEYS, *STATS]
    assert len(rr.element_runs) == rr.n * (len(s.nodes) + len(s.links))


def test_summaries_have_a_row_per_kpi_and_subject_with_its_interval(experiments):
    rep = experiments["replications"]
    assert rep.summary.columns.tolist() == [*KEYS, *STATS, "std"]
    assert len(rep.summary) == len(rep.runs) // rep.n
    sw = experiments["sweep"]
    assert sw.summary.columns.tolist()[:2] == ["point", "demand"]
    assert len(sw.summary) == len(sw.runs) // sw.replications
    d = experiments["comparison"].differences
    assert d.columns.tolist()[:6] == [*KEYS, "baseline_mean", "variant_mean", "difference"]
    curve = experiments["saturation"].curve
    assert curve.columns.tolist()[:5] == ["fraction", "multiplier", *KEYS]
    util = rep.kpi("utilisation", "port_a-port_b")
    assert util["scope"] == "element" and util["ci_low"] <= util["mean"] <= util["ci_high"]


def test_tidy_values_are_the_runs_own_numbers(experiments, teaching_60d):
    """Replication 1 re-run here: its KPI dict (the wide form, one key per column of the
    old tables) and the tidy rows hold the same numbers, bit for bit."""
    child = np.random.SeedSequence(3).spawn(3)[1]
    result = cs.simulate(teaching_60d, rng=np.random.default_rng(child))
    wide = kpis(result)
    runs = experiments["replications"].runs
    mine = runs[runs["replication"] == 1].set_index(KEYS)["value"]
    for key in (
        "delivered_t_per_yr",
        "flow:goods_west:transit_mean_days",
        "element:port_a-port_b:utilisation",
    ):
        assert mine.loc[split_key(key)] == wide[key], key
    numeric = {split_key(k): v for k, v in wide.items() if not isinstance(v, str)}
    assert len(numeric) == len(mine)
    assert runs.loc[runs["replication"] == 1, "binding_element"].unique().tolist() == [
        wide["binding_element"]
    ]
    rr = experiments["run"].runs
    detail = run_kpis(result)["element:port_a:queue_p95_t"]
    row = rr[(rr["replication"] == 1) & (rr["subject"] == "port_a") & (rr["kpi"] == "queue_p95_t")]
    assert row["value"].tolist() == [detail]


def test_a_summary_is_the_mean_and_interval_of_its_runs(experiments):
    rep = experiments["replications"]
    values = rep.runs[
        (rep.runs["subject"] == "goods_west") & (rep.runs["kpi"] == "transit_p95_days")
    ]
    row = rep.kpi("transit_p95_days", "goods_west")
    assert row["mean"] == pytest.approx(values["value"].mean())
    assert row["half_width"] == pytest.approx(4.302652729749464 * values["value"].std() / 3**0.5)


def test_to_dir_writes_tidy_csv(experiments, tmp_path):
    for kind in ("replications", "sweep", "comparison"):
        folder = experiments[kind].to_dir(tmp_path / kind)
        header = (folder / "runs.csv").read_text().splitlines()[0]
        assert ":" not in header and header.endswith("scope,subject,kpi,value"), kind
    folder = experiments["run"].to_dir(tmp_path / "run")
    assert "scope,subject,kpi" in (folder / "headline.csv").read_text().splitlines()[0]
