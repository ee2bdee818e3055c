"""Scenario keys of booking and priority: ``flows.<f>.priority``, ``flows.<f>.booking``
and ``links.<sea>.departure.on_time_within`` load into the specs, and each mistake names
file, line and key."""

import pytest
from test_errors import VALID, assert_message, edit, line_of, load_error

import corridor_sim as cs

SCHEDULED = edit("    distance: 100 km\n", "    distance: 100 km\n    departure: {every: 84 h}\n")
ROUTE = "    route: [a, b, d]\n"


def with_flow_keys(lines: str, text: str = SCHEDULED) -> str:
    return edit(ROUTE, ROUTE + lines, text)


def test_priority_booking_and_tolerance_load(tmp_path):
    text = with_flow_keys(
        "    priority: scheduled\n    booking: {link: a-b, per_sailing: 5 wagon}\n",
        edit("{every: 84 h}", "{every: 84 h, on_time_within: 12 h}", SCHEDULED),
    )
    path = tmp_path / "ok.yaml"
    path.write_text(text)
    scenario = cs.load_scenario(path)
    flow = scenario.flows["f"]
    assert (flow.priority, flow.booking) == ("scheduled", cs.model.Booking("a-b", 5.0))
    assert scenario.links["a-b"].on_time_within_h == 12.0


def test_defaults_are_spot_no_booking_and_one_day(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text(SCHEDULED)
    scenario = cs.load_scenario(path)
    assert (scenario.flows["f"].priority, scenario.flows["f"].booking) == ("spot", None)
    assert scenario.links["a-b"].on_time_within_h == 24.0


def test_a_booking_in_tonnes_is_converted_to_wagons(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text(with_flow_keys("    booking: {link: a-b, per_sailing: 300 t}\n"))
    assert cs.load_scenario(path).flows["f"].booking.per_sailing_units == 5.0  # 60 t/wagon


@pytest.mark.parametrize(
    ("lines", "text", "key_path", "reason"),
    [
        (
            "    booking: {link: nowhere, per_sailing: 5 wagon}\n",
            SCHEDULED,
            "flows.f.booking.link",
            r"no link named 'nowhere'; links: a-b, b-d",
        ),
        (
            "    booking: {link: a-b, per_sailing: 5 wagon}\n",
            VALID,
            "flows.f.booking.link",
            r"'a-b' has no scheduled sailings: a booking needs a sea link with "
            r"'departure: \{every: \.\.\.\}'",
        ),
        (
            "    booking: {link: b-d, per_sailing: 5 wagon}\n",
            SCHEDULED,
            "flows.f.booking.link",
            r"'b-d' has no scheduled sailings",
        ),
        (
            "    booking: {link: a-b, per_sailing: 5}\n",
            SCHEDULED,
            "flows.f.booking.per_sailing",
            r"needs a number with a unit, e.g. '20 h' \(got 5\); expected wagon",
        ),
        (
            "    booking: {link: a-b, per_sailing: 5 TEU}\n",
            SCHEDULED,
            "flows.f.booking.per_sailing",
            r"expected wagon or mass .*, got TEU \('5 TEU'\)",
        ),
        (
            "    booking: {link: a-b, per_sailing: 0 wagon}\n",
            SCHEDULED,
            "flows.f.booking.per_sailing",
            r"must be > 0 \(got '0 wagon'\)",
        ),
        (
            "    booking: {link: a-b}\n",
            SCHEDULED,
            "flows.f.booking",
            r"missing required key 'per_sailing'",
        ),
        (
            "    priority: express\n",
            SCHEDULED,
            "flows.f.priority",
            r"must be one of scheduled, spot \(got 'express'\)",
        ),
    ],
    ids=[
        "unknown-link",
        "no-every",
        "not-sea",
        "no-unit",
        "wrong-unit",
        "zero",
        "missing-size",
        "unknown-priority",
    ],
)
def test_bad_booking_or_priority_names_the_key(tmp_path, lines, text, key_path, reason):
    text = with_flow_keys(lines, text)
    err = load_error(tmp_path, text)
    fragment = "per_sailing" if key_path.endswith("per_sailing") else lines.strip()
    line = line_of(text, fragment) if "priority" not in key_path else line_of(text, "priority")
    assert_message(err, tmp_path / "scenario.yaml", line, key_path, reason)


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("{every: 84 h}", "{max_wait: 24 h, on_time_within: 12 h}", r"applies to scheduled"),
        ("{every: 84 h}", "{every: 84 h, on_time_within: 12}", r"needs a number with a unit"),
        ("{every: 84 h}", "{every: 84 h, on_time_within: -1 h}", r"must be >= 0"),
    ],
    ids=["without-every", "no-unit", "negative"],
)
def test_bad_tolerance_names_the_key(tmp_path, old, new, reason):
    text = edit(old, new, SCHEDULED)
    err = load_error(tmp_path, text)
    key = "links.a-b.departure.on_time_within"
    assert_message(err, tmp_path / "scenario.yaml", line_of(text, new), key, reason)
