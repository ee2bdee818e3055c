"""How a :class:`~corridor_sim.results.SimulationResult` shows itself in a notebook.

``repr`` is one line (scenario, seed, period, counts, binding element); the HTML block
says it is one sample path, gives the verdict, the flows and the top of the bottleneck
ranking, with units in the headers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from corridor_sim.bottlenecks.ranking import SCORE_FORMULA
from corridor_sim.htmlrepr import Bars, Column, Table, counted, html_block, shown
from corridor_sim.results.dates import at
from corridor_sim.texttable import num

if TYPE_CHECKING:
    from corridor_sim.results.result import SimulationResult

DAY_H = 24.0
TOP = 5


def fixed(digits: int) -> Callable[[Any], str]:
    """A formatter writing a number with ``digits`` decimals, ``1,234.5`` style."""
    return lambda x: num(x, digits)


def percent(share: float) -> str:
    """A share (0 to 1) as a whole percentage, without the sign (the header has it)."""
    return num(share * 100.0)


FLOW_COLUMNS: dict[str, Column] = {
    "flow": ("flow", str),
    "unit": ("unit", str),
    "offered_units": ("offered (units)", fixed(0)),
    "delivered_units": ("delivered (units)", fixed(0)),
    "delivered_t": ("delivered (kt)", lambda x: num(x / 1e3, 1)),
    "in_system_units": ("in system at end (units)", fixed(0)),
    "transit_mean_days": ("transit mean (days)", fixed(1)),
    "transit_p50_days": ("transit p50 (days)", fixed(1)),
    "transit_p95_days": ("transit p95 (days)", fixed(1)),
}
RANKING_COLUMNS: dict[str, Column] = {
    "rank": ("#", str),
    "element": ("element", str),
    "kind": ("kind", str),
    "role": ("role", str),
    "throughput_t_per_day": ("throughput (t/day)", fixed(0)),
    "capacity_t_per_day": ("capacity (t/day)", fixed(0)),
    "utilisation": ("utilisation (%)", percent),
    "wait_share": ("wait share (%)", percent),
    "backlog_growth_days": ("backlog growth (days)", fixed(1)),
    "score": ("score", fixed(2)),
}


def binding(result: SimulationResult) -> str | None:
    """The name of the top-ranked element, or None for an empty ranking."""
    if result.bottlenecks.empty:
        return None
    return str(result.bottlenecks["element"].iloc[0])


def ranking(result: SimulationResult) -> Table:
    """The top of the bottleneck ranking, with each element's throughput and capacity
    (t/day) from the elements table where it has them."""
    top = result.bottlenecks.head(TOP)
    extra = [
        c
        for c in ("throughput_t_per_day", "capacity_t_per_day")
        if c in result.elements.columns and c not in top.columns
    ]
    if extra and not top.empty:
        top = top.merge(result.elements[["element", *extra]], on="element", how="left")
    return shown(top, RANKING_COLUMNS)


def period_line(result: SimulationResult) -> str:
    """The statistics period in days and calendar dates, after the warm-up."""
    first = at(result.start, result.warmup_h)
    end = at(result.start, result.warmup_h + result.horizon_h)
    return (
        f"Statistics over {num(result.horizon_h / DAY_H)} days, {first:%Y-%m-%d %H:%M} to "
        f"{end:%Y-%m-%d %H:%M}, after a {num(result.warmup_h / DAY_H)}-day warm-up "
        f"from {result.start}."
    )


def result_repr(result: SimulationResult) -> str:
    """One line: what was run and what binds, without any table."""
    return (
        f"<SimulationResult {result.scenario!r}, one sample path (seed {result.seed_text}): "
        f"{num(result.horizon_h / DAY_H)} days after a {num(result.warmup_h / DAY_H)}-day "
        f"warm-up from {result.start}; {counted(len(result.flows), 'flow', 'flows')}, "
        f"{counted(len(result.elements), 'element', 'elements')}; "
        f"binding: {binding(result) or '-'}>"
    )


def utilisation_bars(result: SimulationResult) -> Bars:
    """The top of the ranking as bars of utilisation (%), the binding element marked."""
    top = result.bottlenecks.head(TOP)
    rows = tuple((str(r.element), 100.0 * float(r.utilisation), None) for r in top.itertuples())
    marked = frozenset({binding(result) or ""})
    return Bars("utilisation of the top-ranked elements (%)", rows, 100.0, marked)


def result_html(result: SimulationResult) -> str:
    """The notebook view: a one-sample-path label, the verdict, flows and ranking."""
    top = min(TOP, len(result.bottlenecks))
    return html_block(
        f"Simulation result: {result.scenario}",
        [
            f"One sample path (seed {result.seed_text}), not an estimate with a confidence "
            "interval: use corridor_sim.replicate for that.",
            period_line(result),
            result.verdict,
        ],
        {
            "Flows (statistics period)": shown(result.flows, FLOW_COLUMNS),
            f"Bottleneck ranking (top {top} of {len(result.bottlenecks)}; {SCORE_FORMULA})": (
                ranking(result)
            ),
        },
        utilisation_bars(result),
    )
