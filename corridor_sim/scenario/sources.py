"""The public sources that scenario comments cite: ``sources.yaml`` and ``# src: <id>``.

A bundled scenario cites a figure with a comment ``# src: <id> (<detail>)``; the id names
an entry of ``sources.yaml`` (shipped beside the bundled scenarios). A comment
``# estimate: <reason>`` marks a modeller's estimate, not a source.

>>> sources = load_sources()
>>> sources["astana_times_kuryk_2021"].publisher
'Astana Times'
>>> citations("speed: 14 kn  # src: portnews_asco_ropax (14 kn)")
[(1, 'portnews_asco_ropax')]
>>> unresolved("x: 1  # src: no_such_report", sources)
[(1, 'no_such_report')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corridor_sim.errors import ScenarioError
from corridor_sim.scenario.bundled import bundled_dir
from corridor_sim.scenario.yaml_io import Where, parse_yaml, read_text

CITATION = re.compile(r"\bsrc:\s*([a-z0-9_]+)")
"""A citation in a comment: ``src: <id>``; group 1 is the id."""

ESTIMATE = re.compile(r"#\s*estimate:")
"""The start of an estimate comment, ``# estimate: <reason>`` (not a citation)."""

CONFIDENCE = ("H", "M-H", "M", "L-M", "L")
"""Confidence marks, best first: H official or several agree; M one reputable secondary
source; L weak or conflicting."""

_ID = re.compile(r"[a-z0-9_]+")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?|/\d{4})?")
_REQUIRED = ("publisher", "title", "date", "url", "confidence", "figures")
_KEYS = (*_REQUIRED, "note")


@dataclass(frozen=True)
class Source:
    """One public source: who reported what, when, where, and how far to trust it.

    ``date`` is ``"YYYY"``, ``"YYYY-MM"``, ``"YYYY-MM-DD"`` or a range ``"YYYY/YYYY"``
    (``None`` when undated); ``figures`` are the facts used, with units and year.
    """

    id: str
    publisher: str
    title: str
    date: str | None
    url: str | None
    confidence: str
    figures: tuple[str, ...]
    note: str | None = None


def load_sources(path: str | Path | None = None) -> dict[str, Source]:
    """Read a sources file (default: the bundled ``sources.yaml``), keyed by id.

    Raises :class:`~corridor_sim.errors.ScenarioError` naming the file, line, id and key
    of the first entry that breaks the format.
    """
    file = Path(path) if path is not None else bundled_dir() / "sources.yaml"
    name = str(file)
    data = parse_yaml(read_text(file), file=name)
    if not isinstance(data, Where) or set(data) != {"sources"}:
        raise ScenarioError("top level must be one key, 'sources:', a mapping of ids", file=name)
    entries = data["sources"]
    if not isinstance(entries, Where):
        raise ScenarioError("must be a mapping of id -> entry", path="sources", file=name)
    return {key: _source(key, entries[key], entries.origin[key][1], name) for key in entries}


def _source(key: Any, raw: Any, line: int | None, file: str) -> Source:
    def fail(reason: str, field: str = "") -> ScenarioError:
        where = raw.origin.get(field, (file, line))[1] if isinstance(raw, Where) else line
        path = f"sources.{key}" + (f".{field}" if field else "")
        return ScenarioError(reason, path=path, file=file, line=where)

    if not isinstance(key, str) or not _ID.fullmatch(key):
        raise fail(f"an id is lowercase letters, digits and '_' (got {key!r})")
    if not isinstance(raw, Where):
        raise fail(f"must be a mapping with keys {', '.join(_REQUIRED)}")
    for field in raw:
        if field not in _KEYS:
            raise fail(f"unknown key {field!r}; allowed: {', '.join(_KEYS)}", str(field))
    for field in _REQUIRED:
        if field not in raw:
            raise fail(f"missing key {field!r} (use null where unknown)")
    for field in ("publisher", "title", "note"):
        if field in raw and not _text(raw[field], none_ok=field == "note"):
            raise fail(f"must be non-empty text (got {raw[field]!r})", field)
    url = raw["url"]
    if url is not None and not (isinstance(url, str) and url.startswith(("https://", "http://"))):
        raise fail(f"must be an http(s) address or null (got {url!r})", "url")
    if raw["confidence"] not in CONFIDENCE:
        allowed = ", ".join(CONFIDENCE)
        raise fail(f"must be one of {allowed} (got {raw['confidence']!r})", "confidence")
    figures = raw["figures"]
    if not isinstance(figures, list) or not figures or not all(map(_text, figures)):
        raise fail("must be a non-empty list of texts (figure, unit, year)", "figures")
    return Source(
        id=key,
        publisher=raw["publisher"],
        title=raw["title"],
        date=_date(raw["date"], fail),
        url=url,
        confidence=raw["confidence"],
        figures=tuple(figures),
        note=raw.get("note"),
    )


def _text(value: Any, none_ok: bool = False) -> bool:
    return (none_ok and value is None) or (isinstance(value, str) and bool(value.strip()))


def _date(value: Any, fail: Callable[[str, str], ScenarioError]) -> str | None:
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if isinstance(value, bool) or not _DATE.fullmatch(text):
        raise fail(
            f"must be YYYY, YYYY-MM, YYYY-MM-DD, a range YYYY/YYYY, or null (got {value!r})",
            "date",
        )
    return text


def citations(text: str) -> list[tuple[int, str]]:
    """Every ``src: <id>`` in ``text`` (YAML comments, Markdown), as (line from 1, id)."""
    return [
        (number, match.group(1))
        for number, line in enumerate(text.splitlines(), start=1)
        for match in CITATION.finditer(line)
    ]


def unresolved(text: str, sources: dict[str, Source]) -> list[tuple[int, str]]:
    """The citations in ``text`` whose id is not in ``sources``, as (line number, id)."""
    return [(number, key) for number, key in citations(text) if key not in sources]
