"""Plain-text tables and number formats for the experiment summaries."""

from __future__ import annotations

import math


def num(x: float | None, digits: int = 0) -> str:
    """``1,234`` style; ``-`` for None or NaN, ``inf`` for infinity."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if round(x, digits) == 0:
        x = 0.0  # no "-0"
    return f"{x:,.{digits}f}"


def pct(x: float | None, digits: int = 0) -> str:
    """``96%`` style; ``-`` for None or NaN."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    if math.isinf(x):
        return "inf"
    return f"{x:.{digits}%}"


def pm(mean: float, half: float, digits: int = 0, scale: float = 1.0) -> str:
    """``12.3 ± 0.4`` (a mean and the half-width of its confidence interval)."""
    if half is None or (isinstance(half, float) and math.isnan(half)):
        return num(mean * scale, digits)
    return f"{num(mean * scale, digits)} ± {num(half * scale, digits)}"


def table(header: list[str], rows: list[list[str]], align: str) -> list[str]:
    """Lines of a table; ``align`` has one ``l`` or ``r`` per column."""
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)
    ]

    def fmt(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if a == "l" else c.rjust(w)
            for c, w, a in zip(cells, widths, align, strict=True)
        ).rstrip()

    return [fmt(header), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)]
