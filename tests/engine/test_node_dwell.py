"""Dwell stages at a node: one draw per stage, each from its own stream; stages not
holding a server are passed before the batch queues for one."""

import math

import numpy as np
import pytest
from helpers import build, deliveries, flow, per_time, scenario, start

import corridor_sim as cs
from corridor_sim.engine.dwell import Dwell
from corridor_sim.engine.sampling import Streams, sampler
from corridor_sim.model.distributions import Distribution
from corridor_sim.model.dwell import DwellStage

Z95 = 1.6448536269514722  # standard normal 95th percentile


def station(volume: str = "24 wagon/day", **node: object) -> dict:
    """Border n --transfer--> d; ``volume`` of one-wagon batches arrive at n from t = 1."""
    return scenario(
        nodes={"n": {"kind": "border", **node}, "d": {"kind": "destination"}},
        links={"n-d": {"kind": "transfer", "from": "n", "to": "d"}},
        flows={"f": flow(["n", "d"], volume, "1 wagon")},
    )


def fixed(stage: str, hours: float, **extra: object) -> dict:
    return {"stage": stage, "dist": "deterministic", "mean": f"{hours} h", **extra}


def test_stages_add_up_on_one_server():
    """Stages of 1 h, 2 h and 2 h hold the one server 5 h: batch 1 (t = 1) leaves at 6,
    batch 2 (t = 2) waits for it and leaves at 11."""
    sim = start(station(dwell=[fixed("documents", 1), fixed("inspection", 2), fixed("gauge", 2)]))
    delivered = deliveries(sim)
    sim.env.run(until=12)
    assert per_time(delivered) == [(6.0, 1.0), (11.0, 1.0)]


def test_a_stage_not_holding_a_server_leaves_the_server_free():
    """A 10 h documents stage off the server and a 1 h stage on it: batches arriving each
    hour leave each hour, 11 h after arriving, with one server."""
    dwell = [fixed("documents", 10, holds_server=False), fixed("gauge", 1)]
    sim = start(station(dwell=dwell))
    delivered = deliveries(sim)
    sim.env.run(until=15.5)
    assert per_time(delivered) == [(12.0, 1.0), (13.0, 1.0), (14.0, 1.0), (15.0, 1.0)]
    node = sim.nodes["n"]
    assert len(node.standing) == 10  # arrived at 6..15, still with their documents
    assert node.queue.value == pytest.approx(10 * 60.0)  # counted in the node's queue


def test_service_time_and_gauge_change_draw_as_before():
    """Without dwell stages a batch's time is one service draw plus one gauge draw, both
    from the node's stream ``node:<name>`` in that order (as before dwell existed)."""
    gamma = {"dist": "gamma", "mean": "3 h", "cv": 0.5}
    mapping = station("0.25 wagon/day", service_time=gamma, gauge_change=gamma | {"mean": "2 h"})
    sim = start(mapping, seed=5)
    delivered = deliveries(sim)
    sim.env.run(until=24 * 10)
    spec = sim.scenario.nodes["n"]
    rng = Streams(np.random.SeedSequence(5)).get("node:n")
    service, gauge = sampler(spec.service_time, rng), sampler(spec.gauge_change, rng)
    expected = [96.0 * (i + 1) + service() + gauge() for i in range(2)]
    assert [t for t, _ in delivered] == pytest.approx(expected, rel=1e-12)


def test_service_time_nodes_give_the_same_run_as_before():
    """A node without dwell stages draws from its own stream as before: the same seed
    gives the same deliveries whatever dwell stages another node has."""

    def run(with_dwell: bool) -> list[tuple[float, float]]:
        nodes = {
            "a": {"kind": "border", "service_time": {"dist": "gamma", "mean": "0.5 h", "cv": 0.7}},
            "b": {"kind": "terminal", "service_time": "0.1 h"},
            "d": {"kind": "destination"},
        }
        if with_dwell:
            nodes["b"] = {
                "kind": "terminal",
                "dwell": [{"stage": "x", "dist": "exponential", "mean": "0.1 h"}],
            }
        links = {
            "a-b": {"kind": "transfer", "from": "a", "to": "b"},
            "b-d": {"kind": "transfer", "from": "b", "to": "d", "delay": "1 h"},
        }
        sim = start(scenario(nodes, links, {"f": flow(["a", "b", "d"], "12 wagon/day", "1 wagon")}))
        log = spy_arrivals(sim)
        sim.env.run(until=100)
        return log

    assert run(False) == run(True)


def spy_arrivals(sim):
    """Times at which batches reach node b (after a's service)."""
    from helpers import spy

    return spy(sim.nodes["b"], "hand_over", sim, lambda batch, *a, **k: len(batch))


def draws(stages: tuple[DwellStage, ...], n: int, seed: int = 7) -> np.ndarray:
    """``n`` draws of each stage of a node, one column per stage (standing, then held)."""
    dwell = Dwell("n", stages, Streams(np.random.SeedSequence(seed)))
    rows = []
    for _ in range(n):
        dwell.held(dwell.standing(), 0.0)
        rows.append([r.hours.total for r in dwell.record()[: len(stages)]])
    return np.diff(np.vstack([np.zeros(len(stages)), np.array(rows)]), axis=0)


def test_each_stage_has_its_own_stream():
    """Adding a stage (before or after) leaves the other stages' draws unchanged."""
    docs = DwellStage("documents", Distribution("lognormal", 6.0, cv=1.0), holds_server=False)
    gauge = DwellStage("gauge_change", Distribution("gamma", 2.0, cv=0.5))
    check = DwellStage("inspection", Distribution("exponential", 3.0))
    alone = draws((docs, gauge), 200)
    more = draws((docs, check, gauge), 200)
    np.testing.assert_allclose(alone[:, 0], more[:, 0], rtol=1e-12)
    np.testing.assert_allclose(alone[:, 1], more[:, 2], rtol=1e-12)


def test_lognormal_stage_mean_and_p95_match_its_parameters():
    """Over 40,000 batches the mean is within 4 standard errors of 6 h and the p95
    within 3 % of exp(mu + 1.645 sigma) (the histogram's bins are 2.3 % wide)."""
    mean, cv, n = 6.0, 1.0, 40_000
    stage = DwellStage("documents", Distribution("lognormal", mean, cv=cv))
    dwell = Dwell("n", (stage,), Streams(np.random.SeedSequence(11)))
    for _ in range(n):
        dwell.held(dwell.standing(), 0.0)
    hist = dwell.record()[0].hours
    sigma = math.sqrt(math.log(1 + cv * cv))
    mu = math.log(mean) - sigma * sigma / 2
    assert hist.weight == n
    assert abs(hist.mean - mean) < 4 * mean * cv / math.sqrt(n)
    assert hist.quantile(0.95) == pytest.approx(math.exp(mu + Z95 * sigma), rel=0.03)
    assert hist.quantile(0.5) == pytest.approx(math.exp(mu), rel=0.03)


def test_total_is_the_sum_of_the_stages_per_batch():
    """The record's total is each batch's sum of stage draws; at_node adds the wait."""
    stages = (
        DwellStage("documents", Distribution("lognormal", 6.0, cv=1.0), holds_server=False),
        DwellStage("gauge_change", Distribution("uniform", 2.0, low_h=1.0, high_h=3.0)),
    )
    dwell = Dwell("n", stages, Streams(np.random.SeedSequence(3)))
    for _ in range(500):
        dwell.held(dwell.standing(), 1.5)
    docs, gauge, total, at_node = dwell.record()
    assert [r.stage for r in (docs, gauge, total, at_node)] == [
        "documents",
        "gauge_change",
        "total",
        "at_node",
    ]
    assert total.hours.total == pytest.approx(docs.hours.total + gauge.hours.total)
    # at_node = the time waited since admission (1.5 h, documents included) + the server
    assert at_node.hours.total == pytest.approx(500 * 1.5 + gauge.hours.total)


def test_capacity_counts_only_the_stages_holding_a_server():
    """The analytic capacity of a node with dwell uses the mean of its held stages."""
    dwell = [
        {
            "stage": "documents",
            "dist": "lognormal",
            "mean": "20 h",
            "cv": 1.0,
            "holds_server": False,
        },
        {"stage": "gauge", "dist": "empirical", "values": ["1 h", "2 h", "3 h"]},
    ]
    sc = build(station(servers=2, dwell=dwell))
    node = sc.nodes["n"]
    assert (node.server_mean_h, node.standing_mean_h) == (2.0, 20.0)
    row = cs.capacity(sc).elements.set_index("element").loc["n"]
    assert row["capacity_t_per_day"] == pytest.approx(2 * 24 / 2.0 * 60.0)
