"""`compare --out` and `saturation --out` also save their figure beside the tables."""

from __future__ import annotations

from corridor_sim.cli import main

PNG = b"\x89PNG\r\n\x1a\n"


def test_compare_out_writes_the_comparison_chart(tmp_path, capsys):
    """The chart is a real PNG, and the printed text names it."""
    code = main(
        [
            "compare",
            "teaching_two_ports",
            "teaching_two_ports",
            "-n",
            "2",
            "--workers",
            "1",
            "--no-progress",
            "--out",
            str(tmp_path),
        ]
    )
    assert code == 0
    png = tmp_path / "comparison.png"
    assert png.read_bytes()[:8] == PNG and png.stat().st_size > 10_000
    assert "comparison.png" in capsys.readouterr().out
