"""The background table: what other (non-corridor) trains took at nodes and on lines."""

from __future__ import annotations

import pandas as pd

from corridor_sim.engine.records import RunRecord

BACKGROUND_COLUMNS = [
    "element",
    "direction",
    "trains_per_day",
    "background_trains",
    "corridor_trains",
    "capacity_trains",
    "background_share",
    "corridor_share",
]


def background_table(record: RunRecord) -> pd.DataFrame:
    """Per element with background trains (per direction on a rail line; ``direction``
    ``"from>to"``, empty at a node): the rate given (trains a day), the background and
    corridor trains that started service or departed in the statistics period, the
    trains its daily quota or line capacity allowed (NaN at a node without a quota), and
    the shares of that capacity the background and the corridor used."""
    rows = []
    for e in record.elements:
        for b in e.background:
            capacity = b.capacity_trains
            rows.append(
                {
                    "element": e.name,
                    "direction": b.direction,
                    "trains_per_day": b.trains_per_day,
                    "background_trains": b.background_trains,
                    "corridor_trains": b.corridor_trains,
                    "capacity_trains": capacity,
                    "background_share": b.background_trains / capacity,
                    "corridor_share": b.corridor_trains / capacity,
                }
            )
    return pd.DataFrame(rows, columns=BACKGROUND_COLUMNS)
