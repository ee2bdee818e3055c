"""The engine against closed-form queueing results, within 99 % confidence intervals.

Each test states the theory value and checks it lies inside the CI of independent
replications (Student t). Run lengths keep the suite fast; customers = 1 t each.
"""

from __future__ import annotations

import math

import pytest
from queueing_models import (
    ci,
    erlang_c_wait,
    pollaczek_khinchine_wait,
    replicate_stat,
    tandem,
)

REPS = 10
HOURS = 20_000.0
WARMUP = 1_000.0


def node_wait(name: str):
    return lambda r: r.elements.set_index("element").loc[name, "wait_mean_h"]


def node_queue(name: str):
    return lambda r: r.elements.set_index("element").loc[name, "queue_mean_t"]


def assert_inside(theory: float, values, label: str) -> None:
    mean, low, high = ci(values)
    assert low <= theory <= high, (
        f"{label}: theory {theory:.4f} outside 99% CI [{low:.4f}, {high:.4f}] (mean {mean:.4f})"
    )


def test_mm1_wait_and_queue_length():
    """M/M/1, lambda = 1/h, mean service 0.7 h: Wq = rho/(mu - lambda) = 1.6333 h, Lq = 1.6333."""
    s = tandem(
        [{"servers": 1, "service_time": {"dist": "exponential", "mean": "0.7 h"}}],
        rate_per_h=1.0,
        hours=HOURS,
        warmup_h=WARMUP,
    )
    theory = 0.7 / (1 / 0.7 - 1)
    assert theory == pytest.approx(1.6333, abs=1e-4)
    assert_inside(theory, replicate_stat(s, REPS, node_wait("s1")), "M/M/1 Wq")
    assert_inside(theory * 1.0, replicate_stat(s, REPS, node_queue("s1")), "M/M/1 Lq")


def test_mmc_erlang_c():
    """M/M/3, lambda = 1/h, mean service 2.4 h (rho 0.8).

    Erlang C: P(wait) = 11.52 / (6.28 + 11.52) = 0.6472; Wq = 0.6472 x 2.4 / 0.6 = 2.5888 h.
    """
    s = tandem(
        [{"servers": 3, "service_time": {"dist": "exponential", "mean": "2.4 h"}}],
        rate_per_h=1.0,
        hours=HOURS,
        warmup_h=WARMUP,
    )
    theory = erlang_c_wait(1.0, 2.4, 3)
    assert theory == pytest.approx(2.5888, abs=1e-4)
    assert_inside(theory, replicate_stat(s, REPS, node_wait("s1")), "M/M/3 Wq")


def test_md1():
    """M/D/1, lambda = 1/h, service 0.7 h: Wq = rho D / (2 (1 - rho)) = 0.8167 h."""
    s = tandem(
        [{"servers": 1, "service_time": "0.7 h"}], rate_per_h=1.0, hours=HOURS, warmup_h=WARMUP
    )
    theory = pollaczek_khinchine_wait(1.0, 0.7, 0.0)
    assert theory == pytest.approx(0.7 * 0.7 / (2 * 0.3))
    assert_inside(theory, replicate_stat(s, REPS, node_wait("s1")), "M/D/1 Wq")


@pytest.mark.parametrize(("dist", "cv"), [("gamma", 0.5), ("lognormal", 1.5)])
def test_mg1_pollaczek_khinchine(dist, cv):
    """M/G/1, lambda = 1/h, mean 0.6 h: Wq = lambda E[S^2] / (2 (1 - rho))."""
    s = tandem(
        [{"servers": 1, "service_time": {"dist": dist, "mean": "0.6 h", "cv": cv}}],
        rate_per_h=1.0,
        hours=HOURS,
        warmup_h=WARMUP,
    )
    theory = pollaczek_khinchine_wait(1.0, 0.6, (cv * 0.6) ** 2)
    assert_inside(theory, replicate_stat(s, REPS, node_wait("s1")), f"M/G/1 {dist} Wq")


def test_mg1_empirical_and_uniform():
    """M/G/1 with empirical {0.2, 0.4, 1.2} h and uniform [0.2, 1.0] h service."""
    emp = [0.2, 0.4, 1.2]
    mean = sum(emp) / 3
    var = sum((v - mean) ** 2 for v in emp) / 3
    s = tandem(
        [{"servers": 1, "service_time": {"dist": "empirical", "values": [f"{v} h" for v in emp]}}],
        rate_per_h=1.0,
        hours=HOURS,
        warmup_h=WARMUP,
    )
    assert_inside(
        pollaczek_khinchine_wait(1.0, mean, var),
        replicate_stat(s, REPS, node_wait("s1")),
        "M/G/1 empirical Wq",
    )
    s = tandem(
        [{"servers": 1, "service_time": {"dist": "uniform", "low": "0.2 h", "high": "1.0 h"}}],
        rate_per_h=1.0,
        hours=HOURS,
        warmup_h=WARMUP,
    )
    assert_inside(
        pollaczek_khinchine_wait(1.0, 0.6, 0.8**2 / 12),
        replicate_stat(s, REPS, node_wait("s1")),
        "M/G/1 uniform Wq",
    )


def test_jackson_tandem_network():
    """Open tandem (Model T): each station is M/M/c with lambda = 1/h (Jackson)."""
    spec = [(2, 1.6), (1, 0.8), (3, 2.5), (1, 0.9)]
    stations = [
        {"servers": c, "service_time": {"dist": "exponential", "mean": f"{m} h"}} for c, m in spec
    ]
    s = tandem(stations, rate_per_h=1.0, hours=HOURS, warmup_h=WARMUP)
    results = replicate_stat(
        s,
        REPS,
        lambda r: (
            r.elements.set_index("element").loc[["s1", "s2", "s3", "s4"], "wait_mean_h"].to_numpy()
        ),
    )
    for i, (c, m) in enumerate(spec):
        assert_inside(erlang_c_wait(1.0, m, c), results[:, i], f"Jackson station {i + 1}")


def test_finite_buffer_blocking_probability():
    """Station with room for K = 3 customers (queue + service), held-outside blocking.

    Customers who find the station full wait outside in order, so the whole system is an
    M/M/1 queue and an arrival is held outside iff it finds >= K in it: by PASTA the
    blocking probability is rho^K = 0.6^3 = 0.216.
    """
    s = tandem(
        [
            {
                "servers": 1,
                "service_time": {"dist": "exponential", "mean": "0.6 h"},
                "storage": {"general": "3 t"},
            }
        ],
        rate_per_h=1.0,
        hours=HOURS,
        warmup_h=WARMUP,
    )
    theory = 0.6**3
    assert_inside(
        theory,
        replicate_stat(
            s, REPS, lambda r: r.elements.set_index("element").loc["s1", "blocked_share"]
        ),
        "blocking",
    )
    assert math.isclose(theory, 0.216)
