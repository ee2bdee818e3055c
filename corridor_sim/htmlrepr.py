"""Small HTML blocks for notebooks: what a ``_repr_html_`` method returns.

A block is a title, a few lines of text (the verdict, a one-sample-path warning, ...)
and named tables. A table is shown as given: :func:`shown` picks the columns of a
pandas DataFrame, puts the unit in each header and writes the numbers. No figures, no
scripts, no external styles: the block renders alike in Jupyter, VS Code and a saved
notebook. This module imports no pandas, so that ``model/`` may use it (the engine,
which imports ``model/``, must not load pandas).

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


def html_block(title: str, lines: Sequence[str], tables: Mapping[str, Table]) -> str:
    """An HTML ``<div>``: ``title`` as a heading, each of ``lines`` as a paragraph, then
    each table under its name (an empty name shows the table alone). Text is escaped."""
    parts = [f'<div class="corridor-sim" style="{STYLE}">', f"<h4>{html.escape(title)}</h4>"]
    parts += [f"<p>{html.escape(line.strip())}</p>" for line in lines if line.strip()]
    for name, table in tables.items():
        if name:
            parts.append(f"<p><b>{html.escape(name)}</b></p>")
        parts.append(table_html(table))
    parts.append("</div>")
    return "\n".join(parts)
