"""``corridor-sim run --report`` and ``corridor-sim plot``: files written, clean failures."""

from __future__ import annotations

import subprocess
import sys

import pytest

from corridor_sim import bundled_path
from corridor_sim.cli import main


@pytest.fixture(scope="module")
def teaching(tmp_path_factory) -> str:
    """teaching_two_ports cut to a 20-day horizon, as a scenario file."""
    text = bundled_path("teaching_two_ports").read_text()
    assert "horizon: 365 day" in text
    path = tmp_path_factory.mktemp("scenario") / "teaching_short.yaml"
    path.write_text(text.replace("horizon: 365 day", "horizon: 20 day"))
    return str(path)


@pytest.fixture(scope="module")
def ran(teaching, tmp_path_factory):
    """``run -n 1 --out DIR`` once (one sample path); returns (exit code, DIR)."""
    folder = tmp_path_factory.mktemp("run")
    code = main(["run", teaching, "-n", "1", "--out", str(folder / "out")])
    return code, folder / "out"


def test_run_writes_the_tables(ran):
    code, out = ran
    assert code == 0
    assert (out / "summary.json").is_file() and (out / "network.csv").is_file()


@pytest.mark.parametrize(
    ("replications", "what"),
    [("1", "one sample path"), ("2", "tables over 2 replications, figures of one sample path")],
)
def test_run_writes_the_report(teaching, tmp_path, replications, what, capsys):
    report = tmp_path / "r.html"
    argv = ["run", teaching, "-n", replications, "--workers", "1", "--no-progress"]
    assert main([*argv, "--report", str(report)]) == 0
    assert f"Wrote the report ({what}) to {report}" in capsys.readouterr().out
    page = report.read_text()
    assert "Binding element: port_a-port_b" in page
    assert page.count("data:image/png;base64,") >= 6


@pytest.mark.parametrize(
    ("fmt", "magic"), [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")]
)
def test_plot_redraws_the_figures_from_a_saved_folder(ran, tmp_path, capsys, fmt, magic):
    _, out = ran
    assert main(["plot", str(out), "--out", str(tmp_path), "--format", fmt]) == 0
    files = sorted(p.name for p in tmp_path.iterdir())
    names = ["network_map", "queues", "throughput_port_a-port_b", "time_split"]
    names += ["transit_times", "utilisation"]
    assert files == sorted(f"{n}.{fmt}" for n in names)
    assert all((tmp_path / f).read_bytes().startswith(magic) for f in files)
    assert capsys.readouterr().out.startswith(f"Wrote 6 figures to {tmp_path}/")


def test_plot_writes_into_the_result_folder_by_default(ran):
    _, out = ran
    assert main(["plot", str(out)]) == 0
    assert (out / "utilisation.png").is_file()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["plot", "no/such/folder"], "corridor-sim: error: no/such/folder: no such folder\n"),
        (
            ["run", "no_such_scenario"],
            "corridor-sim: error: no bundled scenario 'no_such_scenario'",
        ),
        (["validate", "no_such.yaml"], "corridor-sim: error: "),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1


def test_a_folder_that_is_not_a_result_fails_cleanly(tmp_path, capsys):
    (tmp_path / "summary.json").write_text("not json")
    assert main(["plot", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "summary.json: not valid JSON" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "argv",
    [["plot"], ["plot", ".", "--format", "gif"], ["run", "--report"], ["nonsense"]],
)
def test_bad_arguments_exit_2_with_usage(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_the_installed_command_fails_without_a_traceback(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "corridor_sim.cli", "plot", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().endswith(
        "summary.json: missing (not a folder written by `corridor-sim run --out`)"
    )
