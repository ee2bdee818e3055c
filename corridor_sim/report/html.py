"""A self-contained HTML report of a scenario's answer: verdict, headline tables, every
figure (embedded as PNG), the scenario file with each comment marked as a citation, an
estimate or a note, and the public sources it cites.

Two kinds, by what it is given (:func:`write_report`): the answer of
:func:`corridor_sim.run` (a :class:`~corridor_sim.experiments.run.ReplicatedRun`), whose
verdict and tables are over its replications, every number the mean ± the half-width of
its 95 % confidence interval, and whose figures show one sample path (replication 0),
captioned so; or one :class:`~corridor_sim.SimulationResult`, every number from that one
sample path, and labelled so.

One file with no external resources (the sources' addresses are links, not loaded), so
it can be emailed or archived as it is.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from corridor_sim._version import __version__
from corridor_sim.errors import ScenarioError
from corridor_sim.experiments.run import ReplicatedRun
from corridor_sim.experiments.run_text import balance_line, verdict_line
from corridor_sim.model.scenario import Scenario
from corridor_sim.plotting.figures import figure_makers
from corridor_sim.plotting.throughput import binding_element, plot_throughput
from corridor_sim.report import replicated, tables
from corridor_sim.report.content import CAPTIONS, CSS, FIGURE_TITLES, FLOWS_NOTE, METHOD
from corridor_sim.report.costs import cost_tables
from corridor_sim.report.page import render_page
from corridor_sim.report.rail import rail_tables
from corridor_sim.report.scenario_files import (
    KINDS,
    ScenarioFile,
    cited,
    scenario_files,
    source_chain,
)
from corridor_sim.results.result import SimulationResult
from corridor_sim.scenario.sources import Source, load_sources

Answer = ReplicatedRun | SimulationResult


def _png(fig: Figure, dpi: int) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _makers(result: SimulationResult, binding: str | None) -> dict[str, Callable[[], Axes]]:
    """The figures of ``result`` (:func:`~corridor_sim.plotting.figures.figure_makers`),
    the throughput chart of ``binding`` (the answer's binding element) if it is not the
    one ranked first in ``result``."""
    makers = {}
    for name, make in figure_makers(result).items():
        if binding and name.startswith("throughput_") and binding != binding_element(result):
            name, make = (
                f"throughput_{binding}",
                functools.partial(plot_throughput, result, binding),
            )
        makers[name] = make
    return makers


def figures(result: SimulationResult, dpi: int, binding: str | None = None) -> list[dict[str, str]]:
    """Every figure of the standard set of ``result``: id, name, title (for the
    contents), caption and the PNG in base64; the throughput chart is of ``binding`` if
    given, else of ``result``'s binding element."""
    out = []
    for name, make in _makers(result, binding).items():
        fig = cast(Figure, make().figure)
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


def _contents(
    figs: list[dict[str, str]],
    files: list[ScenarioFile],
    fleet: bool = False,
    rail: bool = False,
    costs: bool = False,
) -> list[dict[str, Any]]:
    """The table of contents: each section, with the figures and files under theirs
    (the vessels and berths section if ``fleet``, rail operations if ``rail``, costs and
    emissions if ``costs``)."""
    return [
        {"id": "verdict", "title": "Verdict"},
        {"id": "headline", "title": "Headline"},
        {"id": "flows", "title": "Flows"},
        {"id": "ranking", "title": "Bottleneck ranking"},
        *([{"id": "fleet", "title": "Vessels and berths"}] if fleet else []),
        *([{"id": "rail", "title": "Rail operations"}] if rail else []),
        *([{"id": "costs", "title": "Costs and emissions"}] if costs else []),
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


def _period(horizon_h: float, start: dt.date, warmup_h: float) -> str:
    """The statistics period: it starts after the warm-up, which starts on ``start``."""
    first = start + dt.timedelta(hours=warmup_h)
    return (
        f"{horizon_h / 24:,.0f} days from {first:%Y-%m-%d} after a {warmup_h / 24:,.0f}-day "
        f"warm-up from {start}."
    )


def _one_path(result: SimulationResult, dpi: int) -> dict[str, Any]:
    """What the page says of one run: every number from this one sample path."""
    bal = result.balance
    return {
        "name": result.scenario,
        "period": _period(result.horizon_h, result.start, result.warmup_h),
        "banner_kind": "sample",
        "banner": f"One sample path (seed {result.seed_text}): every number below comes from "
        "this single run, without confidence intervals; replicate the run (corridor-sim run "
        "-n 10) before relying on a figure.",
        "verdict": result.verdict,
        "balance": f"Mass balance: OK for {len(bal)} flows ({bal.generated_t.sum() / 1e6:,.3f} "
        f"Mt generated since t = 0, {bal.in_system_t.sum() / 1e3:,.1f} kt still in the system).",
        "headline": tables.headline_table(result),
        "flows": tables.flows_table(result),
        "ranking": tables.bottleneck_table(result),
        "vessels": None,  # the fleet tables are over replications (corridor_sim.run)
        "berths": None,
        "rail": [],  # the rail tables are over replications too
        "costs": [],  # and so are the costs
        "cells": "",
        "method": METHOD,
        "figures_note": f"Figures: the same sample path (seed {result.seed_text}) as the tables.",
        "which": "One sample path.",
        "figures": figures(result, dpi),
        "made_by": f"Simulated in {result.wall_s:.1f} s by corridor_sim {__version__}; report "
        f"written on {dt.date.today()}.",
    }


def _replicated(answer: ReplicatedRun, dpi: int) -> dict[str, Any]:
    """What the page says of a replicated answer: verdict and tables over the
    replications; figures of replication 0, said to be one sample path."""
    s, path = answer.scenario.settings, answer.sample_path(0)
    capacity = path.elements.set_index("element")["capacity_t_per_day"]
    return {
        "name": answer.name,
        "period": _period(s.horizon_h, s.start, s.warmup_h),
        "banner_kind": "answer" if answer.n > 1 else "sample",
        "verdict": verdict_line(answer),
        "balance": balance_line(answer),
        "headline": replicated.headline_table(answer),
        "flows": replicated.flows_table(answer),
        "ranking": replicated.ranking_table(answer, capacity),
        "vessels": replicated.vessels_table(answer),
        "berths": replicated.berths_table(answer),
        "rail": rail_tables(answer),
        "costs": cost_tables(answer),
        **replicated.texts(answer, path),
        "figures": figures(path, dpi, answer.binding),
        "made_by": f"{answer.n} replications simulated in {answer.wall_s:.1f} s, and "
        f"replication 0 again for the figures, by corridor_sim {__version__}; report written "
        f"on {dt.date.today()}.",
    }


def render_report(answer: Answer, *, scenario: Scenario | None = None, dpi: int = 110) -> str:
    """The report of ``answer`` as one HTML string (see :func:`write_report`)."""
    if isinstance(answer, ReplicatedRun):
        parts = _replicated(answer, dpi)
        scenario = scenario or answer.scenario
    elif isinstance(answer, SimulationResult):
        parts = _one_path(answer, dpi)
    else:
        raise TypeError(
            "write_report takes the answer of corridor_sim.run (a ReplicatedRun) or one "
            f"SimulationResult (got {type(answer).__name__})"
        )
    files, sources, missing = _scenario_parts(scenario)
    toc = _contents(
        parts["figures"],
        files,
        fleet=parts["vessels"] is not None,
        rail=bool(parts.get("rail")),
        costs=bool(parts.get("costs")),
    )
    return render_page(
        title=f"corridor_sim report: {parts.pop('name')}",
        description=" ".join(scenario.description.split()) if scenario else "",
        toc=[{"children": [], **entry} for entry in toc],
        flows_note=FLOWS_NOTE,
        kinds=KINDS,
        files=files,
        sources=sources,
        missing=missing,
        css=CSS,
        **parts,
    )


def write_report(
    answer: Answer, path: str | Path, *, scenario: Scenario | None = None, dpi: int = 110
) -> Path:
    """Write a self-contained HTML report of ``answer`` to ``path``; returns the path.

    ``answer`` is what :func:`corridor_sim.run` returns (a ``ReplicatedRun``): the
    verdict, headline, flows and bottleneck tables are over its replications (mean ± 95 %
    CI half-width, ``n`` and the seeds stated, the binding element "first in k of n"),
    and the figures of :func:`corridor_sim.plotting.save_figures` show one sample path,
    replication 0, captioned so; the scenario defaults to the answer's. Or it is one
    :class:`~corridor_sim.SimulationResult`: every number from that one sample path, and
    the page says so. Either way: a table of contents and (given the scenario) its file
    text with each comment marked as a citation, an estimate or a note, and the list of
    the public sources it cites.
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(answer, scenario=scenario, dpi=dpi), encoding="utf-8")
    return out
