"""Bad ``fleet_pools`` entries: each raises a ScenarioError naming the file, the line, the
key path, what is wrong and what is allowed."""

import pytest
from test_errors import line_of

import corridor_sim as cs

SEA = """\
    kind: sea
    from: {far}
    to: h
    distance: 100 km
    fleet:
      - {{name: {vessel}, berth: {berth}, capacity: {capacity}, speed: 10 kn}}
"""
VALID = (
    """\
simulation: {horizon: 10 day, seed: 1}
commodities:
  goods: {unit: wagon, mass_per_unit: 60 t, handling: wagon}
nodes:
  a: {kind: port, berths: {rail_ferry: 1}, handling_rate: {wagon: 10 wagon/h}}
  b: {kind: port, berths: {rail_ferry: 1}, handling_rate: {wagon: 10 wagon/h}}
  r: {kind: port, berths: {roro: 1}, handling_rate: {roro: 10 truck/h}}
  h:
    kind: port
    berths: {rail_ferry: 2, roro: 1}
    handling_rate: {wagon: 10 wagon/h, roro: 10 truck/h}
links:
  a-h:
"""
    + SEA.format(far="a", vessel="fa", berth="rail_ferry", capacity="{wagon: 10 wagon}")
    + "  b-h:\n"
    + SEA.format(far="b", vessel="fb", berth="rail_ferry", capacity="{wagon: 10 wagon}")
    + "  r-h:\n"
    + SEA.format(far="r", vessel="ro", berth="roro", capacity="{roro: 10 truck}")
    + """\
  a-b:
    kind: sea
    from: a
    to: b
    distance: 100 km
    fleet: [{name: fab, berth: rail_ferry, capacity: {wagon: 10 wagon}, speed: 10 kn}]
flows:
  f: {commodity: goods, origin: a, destination: h, volume: 1000 wagon/yr, route: [a, h]}
fleet_pools:
  p:
    lines: [a-h, b-h]
    review: 7 day
"""
)


def pool_error(tmp_path, old: str, new: str) -> tuple[cs.ScenarioError, str]:
    assert VALID.count(old) == 1, old
    text = VALID.replace(old, new)
    path = tmp_path / "pools.yaml"
    path.write_text(text)
    with pytest.raises(cs.ScenarioError) as info:
        cs.load_scenario(path)
    assert info.value.file == str(path)
    return info.value, text


def test_valid_pool_loads(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text(VALID)
    pool = cs.load_scenario(path).fleet_pools["p"]
    assert (pool.lines, pool.review_h) == (("a-h", "b-h"), 168.0)


@pytest.mark.parametrize(
    ("old", "new", "key_path", "reason", "at"),
    [
        (
            "[a-h, b-h]",
            "[a-h, x-h]",
            "fleet_pools.p.lines[1]",
            "must name a sea link; 'x-h' is no link (sea links: a-h, b-h, r-h, a-b)",
            "lines:",
        ),
        ("[a-h, b-h]", "[a-h]", "fleet_pools.p.lines", "a pool needs at least two", "lines:"),
        (
            "review: 7 day",
            "review: 7",
            "fleet_pools.p.review",
            "needs a number with a unit",
            "review:",
        ),
        (
            "    review: 7 day\n",
            "    review: 7 day\n    every: 1 day\n",
            "fleet_pools.p.every",
            "unknown key 'every'; allowed: lines, review, description",
            "every:",
        ),
        (
            "    review: 7 day\n",
            "    review: 7 day\n  q: {lines: [r-h, b-h], review: 1 day}\n",
            "fleet_pools.q.lines[1]",
            "sea link 'b-h' is already in pool 'p' (a link is in at most one pool)",
            "fleet_pools:",
        ),
        (
            "[a-h, b-h]",
            "[a-h, b-h, a-b]",
            "fleet_pools.p.lines",
            "the lines of a pool must all call at one port, the hub",
            "fleet_pools:",
        ),
        (
            "[a-h, b-h]",
            "[a-h, r-h]",
            "fleet_pools.p.lines",
            "vessel 'fa' of 'a-h' cannot serve 'r-h': port 'r' has no 'rail_ferry' berth "
            "(it has: roro); every vessel of a pool must be able to serve every line",
            "fleet_pools:",
        ),
    ],
)
def test_bad_pool_is_refused_with_file_line_and_key(tmp_path, old, new, key_path, reason, at):
    err, text = pool_error(tmp_path, old, new)
    assert err.key_path == key_path
    assert reason in err.reason, err.reason
    assert err.line == line_of(text, at)
