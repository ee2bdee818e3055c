"""What :func:`corridor_sim.marginal_value` answers (:class:`MarginalValues`) and how it
shows itself: the text of ``corridor-sim marginal``, the notebook view and the one-line
``repr``. With a catalogue, each shows the options' cost
columns and a second ranking, the cheapest tonne (options by cost per tonne gained)."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from corridor_sim.experiments.marginal_cost import DISCOUNT_RATE, OPTION, YEARS
from corridor_sim.experiments.views import clip, interval, seeds
from corridor_sim.folders import write_folder
from corridor_sim.htmlrepr import Column, html_block, shown
from corridor_sim.texttable import num, pct, pm, table

#: what the table says of an option whose gain's 95 % interval does not lie above zero
NO_GAIN = "no gain told from none"
#: options the cheapest-tonne ranking lists at most
CHEAPEST_SHOWN = 20


@dataclass
class MarginalValues:
    """``table``: one row per change, ranked by the throughput gained: ``rank``,
    ``element``, ``change``, ``gain_t_per_yr`` (the mean paired difference in cargo
    delivered a year), the ``half_width`` of its 95% interval, ``ci_low``, ``ci_high``,
    ``n`` (pairs), ``transit_change_days`` (the mean paired difference in transit time)
    and ``delivered_ratio`` (delivered / offered with the change).

    With a ``catalogue`` (its name; amounts in ``money``, e.g. ``USD 2024``) the table
    also has a row per option (``kind`` ``"option"``, ``element`` the option's name,
    ``with_options`` those it requires, built in with it) beside the ``"+1 unit"`` rows,
    and the columns ``capex``, ``opex_per_yr``, ``annual_cost`` (money a year, over ``years`` at
    ``discount_rate``), ``cost_per_t``, ``cost_per_t_low`` and ``cost_per_t_high``
    (money per tonne gained; NaN for ``+1 unit`` rows and gains not told from none).
    :attr:`cheapest` ranks the options by cost per tonne."""

    scenario: str
    seed: int
    replications: int
    demand: float
    table: pd.DataFrame
    catalogue: str | None = None
    money: str = ""
    years: int = YEARS
    discount_rate: float = DISCOUNT_RATE

    @property
    def cheapest(self) -> pd.DataFrame:
        """The option rows, cheapest tonne first (options without a cost per tonne last,
        by gain); empty without a catalogue."""
        if self.catalogue is None:
            return self.table.iloc[0:0]
        options = self.table[self.table["kind"] == OPTION]
        ranked = options.sort_values(
            ["cost_per_t", "gain_t_per_yr"], ascending=[True, False], na_position="last"
        )
        return ranked.reset_index(drop=True)

    def text(self, top: int = 10) -> str:
        """A readable ranking (``corridor-sim marginal``), and with a catalogue the
        options by cost per tonne."""

        return format_marginal(self, top)

    def __repr__(self) -> str:
        return marginal_repr(self)

    def _repr_html_(self) -> str:
        return marginal_html(self)

    def to_dir(self, path: str | Path) -> Path:
        """Write ``marginal_value.csv`` and ``marginal_value.json``; with a catalogue also
        ``cheapest_tonne.csv`` (the options by cost per tonne)."""
        head: dict[str, Any] = {
            "scenario": self.scenario,
            "seed": self.seed,
            "replications": self.replications,
            "demand": self.demand,
        }
        tables = {"marginal_value": self.table}
        if self.catalogue is not None:
            head |= {
                "catalogue": self.catalogue,
                "money": self.money,
                "years": self.years,
                "discount_rate": self.discount_rate,
                "annual_cost": "capex * r / (1 - (1 + r) ** -years) + opex_per_yr",
                "cost_per_t": "annual_cost / gain_t_per_yr, money per tonne gained",
            }
            tables["cheapest_tonne"] = self.cheapest
        return write_folder(path, tables, "marginal_value", head)


def _millions(x: float) -> str:
    return num(x / 1e6, 1)


def per_tonne(row: Any) -> str:
    """The cost per tonne of a table row (``row.cost_per_t``, as ``itertuples`` gives
    it): ``-`` for a ``+1 unit`` row (no annual cost), :data:`NO_GAIN` for an option
    whose gain is not told from none."""
    if not math.isnan(row.cost_per_t):
        return num(row.cost_per_t, 2)
    return NO_GAIN if math.isfinite(row.annual_cost) else "-"


def per_tonne_ci(row: Any) -> str:
    """The 95 % interval of a row's cost per tonne, or empty."""
    if math.isnan(row.cost_per_t):
        return ""
    return interval(row.cost_per_t_low, row.cost_per_t_high, 1.0, 2)


def money_note(mv: MarginalValues) -> str:
    """How the options are costed, in which money."""
    return (
        f"Options of catalogue {mv.catalogue}, built in with those they require; money in "
        f"{mv.money}. Annual cost = capex x r / (1 - (1 + r)^-n) + opex a year (the capital "
        f"recovery factor at r = {mv.discount_rate:.1%} real over n = {mv.years} years); "
        f"cost per tonne = annual cost / gain, {mv.money} per tonne a year more delivered, "
        "its 95% CI from the gain's."
    )


def format_marginal(mv: MarginalValues, top: int = 10) -> str:
    """The ranking by gain (the first ``top`` rows) and, with a catalogue, the options by
    cost per tonne."""
    costed = mv.catalogue is not None
    lines = [
        f"Marginal value of capacity in {mv.scenario} at demand x{mv.demand:g}: "
        f"{mv.replications} paired replications per change, seed {mv.seed}",
    ]
    if costed:
        lines += textwrap.wrap(money_note(mv), 100)
    lines.append("")
    header = ["#", "element or option" if costed else "element", "change", "gain kt/yr"]
    header += ["95% CI", "transit change d", "delivered/offered"]
    rows = []
    for r in mv.table.head(top).itertuples():
        cells = [
            str(r.rank),
            r.element,
            r.change,
            pm(r.gain_t_per_yr, r.half_width, 1, 1e-3),
            f"[{num(r.ci_low / 1e3, 1)}, {num(r.ci_high / 1e3, 1)}]",
            num(r.transit_change_days, 2),
            pct(r.delivered_ratio, 1),
        ]
        if costed:
            cells += [_millions(r.annual_cost), per_tonne(r)]
        rows.append(cells)
    if costed:
        header += [f"annual cost M {mv.money}/yr", f"{mv.money}/t"]
    lines += table(header, rows, "lllrrrrrr" if costed else "lllrrrr")
    if costed:
        lines += ["", *cheapest_lines(mv)]
    return "\n".join(lines)


def cheapest_lines(mv: MarginalValues) -> list[str]:
    """The options ranked by cost per tonne gained (those with none last, by gain)."""
    ranked = mv.cheapest
    head = ranked.head(CHEAPEST_SHOWN)
    more = f" (the first {len(head)} of {len(ranked)})" if len(ranked) > len(head) else ""
    rows = [
        [
            str(i),
            r.element,
            r.with_options or "-",
            _millions(r.capex),
            _millions(r.opex_per_yr),
            _millions(r.annual_cost),
            pm(r.gain_t_per_yr, r.half_width, 1, 1e-3),
            per_tonne(r),
            per_tonne_ci(r),
        ]
        for i, r in enumerate(head.itertuples(), start=1)
    ]
    header = ["#", "option", "with", f"capex M {mv.money}", "opex M/yr", "annual cost M/yr"]
    header += ["gain kt/yr", f"{mv.money}/t", "95% CI"]
    return [
        f"Cheapest tonne: options by cost per tonne gained{more}",
        *table(header, rows, "lllrrrrrr"),
    ]


def what(row: pd.Series) -> str:
    """A row's change in words: ``+1 server (2) at g``, or ``option gate`` (``with`` the
    options it requires)."""
    if row.get("kind") == OPTION:
        return f"option {row['element']}{row['change'].removeprefix(OPTION)}"
    return f"{row['change']} at {row['element']}"


def answer_line(mv: MarginalValues) -> str:
    """The change that buys most, and whether the replications tell its gain from none."""
    if mv.table.empty:
        return "No element to add capacity to."
    top = mv.table.iloc[0]
    gain = (
        f"{what(top)}: {num(top['gain_t_per_yr'] / 1e3, 1)} kt/yr, "
        f"95 % CI {interval(top['ci_low'], top['ci_high'], 1e-3, 1)}"
    )
    if top["ci_low"] > 0:
        return f"Most valuable: {gain}."
    return f"No change gains cargo the replications tell from none; the largest: {gain}."


def cheapest_line(mv: MarginalValues) -> str:
    """The option whose tonne is cheapest, or that none gains cargo told from none."""
    ranked = mv.cheapest
    if ranked.empty or math.isnan(ranked.iloc[0]["cost_per_t"]):
        return f"Cheapest tonne: no option of {mv.catalogue} has a gain told from none."
    r = ranked.iloc[0]
    return (
        f"Cheapest tonne: {r['element']} at {num(r['cost_per_t'], 2)} {mv.money}/t, 95 % CI "
        f"{interval(r['cost_per_t_low'], r['cost_per_t_high'], 1.0, 2)}."
    )


def marginal_repr(mv: MarginalValues) -> str:
    top = mv.table.iloc[0] if len(mv.table) else None
    best = (
        f"; top: {what(top)}, {pm(top['gain_t_per_yr'], top['half_width'], 1, 1e-3)} kt/yr"
        if top is not None
        else ""
    )
    cheap = ""
    if mv.catalogue is not None and len(mv.cheapest):
        r = next(mv.cheapest.head(1).itertuples())
        cheap = f"; cheapest tonne: {r.element}, {per_tonne(r)} {mv.money}/t"
    return clip(
        f"<MarginalValues {mv.scenario!r} at demand x{mv.demand:g}: {len(mv.table)} changes, "
        f"{mv.replications} paired replications each (seed {mv.seed}){best}{cheap}>"
    )


COLUMNS: dict[str, Column] = {  # the notebook view of the table: header with unit, formatter
    "rank": ("#", str),
    "element": ("element", str),
    "change": ("change", str),
    "gain_t_per_yr": ("gain (kt/yr)", lambda x: num(x / 1e3, 1)),
    "half_width": ("± 95% CI half-width (kt/yr)", lambda x: num(x / 1e3, 1)),
    "ci": ("95% CI (kt/yr)", str),
    "n": ("n", lambda x: str(int(x))),
    "transit_change_days": ("transit change (days)", lambda x: num(x, 2)),
    "delivered_ratio": ("delivered / offered (%)", lambda x: num(x * 100, 1)),
}


def cost_columns(money: str) -> dict[str, Column]:
    """The notebook columns of the options' money, in ``money`` (e.g. ``USD 2024``)."""
    return {
        "capex": (f"capex (M {money})", _millions),
        "opex_per_yr": (f"opex (M {money}/yr)", _millions),
        "annual_cost": (f"annual cost (M {money}/yr)", _millions),
        "per_t": (f"cost per tonne gained ({money}/t)", str),
        "per_t_ci": (f"95% CI ({money}/t)", str),
    }


def _shown(frame: pd.DataFrame, columns: dict[str, Column]) -> Any:
    """``frame`` with its CI and cost cells written, shown in ``columns``."""
    rows = list(frame.itertuples())
    cells = frame.assign(
        ci=[interval(r.ci_low, r.ci_high, 1e-3, 1) for r in rows],
        per_t=[per_tonne(r) for r in rows] if "cost_per_t" in frame else "",
        per_t_ci=[per_tonne_ci(r) for r in rows] if "cost_per_t" in frame else "",
    )
    return shown(cells, columns)


def marginal_html(mv: MarginalValues, top: int = 10) -> str:
    head = mv.table.head(top)
    lines = [
        f"{mv.replications} paired replications per change, seeds "
        f"{seeds(mv.seed, mv.replications)} (common random numbers); gain = cargo "
        "delivered a year with one more unit minus without, with its 95 % confidence "
        "interval.",
        answer_line(mv),
    ]
    if mv.catalogue is None:
        ranking = _shown(head, COLUMNS)
        return html_block(
            f"Marginal value of capacity: {mv.scenario} at demand x{mv.demand:g}",
            lines,
            {f"Ranking by gain (top {len(head)} of {len(mv.table)})": ranking},
        )
    money = cost_columns(mv.money)
    every = {**COLUMNS, **money}
    options: dict[str, Column] = {
        "element": ("option", str),
        "with_options": ("built in with", lambda x: x or "-"),
    }
    for key in ("capex", "opex_per_yr", "annual_cost", "gain_t_per_yr", "ci", "per_t"):
        options[key] = every[key]
    options["per_t_ci"] = every["per_t_ci"]
    tables = {
        f"Ranking by gain (top {len(head)} of {len(mv.table)})": _shown(head, every),
        "Cheapest tonne: options by cost per tonne gained": _shown(
            mv.cheapest.head(CHEAPEST_SHOWN), options
        ),
    }
    return html_block(
        f"Marginal value of capacity: {mv.scenario} at demand x{mv.demand:g}",
        [*lines, money_note(mv), cheapest_line(mv)],
        tables,
    )
