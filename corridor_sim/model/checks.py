"""Small rules shared by the spec dataclasses' ``__post_init__`` checks.

Each rule raises :class:`~corridor_sim.errors.ScenarioError` whose key path names the
field (``berth_time_h``, ``storage.container``, ``seasonality[3]``) and whose message
states the rule and the value, e.g. ``berth_time_h: must be >= 0 (got -5.0)``. The rules
run once per spec, when it is built (or copied with :func:`dataclasses.replace`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Mapping
from numbers import Integral, Real
from typing import NoReturn

from corridor_sim.errors import ScenarioError

MAX_SHOWN = 120  # characters of a value quoted in a message


def show(value: object) -> str:
    """``repr(value)``, clipped so that a huge value cannot flood the message."""
    text = repr(value)
    if len(text) <= MAX_SHOWN:
        return text
    return f"{text[: MAX_SHOWN - 20]}... ({len(text):,} characters)"


def fail(path: str, rule: str, error: type[ScenarioError] = ScenarioError) -> NoReturn:
    """Raise a :class:`ScenarioError` (or subclass ``error``) about the field at ``path``."""
    raise error(rule, path=path)


def name(value: object, path: str) -> None:
    """A name: non-empty text."""
    if not isinstance(value, str) or not value:
        fail(path, f"must be a non-empty name (got {show(value)})")


def text(value: object, path: str) -> None:
    """Any text, possibly empty."""
    if not isinstance(value, str):
        fail(path, f"must be text (got {show(value)})")


def choice(value: object, options: Collection[str], path: str) -> None:
    """One of ``options``."""
    if not isinstance(value, str) or value not in options:
        fail(path, f"must be one of {', '.join(options)} (got {show(value)})")


def _bound(bound: float) -> str:
    return f"{bound:g}"


def number(
    value: object,
    path: str,
    *,
    gt: float | None = None,
    ge: float | None = None,
    le: float | None = None,
) -> float:
    """A finite real number, ``> gt``, ``>= ge`` and ``<= le`` where given."""
    if isinstance(value, bool) or not isinstance(value, Real):
        fail(path, f"must be a number (got {show(value)})")
    x = float(value)
    if not math.isfinite(x):
        fail(path, f"must be a finite number (got {show(value)})")
    if gt is not None and not x > gt:
        fail(path, f"must be > {_bound(gt)} (got {show(value)})")
    if ge is not None and not x >= ge:
        fail(path, f"must be >= {_bound(ge)} (got {show(value)})")
    if le is not None and not x <= le:
        fail(path, f"must be <= {_bound(le)} (got {show(value)})")
    return x


def positive(value: object, path: str) -> float:
    """A finite number > 0."""
    return number(value, path, gt=0.0)


def non_negative(value: object, path: str) -> float:
    """A finite number >= 0."""
    return number(value, path, ge=0.0)


def whole(value: object, path: str, minimum: int) -> int:
    """A whole number (not a bool) >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        fail(path, f"must be a whole number (got {show(value)})")
    if value < minimum:
        fail(path, f"must be >= {minimum} (got {show(value)})")
    return int(value)


def instance(value: object, kind: type | tuple[type, ...], what: str, path: str) -> None:
    """An instance of ``kind`` (described as ``what`` in the message)."""
    if not isinstance(value, kind):
        fail(path, f"must be {what} (got {type(value).__name__} {show(value)})")


def date_between(value: object, path: str, first: dt.date, last: dt.date) -> dt.date:
    """A calendar date from ``first`` to ``last`` (both included)."""
    if not isinstance(value, dt.date):
        fail(path, f"must be a date (got {type(value).__name__} {show(value)})")
    if not first.toordinal() <= value.toordinal() <= last.toordinal():  # works on datetimes
        fail(path, f"must be a date from {first} to {last} (got {value})")
    return value


def amounts(
    value: object,
    path: str,
    keys: Collection[str],
    *,
    minimum: float | None = None,
    required: bool = False,
) -> None:
    """A dict from some of ``keys`` to finite numbers > 0 (or >= ``minimum``)."""
    if not isinstance(value, dict):
        fail(path, f"must be a dict (got {type(value).__name__} {show(value)})")
    if required and not value:
        fail(path, f"must give a value for at least one of {', '.join(keys)}")
    for key, amount in value.items():
        if key not in keys:
            fail(path, f"unknown key {show(key)}; allowed: {', '.join(keys)}")
        if minimum is None:
            positive(amount, f"{path}.{key}")
        else:
            number(amount, f"{path}.{key}", ge=minimum)


def counts(value: object, path: str, keys: Collection[str], minimum: int) -> None:
    """A dict from some of ``keys`` to whole numbers >= ``minimum``."""
    if not isinstance(value, dict):
        fail(path, f"must be a dict (got {type(value).__name__} {show(value)})")
    for key, count in value.items():
        if key not in keys:
            fail(path, f"unknown key {show(key)}; allowed: {', '.join(keys)}")
        whole(count, f"{path}.{key}", minimum)


def names(value: object, path: str, *, what: str = "name") -> tuple[str, ...]:
    """A non-empty tuple of non-empty names (of ``what``, e.g. ``"node or link"``)."""
    if not isinstance(value, tuple):
        fail(path, f"must be a tuple of names (got {type(value).__name__} {show(value)})")
    if not value:
        fail(path, f"must name at least one {what} (got ())")
    for i, item in enumerate(value):
        name(item, f"{path}[{i}]")
    return value


def series(value: object, path: str, length: int, what: str) -> tuple[float, ...]:
    """A tuple of exactly ``length`` items (each item is checked by the caller)."""
    if not isinstance(value, tuple):
        fail(
            path,
            f"must be a tuple of {length} {what} (got {type(value).__name__} {show(value)})",
        )
    if len(value) != length:
        fail(path, f"needs {length} {what} (got {len(value)})")
    return value


def keyed(
    value: object, path: str, kind: type | tuple[type, ...], what: str
) -> Mapping[object, object]:
    """A dict of ``kind`` specs, each stored under its own name."""
    if not isinstance(value, dict):
        fail(path, f"must be a dict of {what} by name (got {type(value).__name__})")
    for key, spec in value.items():
        if not isinstance(spec, kind):
            fail(f"{path}.{key}", f"must be {what} (got {type(spec).__name__} {show(spec)})")
        spec_name = getattr(spec, "name", None)
        if spec_name != key:
            fail(f"{path}.{key}.name", f"must equal its key {show(key)} (got {show(spec_name)})")
    return value
