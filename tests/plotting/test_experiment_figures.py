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


def test_saturation_curve_shows_the_multiplier_its_interval_and_the_bound(sat, teaching):
    from corridor_sim.capacity.report import capacity

    bound = capacity(teaching)
    fig = plotting.plot_saturation(sat, capacity=bound)
    top, bottom = fig.axes
    assert top.get_ylabel() == "delivered / offered (tonnes)"
    assert bottom.get_ylabel() == "mean transit time (days)"
    assert bottom.get_xlabel() == "demand multiplier (x the scenario's volumes)"
    for ax, kpi in ((top, "delivered_ratio"), (bottom, "transit_mean_days")):
        (mean,) = [ln for ln in ax.lines if ln.get_label() == "mean over replications"]
        curve = sat.curve[sat.curve["kpi"] == kpi].sort_values("multiplier")
        np.testing.assert_allclose(mean.get_xdata(), curve["multiplier"])
        np.testing.assert_allclose(mean.get_ydata(), curve["mean"])
        (found,) = [ln for ln in ax.lines if ln.get_label().startswith("saturation ")]
        assert found.get_xdata()[0] == pytest.approx(sat.multiplier)
        (limit,) = [ln for ln in ax.lines if ln.get_label().startswith("analytic capacity")]
        assert limit.get_xdata()[0] == pytest.approx(bound.headroom)
    dots = sum(len(c.get_offsets()) for c in top.collections if "search run" in c.get_label())
    assert dots == len(sat.probes)
    assert sat.breaks_first in top.get_title("left")


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
    rows = comparison.differences.set_index("kpi").loc[
        ["delivered_t_per_yr", "delivered_ratio", "transit_mean_days", "in_system_t"]
    ]
    (dots,) = ax.collections[-1:]
    expected = 100 * rows["difference"] / rows["baseline_mean"].abs()
    np.testing.assert_allclose(dots.get_offsets()[:, 0], expected)
    labels = [t.get_text().split("\n")[0] for t in ax.get_yticklabels()]
    assert labels == list(rows.index)
    bounds = rows[["ci_low", "ci_high"]].to_numpy()
    for colour, (low, high) in zip(dots.get_facecolors(), bounds, strict=True):
        sure = low > 0 or high < 0  # the interval excludes no change
        assert tuple(colour) == to_rgba(_style.BLUE if sure else _style.GREY)
    assert ax.get_title("left") == "faster_ferries vs teaching_two_ports"
    with pytest.raises(ValueError, match="no KPI 'nonsense'"):
        plotting.plot_comparison(comparison, ["nonsense"])
