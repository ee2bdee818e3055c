"""The sea crossings' fleets: the vessels, their scheduled maintenance, and the sea link
they serve.

A sea link is a link (:class:`~corridor_sim.model.network.LinkSpec`) with a fleet, so this
module builds on :mod:`~corridor_sim.model.network` and never the other way round: the
rules that look at every kind of link at once (which links join two nodes and carry a
class of cargo) are in :mod:`~corridor_sim.model.routes`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from corridor_sim.model import checks
from corridor_sim.model.cargo import HANDLING_CLASSES
from corridor_sim.model.draft import Draft
from corridor_sim.model.network import BERTH_TYPES, LinkSpec

VESSEL_HOMES = ("from", "to")
#: where a vessel with cargo aboard waits for more (``departure.wait_at``)
WAIT_AT = ("anchorage", "berth")


@dataclass(frozen=True)
class Maintenance:
    """Scheduled maintenance (drydock, class survey) of a vessel: out of service for
    ``duration_h`` every ``every_h``. The link staggers its vessels' dates
    (:meth:`SeaLink.maintenance_offset_h`)."""

    every_h: float
    duration_h: float

    def __post_init__(self) -> None:
        every = checks.positive(self.every_h, "every_h")
        duration = checks.positive(self.duration_h, "duration_h")
        if duration >= every:
            checks.fail("duration_h", f"must be < every_h {every:g} (got {self.duration_h!r})")

    @property
    def share(self) -> float:
        """Share of the time out of service."""
        return self.duration_h / self.every_h


@dataclass(frozen=True)
class VesselSpec:
    """One vessel: the berth type it uses, capacity per handling class, speed in km/h.

    How much of its capacity it may load comes from its ``draft`` (design draft,
    deadweight and tare per class; the load then depends on the ports' depth on the call
    date), or from ``load_factor`` (share per class; classes not given take the sea
    link's), not both.

    Raises :class:`~corridor_sim.errors.ScenarioError` naming the field if a value is out
    of range (a capacity is at least one unit; ``home`` is ``from`` or ``to``).
    """

    name: str
    berth: str
    capacity: dict[str, float]
    speed_kmh: float
    home: str = "from"
    maintenance: Maintenance | None = None
    draft: Draft | None = None
    load_factor: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        checks.name(self.name, "name")
        checks.choice(self.berth, BERTH_TYPES, "berth")
        checks.amounts(self.capacity, "capacity", HANDLING_CLASSES, minimum=1.0, required=True)
        checks.positive(self.speed_kmh, "speed_kmh")
        checks.choice(self.home, VESSEL_HOMES, "home")
        if self.maintenance is not None:
            checks.instance(self.maintenance, Maintenance, "a Maintenance or None", "maintenance")
        _check_factors(self.load_factor, "load_factor", self.capacity)
        if self.draft is not None:
            checks.instance(self.draft, Draft, "a Draft or None", "draft")
            if self.load_factor:
                checks.fail("load_factor", "give either draft or load_factor, not both")
            for cls in self.draft.tare_t:
                if cls not in self.capacity:
                    checks.fail(f"draft.tare_t.{cls}", f"the vessel carries no {cls!r}")


@dataclass(frozen=True)
class SeaLink(LinkSpec):
    """A sea crossing served by a fleet shuttling between ``origin`` and ``destination``.

    ``load_factor`` scales every vessel's capacity (the draft limit of the falling
    Caspian); ``class_load_factor`` overrides it per handling class. A vessel with its
    own ``draft`` or ``load_factor`` uses that instead (:meth:`load_factors`); a link
    with a vessel loading by draft may not set a load factor. Vessels sail when full,
    ``max_wait_h`` after they were ready to load, or at slots ``every_h`` apart; until
    then a vessel with cargo aboard waits at anchorage (``wait_at="anchorage"``, the berth
    is free for others) or on its berth (``wait_at="berth"``). A sailing of a scheduled
    link is on time if it leaves within ``on_time_within_h`` of its slot, before or after
    (the schedule-reliability KPI; see :mod:`corridor_sim.engine.links.schedule`).
    """

    distance_km: float = 0.0
    fleet: tuple[VesselSpec, ...] = ()
    load_factor: float = 1.0
    class_load_factor: dict[str, float] = field(default_factory=dict)
    max_wait_h: float | None = 24.0
    every_h: float | None = None
    wait_at: str = "anchorage"
    on_time_within_h: float = 24.0

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_kind("sea")
        checks.positive(self.distance_km, "distance_km")
        fleet = self.fleet
        if not isinstance(fleet, tuple):
            checks.fail(
                "fleet",
                f"must be a tuple of VesselSpec (got {type(fleet).__name__} {checks.show(fleet)})",
            )
        if not fleet:
            checks.fail("fleet", "needs at least one vessel")
        seen: set[str] = set()
        for i, vessel in enumerate(fleet):
            checks.instance(vessel, VesselSpec, "a VesselSpec", f"fleet[{i}]")
            if vessel.name in seen:
                checks.fail(f"fleet[{i}].name", f"vessel name {vessel.name!r} is used twice")
            seen.add(vessel.name)
        checks.number(self.load_factor, "load_factor", gt=0.0, le=1.0)
        _check_factors(self.class_load_factor, "class_load_factor", HANDLING_CLASSES)
        explicit = self.load_factor != 1.0 or self.class_load_factor
        drafted = [v.name for v in fleet if v.draft is not None]
        if explicit and drafted:
            checks.fail(
                "load_factor",
                f"give either a load factor or the vessels' draft, not both "
                f"(vessels loading by draft: {', '.join(drafted)})",
            )
        if self.max_wait_h is not None:
            checks.non_negative(self.max_wait_h, "max_wait_h")
        if self.every_h is not None:
            checks.positive(self.every_h, "every_h")
        if self.max_wait_h is None and self.every_h is None:
            checks.fail("every_h", "give max_wait_h, every_h or both (both are None)")
        checks.choice(self.wait_at, WAIT_AT, "wait_at")
        checks.non_negative(self.on_time_within_h, "on_time_within_h")

    def maintenance_offset_h(self, index: int) -> float:
        """When vessel ``fleet[index]`` first goes to maintenance, hours from t = 0: the
        vessels with maintenance are staggered, the i-th of n at i/n of its period."""
        planned = [i for i, v in enumerate(self.fleet) if v.maintenance is not None]
        m = self.fleet[index].maintenance
        if m is None:
            return float("inf")
        return m.every_h * planned.index(index) / len(planned)

    def load_factors(
        self, vessel: VesselSpec, draft_m: float, cargo_t: Mapping[str, float]
    ) -> dict[str, float]:
        """Share of ``vessel``'s capacity it may load, per handling class, when the
        usable draft is ``draft_m`` (m; ``math.inf`` for no limit) and the heaviest unit
        of each class carries ``cargo_t`` tonnes of cargo."""
        if vessel.draft is not None:
            return vessel.draft.factors(vessel.capacity, draft_m, cargo_t)
        link = self.class_load_factor
        return {
            cls: vessel.load_factor.get(cls, link.get(cls, self.load_factor))
            for cls in vessel.capacity
        }

    def sailing_time_h(self, vessel: VesselSpec) -> float:
        """Hours at sea for one crossing by ``vessel``."""
        return self.distance_km / vessel.speed_kmh

    def expected_time_h(self) -> float:
        return min(self.sailing_time_h(v) for v in self.fleet) if self.fleet else 0.0


def _check_factors(value: object, path: str, classes: Collection[str]) -> None:
    """Load factors per handling class: shares > 0 and <= 1 of classes in ``classes``."""
    if not isinstance(value, dict):
        checks.fail(path, f"must be a dict (got {type(value).__name__} {checks.show(value)})")
    for cls, share in value.items():
        if cls not in classes:
            checks.fail(path, f"unknown class {checks.show(cls)}; allowed: {', '.join(classes)}")
        checks.number(share, f"{path}.{cls}", gt=0.0, le=1.0)
