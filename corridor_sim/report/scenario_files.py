"""The scenario files as run, in HTML: each comment coloured by what it is, each citation
linked to its source.

A comment is a *citation* when it names an entry of ``sources.yaml`` (``# src: <id>``),
an *estimate* when it starts ``# estimate:`` (the modeller's reason, which may still cite
the sources it builds on), and a plain *note* otherwise (also one that only mentions the
``# estimate:`` convention). The patterns are those of
:mod:`corridor_sim.scenario.sources`, so the report counts what the source check counts.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from corridor_sim.scenario.sources import CITATION, ESTIMATE

#: a line split into YAML and its comment: ``#`` at the start or after a space, outside quotes
COMMENT = re.compile(
    r"""^(?P<code>(?:'[^']*'|"[^"]*"|[^\s#]|\s(?!\s*\#)|(?<=\S)\#)*)(?P<comment>\s*\#.*)?$"""
)
KINDS = {
    "src": "cites a public source: # src: <id>, linked to the list of sources",
    "est": "an estimate and the reason for it: # estimate: <reason>",
    "note": "a note",
}
MAX_BASES = 10  # how far a chain of ``base:`` files is followed


@dataclass(frozen=True)
class ScenarioFile:
    """One file of a scenario's chain, ready for the page: its name, its text as HTML and
    how many of its comments cite a source or give an estimate."""

    name: str
    body: str
    citations: int
    estimates: int


def comments(text: str) -> list[str]:
    r"""The comments of a YAML text, in order (a ``#`` inside quotes or a word is not one).

    >>> comments("a: '#1'   # src: x\nurl: http://h/p#frag\n# note")
    ['   # src: x', '# note']
    """
    found = (COMMENT.match(line) for line in text.splitlines())
    return [m["comment"] for m in found if m is not None and m["comment"]]


def comment_kind(comment: str) -> str:
    """``"est"``, ``"src"`` or ``"note"`` (see :data:`KINDS`) for one comment.

    >>> kinds = ("  # estimate: 3 h (src: a)", "# src: a", "# mark estimates `# estimate: x`")
    >>> [comment_kind(c) for c in kinds]
    ['est', 'src', 'note']
    """
    if ESTIMATE.match(comment.strip()):  # at its start: a note may mention the convention
        return "est"
    return "src" if CITATION.search(comment) else "note"


def link_citations(comment: str, known: Collection[str]) -> str:
    """``comment`` as HTML, each cited id a link to its entry in the list of sources (an
    id not in ``known`` is marked, not linked)."""
    out, pos = [], 0
    for match in CITATION.finditer(comment):
        key = match[1]
        out.append(html.escape(comment[pos : match.start(1)]))
        if key in known:
            out.append(f'<a href="#src-{key}">{key}</a>')
        else:
            out.append(f'<span class="missing" title="not in sources.yaml">{key}</span>')
        pos = match.end(1)
    out.append(html.escape(comment[pos:]))
    return "".join(out)


def highlight_yaml(text: str, known: Collection[str] = ()) -> str:
    """Scenario YAML as HTML: each comment in a ``<span>`` whose class is its kind
    (:func:`comment_kind`), citations linked (:func:`link_citations`)."""
    out = []
    for line in text.splitlines():
        m = COMMENT.match(line)
        if m is None or not m["comment"]:
            out.append(html.escape(line))
            continue
        comment = m["comment"]
        span = f'<span class="{comment_kind(comment)}">{link_citations(comment, known)}</span>'
        out.append(html.escape(m["code"]) + span)
    return "\n".join(out)


def source_chain(path: Path) -> list[tuple[Path, str]]:
    """(path, text) of a scenario file and of each file it names with ``base:``."""
    chain: list[tuple[Path, str]] = []
    while path.is_file() and path not in [p for p, _ in chain] and len(chain) < MAX_BASES:
        text = path.read_text(encoding="utf-8")
        chain.append((path, text))
        data = yaml.safe_load(text)
        base = data.get("base") if isinstance(data, dict) else None
        if not isinstance(base, str):
            break
        path = path.parent / base
    return chain


def scenario_files(chain: Iterable[tuple[Path, str]], known: Collection[str]) -> list[ScenarioFile]:
    """The files of ``chain`` for the page, comments counted by kind."""
    files = []
    for path, text in chain:
        kinds = [comment_kind(c) for c in comments(text)]
        files.append(
            ScenarioFile(
                name=path.name,
                body=highlight_yaml(text, known),
                citations=kinds.count("src"),
                estimates=kinds.count("est"),
            )
        )
    return files


def cited(texts: Iterable[str]) -> list[str]:
    """Every id cited in ``texts`` (``src: <id>`` in comments), in order of first citation."""
    seen: dict[str, None] = {}
    for text in texts:
        for comment in comments(text):
            for match in CITATION.finditer(comment):
                seen.setdefault(match[1], None)
    return list(seen)
