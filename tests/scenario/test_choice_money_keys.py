"""``choice: {money: true}`` and an outside option's ``cost`` in a scenario file: they
load into the specs in USD per unit, and what money needs (a costs section, the cargo's
time value, every outside option's cost in a money unit) is refused with the file, line,
key and what is wanted."""

import pytest

import corridor_sim as cs

VALID = """\
simulation: {horizon: 10 day, seed: 1}
commodities:
  goods: {unit: wagon, mass_per_unit: 60 t, handling: wagon}
nodes:
  o: {kind: origin}
  a: {kind: terminal}
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
      - {route: [o, a, d]}
      - {route: [o, b, d]}
    choice: {rule: logit, scale: 2 day, money: true}
    outside:
      north: {transit: 15 day, cost: 1800 USD/wagon}
costs:
  currency: USD 2024
  time_value: {goods: 48 USD/wagon/day}
  links:
    o-a: {tariff: {goods: 300 USD/wagon}}
"""


def _load(tmp_path, text: str) -> cs.Scenario:
    path = tmp_path / "s.yaml"
    path.write_text(text)
    return cs.load_scenario(path)


def test_money_and_an_outside_options_cost_load(tmp_path):
    f = _load(tmp_path, VALID).flows["f"]
    assert f.choice is not None and f.choice.money
    assert f.outside[0].cost_usd_per_unit == 1800.0


def test_a_cost_per_tonne_is_turned_into_a_cost_per_unit(tmp_path):
    f = _load(tmp_path, VALID.replace("1800 USD/wagon", "30 USD/t")).flows["f"]
    assert f.outside[0].cost_usd_per_unit == pytest.approx(1800.0)  # 60 t a wagon


def test_without_money_the_choice_is_on_time_and_no_cost_is_needed(tmp_path):
    text = VALID.replace(", money: true", "").replace(", cost: 1800 USD/wagon", "")
    text = text[: text.index("costs:")]
    f = _load(tmp_path, text).flows["f"]
    assert f.choice is not None and not f.choice.money
    assert f.outside[0].cost_usd_per_unit is None


@pytest.mark.parametrize(
    ("old", "new", "key_path", "line", "reason"),
    [
        (
            "costs:\n  currency: USD 2024\n  time_value: {goods: 48 USD/wagon/day}\n  links:\n"
            "    o-a: {tariff: {goods: 300 USD/wagon}}\n",
            "",
            "flows.f.choice.money",
            23,
            "needs a 'costs' section",
        ),
        (
            "  time_value: {goods: 48 USD/wagon/day}\n",
            "",
            "flows.f.choice.money",
            23,
            "needs costs.time_value.goods above 0",
        ),
        (
            "time_value: {goods: 48 USD/wagon/day}",
            "time_value: {goods: 0 USD/wagon/day}",
            "flows.f.choice.money",
            23,
            "needs costs.time_value.goods above 0",
        ),
        (
            ", cost: 1800 USD/wagon",
            "",
            "flows.f.outside.north.cost",
            25,
            "is needed when the choice counts money",
        ),
        ("1800 USD/wagon", "1800 USD/TEU", "flows.f.outside.north.cost", 25, "USD/wagon"),
        ("1800 USD/wagon", "1800 USD", "flows.f.outside.north.cost", 25, "USD/wagon"),
        ("1800 USD/wagon", "1800", "flows.f.outside.north.cost", 25, "USD/wagon"),
        ("1800 USD/wagon", "0.05 USD/t/km", "flows.f.outside.north.cost", 25, "USD/t"),
        ("1800 USD/wagon", "-5 USD/wagon", "flows.f.outside.north.cost", 25, ">= 0"),
        ("money: true", "money: yes please", "flows.f.choice.money", 23, "true or false"),
        (
            "rule: logit, scale: 2 day, money: true",
            "rule: shares, money: true",
            "flows.f.choice.money",
            23,
            "rule is 'shares'",
        ),
    ],
)
def test_what_money_needs_is_refused_when_missing(tmp_path, old, new, key_path, line, reason):
    assert old in VALID
    text = VALID.replace(old, new)
    if "rule: shares" in new:
        text = text.replace("{route: [o, a, d]}", "{route: [o, a, d], share: 50 %}")
        text = text.replace("{route: [o, b, d]}", "{route: [o, b, d], share: 40 %}")
        text = text.replace("15 day,", "15 day, share: 10 %,")
    with pytest.raises(cs.ScenarioError) as info:
        _load(tmp_path, text)
    err = info.value
    assert err.file and err.file.endswith("s.yaml")
    assert err.key_path == key_path, (err.key_path, err.reason)
    assert err.line == line, (err.line, str(err))
    assert reason in err.reason, err.reason
