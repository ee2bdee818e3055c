"""Sweeps, comparisons and marginal values on networks whose answers are known (saturation:
test_saturation.py)."""

import math

import pandas as pd
import pytest
from helpers import build, flow, scenario

import corridor_sim as cs
from corridor_sim.errors import ScenarioError
from corridor_sim.scenario.variants import override, parse_path


def terminal(service: str = "1 h", per_day: str = "12 wagon/day", servers: int = 1) -> dict:
    """o -> t (``servers``, fixed ``service`` per wagon) -> d; wagons evenly spaced. With
    1 h service the terminal passes 24 wagons a day: twice today's demand."""
    return scenario(
        nodes={
            "o": {"kind": "origin"},
            "t": {"kind": "terminal", "servers": servers, "service_time": service},
            "d": {"kind": "destination"},
        },
        links={
            "o-t": {"kind": "transfer", "from": "o", "to": "t"},
            "t-d": {"kind": "transfer", "from": "t", "to": "d"},
        },
        flows={"f": flow(["o", "t", "d"], per_day, "1 wagon")},
        horizon="60 day",
    )


def test_override_sets_a_dotted_path_and_rebuilds():
    s = build(terminal())
    more = override(s, {"nodes.t.servers": 3, "flows.f.volume": "6 wagon/day", "demand": 2})
    assert more.nodes["t"].servers == 3
    assert more.flows["f"].volume_units_per_h == pytest.approx(12 / 24)
    assert s.nodes["t"].servers == 1  # the original is untouched
    assert parse_path("links.a-b.fleet[0].count") == ["links", "a-b", "fleet", 0, "count"]


def test_override_names_a_bad_path_and_validates_the_value():
    s = build(terminal())
    with pytest.raises(ScenarioError, match=r"nodes\.x\.servers: no 'x' in nodes"):
        override(s, {"nodes.x.servers": 2})
    with pytest.raises(ScenarioError, match="servers"):
        override(s, {"nodes.t.servers": -1})


def test_sweep_runs_every_combination_with_the_same_seeds():
    s = build(terminal())
    sw = cs.sweep(
        s, {"nodes.t.servers": [1, 2], "demand": [1, 3]}, replications=2, workers=1, progress=False
    )
    assert sw.points[["nodes.t.servers", "demand"]].values.tolist() == [
        [1, 1],
        [1, 3],
        [2, 1],
        [2, 3],
    ]
    ratio = sw.summary[sw.summary["kpi"] == "delivered_ratio"].set_index("point")["mean"]
    assert ratio[1] < 0.7 < 0.99 < ratio[3]  # 36 a day: one server fails, two cope
    assert "delivered Mt/yr" in sw.text()


def mm2(service_mean: str) -> cs.Scenario:
    mapping = terminal(servers=2)
    mapping["nodes"]["t"]["service_time"] = {"dist": "exponential", "mean": service_mean}
    mapping["flows"]["f"]["arrivals"] = {"pattern": "poisson"}
    mapping["flows"]["f"]["volume"] = "30 wagon/day"
    return build(mapping)


def corridor(table: pd.DataFrame) -> pd.DataFrame:
    """The corridor rows of a tidy table, by KPI."""
    return table[table["scope"] == "corridor"].set_index("kpi")


def transit(runs: pd.DataFrame) -> pd.Series:
    """The corridor's mean transit time (days) in each run of a tidy runs table."""
    return corridor(runs).loc["transit_mean_days", "value"]


def test_compare_with_itself_is_exactly_zero():
    s = mm2("1.2 h")
    d = cs.compare(s, s, replications=3, workers=1, progress=False).differences
    d = d.dropna(subset=["difference"])  # KPIs undefined for both (e.g. a transfer's use)
    assert len(d) > 20
    assert (d["difference"] == 0).all() and (d["half_width"] == 0).all()


def test_common_random_numbers_pair_the_runs():
    """Two more hours on the last link add 2 h to every replication's transit (all but
    the cargo still on that link at the end): the paired interval is a sliver of the
    runs' own spread. A faster server
    cuts the transit time with a paired interval narrower than an unpaired one."""
    base = mm2("1.2 h")
    slower = override(base, {"links.t-d.delay": "2 h"})
    cmp = cs.compare(base, slower, replications=4, workers=1, progress=False)
    row = corridor(cmp.differences).loc["transit_mean_days"]
    assert row["difference"] == pytest.approx(2 / 24, rel=0.01)
    assert row["half_width"] < 0.05 * transit(cmp.runs).std()
    cmp = cs.compare(base, mm2("1.0 h"), replications=6, workers=1, progress=False)
    row = corridor(cmp.differences).loc["transit_mean_days"]
    assert row["ci_high"] < 0
    a = transit(cmp.runs[cmp.runs["point"] == 0])
    b = transit(cmp.runs[cmp.runs["point"] == 1])
    unpaired = 2.57 * math.sqrt((a.var() + b.var()) / len(a))
    assert row["half_width"] < unpaired
    assert "transit time" in cmp.text()
    text = cmp.text()  # the flow's own transit, in its own section
    section = text[text.index("Largest changes in transit time") :].splitlines()
    assert section[3].startswith("f, mean days")
    assert section[3].split()[5].startswith("-")  # the faster server: a negative change


def test_marginal_value_ranks_the_binding_element_first():
    """Gate g (1 server, 2 h a wagon: 12 a day) holds back 18 a day; line l has room. One
    more server at g lets the rest through; more line capacity buys nothing."""
    mapping = scenario(
        nodes={
            "o": {"kind": "origin"},
            "g": {"kind": "border", "servers": 1, "service_time": "2 h"},
            "d": {"kind": "destination"},
        },
        links={
            "o-g": {"kind": "transfer", "from": "o", "to": "g"},
            "l": {
                "kind": "rail",
                "from": "g",
                "to": "d",
                "travel_time": "1 h",
                "train_capacity": {"wagon": "10 wagon"},
                "line_capacity": "10 train/day",
            },
        },
        flows={"f": flow(["o", "g", "d"], "18 wagon/day", "1 wagon")},
        horizon="30 day",
    )
    mv = cs.marginal_value(build(mapping), replications=2, workers=1, progress=False)
    table = mv.table.set_index("element")
    assert mv.table.iloc[0]["element"] == "g"
    assert table.loc["g", "gain_t_per_yr"] == pytest.approx(6 * 365 * 60, rel=0.05)
    assert abs(table.loc["l", "gain_t_per_yr"]) < 0.01 * table.loc["g", "gain_t_per_yr"]
    assert list(table["change"]) == ["+1 server (2)", "+10% line capacity"]
