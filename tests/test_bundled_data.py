"""The bundled corridor data as a port operator reads it (issue #10, scenario corrections):
every wagon counted once, no berth without a line, two-way traffic, the announced fleet in
the 2030 investment case, and yards at the Caspian ports. Data checks only: no simulation.
"""

import pytest

import corridor_sim as cs
from corridor_sim.model.fleet import SeaLink

# The bundled scenarios of the corridor itself (the crude-only and teaching files are not).
CORRIDOR = [
    "middle_corridor_2024",
    "middle_corridor_2030_demand",
    "middle_corridor_2030_invest",
    "caspian_storm",
]
CASPIAN_PORTS = ("aktau", "kuryk", "turkmenbashi", "alat")
EAST_SHORE = ("aktau", "kuryk", "turkmenbashi")
DRY_CLASSES = ("container", "wagon", "roro")  # yards; liquid goes to tank farms
HOURS_PER_YEAR = 8760.0
TEU_PER_FLAT_WAGON = 2.0  # the scenarios' estimate: a 40 ft box or two 20 ft on a flat wagon
# Lines with announced fleet additions by 2030 (sources in middle_corridor_2030_invest.yaml):
# container ships (uic_caspian_feeders), Kazakhstan's two ferries and three tankers
# (news_az_kz_fleet_2024), ASCO's third Ro-Pax (portnews_asco_ropax, azertag_asco_third_ropax_2025).
ANNOUNCED = ("aktau-alat", "kuryk-alat", "turkmenbashi-alat", "aktau-alat-tanker")


def load(name: str) -> cs.Scenario:
    return cs.load_scenario(cs.bundled_path(name))


def crosses(flow, link: str) -> bool:
    return link in flow.path


@pytest.mark.parametrize("name", ["middle_corridor_2024", "caspian_storm"])
def test_the_kuryk_line_carries_no_more_wagons_than_alat_handled(name):
    """Alat handled 18,700 rail wagons to or from Kuryk/Aktau in 2023, both directions
    (src: sea_news_port_of_baku_2023, the Cabinet of Ministers' summary; the 2024 total of
    37,515, src: sea_news_port_of_baku_2024, is within 1 % of 2023's 37,300). The count is
    of every wagon on the ferries, flat wagons carrying containers included, so the wagon
    flows plus the container flows on flat wagons (2 TEU a wagon), both directions, must
    not exceed it. (The 2024 file before issue #10 had 18,800 wagons plus 26,900 TEU =
    13,450 flat wagons on this line.)"""
    scenario = load(name)
    wagons = 0.0
    for flow in scenario.flows.values():
        if not crosses(flow, "kuryk-alat"):
            continue
        handling = scenario.commodities[flow.commodity].handling
        per_year = flow.volume_units_per_h * HOURS_PER_YEAR
        if handling == "wagon":
            wagons += per_year
        elif handling == "container":
            wagons += per_year / TEU_PER_FLAT_WAGON
    assert 0 < wagons <= 18_700 * 1.001


@pytest.mark.parametrize("name", cs.bundled_names())
def test_every_port_berth_type_is_used_by_a_sea_link(name):
    """A berth that no vessel of any line calling at the port uses is dead weight in the
    capacity report (Aktau's ferry berth was one)."""
    scenario = load(name)
    unused = []
    for node in scenario.nodes.values():
        used = {
            vessel.berth
            for link in scenario.links.values()
            if isinstance(link, SeaLink) and node.name in (link.origin, link.destination)
            for vessel in link.fleet
        }
        unused += [(node.name, b) for b, n in node.berths.items() if n > 0 and b not in used]
    assert not unused


@pytest.mark.parametrize("name", CORRIDOR)
def test_each_corridor_scenario_has_eastbound_flows(name):
    """Some cargo crosses the Caspian from Alat to the east shore, so Alat calls load as
    well as unload: containers and wagons both."""
    scenario = load(name)
    eastbound = set()
    for flow in scenario.flows.values():
        nodes = flow.path[::2]
        if "alat" in nodes and any(
            port in nodes and nodes.index("alat") < nodes.index(port) for port in EAST_SHORE
        ):
            eastbound.add(scenario.commodities[flow.commodity].handling)
    assert {"container", "wagon"} <= eastbound


def test_the_2030_investment_case_adds_the_announced_ships():
    """The investment scenario has more vessels than 2024 on every line with an announced
    addition: container ships, ferries, a Ro-Pax and tankers, not only port capacity."""
    before, after = load("middle_corridor_2024"), load("middle_corridor_2030_invest")
    for line in ANNOUNCED:
        assert len(after.links[line].fleet) > len(before.links[line].fleet), line


@pytest.mark.parametrize("name", CORRIDOR)
def test_the_caspian_ports_have_yards(name):
    """Each Caspian port has storage for every dry handling class it handles, so a full
    yard holds trains and vessels upstream instead of growing without limit."""
    scenario = load(name)
    missing = []
    for port in CASPIAN_PORTS:
        node = scenario.nodes[port]
        for cls in DRY_CLASSES:
            if cls in node.handling_rate_per_h and not node.storage.get(cls):
                missing.append((port, cls))
    assert not missing
