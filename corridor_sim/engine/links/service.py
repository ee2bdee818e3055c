"""What a vessel asks of the sea link it serves and of the cargo waiting at a port: the
protocols :class:`~.vessel.Vessel` is written against, so that it never imports
:mod:`~.sea` or :mod:`~.quay`, which build on it (:class:`~.sea.Sea` and
:class:`~.quay.SeaLane` are the one implementation of each)."""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, Any, Protocol

import simpy

from corridor_sim.engine.consignment import Consignment
from corridor_sim.engine.context import RunContext
from corridor_sim.engine.links.logbook import Tracer
from corridor_sim.model.fleet import SeaLink

if TYPE_CHECKING:
    from corridor_sim.engine.links.vessel import Vessel


class Quay(Protocol):
    """The cargo waiting at one port of a sea link (:class:`~.quay.SeaLane`), as a vessel
    sees it."""

    def has_cargo_for(self, vessel: Vessel) -> bool: ...

    def share_for(self, vessel: Vessel) -> float: ...

    def keep(self, vessel: Vessel) -> None: ...

    def release(self, vessel: Vessel) -> bool: ...

    def take(self, vessel: Vessel, room: float) -> tuple[list[Consignment], float]: ...

    def open_sailing(self, vessel: Vessel) -> None: ...

    def close_sailing(self, vessel: Vessel, delay_h: float | None) -> None: ...


class Gate(Protocol):
    """A port or a sea link, as a vessel waiting for it to open sees it."""

    @property
    def is_open(self) -> bool: ...

    def when_open(self) -> simpy.Event: ...


class Service(Gate, Tracer, Protocol):
    """What a vessel asks of the sea link it serves (:class:`~.sea.Sea`): its spec, its
    two ports and the cargo waiting at each, and to be told when cargo comes; and, for
    its logbook, its clock and activity trace (:class:`~.logbook.Tracer`)."""

    @property
    def ctx(self) -> RunContext: ...

    @property
    def spec(self) -> SeaLink: ...

    @property
    def vessels(self) -> list[Vessel]: ...

    def side(self, port_index: int) -> Quay: ...

    def cargo_arrives(self, *, free: bool = False) -> simpy.Event: ...

    def signal_cargo(self, *, kept: bool = False) -> None: ...

    def unload(
        self, port_index: int, batch: list[Consignment]
    ) -> Generator[simpy.Event, Any, None]: ...

    def leave(self, vessel: Vessel) -> None: ...

    def join(self, vessel: Vessel) -> None: ...
