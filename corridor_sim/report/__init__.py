"""The HTML report of one run: verdict, headline tables, every figure and the scenario
file with its sources, in one self-contained file (:func:`write_report`)."""

from corridor_sim.report.html import render_report, write_report

__all__ = ["render_report", "write_report"]
