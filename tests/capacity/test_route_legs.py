"""The analytic bounds load a flow with several routes by their nominal shares."""

import pytest
from helpers import build, flow, scenario

from corridor_sim.capacity.elements import demand_by_element


def _mapping(shares: tuple[str | None, str | None]) -> dict:
    nodes = {"o": {"kind": "origin"}, "a": {"kind": "terminal"}, "b": {"kind": "terminal"}}
    nodes["d"] = {"kind": "destination"}
    links = {
        f"{x}-{y}": {"kind": "transfer", "from": x, "to": y, "delay": "1 h"}
        for x, y in [("o", "a"), ("o", "b"), ("a", "d"), ("b", "d")]
    }
    f = flow(["o", "a", "d"], "100 wagon/day", "1 wagon")
    del f["route"]
    f["routes"] = [
        {"route": ["o", "a", "d"]} | ({"share": shares[0]} if shares[0] else {}),
        {"route": ["o", "b", "d"]} | ({"share": shares[1]} if shares[1] else {}),
    ]
    f["choice"] = {"rule": "least_time"}
    return scenario(nodes, links, {"f": f})


@pytest.mark.parametrize(
    ("shares", "on_a"), [(("70 %", "30 %"), 0.7), ((None, None), 0.5), (("80 %", None), 0.8)]
)
def test_demand_splits_by_nominal_share(shares, on_a):
    demand = demand_by_element(build(_mapping(shares)))
    total = 100 * 365 * 60.0  # wagons a year x 60 t
    assert demand["a"]["goods"] == pytest.approx(total * on_a)
    assert demand["b"]["goods"] == pytest.approx(total * (1 - on_a))
    assert demand["o"]["goods"] == pytest.approx(total)
