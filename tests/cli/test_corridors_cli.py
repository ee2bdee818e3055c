"""``corridor-sim corridors``: the table printed, the files written, a bad journey refused."""

from __future__ import annotations

from corridor_sim.cli.main import main


def test_corridors_prints_the_comparison_and_writes_the_chart(tmp_path, capsys):
    out = tmp_path / "c"
    code = main(
        [
            "corridors",
            "-n",
            "2",
            "--workers",
            "1",
            "--no-progress",
            "--horizon",
            "120 day",
            "--warmup",
            "20 day",
            "--out",
            str(out),
        ]
    )
    text = capsys.readouterr().out
    assert code == 0
    assert "China -> Europe" in text and "Rail through Russia" in text
    assert "Middle Corridor, simulated (cont_dostyk_poti)" in text
    assert "China -> Turkiye" in text and "cont_altynkol_turkiye" in text
    for journey in ("china_europe", "china_turkiye"):
        assert (out / journey / "corridors.png").stat().st_size > 10_000
        assert (out / journey / "corridors.csv").exists()


def test_a_bad_journey_name_is_refused_before_running(capsys):
    code = main(["corridors", "--journey", "corridors_nowhere", "--no-progress"])
    err = capsys.readouterr().err
    assert code != 0
    assert "corridors_nowhere" in err and "corridors_china_europe" in err
