"""The HTML report of a scenario's answer: verdict, headline tables, every figure and the
scenario file with its sources, in one self-contained file (:func:`write_report`). Given
the answer of :func:`corridor_sim.run`, its tables are over the replications and its
figures one sample path; given one result, everything is that one sample path."""

from corridor_sim.report.html import render_report, write_report

__all__ = ["render_report", "write_report"]
