"""What :func:`corridor_sim.plan` answers: the :class:`Target` a package must reach and the
:class:`PlanResult` (the chosen package, every package considered, the Pareto frontier and
the steps), which prints itself and writes its tables."""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from corridor_sim.texttable import table

Package = tuple[str, ...]
SHOWN = 20  # packages simulated that text() lists


@dataclass(frozen=True)
class Target:
    """What a package must reach: cargo delivered, t/yr (at least; of ``flows`` only when
    given, else of every flow), the 95th percentile transit time of ``flow``, days (at
    most), and/or the door-to-door cost per unit of ``flow`` (tariffs, charges, time value
    and carbon of the scenario's costs section, e.g. USD per TEU; at most)."""

    delivered_t_per_yr: float | None = None
    transit_p95_days: float | None = None
    flow: str | None = None
    cost_per_unit_usd: float | None = None
    flows: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if (
            self.delivered_t_per_yr is None
            and self.transit_p95_days is None
            and self.cost_per_unit_usd is None
        ):
            raise ValueError(
                "a target needs delivered_t_per_yr, transit_p95_days or cost_per_unit_usd"
            )
        if self.transit_p95_days is not None and not self.flow:
            raise ValueError("a transit_p95_days target needs the flow it is promised for")
        if self.cost_per_unit_usd is not None and not self.flow:
            raise ValueError("a cost_per_unit_usd target needs the flow it is promised for")
        if self.flows and self.delivered_t_per_yr is None:
            raise ValueError("flows says whose delivery counts: it needs delivered_t_per_yr")
        object.__setattr__(self, "flows", tuple(self.flows))

    def describe(self, *, short: bool = False) -> str:
        """The target in words; ``short`` counts the flows of a delivery target rather
        than naming them (for a figure's title)."""
        parts = []
        if self.delivered_t_per_yr is not None:
            names = f"{len(self.flows)} flows" if short else ", ".join(self.flows)
            whose = f" of {names}" if self.flows else ""
            parts.append(f"delivered{whose} >= {self.delivered_t_per_yr / 1e6:.3f} Mt/yr")
        if self.transit_p95_days is not None:
            parts.append(f"{self.flow} transit p95 <= {self.transit_p95_days:g} days")
        if self.cost_per_unit_usd is not None:
            parts.append(f"{self.flow} cost <= {self.cost_per_unit_usd:,.0f} USD per unit")
        return " and ".join(parts)


@dataclass
class PlanResult:
    """The answer of :func:`plan`: the ``chosen`` package (None if none meets the
    target), every package considered (``packages``: capex, bound, whether simulated,
    the KPIs' means and half-widths, whether it meets the target), the ``frontier`` and
    the ``steps`` towards the chosen package with the element binding after each."""

    scenario: str
    target: Target
    budget: float | None
    replications: int
    seed: int
    chosen: Package | None
    packages: pd.DataFrame
    frontier: pd.DataFrame
    steps: pd.DataFrame = field(default_factory=pd.DataFrame)
    wall_s: float = 0.0
    #: the search stopped after this many packages simulated, none meeting the target
    stopped_after: int | None = None
    #: what "cheapest" ranks by: "capex", or the whole-life cost it names
    basis: str = "capex"
    #: only options in service by this year were considered (None: all)
    year: int | None = None
    #: the largest packages, simulated first, all missed the target: none can meet it
    unreachable: bool = False

    def text(self) -> str:
        """The answer as the CLI prints it."""
        lines = [
            f"Plan for {self.scenario}: the cheapest package (by {self.basis}) with "
            f"{self.target.describe()}"
            + (f", capex at most {money(self.budget)}" if self.budget is not None else "")
            + (f", options in service by {self.year}" if self.year is not None else "")
            + f"; {self.replications} replications a package (common random numbers, seed "
            f"{self.seed}); mean ± half-width of the 95 % confidence interval.",
            "",
        ]
        simulated = self.packages[self.packages["simulated"]]
        screened = int((~self.packages["simulated"]).sum())
        lines.append(
            f"{len(self.packages)} packages within the budget; {len(simulated)} simulated, "
            f"{screened} screened out or not reached (cheaper ones met the target first)."
        )
        if self.unreachable:
            lines.append(
                "No package can meet the target: the largest packages the budget and the "
                "catalogue's exclusions allow were simulated first, and the whole 95 % "
                "interval of each lies below it."
            )
        elif self.chosen is None and self.stopped_after is not None:
            lines.append(
                f"No package meets the target among the {self.stopped_after} cheapest that "
                "survived the screening (max_simulated); dearer ones were not simulated."
            )
        elif self.chosen is None:
            lines.append("No package meets the target.")
        if self.chosen is None:
            top = most_delivered(self.packages)
            if top is not None:
                lines.append(
                    f"The most delivered of those simulated (the low end of its interval): "
                    f"{top['package']} (capex {money(top['capex'])}): {_kpis(top)}; then "
                    f"{top['binding']} binds."
                )
        else:
            row = self.packages[self.packages["package"] == label(self.chosen)].iloc[0]
            cost = "" if self.basis == "capex" else f", whole-life {money(row['cost'])}"
            lines += [
                f"Chosen: {label(self.chosen)} (capex {money(row['capex'])}{cost}): " + _kpis(row)
            ]
        shown = simulated.head(SHOWN)
        lines += [
            "",
            "Packages simulated, cheapest first"
            + (
                f" (the first {SHOWN} of {len(simulated)}: all in to_dir's packages.csv)"
                if len(simulated) > SHOWN
                else ""
            ),
        ]
        whole = self.basis != "capex"
        rows = [
            [r["package"], money(r["capex"])]
            + ([money(r["cost"])] if whole else [])
            + [_kpis(r), "yes" if r["meets"] else "no"]
            for _, r in shown.iterrows()
        ]
        heads = ["package", "capex", *(["whole-life"] if whole else []), "KPIs", "meets"]
        lines += table(heads, rows, "lr" + ("r" if whole else "") + "ll")
        if len(self.frontier):
            lines += ["", "Pareto frontier (capex vs delivered vs transit p95)"]
            rows = [
                [r["package"], money(r["capex"]), _kpis(r)] for _, r in self.frontier.iterrows()
            ]
            lines += table(["package", "capex", "KPIs"], rows, "lrl")
        if len(self.steps):
            towards = "the chosen package" if self.chosen else self.steps.iloc[-1]["package"]
            lines += ["", f"Steps to {towards}: what binds after each"]
            rows = [[r["package"], _kpis(r), str(r["binding"])] for _, r in self.steps.iterrows()]
            lines += table(["after", "KPIs", "binding element"], rows, "lll")
        return "\n".join(lines)

    def to_dir(self, path: str | Path) -> Path:
        """Write ``packages.csv``, ``frontier.csv``, ``steps.csv`` and ``plan.json`` (the
        target, budget, seed, replications and the chosen package) into folder ``path``."""
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        for name in ("packages", "frontier", "steps"):
            frame = getattr(self, name).drop(columns=["options"], errors="ignore")
            frame.to_csv(out / f"{name}.csv", index=False)
        summary = {
            "scenario": self.scenario,
            "target": dataclasses.asdict(self.target),
            "budget": self.budget,
            "replications": self.replications,
            "seed": self.seed,
            "chosen": list(self.chosen) if self.chosen is not None else None,
            "basis": self.basis,
            "year": self.year,
            "unreachable": self.unreachable,
            "wall_s": self.wall_s,
        }
        (out / "plan.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
        return out

    def __repr__(self) -> str:
        chosen = "none" if self.chosen is None else label(self.chosen)
        return f"<PlanResult {self.scenario!r}: {self.target.describe()}; chosen {chosen}>"


def most_delivered(packages: pd.DataFrame) -> pd.Series | None:
    """The simulated package delivering most by the low end of its 95 % interval."""
    simulated = packages[packages["simulated"]]
    if simulated.empty:
        return None
    low = simulated["delivered_mean"] - simulated["delivered_hw"].fillna(0.0)
    return simulated.loc[low.idxmax()]


def money(amount: float) -> str:
    """An amount of the catalogue's currency: in millions from a million up."""
    return f"{amount / 1e6:,.1f} M" if abs(amount) >= 1e6 else f"{amount:,.0f}"


def label(package: Package) -> str:
    """A package as the tables show it: its options joined by ``+``."""
    return " + ".join(package) if package else "(nothing)"


def _kpis(row: pd.Series) -> str:
    parts = []
    if not math.isnan(row.get("delivered_mean", math.nan)):
        parts.append(
            f"delivered {row['delivered_mean'] / 1e6:.3f} ± {row['delivered_hw'] / 1e6:.3f} Mt/yr"
        )
    if row.get("diverted_mean", 0.0) > 0:
        parts.append(f"diverted {row['diverted_mean'] / 1e6:.3f} Mt/yr")
    if not math.isnan(row.get("p95_mean", math.nan)):
        parts.append(f"p95 {row['p95_mean']:.1f} ± {row['p95_hw']:.1f} d")
    if not math.isnan(row.get("cost_mean", math.nan)):
        parts.append(f"cost {row['cost_mean']:,.0f} ± {row['cost_hw']:,.0f} USD/unit")
    return ", ".join(parts)
