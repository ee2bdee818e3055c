"""Write a result object to a folder: each table as CSV, the headline as JSON.

Every result type (one run, capacity bounds, replications, sweeps, saturation,
comparisons, marginal values) saves itself through :func:`write_folder`, so all folders
look alike: ``<table>.csv`` files and one ``<name>.json``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd


def write_folder(
    path: str | Path, tables: Mapping[str, pd.DataFrame], head_name: str, head: Mapping[str, Any]
) -> Path:
    """Write ``tables`` as ``<name>.csv`` and ``head`` as ``<head_name>.json`` into the
    folder ``path`` (made if missing); return the folder."""
    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        table.to_csv(out / f"{name}.csv", index=False)
    (out / f"{head_name}.json").write_text(json.dumps(dict(head), indent=2, default=str))
    return out
