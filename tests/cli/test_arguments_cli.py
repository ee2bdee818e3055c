"""Arguments: every error is one line and exit 2, found before anything runs; a version;
a horizon and warm-up from the command line; "did you mean"; help with an example for
every command."""

from __future__ import annotations

import subprocess
import sys

import pytest

import corridor_sim as cs
from corridor_sim.cli import main

cli_main = sys.modules["corridor_sim.cli.main"]  # the module (its name is also the function)

COMMANDS = [
    "run",
    "list",
    "validate",
    "plot",
    "schema",
    "capacity",
    "bottlenecks",
    "replicate",
    "sweep",
    "saturation",
    "compare",
    "marginal",
    "equilibrium",
]


def python_m(*argv: str) -> subprocess.CompletedProcess[str]:
    """``python -m corridor_sim ARGV``, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "corridor_sim", *argv], capture_output=True, text=True, timeout=120
    )


def test_version_is_the_package_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"corridor-sim {cs.__version__}\n"


def test_python_m_corridor_sim_is_the_command():
    done = python_m("--version")
    assert (done.returncode, done.stdout) == (0, f"corridor-sim {cs.__version__}\n")


@pytest.fixture
def nothing_runs(monkeypatch):
    """Loading or running a scenario fails the test: errors must come first."""

    def refuse(*args, **kwargs):
        raise AssertionError("a scenario was loaded or run before the arguments were checked")

    monkeypatch.setattr(cli_main, "run", refuse)
    monkeypatch.setattr(cli_main, "simulate", refuse)
    monkeypatch.setattr("corridor_sim.cli.arguments.load_named", refuse)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["run", "--seed", "-1"],
            "corridor-sim run: error: argument --seed: must be a whole number >= 0, "
            "e.g. 2024 (got '-1')",
        ),
        (
            ["replicate", "teaching_two_ports", "--warmup", "60"],
            "corridor-sim replicate: error: argument --warmup: needs a unit, e.g. '60 day' "
            "(got '60')",
        ),
        (
            ["run", "--warmup", "-5 day"],
            "corridor-sim run: error: argument --warmup: must be >= 0 (got '-5 day')",
        ),
        (
            ["run", "--horizon", "180 t"],
            "corridor-sim run: error: argument --horizon: must be a duration, e.g. '180 day' "
            "(got '180 t', a mass)",
        ),
        (
            ["saturation", "teaching_two_ports", "--days", "0"],
            "corridor-sim saturation: error: argument --days: must be a number of days > 0",
        ),
        (
            ["run", "--out", "/proc/corridor-sim-x"],
            "corridor-sim run: error: argument --out: cannot write into /proc",
        ),
        (
            ["run", "--report", "/proc/corridor-sim-x/report.html"],
            "corridor-sim run: error: argument --report: cannot write into /proc",
        ),
        (["compare", "a", "b", "-n", "0"], "corridor-sim compare: error: argument -n"),
    ],
)
def test_argument_errors_are_one_line_exit_2_before_anything_runs(
    argv, message, nothing_runs, capsys
):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(message), err
    assert err.count("\n") == 1


def test_an_output_path_through_a_file_is_refused_at_once(tmp_path, nothing_runs, capsys):
    (tmp_path / "file").write_text("")
    with pytest.raises(SystemExit) as stop:
        main(["bottlenecks", "teaching_two_ports", "--out", str(tmp_path / "file" / "out")])
    assert stop.value.code == 2
    assert "is not a folder" in capsys.readouterr().err


def test_the_installed_command_gives_no_traceback_for_a_bad_seed():
    done = python_m("run", "--seed", "-1")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert "argument --seed: must be a whole number >= 0" in done.stderr


@pytest.mark.parametrize("name", ["middle_corridr_2024", "middle_corridr_2024.yaml"])
def test_a_misspelt_bundled_name_suggests_the_closest(name, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["validate", name]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'middle_corridor_2024'" in err and err.count("\n") == 1


def test_a_bundled_name_with_yaml_is_the_bundled_scenario(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no such file here
    assert main(["validate", "teaching_two_ports.yaml"]) == 0
    assert str(cs.bundled_path("teaching_two_ports")) in capsys.readouterr().out


def test_horizon_and_warmup_from_the_command_line(capsys):
    argv = ["run", "teaching_two_ports", "-n", "1", "--days", "12", "--warmup", "2 day"]
    assert main(argv) == 0
    assert (
        "12 days from 2024-01-03 after a 2-day warm-up from 2024-01-01" in capsys.readouterr().out
    )
    argv = ["run", "teaching_two_ports", "-n", "1", "--horizon", "2 week"]
    assert main(argv) == 0
    assert (
        "14 days from 2024-01-31 after a 30-day warm-up from 2024-01-01" in capsys.readouterr().out
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_description_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as stop:
        main([command, "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: corridor-sim {command}")
    description = out.split("\n\n")[1]
    assert len(description) > 40, description
    examples = out.split("\nexample", 1)[1].split("\n\n")[0]
    assert f"  corridor-sim {command}" in examples or f"&& corridor-sim {command}" in examples


def test_the_command_list_is_helpful(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert all(f"    {command}" in out for command in COMMANDS)
    assert "\n  corridor-sim run " in out and "95% CIs" in out
