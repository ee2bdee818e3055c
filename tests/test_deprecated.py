"""Names that moved in the layout change still import, with a DeprecationWarning."""

from __future__ import annotations

import importlib
import sys

import pytest

import corridor_sim as cs
from corridor_sim import plotting
from corridor_sim.experiments.saturation import Criterion
from corridor_sim.report import write_report


def test_old_analysis_modules_import_with_a_warning(monkeypatch):
    for name in [m for m in sys.modules if m.startswith("corridor_sim.analysis")]:
        monkeypatch.delitem(sys.modules, name)
    with pytest.warns(DeprecationWarning, match="corridor_sim.analysis is deprecated"):
        old = importlib.import_module("corridor_sim.analysis.saturation")
    assert old.Criterion is Criterion
    assert old.saturation is cs.saturation


def test_plotting_write_report_moved_to_report():
    with pytest.warns(DeprecationWarning, match="moved to corridor_sim.report.write_report"):
        moved = plotting.write_report
    assert moved is write_report
    with pytest.raises(AttributeError):
        _ = plotting.no_such_figure
