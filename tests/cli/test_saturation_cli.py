"""`corridor-sim saturation`: a sensible answer with no extra flags, and its own argument
rules (at least two replications; --max-replications not below -n; whole years)."""

from __future__ import annotations

import pytest

from corridor_sim.cli import main


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["-n", "1"], "corridor-sim saturation: error: argument -n/--replications: must be >= 2"),
        (["--years", "0"], "corridor-sim saturation: error: argument --years: must be >= 1"),
        (["-n", "3", "--max-replications", "2"], "corridor-sim: error: --max-replications"),
    ],
)
def test_saturation_argument_errors_are_one_line_exit_2(argv, message, capsys):
    try:
        code = main(["saturation", "teaching_two_ports", *argv])
    except SystemExit as stop:
        code = stop.code
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(message), err
    assert err.count("\n") == 1


def test_saturation_help_asks_for_no_warmup(capsys):
    """The example needs no --warmup (the statistics start in the calmest month)."""
    with pytest.raises(SystemExit):
        main(["saturation", "--help"])
    text = capsys.readouterr().out
    assert "bracket" in text and "--warmup '" not in text.split("example:")[1]


def test_saturation_passes_years_and_max_replications_to_the_library(monkeypatch, capsys):
    seen = {}

    def fake(scenario, **kwargs):
        seen.update(kwargs)
        raise SystemExit(0)

    monkeypatch.setattr("corridor_sim.cli.experiments.saturation", fake)
    with pytest.raises(SystemExit):
        main(["saturation", "teaching_two_ports", "-n", "3", "--max-replications", "6",
              "--years", "2", "--workers", "1"])  # fmt: skip
    assert seen["replications"] == 3 and seen["max_replications"] == 6 and seen["years"] == 2
