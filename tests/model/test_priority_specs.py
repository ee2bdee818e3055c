"""Priority and booking in the frozen specs: a flow's ``priority`` and ``booking``, a sea
link's ``on_time_within_h``; each bad value names its field, and a scenario refuses a
booking on a link that has no scheduled sailings."""

from __future__ import annotations

import dataclasses

import pytest

import corridor_sim as cs
from corridor_sim.errors import ScenarioError
from corridor_sim.model import Booking

TEACHING = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
FLOW = TEACHING.flows["goods_west"]
SEA = TEACHING.links["port_a-port_b"]


def test_a_flow_is_spot_without_a_booking_by_default() -> None:
    assert (FLOW.priority, FLOW.booking) == ("spot", None)
    assert SEA.on_time_within_h == 24.0


@pytest.mark.parametrize(
    ("make", "pattern"),
    [
        (
            lambda: dataclasses.replace(FLOW, priority="express"),
            r"priority: must be one of scheduled, spot \(got 'express'\)",
        ),
        (lambda: Booking("port_a-port_b", 0.0), r"per_sailing_units: must be > 0 \(got 0\.0\)"),
        (lambda: Booking("", 5.0), r"link: must be a non-empty name \(got ''\)"),
        (
            lambda: dataclasses.replace(FLOW, booking=Booking("elsewhere", 5.0)),
            r"booking\.link: must be a link on the flow's route \(got 'elsewhere'; "
            r"route links: factory-port_a, port_a-port_b, port_b-market\)",
        ),
        (
            lambda: dataclasses.replace(SEA, on_time_within_h=-1.0),
            r"on_time_within_h: must be >= 0 \(got -1\.0\)",
        ),
    ],
    ids=["priority", "zero", "no-link", "off-route", "tolerance"],
)
def test_a_bad_field_is_named(make, pattern: str) -> None:
    with pytest.raises(ScenarioError, match=f"^{pattern}$"):
        make()


def test_a_scenario_refuses_a_booking_without_scheduled_sailings() -> None:
    """The teaching ferry sails on max_wait alone: no slots to book room on."""
    booked = dataclasses.replace(FLOW, booking=Booking("port_a-port_b", 5.0))
    with pytest.raises(
        ScenarioError,
        match=r"^flows\.goods_west\.booking\.link: must be a sea link with scheduled "
        r"sailings \(departure every\); 'port_a-port_b' is a sea link without departure "
        r"every \(no scheduled sailings\)$",
    ):
        dataclasses.replace(TEACHING, flows={**TEACHING.flows, "goods_west": booked})
    scheduled = dataclasses.replace(SEA, every_h=48.0)
    ok = dataclasses.replace(
        TEACHING,
        links={**TEACHING.links, SEA.name: scheduled},
        flows={**TEACHING.flows, "goods_west": booked},
    )
    assert ok.flows["goods_west"].booking == Booking("port_a-port_b", 5.0)


def test_a_scenario_refuses_a_booking_on_a_link_that_is_not_sea() -> None:
    booked = dataclasses.replace(FLOW, booking=Booking("port_b-market", 5.0))
    with pytest.raises(ScenarioError, match=r"'port_b-market' is a transfer link$"):
        dataclasses.replace(TEACHING, flows={**TEACHING.flows, "goods_west": booked})
