"""Figures of a :class:`~corridor_sim.SimulationResult`, one public function per figure.

Each function draws on ``ax`` if given, else on a new figure, and returns the axes;
``ax.figure.savefig("name.png")`` (or ``.svg``, ``.pdf``) saves it. :func:`save_figures`
draws the standard set into a folder; :func:`corridor_sim.report.write_report` writes them,
with the headline tables and the scenario's sources, into one self-contained HTML file.

>>> import corridor_sim as cs
>>> from corridor_sim import plotting
>>> result = cs.simulate(cs.load_scenario(cs.bundled_path("teaching_two_ports")))
>>> ax = plotting.plot_utilisation(result)
>>> ax.get_xlabel()
'utilisation: share of capacity in use over the statistics period (%)'
"""

from corridor_sim.plotting.costs import plot_costs
from corridor_sim.plotting.experiments import plot_comparison, plot_saturation
from corridor_sim.plotting.figures import FORMATS, iter_figures, save_figures
from corridor_sim.plotting.network_map import plot_network
from corridor_sim.plotting.queues import plot_queues
from corridor_sim.plotting.routes import plot_route_split
from corridor_sim.plotting.throughput import plot_throughput
from corridor_sim.plotting.transit import plot_time_split, plot_transit_times
from corridor_sim.plotting.utilisation import plot_utilisation

__all__ = [
    "FORMATS",
    "iter_figures",
    "plot_comparison",
    "plot_costs",
    "plot_network",
    "plot_queues",
    "plot_route_split",
    "plot_saturation",
    "plot_throughput",
    "plot_time_split",
    "plot_transit_times",
    "plot_utilisation",
    "save_figures",
]

_MOVED = {"render_report", "write_report"}


def __getattr__(name: str) -> object:
    """``plotting.write_report`` and ``plotting.render_report`` moved to
    :mod:`corridor_sim.report`; the old names still work, with a warning."""
    if name in _MOVED:
        import warnings

        from corridor_sim import report

        warnings.warn(
            f"corridor_sim.plotting.{name} moved to corridor_sim.report.{name}",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(report, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
