"""The Middle Corridor beside its competitors on one chart
(:func:`corridor_sim.compare_corridors`): door-to-door time against the freight price per
TEU, and CO2 per TEU."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from corridor_sim.experiments.corridors import REFERENCE, SIMULATED, CorridorComparison
from corridor_sim.plotting import _style

ALTERNATIVE_COLOURS = (_style.ORANGE, _style.GREEN, _style.SKY, _style.PURPLE, _style.YELLOW)
SIMULATED_COLOURS = (_style.VERMILLION, _style.BLUE, _style.BLACK)


def plot_corridors(comparison: CorridorComparison) -> Figure:
    """Left: days door to door (x) against freight USD/TEU (y). A published route is a
    shaded box from its lowest to its highest figure (the Middle Corridor's own published
    figures hatched); a simulated flow is a point at its mean (95 % CI bars on both
    axes) with a thin line from its median to its 95th percentile consignment. Right:
    CO2 kg per TEU, bars (published: the span; simulated: mean and 95 % CI)."""
    t = comparison.table
    with _style.style():
        fig, (left, right) = plt.subplots(
            1, 2, figsize=(11.0, 5.2), gridspec_kw={"width_ratios": [2.2, 1.0]}
        )
        colour = {}
        published = t[t["kind"] != SIMULATED]
        for k, r in enumerate(published.itertuples()):
            c = ALTERNATIVE_COLOURS[k % len(ALTERNATIVE_COLOURS)]
            colour[r.route] = c
            ref = r.kind == REFERENCE
            if math.isnan(r.price_low_usd_per_teu):  # time published, price not
                left.axvspan(
                    r.transit_low_days,
                    r.transit_high_days,
                    facecolor="none",
                    edgecolor=c,
                    hatch="//" if ref else "..",
                    linewidth=1.0,
                    label=f"{r.route} (published days; no price found)",
                )
                continue
            left.add_patch(
                Rectangle(
                    (r.transit_low_days, r.price_low_usd_per_teu),
                    max(r.transit_high_days - r.transit_low_days, 0.4),
                    max(r.price_high_usd_per_teu - r.price_low_usd_per_teu, 20.0),
                    facecolor="none" if ref else c,
                    edgecolor=c,
                    alpha=1.0 if ref else 0.35,
                    hatch="//" if ref else None,
                    linewidth=1.5,
                    label=f"{r.route} (published span)",
                )
            )
        sims = t[t["kind"] == SIMULATED]
        for k, r in enumerate(sims.itertuples()):
            c = SIMULATED_COLOURS[k % len(SIMULATED_COLOURS)]
            colour[r.route] = c
            left.plot(
                [r.transit_low_days, r.transit_high_days],
                [r.price_usd_per_teu] * 2,
                color=c,
                linewidth=1.0,
                alpha=0.6,
            )
            left.errorbar(
                r.transit_days,
                r.price_usd_per_teu,
                xerr=_hw(r.transit_half_width_days),
                yerr=r.price_usd_per_teu - r.price_low_usd_per_teu,
                fmt="o",
                color=c,
                capsize=3,
                label=f"{r.route}: mean, 95 % CI; line p50-p95",
            )
        left.autoscale_view()
        left.set_xlim(0, max(t["transit_high_days"].max() * 1.08, 10))
        left.set_ylim(0, float(t["price_high_usd_per_teu"].max()) * 1.12)
        left.set_xlabel("door to door, days")
        left.set_ylabel(f"freight price, {comparison.money} per TEU")
        left.set_title(f"{comparison.journey}: time and price", loc="left")
        _style.thousands(left)
        left.legend(fontsize=7, loc="upper left", frameon=False)

        bars = t[~t["co2_kg_per_teu"].isna()]
        y = list(range(len(bars)))
        for yi, r in zip(y, bars.itertuples(), strict=True):
            low, high = r.co2_low_kg_per_teu, r.co2_high_kg_per_teu
            right.barh(yi, r.co2_kg_per_teu, color=colour[r.route], alpha=0.6)
            if high > low:
                right.plot([low, high], [yi, yi], color=_style.BLACK, linewidth=1.5)
        right.set_yticks(y, [_short(r) for r in bars["route"]], fontsize=8)
        right.invert_yaxis()
        right.set_xlabel("CO2, kg per TEU")
        right.set_title("CO2 (bar: span or 95 % CI)", loc="left")
        _style.thousands(right, "x")
        fig.text(
            0.01,
            0.005,
            f"Simulated: {comparison.scenario}, {comparison.replications} replications, seed "
            f"{comparison.seed}, plus the legs outside the model. Published: lowest and "
            "highest figure found; sea prices are spot, port to port.",
            fontsize=7,
        )
        fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


def _hw(value: float) -> float:
    return 0.0 if math.isnan(value) else value


def _short(route: str) -> str:
    return route.replace("Middle Corridor, simulated ", "simulated\n").replace(
        "Middle Corridor, as published", "MC published"
    )
