"""The loops table: trains waiting at the passing loops of single-track rail lines."""

from __future__ import annotations

import pandas as pd

from corridor_sim.engine.records import RunRecord

LOOP_COLUMNS = [
    "link",
    "sections",
    "trains",
    "waited_trains",
    "wait_mean_h",
    "wait_p95_h",
    "busiest_section_share",
]


def loop_table(record: RunRecord) -> pd.DataFrame:
    """Per single-track rail line: its sections (passing loops + 1), the trains that ran
    its length in the statistics period, how many of them waited for a section (at a
    loop or at the line's end), the mean and 95th percentile of each train's hours
    waiting (per train, zeros included; percentiles to the 2.3 % of
    :class:`~corridor_sim.engine.stats.Histogram`'s bins), and the share of the period
    its busiest section was held. Lines with a double track have no row."""
    rows = [
        {
            "link": e.name,
            "sections": e.track.sections,
            "trains": e.track.trains,
            "waited_trains": e.track.waited,
            "wait_mean_h": e.track.wait.mean,
            "wait_p95_h": e.track.wait.quantile(0.95),
            "busiest_section_share": e.track.busiest_share,
        }
        for e in record.elements
        if e.track is not None
    ]
    return pd.DataFrame(rows, columns=LOOP_COLUMNS)
