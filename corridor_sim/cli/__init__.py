"""``corridor-sim``: the command line, a thin layer over the library.

:mod:`~corridor_sim.cli.main` holds ``run``, ``list``, ``validate`` and ``plot``;
:mod:`~corridor_sim.cli.experiments` the experiment commands. Exit codes: 0 success,
1 the simulation broke an invariant, 2 bad scenario or arguments.
"""

from corridor_sim.cli.main import main

__all__ = ["main"]
