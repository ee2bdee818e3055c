"""Figures of a :class:`~corridor_sim.SimulationResult`, one public function per figure.

Each function draws on ``ax`` if given, else on a new figure, and returns the axes;
``ax.figure.savefig("name.png")`` (or ``.svg``, ``.pdf``) saves it.
"""
