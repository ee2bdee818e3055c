"""Memory on a ten-year horizon does not grow with the number of cargo units handled.

middle_corridor_2030_demand (no warm-up; the sea level held, no yard limits: see
``memory_probe.py``) runs for 1 and for 10 years, each in its own process
(``memory_probe.py``, both at once), which reports its peak RSS (``VmHWM``) above the
peak after loading the scenario.

Measured on this machine (2 cores, Python 3.11)::

    horizon  consignments  delivered  peak RSS  increment  time series  in system  tables
    1 yr         34,213      7.6 Mt    136 MB     42 MB       4.6 MB      4,466   10 MB
    10 yr       340,591     75.2 Mt    253 MB    160 MB      45.7 MB     46,493  101 MB

(wall time 1 s and 16 s). Ten times the cargo costs 3.8 times the memory, and all of
the growth is in what has to grow: the time series (queue samples every 6 h and
throughput per day, O(days), and the result tables made from them) and the cargo still
in the system (2030 demand overloads the Caspian crossing, so the backlog grows all the
time: 46,000 consignments, 21 MB with their stage records, after ten years). Delivered
cargo is not kept: the live ``Consignment`` objects are exactly those in the system.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = Path(__file__).with_name("memory_probe.py")


def measure(*years: float) -> dict[float, dict]:
    """Run the probe for each horizon, in parallel processes."""
    runs = [
        subprocess.Popen([sys.executable, str(PROBE), str(y)], stdout=subprocess.PIPE, text=True)
        for y in years
    ]
    out = {}
    for y, proc in zip(years, runs, strict=True):
        stdout, _ = proc.communicate(timeout=180)
        assert proc.returncode == 0
        out[y] = json.loads(stdout)
    return out


def test_ten_years_memory_does_not_grow_with_cargo_units():
    """Live consignments = consignments in the system (no per-event traces), the 10-year
    increment is under 8x the 1-year one for 10x the cargo (measured 6.3x), and the
    growth is no more than that of the time series, tables and cargo in the system."""
    runs = measure(1.0, 10.0)
    one, ten = runs[1.0], runs[10.0]
    for run in (one, ten):
        assert run["live_consignments"] == run["in_system"], run
    assert ten["generated"] > 9 * one["generated"]
    assert ten["increment_mb"] < 8 * one["increment_mb"], (one, ten)
    explained = sum(ten[k] - one[k] for k in ("series_mb", "in_system_mb", "tables_mb"))
    assert ten["increment_mb"] - one["increment_mb"] <= explained, (one, ten)
