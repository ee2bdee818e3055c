"""Pieces of the notebook views of experiment objects (``_repr_html_`` and a short
``repr``): each object builds its own view next to its text (``.text()``) from these and
:mod:`corridor_sim.htmlrepr`, showing what was run (scenario, replications, seeds), the
answer in one line and the headline table with 95% confidence intervals and units.

>>> import pandas as pd
>>> summary = pd.DataFrame({"scope": ["corridor"], "subject": [""], "kpi": ["delivered_ratio"],
...     "mean": [0.9], "half_width": [0.05], "ci_low": [0.85], "ci_high": [0.95], "n": [3]})
>>> headline_table(summary).rows
(('delivered / offered, %', '90.0', '5.0', '[85.0, 95.0]', '3'),)
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from corridor_sim.experiments.text import HEADLINE, kpi_row
from corridor_sim.htmlrepr import Table
from corridor_sim.texttable import num

#: the longest ``repr`` of an experiment object
REPR_CHARS = 300
#: the header of a table of means with their intervals
CI_HEADER = ("mean", "± 95% CI half-width", "95% CI", "n")


def as_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    """A text table (a header and rows of cells) as an :class:`~corridor_sim.htmlrepr.Table`."""
    return Table(tuple(header), tuple(tuple(r) for r in rows))


def interval(low: float, high: float, scale: float = 1.0, digits: int = 1) -> str:
    """``[low, high]`` of a 95% confidence interval, scaled."""
    return f"[{num(low * scale, digits)}, {num(high * scale, digits)}]"


def ci_cells(row: pd.Series, scale: float, digits: int) -> list[str]:
    """Mean, half-width, interval and n of a row of a tidy summary, as text."""
    return [
        num(row["mean"] * scale, digits),
        num(row["half_width"] * scale, digits),
        interval(row["ci_low"], row["ci_high"], scale, digits),
        str(int(row["n"])),
    ]


def headline_table(summary: pd.DataFrame) -> Table:
    """The headline KPIs of a tidy summary (those it has), each labelled with its unit,
    with its mean, the half-width of its 95% CI, the CI and the number of runs."""
    rows = [
        [label, *ci_cells(row, scale, digits)]
        for kpi, label, scale, digits in HEADLINE
        if (row := kpi_row(summary, kpi)) is not None
    ]
    return as_table(["KPI, unit", *CI_HEADER], rows)


def ci_note(n: int) -> str:
    """What the numbers over ``n`` replications are."""
    if n < 2:
        return "One replication: one sample path, no confidence interval."
    return (
        f"Each number is the mean over the {n} replications with the half-width of its "
        "95 % confidence interval (Student t)."
    )


def seeds(seed: int, n: int) -> str:
    """How ``n`` replications' seeds were made from ``seed``, as code."""
    return f"numpy SeedSequence({seed}).spawn({n})"


def clip(text: str) -> str:
    """``text`` cut to :data:`REPR_CHARS` characters (a ``repr`` ends with ``>``)."""
    return text if len(text) <= REPR_CHARS else text[: REPR_CHARS - 4] + "...>"
