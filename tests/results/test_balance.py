"""The mass balance: every unit generated is delivered, diverted to a competing corridor
or still held somewhere, in every bundled scenario; a unit that goes missing raises
SimulationError."""

import pandas as pd
import pytest
from helpers import bundled_run, flow, scenario, start

import corridor_sim as cs
from corridor_sim.engine.links.rail import Rail
from corridor_sim.results import balance


@pytest.mark.parametrize("name", cs.bundled_names())
def test_bundled_scenarios_balance(name):
    """For every flow: generated = delivered + diverted + in system (difference ≈ 0), and
    cargo moved."""
    _, result = bundled_run(name)
    table = result.balance
    assert len(table) == len(result.flows) > 0
    for row in table.itertuples():
        assert row.generated_units > 0, row.flow
        assert row.difference_units == pytest.approx(0.0, abs=1e-6 * row.generated_units)
        assert row.delivered_units + row.diverted_units + row.in_system_units == pytest.approx(
            row.generated_units
        )
        assert row.delivered_t == pytest.approx(
            row.delivered_units * row.generated_t / row.generated_units
        )
    assert table["delivered_units"].sum() > 0


def rail_line() -> dict:
    """o --rail, 10 h, trains of 5 wagons--> d; a wagon an hour: at any time some wagons
    wait for a train and some ride one."""
    link = {
        "kind": "rail",
        "from": "o",
        "to": "d",
        "travel_time": "10 h",
        "train_capacity": {"wagon": "5 wagon"},
    }
    return scenario(
        nodes={"o": {"kind": "origin"}, "d": {"kind": "destination"}},
        links={"o-d": link},
        flows={"f": flow(["o", "d"], "24 wagon/day", "1 wagon")},
    )


def test_lost_cargo_breaks_the_balance(monkeypatch):
    """If an element forgets cargo it holds, check() raises SimulationError."""
    # At t = 22.5: 22 wagons generated; trains of 5 left at 5, 10, 15, 20 and take 10 h,
    # so 10 wagons are delivered (at 15 and 20), 10 ride and 2 (t = 21, 22) wait. Hiding
    # the rail link's holdings leaves those 12 unaccounted for.
    sim = start(rail_line())
    sim.env.run(until=22.5)
    row = balance.balance_table(sim.record()).iloc[0]
    assert (row.generated_units, row.delivered_units, row.in_system_units) == (22, 10, 12)
    balance.check(balance.balance_table(sim.record()))  # intact: no error

    monkeypatch.setattr(Rail, "holdings", lambda self: iter(()))
    table = balance.balance_table(sim.record())
    assert table.loc[0, "difference_units"] == 12
    with pytest.raises(cs.SimulationError, match="mass balance broken for flow 'f'"):
        balance.check(table)


def test_simulate_refuses_to_return_a_broken_balance(monkeypatch):
    """simulate() checks the balance before returning a result."""
    monkeypatch.setattr(Rail, "holdings", lambda self: iter(()))
    with pytest.raises(cs.SimulationError, match="generated"):
        cs.simulate(cs.build_scenario(rail_line()))


def test_check_tolerates_rounding_only():
    """check() allows a relative rounding error of 1e-6 of the units generated, no more."""

    def table(gap: float) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    "flow": "f",
                    "unit": "TEU",
                    "generated_units": 1e6,
                    "delivered_units": 1e6 - gap,
                    "diverted_units": 0.0,
                    "in_system_units": 0.0,
                    "difference_units": gap,
                }
            ]
        )

    balance.check(table(0.5))  # 0.5 < 1e-6 x 1e6 = 1
    with pytest.raises(cs.SimulationError):
        balance.check(table(2.0))
