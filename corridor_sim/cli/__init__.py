"""``corridor-sim``: the command line, a thin layer over the library.

:mod:`~corridor_sim.cli.main` holds ``run``, ``list``, ``validate``, ``plot`` and
``schema``; :mod:`~corridor_sim.cli.experiments` the experiment commands;
:mod:`~corridor_sim.cli.arguments` what every command accepts, checked as it is read.
Exit codes: 0 success, 1 the simulation broke an invariant, 2 bad scenario or arguments
(one line, no traceback).
"""

from corridor_sim.cli.main import main

__all__ = ["main"]
