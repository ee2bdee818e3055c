"""The result of one simulation run: tables (pandas DataFrames) and a verdict."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from corridor_sim.analysis import balance
from corridor_sim.analysis.bottleneck import bottleneck_table, verdict
from corridor_sim.analysis.deliveries import flow_daily_table, transit_table
from corridor_sim.analysis.metrics import element_row
from corridor_sim.analysis.network import network_table
from corridor_sim.analysis.stored import read_dir
from corridor_sim.engine.consignment import WAIT
from corridor_sim.engine.port import Port
from corridor_sim.engine.sea import Sea

DAY_H = 24.0


@dataclasses.dataclass
class SimulationResult:
    """Everything one run measured, over the statistics period (after the warm-up).

    Tables: ``elements`` (per node and link), ``throughput`` (per element and commodity),
    ``flows``, ``stages`` (where each flow's transit time goes), ``vessels``, ``berths``,
    ``bottlenecks`` (ranked), ``queues`` (sampled queue lengths over the whole run),
    ``daily`` (throughput per day of the whole run), ``balance`` (mass balance since
    t = 0), ``network`` (node positions, link ends), ``transits`` (each flow's transit-time
    distribution) and ``flow_daily`` (each flow's deliveries per day of the whole run).
    ``verdict`` names the binding element.
    """

    scenario: str
    seed: int | None
    start: dt.date
    warmup_h: float
    horizon_h: float
    elements: pd.DataFrame
    throughput: pd.DataFrame
    flows: pd.DataFrame
    stages: pd.DataFrame
    vessels: pd.DataFrame
    berths: pd.DataFrame
    bottlenecks: pd.DataFrame
    queues: pd.DataFrame
    daily: pd.DataFrame
    balance: pd.DataFrame
    verdict: str
    wall_s: float = 0.0
    events: int = 0
    network: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    transits: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    flow_daily: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    #: active periods (start h, end h) per traced element; None unless the run was made
    #: with ``trace_activity=True`` (see :mod:`corridor_sim.analysis.active_period`)
    activity: dict[str, list[tuple[float, float]]] | None = None

    TABLES = (
        "elements",
        "throughput",
        "flows",
        "stages",
        "vessels",
        "berths",
        "bottlenecks",
        "queues",
        "daily",
        "balance",
        "network",
        "transits",
        "flow_daily",
    )

    @classmethod
    def from_simulation(cls, sim: Any) -> SimulationResult:
        """Read the tables off a finished :class:`~corridor_sim.engine.Simulation`."""
        s = sim.scenario.settings
        masses = [c.mass_per_unit_t for c in sim.commodities]
        times = np.asarray(sim.sample_times)
        samples = np.asarray(sim.samples) if sim.samples else np.zeros((0, len(sim.elements)))
        post = times >= sim.warmup_h
        rows = [
            element_row(e, sim, samples[post, e.index], times[post], masses) for e in sim.elements
        ]
        elements = pd.DataFrame(rows)
        stages = _stages(sim)
        bal = balance.balance_table(sim)
        balance.check(bal)
        balance.check_elements(balance.element_table(sim))
        bottlenecks = bottleneck_table(elements, stages, s.horizon_h / DAY_H)
        return cls(
            scenario=sim.scenario.name,
            seed=int(sim.seed_seq.entropy) if isinstance(sim.seed_seq.entropy, int) else None,
            start=s.start,
            warmup_h=s.warmup_h,
            horizon_h=s.horizon_h,
            elements=elements,
            throughput=_throughput(sim, masses),
            flows=_flows(sim, bal),
            stages=stages,
            vessels=_vessels(sim),
            berths=_berths(sim),
            bottlenecks=bottlenecks,
            queues=_queues(sim, times, samples),
            daily=_daily(sim, masses),
            balance=bal,
            verdict=verdict(bottlenecks),
            wall_s=sim.wall_s,
            events=sim.events,
            network=network_table(sim.scenario),
            transits=transit_table(sim),
            flow_daily=flow_daily_table(sim),
            activity=_activity(sim),
        )

    @classmethod
    def from_dir(cls, path: str | Path) -> SimulationResult:
        """Read back a result saved with :meth:`to_dir` (to redraw figures without
        re-running); raises :class:`~corridor_sim.errors.ResultError` if a file is missing
        or unreadable."""
        return cls(**read_dir(path, cls.TABLES))

    def summary(self) -> str:
        """A readable summary table (what ``corridor-sim run`` prints)."""
        from corridor_sim.analysis.summary import format_summary

        return format_summary(self)

    def to_dir(self, path: str | Path) -> Path:
        """Write every table as CSV and ``summary.json`` into folder ``path``."""
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        for name in self.TABLES:
            getattr(self, name).to_csv(out / f"{name}.csv", index=False)
        (out / "summary.json").write_text(json.dumps(self.headline(), indent=2, default=str))
        return out

    def headline(self) -> dict[str, Any]:
        """The headline figures as plain data (``summary.json``)."""
        top = self.bottlenecks.iloc[0].to_dict() if len(self.bottlenecks) else {}
        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "start": str(self.start),
            "warmup_days": self.warmup_h / DAY_H,
            "horizon_days": self.horizon_h / DAY_H,
            "verdict": self.verdict,
            "binding_element": top.get("element"),
            "flows": self.flows.to_dict(orient="records"),
            "mass_balance_ok": True,
            "wall_seconds": round(self.wall_s, 3),
        }


def _activity(sim: Any) -> dict[str, list[tuple[float, float]]] | None:
    if not getattr(sim, "trace_activity", False):
        return None
    now = sim.env.now
    return {e.name: e.activity.until(now) for e in sim.elements if e.activity is not None}


def _throughput(sim: Any, masses: list[float]) -> pd.DataFrame:
    days = sim.scenario.settings.horizon_h / DAY_H
    rows = []
    for e in sim.elements:
        for k, c in enumerate(sim.commodities):
            units = e.units_out[k] - e.out_at_warmup[k]
            if units > 0:
                rows.append(
                    {
                        "element": e.name,
                        "role": e.role,
                        "commodity": c.name,
                        "unit": c.unit,
                        "units": units,
                        "tonnes": units * masses[k],
                        "units_per_day": units / days,
                        "tonnes_per_day": units * masses[k] / days,
                    }
                )
    return pd.DataFrame(
        rows,
        columns=[
            "element",
            "role",
            "commodity",
            "unit",
            "units",
            "tonnes",
            "units_per_day",
            "tonnes_per_day",
        ],
    )


def _flows(sim: Any, bal: pd.DataFrame) -> pd.DataFrame:
    held = bal.set_index("flow")["in_system_units"]
    rows = []
    for f in sim.flows:
        t = f.transit
        rows.append(
            {
                "flow": f.name,
                "commodity": f.spec.commodity,
                "unit": f.unit,
                "offered_units": f.generated - f.generated_at_warmup,
                "delivered_units": f.delivered - f.delivered_at_warmup,
                "delivered_t": (f.delivered - f.delivered_at_warmup) * f.mass_per_unit_t,
                "in_system_units": held[f.name],
                "in_system_t": held[f.name] * f.mass_per_unit_t,
                "transit_mean_days": t.mean / DAY_H,
                "transit_p50_days": t.quantile(0.5) / DAY_H,
                "transit_p95_days": t.quantile(0.95) / DAY_H,
            }
        )
    return pd.DataFrame(rows)


def _stages(sim: Any) -> pd.DataFrame:
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for f in sim.flows:
        delivered = f.delivered - f.delivered_at_warmup
        for (index, kind), unit_h in f.stage_h.items():
            e = sim.elements[index]
            row = rows.setdefault(
                (f.name, e.name),
                {
                    "flow": f.name,
                    "element": e.name,
                    "role": e.role,
                    "position": 0,
                    "wait_h": 0.0,
                    "move_h": 0.0,
                    "wait_t_h": 0.0,
                    "move_t_h": 0.0,
                },
            )
            key = "wait" if kind == WAIT else "move"
            row[f"{key}_h"] += unit_h / delivered if delivered else 0.0
            row[f"{key}_t_h"] += unit_h * f.mass_per_unit_t
            # cargo held outside a full node is blamed on what fills it, which may be off
            # this flow's route: such stages sort last
            on_route = [getattr(x, "link", x) for x in f.route]
            row["position"] = on_route.index(e) if e in on_route else len(on_route)
    table = pd.DataFrame(
        list(rows.values()),
        columns=["flow", "element", "role", "position", "wait_h", "move_h", "wait_t_h", "move_t_h"],
    )
    return table.sort_values(["flow", "position"], kind="stable").reset_index(drop=True)


def _vessels(sim: Any) -> pd.DataFrame:
    rows = []
    now = sim.env.now
    for e in sim.elements:
        if isinstance(e, Sea):
            for v in e.vessels:
                hours = v.hours_by_state(now)
                rows.append(
                    {
                        "link": e.name,
                        "vessel": v.name,
                        "voyages": v.voyages,
                        "loaded_voyages": v.loaded_voyages,
                        "mean_fill": v.fill_sum / v.loaded_voyages
                        if v.loaded_voyages
                        else float("nan"),
                        **{f"{k}_h": h for k, h in hours.items()},
                    }
                )
    return pd.DataFrame(rows)


def _berths(sim: Any) -> pd.DataFrame:
    now = sim.env.now
    rows = [
        {"port": e.name, "berth": t, "berths": n, "utilisation": e.berth_levels[t].mean(now) / n}
        for e in sim.elements
        if isinstance(e, Port)
        for t, n in e.spec.berths.items()
    ]
    return pd.DataFrame(rows, columns=["port", "berth", "berths", "utilisation"])


def _queues(sim: Any, times: np.ndarray, samples: np.ndarray) -> pd.DataFrame:
    names = [e.name for e in sim.elements]
    wide = pd.DataFrame(samples, columns=names)
    wide.insert(0, "time_h", times)
    return wide.melt(id_vars="time_h", var_name="element", value_name="queue_t")


def _daily(sim: Any, masses: list[float]) -> pd.DataFrame:
    frames = []
    for e in sim.elements:
        for k, c in enumerate(sim.commodities):
            series = np.asarray(e.daily_out[k])
            days = np.nonzero(series)[0]
            if len(days):
                frames.append(
                    pd.DataFrame(
                        {
                            "day": days,
                            "element": e.name,
                            "commodity": c.name,
                            "units": series[days],
                            "tonnes": series[days] * masses[k],
                        }
                    )
                )
    if not frames:
        return pd.DataFrame(columns=["day", "element", "commodity", "units", "tonnes"])
    return pd.concat(frames, ignore_index=True)
