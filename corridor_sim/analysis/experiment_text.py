"""The text the experiment commands print: replications, sweeps, saturation,
comparisons and marginal values. Numbers are means ± the half-width of the 95%
Student-t confidence interval."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from corridor_sim.analysis.texttable import num, pct, pm, table

HEADLINE = [
    ("delivered_t_per_yr", "cargo delivered, Mt/yr", 1e-6, 3),
    ("offered_t_per_yr", "cargo offered, Mt/yr", 1e-6, 3),
    ("delivered_ratio", "delivered / offered, %", 100, 1),
    ("transit_mean_days", "transit time, mean days (tonne-weighted)", 1, 2),
    ("in_system_t", "cargo in the system at the end, kt", 1e-3, 1),
    ("max_backlog_growth_days", "steepest queue trend, days of throughput", 1, 1),
]


def _get(summary: pd.DataFrame, kpi: str) -> pd.Series | None:
    rows = summary[summary["kpi"] == kpi]
    return rows.iloc[0] if len(rows) else None


def _cell(summary: pd.DataFrame, kpi: str, scale: float = 1.0, digits: int = 1) -> str:
    row = _get(summary, kpi)
    return "-" if row is None else pm(row["mean"], row["half_width"], digits, scale)


def format_replications(rep: Any, top: int = 8) -> str:
    s = rep.summary
    mser = _get(s, "mser_warmup_days")
    lines = [
        f"Replications of {rep.scenario}: {rep.n} runs, seed {rep.seed} "
        f"(numpy SeedSequence({rep.seed}).spawn({rep.n}))",
        f"Warm-up: the first {rep.warmup_h / 24:g} days of each run are discarded; statistics "
        f"cover the next {rep.horizon_h / 24:g} days."
        + (
            f" MSER-5 on the total queue would cut {pm(mser['mean'], mser['half_width'], 1)} days."
            if mser is not None and mser["n"]
            else ""
        ),
        "",
        "Headline (mean ± 95% CI half-width)",
    ]
    rows = [[label, _cell(s, kpi, scale, d)] for kpi, label, scale, d in HEADLINE]
    lines += table(["kpi", "value"], rows, "lr")
    flows = sorted({k.split(":")[1] for k in s["kpi"] if k.startswith("flow:")})
    rows = [
        [
            f,
            _cell(s, f"flow:{f}:delivered_t_per_yr", 1e-3, 1),
            _cell(s, f"flow:{f}:transit_mean_days", 1, 1),
            _cell(s, f"flow:{f}:transit_p95_days", 1, 1),
        ]
        for f in flows
    ]
    lines += ["", "Flows"]
    lines += table(["flow", "delivered kt/yr", "transit mean d", "transit p95 d"], rows, "lrrr")
    lines += ["", *_ranking(rep.runs, s, top)]
    return "\n".join(lines)


def _ranking(runs: pd.DataFrame, s: pd.DataFrame, top: int) -> list[str]:
    scores = s[s["kpi"].str.endswith(":score")].sort_values("mean", ascending=False)
    binding = Counter(runs["binding_element"]) if "binding_element" in runs else Counter()
    traced = any(k.endswith(":sole_share") for k in s["kpi"])
    rows = []
    for rank, row in enumerate(scores.head(top).itertuples(), start=1):
        e = row.kpi.split(":")[1]
        cells = [
            str(rank),
            e,
            pm(row.mean, row.half_width, 2),
            _cell(s, f"element:{e}:utilisation", 100, 0),
            _cell(s, f"element:{e}:wait_share", 100, 0),
            _cell(s, f"element:{e}:backlog_growth_days", 1, 1),
        ]
        if traced:
            cells += [
                _cell(s, f"element:{e}:sole_share", 100, 0),
                _cell(s, f"element:{e}:shifting_share", 100, 0),
            ]
        cells.append(f"{binding.get(e, 0)}/{len(runs)}")
        rows.append(cells)
    header = ["#", "element", "score", "util %", "wait share %", "backlog +days"]
    if traced:
        header += ["sole bn %", "shifting bn %"]
    header.append("binding in")
    return [
        f"Bottleneck ranking by mean score (top {len(rows)}; score = utilisation + wait share "
        "+ min(1, backlog growth / 7 days))",
        *table(header, rows, "ll" + "r" * (len(header) - 2)),
    ]


def format_sweep(sw: Any) -> str:
    lines = [
        f"Sweep of {sw.scenario}: {len(sw.points)} points x {sw.replications} replications, "
        f"seed {sw.seed} (the same seeds at every point)",
        "",
    ]
    rows = []
    for p in sw.points.itertuples(index=False):
        s = sw.summary[sw.summary["point"] == p.point]
        runs = sw.runs[sw.runs["point"] == p.point]
        binding = Counter(runs["binding_element"]).most_common(1)[0]
        rows.append(
            [str(p.point)]
            + [str(v) for v in list(p)[1:]]
            + [
                _cell(s, "delivered_t_per_yr", 1e-6, 3),
                _cell(s, "delivered_ratio", 100, 1),
                _cell(s, "transit_mean_days", 1, 2),
                f"{binding[0]} ({binding[1]}/{len(runs)})",
            ]
        )
    header = [
        "point",
        *sw.parameters,
        "delivered Mt/yr",
        "delivered/offered %",
        "transit mean d",
        "binding element",
    ]
    lines += table(header, rows, "r" + "l" * len(sw.parameters) + "rrrl")
    return "\n".join(lines)


def format_saturation(sat: Any) -> str:
    rule = sat.criterion
    lo, hi = sat.ci
    lines = [
        f"Saturation of {sat.scenario}: {len(sat.replications)} replications, seed {sat.seed}"
        + (f"; statistics from {sat.period[0]} to {sat.period[1]}" if sat.period else ""),
        f"Sustainable = delivered >= {1 - rule.tolerance:.0%} of offered and no queue longer at "
        f"the end than at the start by more than {rule.max_backlog_days:g} days of its capacity; "
        f"bisection to {rule.precision:.0%}.",
        "",
        f"Saturation demand multiplier: {sat.multiplier:.3f} (95% CI {lo:.3f} - {hi:.3f})",
        f"Breaks first: {sat.breaks_first} (in {sat.breaks_first_share:.0%} of replications)",
        "",
    ]
    rows = [
        [
            str(r.replication),
            f"{r.low:.3f}",
            f"{r.high:.3f}" if r.high else "-",
            f"{r.multiplier:.3f}",
            r.breaks_first,
        ]
        for r in sat.replications.itertuples()
    ]
    lines += table(
        ["replication", "sustained", "failed", "estimate", "breaks first"], rows, "rrrrl"
    )
    if len(sat.curve):
        lines += ["", "Transit-time curve up to saturation"]
        rows = []
        for (f, m), g in sat.curve.groupby(["fraction", "multiplier"], sort=True):
            rows.append(
                [
                    f"{f:.0%}",
                    f"{m:.3f}",
                    _cell(g, "transit_mean_days", 1, 2),
                    _cell(g, "delivered_ratio", 100, 1),
                    _cell(g, "delivered_t_per_yr", 1e-6, 3),
                ]
            )
        lines += table(
            [
                "of saturation",
                "multiplier",
                "transit mean d",
                "delivered/offered %",
                "delivered Mt/yr",
            ],
            rows,
            "rrrrr",
        )
    return "\n".join(lines)


def format_comparison(cmp: Any, top: int = 8) -> str:
    d = cmp.differences.set_index("kpi")
    lines = [
        f"Comparison: {cmp.variant} minus {cmp.baseline}, {cmp.replications} paired "
        f"replications (common random numbers), seed {cmp.seed}",
        "",
    ]

    def row(kpi: str, label: str, scale: float, digits: int) -> list[str]:
        r = d.loc[kpi]
        return [
            label,
            num(r.baseline_mean * scale, digits),
            num(r.variant_mean * scale, digits),
            pm(r.difference, r.half_width, digits, scale),
            f"[{num(r.ci_low * scale, digits)}, {num(r.ci_high * scale, digits)}]",
        ]

    rows = [row(k, label, sc, dg) for k, label, sc, dg in HEADLINE if k in d.index]
    for kpi in d.index:
        if kpi.startswith("flow:") and kpi.endswith(":delivered_t_per_yr"):
            rows.append(row(kpi, f"{kpi.split(':')[1]}, kt/yr", 1e-3, 1))
    lines += table(["kpi", "baseline", "variant", "difference", "95% CI"], rows, "lrrrr")
    util = d[d.index.str.endswith(":utilisation")].copy()
    util["size"] = util["difference"].abs()
    rows = [
        row(k, k.split(":")[1] + " utilisation, %", 100, 0)
        for k in util.sort_values("size", ascending=False).head(top).index
    ]
    lines += ["", "Largest changes in utilisation"]
    lines += table(["element", "baseline", "variant", "difference", "95% CI"], rows, "lrrrr")
    return "\n".join(lines)


def format_marginal(mv: Any, top: int = 10) -> str:
    lines = [
        f"Marginal value of capacity in {mv.scenario} at demand x{mv.demand:g}: "
        f"{mv.replications} paired replications per change, seed {mv.seed}",
        "",
    ]
    rows = [
        [
            str(r.rank),
            r.element,
            r.change,
            pm(r.gain_t_per_yr, r.half_width, 1, 1e-3),
            f"[{num(r.ci_low / 1e3, 1)}, {num(r.ci_high / 1e3, 1)}]",
            num(r.transit_change_days, 2),
            pct(r.delivered_ratio, 1),
        ]
        for r in mv.table.head(top).itertuples()
    ]
    lines += table(
        ["#", "element", "change", "gain kt/yr", "95% CI", "transit change d", "delivered/offered"],
        rows,
        "lllrrrr",
    )
    return "\n".join(lines)
