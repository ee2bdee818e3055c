"""The version of corridor_sim (read by pyproject.toml and ``corridor-sim --version``)."""

__version__ = "0.1.0"
