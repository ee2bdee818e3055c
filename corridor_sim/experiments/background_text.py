"""The "Background traffic" section of ``corridor-sim run``: trains a day of other
traffic beside the corridor's at each node and rail line that has them, and the share of
the quota or line capacity each used (mean ± 95% CI)."""

from __future__ import annotations

import pandas as pd

from corridor_sim.experiments.confidence import summarise_by
from corridor_sim.experiments.kpis import subject_runs
from corridor_sim.model.scenario import Scenario
from corridor_sim.texttable import pm, table


def background_lines(runs: pd.DataFrame, scenario: Scenario) -> list[str]:
    """One row per node, and per direction of a rail line, with background trains; no
    lines when nothing has them."""
    per_run = subject_runs(runs, "background")
    if per_run.empty:
        return []
    rows = []
    for _, r in summarise_by(per_run, "subject").iterrows():
        element, _, direction = str(r["subject"]).partition("/")
        spec = scenario.nodes.get(element) or scenario.links.get(element)
        given = getattr(spec, "background", None)
        rows.append(
            [
                element,
                direction.replace(">", " > "),
                given.describe() if given is not None else "",
                pm(r["background_per_day_mean"], r["background_per_day_half_width"], 1),
                pm(r["corridor_per_day_mean"], r["corridor_per_day_half_width"], 1),
                pm(r["background_share_mean"], r["background_share_half_width"], 0, 100.0),
                pm(r["corridor_share_mean"], r["corridor_share_half_width"], 0, 100.0),
            ]
        )
    header = ["element", "direction", "given", "background/day", "corridor/day"]
    return [
        "Background traffic (other trains beside the corridor's; % of the quota or line capacity)",
        *table([*header, "background %", "corridor %"], rows, "lllrrrr"),
        "",
    ]
