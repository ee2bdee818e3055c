"""An investment catalogue: options a planner may buy, what each costs, and how they combine.

An :class:`Option` is a named investment (more ferries on a line, a port phase, a new
railway) with its capital cost, its yearly operating cost, the first year it can be in
service and what it does to a scenario, written as in a scenario file: ``changes`` (a
dotted path, as :func:`~corridor_sim.scenario.variants.override` and ``sweep`` take it,
set to a value), ``adds`` (a partial scenario merged in, as a file merges over its
``base:``) and ``extends`` (items appended to a list, e.g. a route added to a flow's
``routes``). Options may ``require`` or ``exclude`` each other. A :class:`Catalogue`
holds them with one currency and price year, and answers the questions a planner asks
of a package (a set of option names): is it allowed, what does it cost, in which order
are its options applied. Applying a package to a scenario needs the scenario layer:
:func:`corridor_sim.scenario.catalogue.apply_options`.

>>> path = "links.kuryk-alat.fleet[1].count"
>>> a = Option("ferries_2", capex=100e6, opex_per_yr=4e6, available_year=2027,
...            changes={path: 7})
>>> b = Option("ferries_4", capex=200e6, opex_per_yr=8e6, available_year=2028,
...            changes={path: 9}, excludes=("ferries_2",))
>>> cat = Catalogue("demo", "USD", 2024, {"ferries_2": a, "ferries_4": b})
>>> cat.why_not(["ferries_2", "ferries_4"])
"'ferries_4' excludes 'ferries_2'"
>>> cat.cost(["ferries_2"], years=2, discount_rate=0.0)
108000000.0
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from corridor_sim.errors import ScenarioError

FIRST_YEAR, LAST_YEAR = 1900, 2200


def _leaf_paths(mapping: Mapping[str, Any], prefix: str = "") -> Iterator[str]:
    """Dotted paths of the leaves of a nested mapping (a list is a leaf: lists replace)."""
    for key, value in mapping.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping) and value:
            yield from _leaf_paths(value, path)
        else:
            yield path


def _overlap(a: str, b: str) -> bool:
    """Whether paths ``a`` and ``b`` address the same value or one holds the other."""
    short, long = sorted((a, b), key=len)
    return long == short or long.startswith((short + ".", short + "["))


@dataclass(frozen=True)
class Option:
    """One investment; amounts in its catalogue's currency (see module docstring)."""

    name: str
    capex: float
    opex_per_yr: float
    available_year: int
    changes: Mapping[str, Any] = field(default_factory=dict)
    adds: Mapping[str, Any] = field(default_factory=dict)
    extends: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    description: str = ""
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        where = f"options.{self.name}"
        if not isinstance(self.name, str) or not self.name:
            raise ScenarioError(f"an option needs a name (got {self.name!r})", path="options")
        for key, value in (("capex", self.capex), ("opex", self.opex_per_yr)):
            if not (isinstance(value, int | float) and math.isfinite(value) and value >= 0):
                raise ScenarioError(f"must be >= 0 (got {value!r})", path=f"{where}.{key}")
        year = self.available_year
        if (
            isinstance(year, bool)
            or not isinstance(year, int)
            or not FIRST_YEAR <= year <= LAST_YEAR
        ):
            raise ScenarioError(
                f"must be a year from {FIRST_YEAR} to {LAST_YEAR} (got {year!r})",
                path=f"{where}.available",
            )
        for key, names in (("requires", self.requires), ("excludes", self.excludes)):
            if self.name in names:
                raise ScenarioError(
                    f"an option cannot name itself ({self.name!r})", path=f"{where}.{key}"
                )
        both = set(self.requires) & set(self.excludes)
        if both:
            raise ScenarioError(
                f"{sorted(both)[0]!r} is both required and excluded", path=f"{where}.excludes"
            )
        if not (self.changes or self.adds or self.extends):
            raise ScenarioError("changes nothing: give changes, adds or extends", path=where)

    @property
    def touches(self) -> tuple[str, ...]:
        """The scenario paths this option sets (its changes and the leaves of its adds);
        two options touching the same path must be ordered by ``requires`` or excluded."""
        return (*self.changes, *_leaf_paths(self.adds))


@dataclass(frozen=True)
class Catalogue:
    """Investment options, with money in ``currency`` at ``price_year`` prices.

    Built once and checked: every ``requires``/``excludes`` names an option, requirements
    have no cycle, each option with what it requires is a feasible package, and two
    options that set the same scenario path either exclude each other or one requires
    the other (so a package applies the same whatever order its names come in)."""

    name: str
    currency: str
    price_year: int
    options: Mapping[str, Option]
    description: str = ""
    source: str | None = None

    def __post_init__(self) -> None:
        for key, option in self.options.items():
            if key != option.name:
                raise ScenarioError(
                    f"keyed {key!r} but named {option.name!r}", path=f"options.{key}"
                )
            for kind, names in (("requires", option.requires), ("excludes", option.excludes)):
                for other in names:
                    if other not in self.options:
                        raise ScenarioError(
                            f"no option {other!r}{self._hint(other)}",
                            path=f"options.{key}.{kind}",
                        )
        for name in self.options:
            self._closure([name])
            problem = self.why_not(self.with_requirements([name]))
            if problem:
                raise ScenarioError(f"cannot be chosen: {problem}", path=f"options.{name}")
        self._check_overlaps()

    # -- structure --------------------------------------------------------------------
    @property
    def names(self) -> tuple[str, ...]:
        """The option names, in catalogue order."""
        return tuple(self.options)

    @property
    def money(self) -> str:
        """The unit of every amount: e.g. ``USD 2024``."""
        return f"{self.currency} {self.price_year}"

    def _hint(self, name: str) -> str:
        close = difflib.get_close_matches(name, list(self.options), n=3, cutoff=0.6)
        return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""

    def _closure(self, names: Iterable[str], path: tuple[str, ...] = ()) -> set[str]:
        """``names`` and all they require; ``path`` is the chain being expanded."""
        out: set[str] = set()
        for name in names:
            if name in path:
                cycle = " -> ".join((*path[path.index(name) :], name))
                raise ScenarioError(
                    f"requirements form a cycle: {cycle}", path=f"options.{name}.requires"
                )
            out.add(name)
            out |= self._closure(self.options[name].requires, (*path, name))
        return out

    def excluded(self, a: str, b: str) -> bool:
        """Whether options ``a`` and ``b`` exclude each other (either way round)."""
        return b in self.options[a].excludes or a in self.options[b].excludes

    def requires_all(self, name: str) -> set[str]:
        """Every option ``name`` needs, directly or through another (not itself)."""
        return self._closure(self.options[name].requires, (name,))

    def _check_overlaps(self) -> None:
        names = self.names
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                if self.excluded(a, b) or a in self.requires_all(b) or b in self.requires_all(a):
                    continue
                for p in self.options[a].touches:
                    for q in self.options[b].touches:
                        if _overlap(p, q):
                            raise ScenarioError(
                                f"options {a!r} and {b!r} both set {min(p, q, key=len)!r}; "
                                "make one require or exclude the other",
                                path=f"options.{b}",
                            )

    # -- packages ---------------------------------------------------------------------
    def unknown(self, names: Iterable[str]) -> list[str]:
        """The names that are not options of this catalogue."""
        return [n for n in names if n not in self.options]

    def why_not(self, names: Iterable[str], *, year: int | None = None) -> str | None:
        """Why the package ``names`` cannot be chosen (an unknown name, a missing
        requirement, two options that exclude each other, or, given ``year``, an option
        not available yet), or None if it can."""
        chosen = list(dict.fromkeys(names))
        for name in self.unknown(chosen):
            return f"no option {name!r}{self._hint(name)} (options: {', '.join(self.options)})"
        picked = set(chosen)
        for name in chosen:
            option = self.options[name]
            for need in option.requires:
                if need not in picked:
                    return f"{name!r} requires {need!r}"
            for other in chosen:
                if other in option.excludes:
                    return f"{name!r} excludes {other!r}"
            if year is not None and option.available_year > year:
                return f"{name!r} is available from {option.available_year}, not {year}"
        return None

    def feasible(self, names: Iterable[str], *, year: int | None = None) -> bool:
        """Whether the package ``names`` may be chosen (see :meth:`why_not`)."""
        return self.why_not(names, year=year) is None

    def check(self, names: Iterable[str], *, year: int | None = None) -> tuple[str, ...]:
        """``names`` as a tuple, or a :class:`ScenarioError` saying why it is not feasible."""
        chosen = tuple(dict.fromkeys(names))
        problem = self.why_not(chosen, year=year)
        if problem:
            raise ScenarioError(
                f"package {'+'.join(chosen) or '(none)'}: {problem}", path="options"
            )
        return chosen

    def with_requirements(self, names: Iterable[str]) -> tuple[str, ...]:
        """``names`` and every option they require, in catalogue order (unknown names
        are kept, for :meth:`why_not` to report)."""
        names = list(names)
        known = [n for n in names if n in self.options]
        wanted = self._closure(known) if known else set()
        return (*(n for n in self.options if n in wanted), *self.unknown(names))

    def ordered(self, names: Iterable[str]) -> tuple[Option, ...]:
        """The options of a feasible package in the order they are applied: each after
        those it requires, otherwise in catalogue order."""
        chosen = set(self.check(names))
        out: list[str] = []
        for name in self.options:
            if name in chosen:
                for need in (n for n in self.options if n in self.requires_all(name)):
                    if need not in out:
                        out.append(need)
                if name not in out:
                    out.append(name)
        return tuple(self.options[n] for n in out)

    def available(self, year: int) -> tuple[str, ...]:
        """The options in service by ``year``, in catalogue order."""
        return tuple(n for n, o in self.options.items() if o.available_year <= year)

    # -- money ------------------------------------------------------------------------
    def capex(self, names: Iterable[str]) -> float:
        """Total capital cost of the package, in :attr:`money`."""
        return float(sum(self.options[n].capex for n in self.check(names)))

    def opex(self, names: Iterable[str]) -> float:
        """Total operating cost of the package per year, in :attr:`money` a year."""
        return float(sum(self.options[n].opex_per_yr for n in self.check(names)))

    def cost(self, names: Iterable[str], years: int, *, discount_rate: float = 0.06) -> float:
        """Present value of the package over ``years`` years, in :attr:`money`: every
        capex paid now (year 0), each year's opex at the end of years 1 to ``years``,
        discounted at ``discount_rate`` a year (real, since amounts are at constant
        prices): ``capex + opex * sum((1 + r) ** -t for t in 1..years)``. The default
        6 % is a common real rate for transport appraisal (an estimate, not a source)."""
        chosen = self.check(names)
        if isinstance(years, bool) or not isinstance(years, int) or years < 0:
            raise ValueError(f"years must be a whole number >= 0 (got {years!r})")
        if not (math.isfinite(discount_rate) and discount_rate > -1):
            raise ValueError(f"discount_rate must be > -1 (got {discount_rate!r})")
        annuity = sum((1 + discount_rate) ** -t for t in range(1, years + 1))
        return self.capex(chosen) + self.opex(chosen) * annuity

    def annual_cost(
        self, names: Iterable[str], years: int, *, discount_rate: float = 0.06
    ) -> float:
        """Equivalent annual cost of the package, in :attr:`money` a year: the capex
        spread over ``years`` equal yearly payments by the capital recovery factor, plus
        the opex: ``capex * r / (1 - (1 + r) ** -years) + opex`` (``capex / years + opex``
        at ``r = 0``). Over ``years`` it has the present value of :meth:`cost`."""
        chosen = self.check(names)
        factor = capital_recovery_factor(discount_rate, years)
        return self.capex(chosen) * factor + self.opex(chosen)


def capital_recovery_factor(rate: float, years: int) -> float:
    """The yearly payment, at the end of each of ``years`` years, that repays 1 now at
    ``rate`` a year: ``r / (1 - (1 + r) ** -years)``, ``1 / years`` at ``r = 0``.

    >>> round(capital_recovery_factor(0.06, 25), 5)
    0.07823
    """
    if isinstance(years, bool) or not isinstance(years, int) or years < 1:
        raise ValueError(f"years must be a whole number >= 1 (got {years!r})")
    if not (math.isfinite(rate) and rate > -1):
        raise ValueError(f"discount_rate must be > -1 (got {rate!r})")
    if rate == 0:
        return 1.0 / years
    return rate / (1 - (1 + rate) ** -years)
