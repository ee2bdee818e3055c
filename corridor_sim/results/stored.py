"""Read back a result folder written by :meth:`SimulationResult.to_dir`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from corridor_sim.errors import ResultError
from corridor_sim.results.dates import parse_dates

DAY_H = 24.0
#: the tables every result folder has had; tables added since are optional, so that
#: folders written by older versions still read (the table is then empty)
REQUIRED = frozenset(
    {
        "elements",
        "throughput",
        "flows",
        "stages",
        "vessels",
        "berths",
        "bottlenecks",
        "queues",
        "daily",
        "balance",
    }
)


#: text columns in which "" is a value (CSV writes it as an empty field, read as NaN)
TEXT_COLUMNS = frozenset({"empty_of", "direction"})


def read_table(path: Path, optional: bool) -> pd.DataFrame:
    """One CSV table; an absent optional table, or an empty file, is an empty frame. A
    ``date`` column is read as ``Timestamp``s."""
    if not path.is_file():
        if optional:
            return pd.DataFrame()
        raise ResultError(f"{path}: missing (not a folder written by `corridor-sim run --out`)")
    try:
        table = pd.read_csv(path)
    except pd.errors.EmptyDataError:
        return pd.DataFrame()
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise ResultError(f"{path}: not a readable CSV table ({exc})") from exc
    for column in TEXT_COLUMNS & set(table.columns):
        table[column] = table[column].astype(object).where(table[column].notna(), "").astype(str)
    try:
        return parse_dates(table)
    except ValueError as exc:
        raise ResultError(f"{path}: column 'date' must hold ISO dates ({exc})") from exc


def read_summary(folder: Path) -> dict[str, Any]:
    """``summary.json`` as a mapping."""
    path = folder / "summary.json"
    if not folder.is_dir():
        raise ResultError(f"{folder}: no such folder")
    if not path.is_file():
        raise ResultError(f"{path}: missing (not a folder written by `corridor-sim run --out`)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ResultError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ResultError(f"{path}: must hold a JSON object")
    return data


def read_dir(path: str | Path, tables: Iterable[str]) -> dict[str, Any]:
    """The keyword arguments of a :class:`SimulationResult` saved in folder ``path``."""
    folder = Path(path)
    summary = read_summary(folder)
    try:
        fields: dict[str, Any] = {
            "scenario": str(summary["scenario"]),
            "seed": summary.get("seed"),
            "start": dt.date.fromisoformat(str(summary["start"])),
            "warmup_h": float(summary["warmup_days"]) * DAY_H,
            "horizon_h": float(summary["horizon_days"]) * DAY_H,
            "verdict": str(summary["verdict"]),
            "wall_s": float(summary.get("wall_seconds", 0.0)),
            "spawn_key": tuple(int(k) for k in summary.get("spawn_key", ())),
        }
    except (KeyError, ValueError, TypeError) as exc:
        raise ResultError(f"{folder / 'summary.json'}: bad or missing entry {exc}") from exc
    for name in tables:
        fields[name] = read_table(folder / f"{name}.csv", name not in REQUIRED)
    return fields
