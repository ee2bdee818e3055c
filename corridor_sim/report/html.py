"""A self-contained HTML report of one run: verdict, headline tables, every figure
(embedded as PNG), and the scenario file with the source of each parameter.

One file with no external resources, so it can be emailed or archived as it is.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import math
import re
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from matplotlib.figure import Figure

from corridor_sim._version import __version__
from corridor_sim.capacity.report import CapacityReport, capacity
from corridor_sim.model.scenario import Scenario
from corridor_sim.plotting.figures import iter_figures
from corridor_sim.report.content import CAPTIONS, CSS, METHOD
from corridor_sim.results.result import SimulationResult

COMMENT = re.compile(r"^(?P<code>(?:[^#'\"]|'[^']*'|\"[^\"]*\")*?)(?P<comment>\s*#.*)?$")


def _img(fig: Figure, dpi: int) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _figures(result: SimulationResult, dpi: int, bounds: CapacityReport | None) -> str:
    parts = []
    for name, fig in iter_figures(result, bounds):
        caption = CAPTIONS.get(name) or CAPTIONS.get(name.split("_")[0], "")
        parts.append(
            f'<figure id="fig-{html.escape(name)}"><img alt="{html.escape(name)}" '
            f'src="data:image/png;base64,{_img(fig, dpi)}">'
            f"<figcaption>{html.escape(caption)}</figcaption></figure>"
        )
    return "\n".join(parts)


def _capacity(scenario: Scenario | None) -> CapacityReport | None:
    """The analytic capacity report of ``scenario`` (None without one)."""
    return None if scenario is None else capacity(scenario)


def _fmt(x: Any, digits: int = 0) -> str:
    if isinstance(x, float) and math.isnan(x):
        return "-"
    if isinstance(x, int | float):
        return f"{x:,.{digits}f}"
    return html.escape(str(x))


def _table(frame: pd.DataFrame, digits: dict[str, int] | None = None) -> str:
    digits = digits or {}
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, record, strict=True):
            numeric = isinstance(value, int | float)
            cls = ' class="num"' if numeric else ""
            cells.append(f"<td{cls}>{_fmt(value, digits.get(column, 0))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def flows_table(result: SimulationResult) -> str:
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
    return _table(frame, {"delivered kt": 1, "transit mean d": 1, "p50 d": 1, "p95 d": 1})


def bottleneck_table(result: SimulationResult, top: int = 10) -> str:
    """The top of the bottleneck ranking with each signal."""
    b = result.bottlenecks.head(top)
    el = result.elements.set_index("element").loc[b["element"]]
    frame = pd.DataFrame(
        {
            "#": b["rank"].to_numpy(),
            "element": b["element"].to_numpy(),
            "kind": (b["kind"] + " " + b["role"]).to_numpy(),
            "t/day": el["throughput_t_per_day"].to_numpy(),
            "utilisation %": b["utilisation"].to_numpy() * 100,
            "queue mean t": el["queue_mean_t"].to_numpy(),
            "backlog +days": b["backlog_growth_days"].to_numpy(),
            "wait share %": b["wait_share"].to_numpy() * 100,
            "score": b["score"].to_numpy(),
        }
    )
    return _table(frame, {"backlog +days": 1, "score": 2})


def source_chain(path: Path) -> list[tuple[Path, str]]:
    """(path, text) of a scenario file and of each file it names with ``base:``."""
    chain: list[tuple[Path, str]] = []
    while path.is_file() and path not in [p for p, _ in chain] and len(chain) < 10:
        text = path.read_text(encoding="utf-8")
        chain.append((path, text))
        data = yaml.safe_load(text)
        base = data.get("base") if isinstance(data, dict) else None
        if not isinstance(base, str):
            break
        path = path.parent / base
    return chain


def highlight_yaml(text: str) -> str:
    """Scenario YAML as HTML, comments (the sources) set off: ``# ref ...`` citations
    and ``# estimate: ...`` reasons each in their own colour."""
    out = []
    for line in text.splitlines():
        m = COMMENT.match(line)
        code, comment = (m["code"], m["comment"] or "") if m else (line, "")
        kind = "ref" if "ref §" in comment else "est" if "estimate" in comment else "note"
        span = f'<span class="{kind}">{html.escape(comment)}</span>' if comment else ""
        out.append(html.escape(code) + span)
    return "\n".join(out)


def scenario_section(scenario: Scenario | None) -> str:
    """The scenario's parameters and their sources: the file text with comments marked."""
    if scenario is None or not scenario.source or not Path(scenario.source).is_file():
        return "<p>The scenario file is not available to this report.</p>"
    parts: list[str] = []
    for path, text in source_chain(Path(scenario.source)):
        refs = text.count("ref §")
        estimates = len(re.findall(r"#\s*estimate", text))
        parts.append(
            f"<details{' open' if not parts else ''}><summary>{html.escape(path.name)}: "
            f"{refs} citations of the reference, {estimates} estimates</summary>"
            f"<pre>{highlight_yaml(text)}</pre></details>"
        )
    return "\n".join(parts)


def render_report(
    result: SimulationResult, *, scenario: Scenario | None = None, dpi: int = 110
) -> str:
    """The report of ``result`` as one HTML string (see :func:`write_report`)."""

    days = result.horizon_h / 24
    bal = result.balance
    title = f"corridor_sim report: {result.scenario}"
    description = html.escape(" ".join(scenario.description.split())) if scenario else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title><style>{CSS}</style></head>
<body><main>
<h1>{html.escape(title)}</h1>
<p class="meta">{description}</p>
<p class="meta">{days:,.0f} days from {result.start} after a {result.warmup_h / 24:,.0f}-day
warm-up, seed {result.seed}; simulated in {result.wall_s:.1f} s by corridor_sim {__version__}
on {dt.date.today()}.</p>
<section class="verdict" id="verdict"><h2>Verdict</h2><p>{html.escape(result.verdict)}</p>
<p class="meta">Mass balance: OK for {len(bal)} flows ({bal.generated_t.sum() / 1e6:,.3f} Mt
generated since t = 0, {bal.in_system_t.sum() / 1e3:,.1f} kt still in the system).</p></section>
<h2>Flows</h2>{flows_table(result)}
<p class="meta">Offered = arrived during the statistics period; delivered also counts cargo that
arrived during the warm-up. Units are each flow's natural unit.</p>
<h2>Bottleneck ranking</h2>{bottleneck_table(result)}
<p class="meta">{METHOD}</p>
<h2>Figures</h2>
{_figures(result, dpi, _capacity(scenario))}
<h2>Scenario parameters and their sources</h2>
<p class="meta">The scenario file as run. Comments give each figure's source:
<span class="ref"># ref §…</span> cites the reference inputs,
<span class="est"># estimate: …</span> gives the reason for an estimate.</p>
{scenario_section(scenario)}
</main></body></html>
"""


def write_report(
    result: SimulationResult, path: str | Path, *, scenario: Scenario | None = None, dpi: int = 110
) -> Path:
    """Write a self-contained HTML report of ``result`` to ``path``: the verdict, flows
    and bottleneck tables, every figure of :func:`corridor_sim.plotting.save_figures`
    embedded as PNG, and (given ``scenario``) its file text with the sources of its
    parameters. Returns the path written."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(result, scenario=scenario, dpi=dpi), encoding="utf-8")
    return out
