"""Changed copies of a scenario keep the time settings a user changed with
dataclasses.replace: an override (sweep, marginal value) or without_reaction rebuilds
from the mapping, which does not know them."""

import dataclasses

import corridor_sim as cs
from corridor_sim.scenario.variants import override


def _short() -> cs.Scenario:
    s = cs.load_scenario("teaching_two_ports")
    return dataclasses.replace(s, settings=dataclasses.replace(s.settings, horizon_h=240.0))


def test_override_keeps_replaced_settings():
    changed = override(_short(), {"links.port_a-port_b.fleet[0].count": 3})
    assert changed.settings.horizon_h == 240.0
    assert len(changed.links["port_a-port_b"].fleet) == 3


def test_a_simulation_path_wins_over_replaced_settings():
    changed = override(_short(), {"simulation.horizon": "100 day"})
    assert changed.settings.horizon_h == 2400.0


def test_without_reaction_keeps_replaced_settings():
    assert cs.without_reaction(_short()).settings.horizon_h == 240.0


def test_a_none_value_removes_the_key_as_null_does_in_a_file():
    """``override`` with None removes a key, as ``null`` does in a file over its base:
    Almaty without its station passage (the bypass variant's change) is a plain junction."""
    s = cs.load_scenario("middle_corridor_2024")
    bypass = override(
        s,
        {
            "nodes.almaty.servers": None,
            "nodes.almaty.service_time": None,
            "nodes.almaty.background": None,
        },
    )
    assert (bypass.nodes["almaty"].servers, bypass.nodes["almaty"].background) == (0, None)
    shipped = cs.load_scenario("wb_almaty_bypass").nodes["almaty"]
    assert dataclasses.replace(bypass.nodes["almaty"], label=shipped.label) == shipped
