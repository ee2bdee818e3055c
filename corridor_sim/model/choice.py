"""Route choice: the routes a flow may take, the competing corridors outside the model,
and the rule that picks between them.

A flow with one route follows it, as before. A flow with several
(:attr:`~corridor_sim.model.demand.FlowSpec.routes`) decides, one consignment (a train,
a parcel, a truck) at a time, at each node where its routes part (its decision nodes),
by a :class:`RouteChoice` rule:

- ``shares``: at random in fixed proportions (each route's ``share``);
- ``least_time``: the route with the least expected time from the model's state now
  (queues ahead, service, travel, the wait for the next train or vessel);
- ``logit``: at random, route ``i`` with probability proportional to
  ``exp(-T_i / scale)``, ``T_i`` its expected door-to-door time. This is the
  multinomial logit on generalised cost ``VOT x T`` with dispersion ``1 / (VOT x scale)``:
  ``scale`` is the time difference that makes one route e (2.718) times likelier than
  another, so a small scale is nearly ``least_time`` and a large one nearly an even split;
- ``pivot``: the incremental (pivot-point) logit (Koppelman 1983, *Transp. Res. Record*
  944): route ``i`` with probability proportional to ``s_i exp(-(T_i - T0_i) / scale)``,
  ``s_i`` its share (an observed split) and ``T0_i`` its expected time with every queue
  empty. With no queues the cargo splits as observed, whatever made it so (tariffs,
  contracts, rolling stock the model does not know); each ``scale`` of delay above its
  free-flow time cuts a route's odds by e. Against an outside option the corridor counts
  as one alternative at its shares-weighted free-flow time plus its routes' delays (a
  nested logit with the corridor's routes in one nest). Every route needs a share above
  zero: a pivot cannot create traffic a route never had (use ``logit``).

An :class:`OutsideOption` (another corridor: the Northern route through Russia, the sea
route through Suez) is chosen at the origin like a route, its expected time the mean of
its transit distribution; cargo that takes it leaves the model as diverted.

Money (``RouteChoice.money``, opt-in): the rules above compare time only. With money on,
each option's value is its *generalised cost* in hours,
``G_i = T_i + M_i / VOT``: ``M_i`` the money a unit pays on it (a route's link tariffs +
node charges for the flow's commodity, :meth:`Costs.route_usd
<corridor_sim.model.costs.Costs.route_usd>`, the sums the cost tables use; an outside
option's ``cost``), ``VOT`` the cargo's time value (USD per unit-hour, the costs
section's ``time_value``). That is the usual generalised cost ``GC = VOT x T + M``
(e.g. Ortuzar & Willumsen, *Modelling Transport*, 4th ed. 2011) divided by
``VOT``, so that ``scale`` stays in hours: ``least_time``, ``logit`` and ``pivot`` put
``G`` where they had ``T`` (and ``G0_i = T0_i + M_i / VOT`` for the pivot's free-flow
value).
A route's fixed money cancels in the pivot between the model's own routes
(``G_i - G0_i = T_i - T0_i``: the shares already reflect the tariffs), but counts in the
corridor's value against an outside option. Carbon is left out: a shipper pays it only
where it is taxed, and then it is in the tariff.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from corridor_sim.model import checks
from corridor_sim.model.costs import Costs
from corridor_sim.model.distributions import Distribution

CHOICE_RULES = ("shares", "least_time", "logit", "pivot")
#: why an outside option needs a cost when the choice counts money
COST_NEEDED = (
    "is needed when the choice counts money (choice.money): what a unit pays on this "
    "corridor, e.g. '1800 USD/TEU'"
)
#: shares must sum to one within this
SHARE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class RouteOption:
    """One route of a flow: ``path`` alternates node and link names from the flow's
    origin to its destination; ``label`` names it in results (e.g. ``"via aktau"``);
    ``share`` (0-1) is its fixed share under rule ``shares`` and its nominal share of the
    flow in the analytic capacity bounds (None: an even split of what no share claims).
    """

    path: tuple[str, ...]
    label: str
    share: float | None = None

    def __post_init__(self) -> None:
        checks.text(self.label, "label")
        if self.share is not None:
            checks.number(self.share, "share", ge=0.0, le=1.0)


@dataclass(frozen=True)
class OutsideOption:
    """A competing corridor a flow's cargo may take instead, outside the model.

    ``transit`` is the door-to-door time on it (a distribution of hours; its mean is what
    the choice rules compare); ``share`` is its fixed share under rule ``shares``;
    ``cost_usd_per_unit`` what a unit of the flow's commodity pays on it, USD (needed
    when the choice counts money, :attr:`RouteChoice.money`).
    """

    name: str
    transit: Distribution
    share: float | None = None
    description: str = ""
    cost_usd_per_unit: float | None = None

    def __post_init__(self) -> None:
        checks.name(self.name, "name")
        checks.instance(self.transit, Distribution, "a Distribution", "transit")
        if self.share is not None:
            checks.number(self.share, "share", ge=0.0, le=1.0)
        if self.cost_usd_per_unit is not None:
            checks.non_negative(self.cost_usd_per_unit, "cost_usd_per_unit")


@dataclass(frozen=True)
class RouteChoice:
    """How a flow picks its route (:data:`CHOICE_RULES`); ``scale_h`` is the logit's
    scale, hours (required by ``logit`` and ``pivot`` only); ``money``: compare the
    generalised cost (time + money / time value, hours; see the module docstring)
    instead of time (rules ``least_time``, ``logit`` and ``pivot``)."""

    rule: str = "shares"
    scale_h: float | None = None
    money: bool = False

    def __post_init__(self) -> None:
        checks.choice(self.rule, CHOICE_RULES, "rule")
        if self.rule in ("logit", "pivot"):
            if self.scale_h is None:
                checks.fail("scale_h", f"rule {self.rule!r} needs a scale (hours), e.g. 2 days")
            checks.positive(self.scale_h, "scale_h")
        elif self.scale_h is not None:
            checks.fail(
                "scale_h", f"is used by rules 'logit' and 'pivot' only (rule is {self.rule!r})"
            )
        if not isinstance(self.money, bool):
            checks.fail("money", f"must be true or false (got {checks.show(self.money)})")
        if self.money and self.rule == "shares":
            checks.fail(
                "money", "is used by rules 'least_time', 'logit' and 'pivot' (rule is 'shares')"
            )


def check_shares(
    routes: tuple[RouteOption, ...], outside: tuple[OutsideOption, ...], rule: str | None
) -> None:
    """Under rule ``shares`` every route and outside option needs a share and they sum to
    one; under the other rules the routes' shares (nominal, for the analytic bounds) may
    be given for some and must not exceed one together."""
    shares = [r.share for r in routes] + [o.share for o in outside]
    given = [s for s in shares if s is not None]
    total = math.fsum(given)
    if rule == "shares":
        missing = [r.label for r in routes if r.share is None]
        missing += [o.name for o in outside if o.share is None]
        if missing:
            checks.fail("routes", f"rule 'shares' needs a share for {', '.join(missing)}")
        if abs(total - 1.0) > SHARE_TOLERANCE:
            checks.fail("routes", f"shares must sum to 100 % (got {total:.6g})")
    elif total > 1.0 + SHARE_TOLERANCE:
        checks.fail("routes", f"shares must not exceed 100 % together (got {total:.6g})")
    if rule == "pivot":
        for r, share in zip(routes, nominal_shares(routes), strict=True):
            if share <= 0:
                checks.fail(
                    "routes",
                    f"rule 'pivot' needs every route's share above 0 (route {r.label!r} has "
                    "none): a pivot cannot create traffic a route never had; use 'logit'",
                )


def nominal_shares(routes: tuple[RouteOption, ...]) -> tuple[float, ...]:
    """Each route's nominal share of the flow: its own share, or an even split of the
    rest among the routes without one (what the analytic capacity bounds load). Outside
    options are left out: without a fixed rule no share of the flow is known to leave."""
    given = math.fsum(r.share for r in routes if r.share is not None)
    free = [r for r in routes if r.share is None]
    rest = max(0.0, 1.0 - given) / len(free) if free else 0.0
    return tuple(r.share if r.share is not None else rest for r in routes)


def money_h(
    paths: Sequence[tuple[str, ...]],
    outside: Sequence[OutsideOption],
    commodity: str,
    costs: Costs | None,
    where: str = "",
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The money of each route (``paths``) and outside option of a flow carrying
    ``commodity``, in hours of the cargo's time: USD per unit / time value (USD per
    unit-hour). What the choice adds to each option's time when ``money`` is on.

    Raises :class:`~corridor_sim.errors.ScenarioError` (key paths under ``where``, the
    flow's: ``choice.money``, ``outside.<name>.cost``) without a ``costs`` section, a
    time value above 0 for ``commodity``, or an outside option's cost.
    """
    at = f"{where}." if where else ""
    if costs is None:
        checks.fail(
            f"{at}choice.money",
            "needs a 'costs' section with the cargo's time_value (money is divided by it)",
        )
    value = costs.time_value_usd_per_unit_h.get(commodity, 0.0)
    if value <= 0:
        checks.fail(
            f"{at}choice.money",
            f"needs costs.time_value.{commodity} above 0, USD per unit and day (money is "
            "divided by it, to hours), e.g. '40 USD/TEU/day'",
        )
    for o in outside:
        if o.cost_usd_per_unit is None:
            checks.fail(f"{at}outside.{o.name}.cost", COST_NEEDED)
    routes = tuple(costs.route_usd(p, commodity) / value for p in paths)
    return routes, tuple((o.cost_usd_per_unit or 0.0) / value for o in outside)
