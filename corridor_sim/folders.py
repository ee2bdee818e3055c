"""Write a result object to a folder: each table as CSV, the headline as JSON.

Every result type (one run, capacity bounds, replications, sweeps, saturation,
comparisons, marginal values) saves itself through :func:`write_folder`, so all folders
look alike: ``<table>.csv`` files and one ``<name>.json``.

Numbers are written to :data:`SIGNIFICANT_DIGITS` significant digits, in CSV and JSON
alike: far finer than any model input is known, and coarse enough to drop the
floating-point noise of sums (``20299.999999999978`` is written ``20300``). A number
read back differs from the one in memory by at most a relative 5e-10. In JSON a whole
number is written without a decimal point, and NaN or infinity as ``null`` (JSON has
no such numbers).

>>> json_ready({"t": 20299.999999999978, "share": [0.1 + 0.2, float("nan")]})
{'t': 20300, 'share': [0.3, None]}
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

SIGNIFICANT_DIGITS = 10
FLOAT_FORMAT = f"%.{SIGNIFICANT_DIGITS}g"
WHOLE_LIMIT = 2.0**53  # integers above this are not exact as floats: keep them floats


def rounded(x: float) -> float | int | None:
    """``x`` to :data:`SIGNIFICANT_DIGITS` significant digits; an ``int`` if that is a
    whole number, None if ``x`` is NaN or infinite."""
    if not math.isfinite(x):
        return None
    value = float(f"{x:.{SIGNIFICANT_DIGITS}g}")
    if not math.isfinite(value):  # rounded up past the largest float
        return float(x)
    if value.is_integer() and abs(value) < WHOLE_LIMIT:
        return int(value)
    return value


def json_ready(value: Any) -> Any:
    """``value`` with every float (Python or numpy) :func:`rounded`, numpy integers and
    booleans as Python ones, and mappings, lists and tuples walked through."""
    if isinstance(value, Mapping):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return rounded(value)
    return value


def write_folder(
    path: str | Path, tables: Mapping[str, pd.DataFrame], head_name: str, head: Mapping[str, Any]
) -> Path:
    """Write ``tables`` as ``<name>.csv`` and ``head`` as ``<head_name>.json`` into the
    folder ``path`` (made if missing); return the folder. Numbers are rounded to
    :data:`SIGNIFICANT_DIGITS` significant digits (see the module docstring)."""
    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        table.to_csv(out / f"{name}.csv", index=False, float_format=FLOAT_FORMAT)
    text = json.dumps(json_ready(dict(head)), indent=2, default=str, allow_nan=False)
    (out / f"{head_name}.json").write_text(text)
    return out
