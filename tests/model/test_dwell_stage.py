"""Dwell stages of a node spec: validation and the means the capacity layer reads."""

import pytest

from corridor_sim.errors import ScenarioError
from corridor_sim.model.distributions import Distribution, deterministic
from corridor_sim.model.dwell import DwellStage
from corridor_sim.model.network import NodeSpec

DOCS = DwellStage("documents", Distribution("lognormal", 6.0, cv=1.0), holds_server=False)
GAUGE = DwellStage("gauge_change", deterministic(2.0))


def test_means_split_into_held_and_standing():
    node = NodeSpec("b", "border", servers=2, dwell=(DOCS, GAUGE))
    assert (node.server_mean_h, node.standing_mean_h) == (2.0, 6.0)


def test_service_time_and_gauge_change_mean_as_before():
    node = NodeSpec(
        "b", "border", servers=1, service_time=deterministic(4.25), gauge_change=deterministic(2.0)
    )
    assert (node.server_mean_h, node.standing_mean_h) == (6.25, 0.0)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"dwell": (GAUGE,), "service_time": deterministic(1.0)}, "service_time: give either"),
        ({"dwell": (GAUGE, GAUGE)}, "dwell[1]: stage 'gauge_change' is listed twice"),
        ({"dwell": (GAUGE, DOCS)}, "dwell[1]: stage 'documents' does not hold a server"),
        ({"dwell": (DOCS,)}, "dwell: needs at least one stage that holds a server"),
        ({"dwell": [GAUGE]}, "dwell: must be a tuple of DwellStage"),
    ],
    ids=["with-service", "duplicate", "order", "none-held", "list"],
)
def test_bad_dwell_is_refused(fields, message):
    with pytest.raises(ScenarioError, match=message.replace("[", r"\[").replace("]", r"\]")):
        NodeSpec("b", "border", servers=1, **fields)


def test_dwell_only_at_borders_and_terminals():
    with pytest.raises(ScenarioError, match="a node of kind 'port' has no dwell"):
        NodeSpec("p", "port", servers=1, berths={"general": 1}, dwell=(GAUGE,))
    assert NodeSpec("t", "terminal", servers=1, dwell=(GAUGE,)).server_mean_h == 2.0


def test_stage_checks_its_fields():
    with pytest.raises(ScenarioError, match="name: must not be 'total' or 'at_node'"):
        DwellStage("at_node", deterministic(1.0))
    with pytest.raises(ScenarioError, match="holds_server: must be true or false"):
        DwellStage("x", deterministic(1.0), holds_server="no")  # type: ignore[arg-type]
