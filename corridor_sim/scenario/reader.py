"""Typed, located access to one mapping of a scenario file.

A :class:`Reader` knows the key path of its mapping (``links.aktau-alat``) and where each
key was written, so every error names file, line, key path, what is wrong and what is
allowed.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NoReturn, TypeVar

from corridor_sim import units
from corridor_sim.errors import ScenarioError
from corridor_sim.model.scenario import FIRST_DATE, LAST_DATE

MAX_MESSAGE = 300  # characters; a pasted megabyte must not come back in the error
_DECIMAL_COMMA = re.compile(r"^\s*[-+]?\d+,\d+\s*$")  # "55,18" where a number is due
T = TypeVar("T")

#: spec fields whose scenario-file key differs (by a unit), to locate a spec's own error
FILE_KEYS = {
    "mass_per_unit_t": "mass_per_unit",
    "mean_h": "mean",
    "low_h": "low",
    "high_h": "high",
    "values_h": "values",
    "quota_per_day": "quota",
    "handling_rate_per_h": "handling_rate",
    "berth_time_h": "berth_time",
    "delay_h": "delay",
    "travel_time_h": "travel_time",
    "max_wait_h": "max_wait",
    "line_capacity_per_day": "line_capacity",
    "loop_time_h": "loop_time",
    "distance_km": "distance",
    "every_h": "every",
    "speed_kmh": "speed",
    "capacity_t_per_h": "capacity",
    "base_load_t_per_h": "base_load",
    "linefill_t": "linefill",
    "transit_time_h": "transit_time",
    "volume_units_per_h": "volume",
    "size_units": "size",
    "per_sailing_units": "per_sailing",
    "scale_h": "scale",
    "above_units": "above",
    "below_units": "below",
    "on_time_within_h": "on_time_within",
    "start_h": "start",
    "duration_h": "duration",
    "mean_episode_h": "mean_episode",
    "mtbf_h": "mtbf",
    "mttr_h": "mttr",
    "horizon_h": "horizon",
    "warmup_h": "warmup",
    "sample_interval_h": "sample_interval",
    "review_h": "review",
    "trains_per_day": "trains",
    "tonnes_per_year": "tonnes",
    "per_train_t": "per_train",
}


def clip(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text``, or its start and end around a note of how much was left out."""
    if len(text) <= limit:
        return text
    tail = limit // 4
    return f"{text[: limit - tail]}... ({len(text):,} characters) ...{text[-tail:]}"


class Reader:
    """Read values from ``mapping`` at key path ``path``; see module docstring."""

    def __init__(
        self, mapping: Any, path: str = "", file: str | None = None, line: int | None = None
    ) -> None:
        self.path = path
        self.file = getattr(mapping, "file", None) or file
        self.line = getattr(mapping, "line", None) or line
        if not isinstance(mapping, dict):
            kind = "a list" if isinstance(mapping, list) else repr(mapping)
            self._fail(f"must be a mapping of keys (got {kind})", None)
        self.mapping = mapping

    # -- locating -------------------------------------------------------------------
    def key_path(self, key: object) -> str:
        return f"{self.path}.{key}" if self.path else str(key)

    def where(self, key: object | None) -> tuple[str | None, int | None]:
        if key is not None:
            origins = getattr(self.mapping, "origin", {})
            origin = origins.get(key)
            if origin is None and isinstance(key, str):  # "values[3]": the line of "values"
                origin = origins.get(key.split("[", 1)[0])
            if origin and origin[0]:
                return origin
        return self.file, self.line

    def _fail(
        self, message: str, key: object | None, error: type[ScenarioError] = ScenarioError
    ) -> NoReturn:
        file, line = self.where(key) if hasattr(self, "mapping") else (self.file, self.line)
        path = self.key_path(key) if key is not None else self.path
        raise error(clip(message), path=clip(path), file=file, line=line)

    def fail(
        self, key: object | None, message: str, *, error: type[ScenarioError] = ScenarioError
    ) -> NoReturn:
        """Raise a :class:`ScenarioError` (or subclass ``error``) about ``key`` of this
        mapping."""
        self._fail(message, key, error)

    # -- structure ------------------------------------------------------------------
    def build(self, factory: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """``factory(*args, **kwargs)``, a spec of this mapping; a ScenarioError its own
        checks raise (naming a field, e.g. ``berth_time_h``) is located here:
        ``file:line: nodes.aktau.berth_time: rule (got value)``."""
        try:
            return factory(*args, **kwargs)
        except ScenarioError as exc:
            if exc.file:
                raise
            key = re.sub(r"[^.\[\]]+", lambda m: FILE_KEYS.get(m[0], m[0]), exc.key_path)
            head = re.split(r"[.\[]", key, maxsplit=1)[0]
            file, line = self.where(head) if head else (self.file, self.line)
            path = self.key_path(key) if key else self.path
            raise type(exc)(clip(exc.reason), path=clip(path), file=file, line=line) from None

    def check_keys(self, allowed: Iterable[str], required: Iterable[str] = ()) -> None:
        """Refuse unknown keys and report missing required ones."""
        allowed = list(allowed)
        for key in self.mapping:
            if key not in allowed:
                self.fail(key, f"unknown key {key!r}; allowed: {', '.join(allowed)}")
        for key in required:
            if key not in self.mapping:
                self.fail(None, f"missing required key {key!r}")

    def has(self, key: str) -> bool:
        return key in self.mapping

    def raw(self, key: str, default: Any = None) -> Any:
        return self.mapping.get(key, default)

    def sub(self, key: str) -> Reader:
        """A reader for the mapping under ``key`` (which must exist)."""
        if key not in self.mapping:
            self.fail(None, f"missing required key {key!r}")
        file, line = self.where(key)
        return type(self)(self.mapping[key], self.key_path(key), file, line)

    def items(self, key: str) -> Iterator[tuple[str, Reader]]:
        """Named entries of the mapping under ``key``, each as a reader."""
        section = self.sub(key)
        for name in section.mapping:
            if not isinstance(name, str) or not name:
                section.fail(name, f"names must be text (got {name!r})")
            yield name, section.sub(name)

    def list(self, key: str, *, required: bool = True) -> list[tuple[str, Any, int | None]]:
        """Items of the list under ``key`` as ``(key_path, value, line)``."""
        if key not in self.mapping:
            if required:
                self.fail(None, f"missing required key {key!r}")
            return []
        value = self.mapping[key]
        if not isinstance(value, list):
            self.fail(key, f"must be a list (got {value!r})")
        origins = getattr(value, "origin", [])
        out = []
        for i, item in enumerate(value):
            line = origins[i][1] if i < len(origins) else self.where(key)[1]
            out.append((f"{self.key_path(key)}[{i}]", item, line))
        return out

    # -- values ---------------------------------------------------------------------
    def text(self, key: str, default: str | None = None) -> str:
        value = self.mapping.get(key, default)
        if value is None:
            self.fail(None, f"missing required key {key!r}")
        if not isinstance(value, str):
            self.fail(key, f"must be text (got {value!r})")
        return value

    def choice(self, key: str, options: Iterable[str], default: str | None = None) -> str:
        options = list(options)
        value = self.text(key, default)
        if value not in options:
            self.fail(key, f"must be one of {', '.join(options)} (got {value!r})")
        return value

    def count(
        self, key: str, default: int | None = None, minimum: int = 0, maximum: int | None = None
    ) -> int:
        value = self.mapping.get(key, default)
        if value is None:
            self.fail(None, f"missing required key {key!r}")
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"must be a whole number (got {value!r})")
        if value < minimum:
            self.fail(key, f"must be >= {minimum} (got {value})")
        if maximum is not None and value > maximum:
            self.fail(key, f"must be <= {maximum} (got {value})")
        return value

    def number(
        self,
        key: str,
        default: float | None = None,
        *,
        low: float | None = None,
        high: float | None = None,
    ) -> float:
        """A plain number (coordinates, relative factors)."""
        value = self.mapping.get(key, default)
        return self.check_number(value, key, low=low, high=high)

    def check_number(
        self, value: Any, key: str, *, low: float | None = None, high: float | None = None
    ) -> float:
        if value is None:
            self.fail(None, f"missing required key {key!r}")
        if isinstance(value, str) and _DECIMAL_COMMA.match(value):
            self.fail(
                key, f"use a decimal point: {value.strip().replace(',', '.')} (got {value!r})"
            )
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(key, f"must be a number (got {value!r})")
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(key, f"must be a finite number (got {value!r})")
        if abs(value) > units.MAX_MAGNITUDE:  # also a 400-digit int, too big for a float
            self.fail(key, f"must be at most {units.MAX_MAGNITUDE:g} in size (got {value!r})")
        if low is not None and value < low:
            self.fail(key, f"must be >= {low} (got {value})")
        if high is not None and value > high:
            self.fail(key, f"must be <= {high} (got {value})")
        return float(value)

    def quantity(
        self,
        key: str,
        dimension: str | tuple[str, ...],
        default: str | None = None,
        *,
        positive: bool = True,
        allow_zero: bool = False,
    ) -> units.Quantity:
        """A quantity of ``dimension`` (e.g. ``"time"``, ``"TEU/time"``) in engine units."""
        value = self.mapping.get(key, default)
        if value is None:
            self.fail(None, f"missing required key {key!r}")
        return self.check_quantity(value, key, dimension, positive=positive, allow_zero=allow_zero)

    def check_quantity(
        self,
        value: Any,
        key: str,
        dimension: str | tuple[str, ...],
        *,
        positive: bool = True,
        allow_zero: bool = False,
    ) -> units.Quantity:
        dims = (dimension,) if isinstance(dimension, str) else dimension
        try:
            q = units.parse(value)
        except units.UnitError as exc:
            self.fail(key, f"{exc}; expected {' or '.join(dims)} ({units.describe(dims[0])})")
        if q.dimension not in dims:
            self.fail(
                key,
                f"expected {' or '.join(dims)} ({units.describe(dims[0])}), "
                f"got {q.dimension} ({value!r})",
            )
        if positive and (q.value < 0 or (q.value == 0 and not allow_zero)):
            rule = ">= 0" if allow_zero else "> 0"
            self.fail(key, f"must be {rule} (got {value!r})")
        return q

    def hours(self, key: str, default: str | None = None, *, allow_zero: bool = False) -> float:
        """A duration in hours."""
        return self.quantity(key, "time", default, allow_zero=allow_zero).value

    def date(self, key: str, default: dt.date | None = None) -> dt.date:
        """A calendar date YYYY-MM-DD from FIRST_DATE to LAST_DATE (1900 to 2200)."""
        value = self.mapping.get(key, default)
        day = _as_date(value)
        if day is None:
            self.fail(key, f"must be a date YYYY-MM-DD (got {value!r})")
        if not FIRST_DATE <= day <= LAST_DATE:
            self.fail(key, f"must be a date from {FIRST_DATE} to {LAST_DATE} (got {day})")
        return day


def _as_date(value: object) -> dt.date | None:
    """``value`` as a date (YAML gives dates; text is read as ISO), or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None
