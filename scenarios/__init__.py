"""The bundled scenario files, shipped as package data ``corridor_sim.bundled``."""
