"""The standard set of figures of one result, drawn together and saved as files."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import cast

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from corridor_sim.plotting.costs import plot_costs
from corridor_sim.plotting.network_map import map_nodes, plot_network
from corridor_sim.plotting.queues import plot_queues
from corridor_sim.plotting.routes import plot_route_split
from corridor_sim.plotting.throughput import binding_element, plot_throughput
from corridor_sim.plotting.transit import plot_time_split, plot_transit_times
from corridor_sim.plotting.utilisation import plot_utilisation
from corridor_sim.results import SimulationResult

FORMATS = ("png", "svg", "pdf")
ZOOM_RADIUS_DEG = 8.0  # the zoomed map shows nodes this close to the binding element


def zoom_extent(result: SimulationResult) -> tuple[float, float, float, float] | None:
    """A map extent around the binding element (the nodes within about 8 degrees of it),
    or None if that would show nearly the whole network anyway or it has no position."""
    nodes = map_nodes(result)
    net = result.network.set_index("element")
    name = binding_element(result)
    ends = [name] if name in nodes.index else list(net.loc[name, ["from", "to"]].dropna())
    ends = [e for e in ends if e in nodes.index]
    if not ends:
        return None
    lon, lat = nodes.loc[ends, "lon"].mean(), nodes.loc[ends, "lat"].mean()
    dx = (nodes["lon"] - lon) * math.cos(math.radians(lat))
    near = nodes[(dx**2 + (nodes["lat"] - lat) ** 2) ** 0.5 <= ZOOM_RADIUS_DEG]
    west, east = near["lon"].min() - 1.0, near["lon"].max() + 1.0
    if (east - west) > 0.7 * (nodes["lon"].max() - nodes["lon"].min() + 3.0):
        return None
    return float(west), float(east), float(near["lat"].min() - 1.0), float(near["lat"].max() + 1.0)


def figure_makers(result: SimulationResult) -> dict[str, Callable[[], Axes]]:
    """Name -> function drawing that figure, for every figure of the standard set that
    ``result`` has the data for (maps need node positions)."""
    binding = binding_element(result)
    makers: dict[str, Callable[[], Axes]] = {}
    if len(result.network) and result.network["lon"].notna().any():
        makers["network_map"] = lambda: plot_network(result)
        zoom = zoom_extent(result)
        if zoom is not None:
            makers["network_map_zoom"] = lambda: plot_network(
                result, extent=zoom, title=f"Around the binding element, {binding}"
            )
    makers["utilisation"] = lambda: plot_utilisation(result)
    makers["queues"] = lambda: plot_queues(result)
    makers[f"throughput_{binding}"] = lambda: plot_throughput(result, binding)
    makers["transit_times"] = lambda: plot_transit_times(result)
    makers["time_split"] = lambda: plot_time_split(result)
    if len(result.routes):
        makers["route_split"] = lambda: plot_route_split(result)
    if len(result.costs):
        makers["costs"] = lambda: plot_costs(result)
    return makers


def iter_figures(result: SimulationResult) -> Iterator[tuple[str, Figure]]:
    """(name, figure) of every figure of the standard set, drawn one at a time."""
    for name, make in figure_makers(result).items():
        yield name, cast(Figure, make().figure)


def save_figures(
    result: SimulationResult,
    out: str | Path,
    *,
    fmt: str = "png",
    dpi: int = 150,
) -> list[Path]:
    """Draw the standard set of figures of ``result`` and save each into folder ``out``
    as ``<name>.<fmt>`` (png, svg or pdf); returns the paths written.

    The set: the network map (and a zoom on the binding element where the network is
    wide), utilisation ranking, queues over time, the binding element's throughput over
    time (with its capacity, ``result.elements.capacity_t_per_day``), transit-time
    distributions and where the transit time goes.
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(FORMATS)} (got {fmt!r})")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, fig in iter_figures(result):
        path = folder / f"{name}.{fmt}"
        fig.savefig(path, format=fmt, dpi=dpi, bbox_inches="tight")
        paths.append(path)
    return paths
