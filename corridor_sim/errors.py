"""Exceptions raised by corridor_sim.

::

    CorridorSimError
     ├── ScenarioError     bad scenario input: names the file, line and key path
     │    └── TopologyError  the network cannot carry a flow (no route, dangling link)
     ├── SimulationError   the engine broke an invariant (e.g. mass balance)
     └── ResultError       a saved result folder is missing a file or cannot be read
"""

from __future__ import annotations


class CorridorSimError(Exception):
    """Base class of every error corridor_sim raises on purpose."""


class ScenarioError(CorridorSimError):
    """A scenario file or specification is invalid.

    The message reads ``file:line: key.path: what is wrong (got value)``; the parts are
    also kept as attributes for programs that want them.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str = "",
        file: str | None = None,
        line: int | None = None,
    ) -> None:
        self.reason = message
        self.key_path = path
        self.file = file
        self.line = line
        super().__init__(self._format())

    def _format(self) -> str:
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        key = f"{self.key_path}: " if self.key_path else ""
        return f"{where}{key}{self.reason}"

    def located(self, file: str | None, line: int | None = None) -> ScenarioError:
        """Return a copy of this error that names ``file`` (and ``line`` if unknown)."""
        return type(self)(
            self.reason,
            path=self.key_path,
            file=self.file or file,
            line=self.line if self.line is not None else line,
        )


class TopologyError(ScenarioError):
    """The network cannot carry a flow: no route, or a link to a missing node."""


class SimulationError(CorridorSimError):
    """The simulation broke one of its own invariants, such as the mass balance."""


class ResultError(CorridorSimError):
    """A folder of saved results (``SimulationResult.to_dir``) is missing or unreadable."""
