"""The dwell table: time per batch at each stage of the nodes with dwell stages."""

from __future__ import annotations

import pandas as pd

from corridor_sim.engine.records import RunRecord

DWELL_COLUMNS = ["node", "stage", "batches", "mean_h", "p50_h", "p95_h"]


def dwell_table(record: RunRecord) -> pd.DataFrame:
    """Per node with dwell stages and per stage, then ``total`` (the sum of its stages)
    and ``at_node`` (admission to the end of service, the wait for a server included):
    the batches that started service in the statistics period and their hours, mean,
    median and 95th percentile (per batch, not per tonne; percentiles to the 2.3 % of
    :class:`~corridor_sim.engine.stats.Histogram`'s bins)."""
    rows = [
        {
            "node": e.name,
            "stage": d.stage,
            "batches": round(d.hours.weight),
            "mean_h": d.hours.mean,
            "p50_h": d.hours.quantile(0.5),
            "p95_h": d.hours.quantile(0.95),
        }
        for e in record.elements
        for d in e.dwell
    ]
    return pd.DataFrame(rows, columns=DWELL_COLUMNS)
