"""Bad route choice, outside option and embargo entries: each raises a ScenarioError
naming the file, the key path, what is wrong and what is allowed; good ones load."""

import pytest

import corridor_sim as cs

VALID = """\
simulation: {horizon: 10 day, seed: 1}
commodities:
  goods: {unit: wagon, mass_per_unit: 60 t, handling: wagon}
nodes:
  o: {kind: origin}
  a: {kind: terminal, embargo: {wagon: {above: 100 wagon, below: 40 wagon}}}
  b: {kind: terminal}
  d: {kind: destination}
links:
  o-a: {kind: transfer, from: o, to: a, delay: 1 h}
  o-b: {kind: transfer, from: o, to: b, delay: 2 h}
  a-d: {kind: transfer, from: a, to: d, delay: 1 h}
  b-d: {kind: transfer, from: b, to: d, delay: 1 h}
flows:
  f:
    commodity: goods
    origin: o
    destination: d
    volume: 10 wagon/day
    routes:
      - {route: [o, a, d], share: 60 %}
      - {route: [o, b, d], share: 30 %}
    choice: {rule: shares}
    outside:
      north: {transit: 15 day, share: 10 %}
"""


def _load(tmp_path, text: str) -> cs.Scenario:
    path = tmp_path / "s.yaml"
    path.write_text(text)
    return cs.load_scenario(path)


def test_valid_routes_load(tmp_path):
    f = _load(tmp_path, VALID).flows["f"]
    assert [o.label for o in f.routes] == ["via a", "via b"]
    assert [o.share for o in f.routes] == [0.6, 0.3]
    assert f.path == ("o", "o-a", "a", "a-d", "d")
    assert f.outside[0].transit.mean_h == 360.0
    assert f.legs[1] == (("o", "o-b", "b", "b-d", "d"), pytest.approx(0.3))


def test_k_best_routes_are_found_fastest_first(tmp_path):
    listed = (
        "    routes:\n      - {route: [o, a, d], share: 60 %}\n"
        "      - {route: [o, b, d], share: 30 %}\n"
    )
    text = VALID.replace(listed, "    routes: {best: 2}\n")
    text = text.replace("choice: {rule: shares}", "choice: {rule: least_time}")
    text = text.replace("north: {transit: 15 day, share: 10 %}", "north: {transit: 15 day}")
    f = _load(tmp_path, text).flows["f"]
    assert [o.path[2] for o in f.routes] == ["a", "b"]


@pytest.mark.parametrize(
    ("old", "new", "key_path", "reason"),
    [
        ("share: 30 %", "share: 20 %", "flows.f.routes", "shares must sum to 100 %"),
        ("    choice: {rule: shares}\n", "", "flows.f.choice", "need a rule to choose"),
        (
            "choice: {rule: shares}",
            "choice: {rule: logit}",
            "flows.f.choice.scale",
            "rule 'logit' needs a scale",
        ),
        ("choice: {rule: shares}", "choice: {rule: fastest}", "flows.f.choice.rule", "fastest"),
        (
            "    choice: {rule: shares}\n",
            "    choice: {rule: shares}\n    route: [o, a, d]\n",
            "flows.f",
            "either 'route' (one route) or 'routes'",
        ),
        ("[o, b, d], share", "[o, x, d], share", "flows.f.routes[1].route", "no node named 'x'"),
        (
            "above: 100 wagon, below: 40 wagon",
            "above: 40 wagon, below: 100 wagon",
            "nodes.a.embargo.wagon.below",
            "must be below 'above'",
        ),
        ("above: 100 wagon", "above: 100 t", "nodes.a.embargo.wagon.above", "expected wagon"),
        (
            "  o: {kind: origin}",
            "  o: {kind: origin, embargo: {wagon: {above: 1 wagon, below: 0 wagon}}}",
            "nodes.o.embargo",
            "unknown key 'embargo'",
        ),
        (
            "north: {transit: 15 day, share: 10 %}",
            "north: {share: 10 %}",
            "flows.f.outside.north",
            "missing required key 'transit'",
        ),
    ],
)
def test_bad_route_choice_is_refused(tmp_path, old, new, key_path, reason):
    assert old in VALID
    with pytest.raises(cs.ScenarioError) as info:
        _load(tmp_path, VALID.replace(old, new))
    err = info.value
    assert err.file and err.file.endswith("s.yaml")
    assert err.key_path == key_path, (err.key_path, err.reason)
    assert reason in err.reason, err.reason
