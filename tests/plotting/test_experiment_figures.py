"""The saturation curve and the comparison chart show the experiments' own numbers."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from helpers import short
from matplotlib.colors import to_rgba

import corridor_sim as cs
from corridor_sim import plotting
from corridor_sim.plotting import _style


@pytest.fixture(scope="module")
def teaching() -> cs.Scenario:
    return short("teaching_two_ports", 60)


@pytest.fixture(scope="module")
def sat(teaching):
    from corridor_sim.experiments.saturation import saturation

    return saturation(teaching, replications=2, curve=(0.5, 1.0), workers=1, progress=False)


def span(patch) -> tuple[float, float]:
    """The x-range of an ``axvspan``."""
    return patch.get_x(), patch.get_x() + patch.get_width()


def test_saturation_chart_is_bounded_to_the_search_and_shows_its_bracket(sat, teaching):
    from corridor_sim.capacity.report import capacity

    bound = capacity(teaching)
    fig = plotting.plot_saturation(sat, capacity=bound)
    top, bottom = fig.axes
    assert top.get_ylabel() == "delivered / offered (ratio)"  # a ratio, not "(tonnes)"
    assert bottom.get_ylabel() == "mean transit time (days)"
    assert bottom.get_xlabel() == "demand multiplier (x the scenario's volumes)"
    for ax, kpi in ((top, "delivered_ratio"), (bottom, "transit_mean_days")):
        left, right = ax.get_xlim()
        assert left == 0 and sat.searched[1] <= right <= 1.1 * sat.searched[1]
        (mean,) = [ln for ln in ax.lines if ln.get_label() == "mean over replications"]
        curve = sat.curve[sat.curve["kpi"] == kpi].sort_values("multiplier")
        np.testing.assert_allclose(mean.get_xdata(), curve["multiplier"])
        np.testing.assert_allclose(mean.get_ydata(), curve["mean"])
        (band,) = [p for p in ax.patches if p.get_label().startswith("saturation lies in")]
        assert span(band) == pytest.approx(sat.bracket)
        assert sat.status in band.get_label()
        (limit,) = [ln for ln in ax.lines if ln.get_label().startswith("analytic")]
        assert limit.get_xdata()[0] == pytest.approx(bound.headroom)
    dots = sum(len(c.get_offsets()) for c in top.collections if "search run" in c.get_label())
    assert dots == len(sat.probes)
    assert sat.breaks_first in top.get_title("left")


def test_saturation_chart_hatches_the_undecided_steps(teaching):
    from corridor_sim.experiments.saturation import saturation

    sat = saturation(teaching, replications=2, max_replications=2, curve=(), workers=1,
                     progress=False)  # fmt: skip
    assert sat.undecided is not None
    (top, _) = plotting.plot_saturation(sat).axes
    (zone,) = [p for p in top.patches if p.get_label().startswith("undecided")]
    assert span(zone) == pytest.approx(sat.undecided)
    assert "inconclusive" in top.get_title("left")


def test_comparison_shows_each_paired_difference_as_a_share_of_the_baseline(teaching):
    from corridor_sim.experiments.compare import compare

    faster = dataclasses.replace(teaching, name="faster_ferries")
    link = teaching.links["port_a-port_b"]
    fleet = tuple(dataclasses.replace(v, speed_kmh=v.speed_kmh * 1.5) for v in link.fleet)
    faster = dataclasses.replace(
        faster, links={**teaching.links, link.name: dataclasses.replace(link, fleet=fleet)}
    )
    comparison = compare(teaching, faster, replications=3, workers=1, progress=False)
    ax = plotting.plot_comparison(comparison)
    d = comparison.differences
    rows = (
        d[d["scope"] == "corridor"]
        .set_index("kpi")
        .loc[["delivered_t_per_yr", "delivered_ratio", "transit_mean_days", "in_system_t"]]
    )
    (dots,) = ax.collections[-1:]
    expected = 100 * rows["difference"] / rows["baseline_mean"].abs()
    np.testing.assert_allclose(dots.get_offsets()[:, 0], expected)
    labels = [t.get_text().split("\n")[0] for t in ax.get_yticklabels()]
    assert labels == [
        "delivered (t/yr)",
        "delivered / offered (ratio)",
        "mean transit time (days)",
        "cargo in the system at the end (t)",
    ]
    assert ax.get_ylabel() == "KPI (unit): baseline mean -> variant mean"
    assert "%" in ax.get_xlabel()
    flow = plotting.plot_comparison(comparison, [("flow", "goods_west", "delivered_t_per_yr")])
    assert flow.get_yticklabels()[0].get_text().startswith("goods_west: delivered (t/yr)\n")
    (flow_dot,) = flow.collections[-1:]
    row = d[(d["subject"] == "goods_west") & (d["kpi"] == "delivered_t_per_yr")].iloc[0]
    assert flow_dot.get_offsets()[0, 0] == pytest.approx(
        100 * row["difference"] / abs(row["baseline_mean"])
    )
    bounds = rows[["ci_low", "ci_high"]].to_numpy()
    for colour, (low, high) in zip(dots.get_facecolors(), bounds, strict=True):
        sure = low > 0 or high < 0  # the interval excludes no change
        assert tuple(colour) == to_rgba(_style.BLUE if sure else _style.GREY)
    assert ax.get_title("left") == "faster_ferries vs teaching_two_ports"
    with pytest.raises(ValueError, match="no KPI 'nonsense'"):
        plotting.plot_comparison(comparison, ["nonsense"])
