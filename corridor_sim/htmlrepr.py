"""Small HTML blocks for notebooks: what a ``_repr_html_`` method returns.

A block is a title, a few lines of text (the verdict, a one-sample-path warning, ...),
optionally a small bar figure (:class:`Bars`, drawn as inline SVG: no matplotlib, which
is slow to import and sits above this layer) and named tables. A table is shown as
given: :func:`shown` picks the columns of a pandas DataFrame, puts the unit in each
header and writes the numbers. No scripts, no external styles: the block renders alike
in Jupyter, VS Code and a saved notebook. This module imports no pandas, so that
``model/`` may use it (the engine, which imports ``model/``, must not load pandas).

>>> import pandas as pd
>>> flows = pd.DataFrame({"flow": ["west"], "delivered_t": [20299.999999999978]})
>>> columns = {"flow": ("flow", str), "delivered_t": ("delivered (t)", "{:,.0f}".format)}
>>> table = shown(flows, columns)
>>> table
Table(header=('flow', 'delivered (t)'), rows=(('west', '20,300'),))
>>> ">20,300</td>" in html_block("Run", ["One sample path."], {"Flows": table})
True
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

#: a column to show: its header (with the unit) and how to write one value
Column = tuple[str, Callable[[Any], str]]

STYLE = "font-family: sans-serif; line-height: 1.4"
CELL = "padding: 0 0.6em; text-align: {}"


class Frame(Protocol):
    """What :func:`shown` reads of a table (a pandas DataFrame has it)."""

    @property
    def columns(self) -> Iterable[Any]: ...

    def __getitem__(self, name: str) -> Iterable[Any]: ...


@dataclass(frozen=True)
class Table:
    """A table as text: a header and rows of cells, each row as long as the header."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def shown(frame: Frame, columns: Mapping[str, Column]) -> Table:
    """The ``columns`` of ``frame``, in the order given, under their headers and written
    by their formatters; columns the frame lacks are left out."""
    present = [name for name in columns if name in set(frame.columns)]
    cells = [[columns[name][1](v) for v in frame[name]] for name in present]
    return Table(tuple(columns[name][0] for name in present), tuple(zip(*cells, strict=True)))


@dataclass(frozen=True)
class Bars:
    """A small horizontal bar figure: ``title`` (with its unit), one bar per row of
    ``(label, value, half-width or None)``, the axis from 0 to ``limit`` (default: the
    largest bar end); a half-width draws a 95 % CI whisker, ``marked`` bars are drawn in
    vermillion (the binding element)."""

    title: str
    rows: tuple[tuple[str, float, float | None], ...]
    limit: float | None = None
    marked: frozenset[str] = frozenset()


def bars_svg(bars: Bars, width_px: int = 460, bar_px: int = 16) -> str:
    """``bars`` as inline SVG (label column, bars, the value written at each bar's end).

    >>> svg = bars_svg(Bars("utilisation (%)", (("kuryk-alat", 99.0, 1.0), ("aktau", 45.0, None))))
    >>> svg.count("<rect"), "kuryk-alat" in svg, "99 ± 1" in svg
    (2, True, True)
    """
    label_px, text_px = 150, 70
    plot_px = width_px - label_px - text_px
    ends = [v + (h or 0.0) for _, v, h in bars.rows if v == v]
    limit = bars.limit or max(ends, default=1.0) or 1.0
    height = bar_px * len(bars.rows) + 24

    def x(value: float) -> float:
        return label_px + plot_px * max(0.0, min(value, limit)) / limit

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_px}" height="{height}" '
        'style="font: 11px sans-serif">',
        f'<text x="0" y="12" font-weight="bold">{html.escape(bars.title)}</text>',
    ]
    for i, (label, value, half) in enumerate(bars.rows):
        y = 20 + i * bar_px
        colour = "#D55E00" if label in bars.marked else "#0072B2"
        text = "-" if value != value else f"{value:,.0f}"
        parts.append(f'<text x="0" y="{y + 11}">{html.escape(label[:24])}</text>')
        if value == value:
            parts.append(
                f'<rect x="{label_px}" y="{y + 2}" width="{x(value) - label_px:.1f}" '
                f'height="{bar_px - 5}" fill="{colour}"/>'
            )
        if half is not None and half == half and value == value:
            low, high = x(value - half), x(value + half)
            mid = y + bar_px / 2 - 0.5
            parts.append(
                f'<line x1="{low:.1f}" x2="{high:.1f}" y1="{mid}" y2="{mid}" stroke="#000"/>'
            )
            text = f"{value:,.0f} ± {half:,.0f}"
        parts.append(f'<text x="{label_px + plot_px + 4}" y="{y + 11}">{text}</text>')
    parts.append("</svg>")
    return "".join(parts)


def counted(n: int, singular: str, plural: str) -> str:
    """``1 flow``, ``3 flows``: a count with its noun.

    >>> counted(1, "commodity", "commodities"), counted(0, "flow", "flows")
    ('1 commodity', '0 flows')
    """
    return f"{n} {singular if n == 1 else plural}"


_NUMBER = r"(?:-?(?:\d[\d,]*)?\.?\d+(?:e[+-]?\d+)?|-?inf|-)"
#: a number, a mean with its half-width, or an interval: cells that line up on the right
_NUMERIC = re.compile(rf"{_NUMBER}(?: ± {_NUMBER})?|\[{_NUMBER}, {_NUMBER}\]")


def _numeric(cell: str) -> bool:
    """True for ``1,234.5``, ``-0.3``, ``inf``, ``-`` (no value), a mean with its
    half-width ``0.651 ± 0.499`` and an interval ``[0.152, 1.150]``.

    >>> [_numeric(c) for c in ("1,234.5", "0.651 ± 0.499", "[0.152, 1.150]", "aktau", "12 %")]
    [True, True, True, False, False]
    """
    return _NUMERIC.fullmatch(cell) is not None


def _row(cells: Iterable[str], aligns: Sequence[str], tag: str) -> str:
    inner = "".join(
        f'<{tag} style="{CELL.format(a)}">{html.escape(c)}</{tag}>'
        for c, a in zip(cells, aligns, strict=True)
    )
    return f"<tr>{inner}</tr>"


def table_html(table: Table) -> str:
    """``table`` as an HTML ``<table>``: columns of numbers right, others left; cells
    are escaped."""
    aligns = [
        "right" if table.rows and all(_numeric(r[i]) for r in table.rows) else "left"
        for i in range(len(table.header))
    ]
    body = [_row(r, aligns, "td") for r in table.rows]
    head = _row(table.header, aligns, "th")
    return "\n".join(["<table>", f"<thead>{head}</thead>", "<tbody>", *body, "</tbody></table>"])


def html_block(
    title: str, lines: Sequence[str], tables: Mapping[str, Table], figure: Bars | None = None
) -> str:
    """An HTML ``<div>``: ``title`` as a heading, each of ``lines`` as a paragraph, the
    ``figure`` if any, then each table under its name (an empty name shows the table
    alone). Text is escaped."""
    parts = [f'<div class="corridor-sim" style="{STYLE}">', f"<h4>{html.escape(title)}</h4>"]
    parts += [f"<p>{html.escape(line.strip())}</p>" for line in lines if line.strip()]
    if figure is not None and figure.rows:
        parts.append(f"<p>{bars_svg(figure)}</p>")
    for name, table in tables.items():
        if name:
            parts.append(f"<p><b>{html.escape(name)}</b></p>")
        parts.append(table_html(table))
    parts.append("</div>")
    return "\n".join(parts)
