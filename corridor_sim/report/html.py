"""A self-contained HTML report of one run: verdict, headline tables, every figure
(embedded as PNG), the scenario file with each comment marked as a citation, an estimate
or a note, and the public sources it cites.

One file with no external resources (the sources' addresses are links, not loaded), so
it can be emailed or archived as it is.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from corridor_sim._version import __version__
from corridor_sim.errors import ScenarioError
from corridor_sim.model.scenario import Scenario
from corridor_sim.plotting.figures import iter_figures
from corridor_sim.report.content import CAPTIONS, CSS, FIGURE_TITLES, METHOD
from corridor_sim.report.page import render_page
from corridor_sim.report.scenario_files import (
    KINDS,
    ScenarioFile,
    cited,
    scenario_files,
    source_chain,
)
from corridor_sim.results.result import SimulationResult
from corridor_sim.scenario.sources import Source, load_sources


@dataclass(frozen=True)
class Table:
    """A table for the page: column titles and rows of (text, is it a number)."""

    columns: list[str]
    rows: list[list[tuple[str, bool]]]


def _fmt(x: Any, digits: int = 0) -> tuple[str, bool]:
    if isinstance(x, float) and math.isnan(x):
        return "-", True
    if isinstance(x, int | float):
        return f"{x:,.{digits}f}", True
    return str(x), False


def table(frame: pd.DataFrame, digits: dict[str, int] | None = None) -> Table:
    """``frame`` as a :class:`Table`, numbers with thousands separators and ``digits``
    decimals per column (none by default); NaN shown as "-"."""
    digits = digits or {}
    rows = [
        [
            _fmt(value, digits.get(column, 0))
            for column, value in zip(frame.columns, record, strict=True)
        ]
        for record in frame.itertuples(index=False)
    ]
    return Table([str(c) for c in frame.columns], rows)


def flows_table(result: SimulationResult) -> Table:
    """The flows: offered, delivered, in system, transit mean/p50/p95."""
    f = result.flows
    frame = pd.DataFrame(
        {
            "flow": f["flow"],
            "unit": f["unit"],
            "offered": f["offered_units"],
            "delivered": f["delivered_units"],
            "delivered kt": f["delivered_t"] / 1e3,
            "in system at end": f["in_system_units"],
            "transit mean d": f["transit_mean_days"],
            "p50 d": f["transit_p50_days"],
            "p95 d": f["transit_p95_days"],
        }
    )
    return table(frame, {"delivered kt": 1, "transit mean d": 1, "p50 d": 1, "p95 d": 1})


def bottleneck_table(result: SimulationResult, top: int = 10) -> Table:
    """The top of the bottleneck ranking with each signal and the element's capacity
    (``elements.capacity_t_per_day``, the one the figures show)."""
    b = result.bottlenecks.head(top)
    el = result.elements.set_index("element").loc[b["element"]]
    capacity = el.get("capacity_t_per_day", math.nan)
    frame = pd.DataFrame(
        {
            "#": b["rank"].to_numpy(),
            "element": b["element"].to_numpy(),
            "kind": (b["kind"] + " " + b["role"]).to_numpy(),
            "t/day": el["throughput_t_per_day"].to_numpy(),
            "capacity t/day": pd.Series(capacity, index=el.index, dtype=float).to_numpy(),
            "utilisation %": b["utilisation"].to_numpy() * 100,
            "queue mean t": el["queue_mean_t"].to_numpy(),
            "backlog +days": b["backlog_growth_days"].to_numpy(),
            "wait share %": b["wait_share"].to_numpy() * 100,
            "score": b["score"].to_numpy(),
        }
    )
    return table(frame, {"backlog +days": 1, "score": 2})


def _png(fig: Figure, dpi: int) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def figures(result: SimulationResult, dpi: int) -> list[dict[str, str]]:
    """Every figure of the standard set: id, name, title (for the contents), caption and
    the PNG in base64."""
    out = []
    for name, fig in iter_figures(result):
        kind = name if name in CAPTIONS else name.split("_")[0]
        out.append(
            {
                "id": f"fig-{name}",
                "name": name,
                "title": FIGURE_TITLES.get(kind, name),
                "caption": CAPTIONS.get(kind, ""),
                "png": _png(fig, dpi),
            }
        )
    return out


def sources_file(scenario: Scenario) -> Path | None:
    """The sources file of ``scenario``: ``sources.yaml`` beside its file if there is one,
    else None for the bundled list."""
    if not scenario.source:
        return None
    beside = Path(scenario.source).parent / "sources.yaml"
    return beside if beside.is_file() else None


def _scenario_parts(
    scenario: Scenario | None,
) -> tuple[list[ScenarioFile], list[Source], list[str]]:
    """(files, cited sources in order of first citation, cited ids with no entry)."""
    if scenario is None or not scenario.source or not Path(scenario.source).is_file():
        return [], [], []
    chain = source_chain(Path(scenario.source))
    try:
        sources = load_sources(sources_file(scenario))
    except (OSError, ScenarioError):
        sources = {}
    ids = cited(text for _, text in chain)
    files = scenario_files(chain, known=sources)
    return files, [sources[i] for i in ids if i in sources], [i for i in ids if i not in sources]


def _contents(figs: list[dict[str, str]], files: list[ScenarioFile]) -> list[dict[str, Any]]:
    """The table of contents: each section, with the figures and files under theirs."""
    return [
        {"id": "verdict", "title": "Verdict"},
        {"id": "flows", "title": "Flows"},
        {"id": "ranking", "title": "Bottleneck ranking"},
        {
            "id": "figures",
            "title": "Figures",
            "children": [{"id": f["id"], "title": f["title"]} for f in figs],
        },
        {
            "id": "scenario",
            "title": "Scenario parameters and their sources",
            "children": [{"id": f"file-{i}", "title": f.name} for i, f in enumerate(files, 1)],
        },
        {"id": "sources", "title": "Sources"},
    ]


def render_report(
    result: SimulationResult, *, scenario: Scenario | None = None, dpi: int = 110
) -> str:
    """The report of ``result`` as one HTML string (see :func:`write_report`)."""
    days = result.horizon_h / 24
    bal = result.balance
    figs = figures(result, dpi)
    files, sources, missing = _scenario_parts(scenario)
    toc = _contents(figs, files)
    return render_page(
        title=f"corridor_sim report: {result.scenario}",
        description=" ".join(scenario.description.split()) if scenario else "",
        period=f"{days:,.0f} days from {result.start} after a {result.warmup_h / 24:,.0f}-day "
        f"warm-up.",
        sample=f"One sample path (seed {result.seed}): every number below comes from this "
        "single run, without confidence intervals; replicate the run (corridor-sim run -n 10) "
        "before relying on a figure.",
        toc=[{"children": [], **entry} for entry in toc],
        verdict=result.verdict,
        balance=f"Mass balance: OK for {len(bal)} flows ({bal.generated_t.sum() / 1e6:,.3f} Mt "
        f"generated since t = 0, {bal.in_system_t.sum() / 1e3:,.1f} kt still in the system).",
        flows=flows_table(result),
        ranking=bottleneck_table(result),
        method=METHOD,
        figures=figs,
        kinds=KINDS,
        files=files,
        sources=sources,
        missing=missing,
        css=CSS,
        made_by=f"Simulated in {result.wall_s:.1f} s by corridor_sim {__version__}; report "
        f"written on {dt.date.today()}.",
    )


def write_report(
    result: SimulationResult, path: str | Path, *, scenario: Scenario | None = None, dpi: int = 110
) -> Path:
    """Write a self-contained HTML report of ``result`` to ``path``: a table of contents,
    the verdict, flows and bottleneck tables, every figure of
    :func:`corridor_sim.plotting.save_figures` embedded as PNG, and (given ``scenario``)
    its file text with each comment marked as a citation, an estimate or a note, and the
    list of the public sources it cites. Returns the path written."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(result, scenario=scenario, dpi=dpi), encoding="utf-8")
    return out
