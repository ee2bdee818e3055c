"""Saturation: a bracket decided on replications, over whole seasonal years, never outside
the searched range, and "inconclusive" when the replications cannot tell."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from helpers import build, flow, scenario
from hypothesis import given
from hypothesis import strategies as st

import corridor_sim as cs
from corridor_sim.experiments.bisection import LIMITS, bisect, bracket
from corridor_sim.experiments.saturation import Criterion
from corridor_sim.experiments.saturation_result import SATURATED, SUSTAINABLE, UNDECIDED
from corridor_sim.experiments.seasonal import first_day, is_seasonal, whole_years

QUIET = {"workers": 1, "progress": False}


def terminal(service: str = "1 h", arrivals: str = "deterministic", days: int = 60) -> dict:
    """o -> t (one server, ``service`` per wagon) -> d, 12 wagons a day. With 1 h of
    service the terminal passes 24 wagons a day: saturation at twice today's demand."""
    mapping = scenario(
        nodes={
            "o": {"kind": "origin"},
            "t": {"kind": "terminal", "servers": 1, "service_time": service},
            "d": {"kind": "destination"},
        },
        links={
            "o-t": {"kind": "transfer", "from": "o", "to": "t"},
            "t-d": {"kind": "transfer", "from": "t", "to": "d"},
        },
        flows={"f": flow(["o", "t", "d"], "12 wagon/day", "1 wagon")},
        horizon=f"{days} day",
    )
    mapping["flows"]["f"]["arrivals"] = {"pattern": arrivals}
    if arrivals == "poisson":
        mapping["simulation"]["warmup"] = "30 day"
    return mapping


def test_deterministic_terminal_is_found_within_precision_of_its_saturation_point():
    """Delivered / offered reaches 99% at 24 / 12 x 1.0101 = 2.0202, the true point."""
    sat = cs.saturation(
        build(terminal()),
        replications=2,
        criterion=Criterion(tolerance=0.01),
        curve=(0.5, 1.0),
        **QUIET,
    )
    assert sat.status == "found"
    assert sat.low <= 2.0202 <= sat.high
    assert sat.high - sat.low <= 0.02 * sat.low
    assert sat.breaks_first == "t" and sat.breaks_first_share == 1.0
    transit = sat.curve[sat.curve["kpi"] == "transit_mean_days"]["mean"].tolist()
    assert transit[0] == pytest.approx(1 / 24)  # half load: 1 h of service, no queue
    assert f"Saturation demand multiplier: {sat.multiplier:.3f} (between" in sat.text()


@pytest.fixture(scope="module")
def poisson() -> cs.Scenario:
    """The terminal with Poisson arrivals over a year: saturated, by the 7-day queue rule,
    from 2 x (1 + 7 / 365) = 2.038 (less, as a queue at load 1 also grows)."""
    return build(terminal(arrivals="poisson", days=365))


def test_noisy_terminal_is_bracketed_around_its_known_saturation_point(poisson):
    rule = Criterion(start=1.5, precision=0.04)
    sat = cs.saturation(poisson, criterion=rule, curve=(), **QUIET)
    assert 0 < sat.low <= 2.038 and 2.0 <= sat.high < 2.2
    assert sat.steps["runs"].isin([5, 10, 20]).all()  # 5, doubled up to four times as many
    assert (sat.steps["runs"] > 5).any()  # near the point, 5 could not decide


def test_too_few_replications_near_the_saturation_point_is_inconclusive(poisson):
    sat = cs.saturation(poisson, replications=2, max_replications=2, curve=(), **QUIET)
    assert sat.status == "inconclusive"
    low, high = sat.undecided
    assert sat.low < low <= high < sat.high
    assert "Saturation demand multiplier: inconclusive, between" in sat.text()
    assert "undecided at" in sat.text()


def test_runs_that_all_agree_decide_nothing_once_runs_have_varied():
    """In the teaching scenario a queue can be empty at both ends of the year in some
    runs, which then agree exactly; such runs must not make an interval of width zero."""
    teaching = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
    sat = cs.saturation(teaching, replications=2, max_replications=8, curve=(), **QUIET)
    probes = sat.probes.groupby("multiplier")
    varied = {m: len(set(g["delivered_ratio"])) > 1 for m, g in probes}
    steps = sat.steps.sort_values("step")
    first = steps["multiplier"].map(varied).to_numpy().argmax()
    after = steps.iloc[first + 1 :]
    decided_early = after[(after["verdict"] != UNDECIDED) & (after["runs"] < 8)]
    assert len(after) and all(varied[m] for m in decided_early["multiplier"])


def test_one_run_per_step_cannot_decide_and_is_refused(poisson):
    with pytest.raises(ValueError, match="replications must be >= 2"):
        cs.saturation(poisson, replications=1, **QUIET)


@pytest.mark.parametrize(
    ("service", "status", "bracket"),
    [("5000 h", "below range", (0.0, LIMITS[0])), ("0.01 h", "above range", (64.0, 64.0))],
)
def test_the_bracket_stays_within_the_searched_range(service, status, bracket):
    """Capacity 24 / 5000 wagons a day is 1/2500 of demand; 2400 a day is 200 times it."""
    mapping = terminal(service=service, days=20)
    sat = cs.saturation(build(mapping), replications=2, curve=(), **QUIET)
    assert sat.status == status
    assert sat.bracket == bracket
    assert LIMITS[0] <= sat.searched[0] and sat.searched[1] <= LIMITS[1]
    assert "range" in sat.text().splitlines()[3]


@given(
    threshold=st.floats(1e-3, 1e3),
    zone=st.floats(0.0, 0.3),
    start=st.sampled_from([0.1, 1.0, 3.0]),
)
def test_bisection_brackets_any_threshold_within_the_limits(threshold, zone, start):
    """Verdicts of a monotone criterion with an undecided zone around ``threshold``."""

    def decide(m: float) -> str:
        if m < threshold * (1 - zone):
            return SUSTAINABLE
        return SATURATED if m > threshold * (1 + zone) else UNDECIDED

    rule = Criterion(start=start)
    tried = bisect(decide, rule.start, rule.precision)
    low, high, unclear = bracket(tried)
    assert all(LIMITS[0] <= m <= LIMITS[1] for m in tried)
    assert 0 <= low <= threshold <= high or threshold < LIMITS[0] or threshold > LIMITS[1]
    assert all(low < m < high for m in unclear)
    if low > 0 and math.isfinite(high) and not unclear:
        assert high - low <= rule.precision * low


def test_a_step_decides_only_when_the_interval_is_on_one_side():
    rule = Criterion(tolerance=0.03, max_backlog_days=7)

    def runs(ratios: list[float], backlogs: list[float]) -> list[dict[str, float]]:
        return [
            {"delivered_ratio": r, "backlog_days": b} for r, b in zip(ratios, backlogs, strict=True)
        ]

    assert rule.decide(runs([1.0, 1.0], [0, 0]))["verdict"] == SUSTAINABLE
    assert rule.decide(runs([1.0], [0]))["verdict"] == UNDECIDED  # one run: no interval
    assert rule.decide(runs([0.99, 0.95], [0, 0]))["verdict"] == UNDECIDED
    assert rule.decide(runs([1.0, 1.0], [2, 12]))["verdict"] == UNDECIDED
    assert rule.decide(runs([0.9, 0.91], [0, 0]))["verdict"] == SATURATED
    assert rule.decide(runs([1.0, 1.0], [10, 10.2]))["verdict"] == SATURATED


def test_seasonal_statistics_cover_whole_years_from_the_calm_season():
    teaching = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
    year = whole_years(teaching)
    assert first_day(year) == dt.date(2024, 5, 1)  # storms December to March
    assert year.settings.horizon_h == 365 * 24.0
    corridor = whole_years(cs.load_scenario(cs.bundled_path("middle_corridor_2024")), years=2)
    assert first_day(corridor) == dt.date(2024, 8, 1)  # calmest: July and August
    assert corridor.settings.horizon_h == (365 + 365) * 24.0
    flat = build(terminal())
    assert not is_seasonal(flat) and whole_years(flat).settings == flat.settings


def test_saturation_runs_whole_years_and_saves_its_bracket(tmp_path):
    teaching = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
    sat = cs.saturation(teaching, replications=2, max_replications=2, curve=(), **QUIET)
    assert sat.period == (dt.date(2024, 5, 1), dt.date(2025, 4, 30))
    assert f"statistics from {sat.period[0]} to {sat.period[1]}" in sat.text()
    folder = sat.to_dir(tmp_path / "sat")
    head = json.loads((folder / "saturation.json").read_text())
    assert head["status"] == sat.status and head["low"] == pytest.approx(sat.low, rel=1e-6)
    assert (folder / "steps.csv").exists()
