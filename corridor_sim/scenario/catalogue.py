"""Investment catalogue files: YAML in, a validated
:class:`~corridor_sim.model.catalogue.Catalogue` out, and packages of its options applied
to a scenario.

The format is in ``docs/catalogue.md``; the bundled Middle Corridor catalogue is
``scenarios/catalogue_middle_corridor.yaml``.

>>> import corridor_sim as cs
>>> cat = load_catalogue("catalogue_middle_corridor")
>>> base = cs.load_scenario("middle_corridor_2024")
>>> more = apply_options(base, cat, ["akhalkalaki_station"])
>>> more.name, more.nodes["akhalkalaki"].servers
('middle_corridor_2024+akhalkalaki_station', 6)
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from corridor_sim.errors import ScenarioError
from corridor_sim.model.catalogue import FIRST_YEAR, LAST_YEAR, Catalogue, Option
from corridor_sim.model.scenario import Scenario
from corridor_sim.scenario.build import build_scenario
from corridor_sim.scenario.bundled import bundled_dir
from corridor_sim.scenario.reader import Reader
from corridor_sim.scenario.variants import get_path, parse_path, set_path
from corridor_sim.scenario.yaml_io import merge, parse_yaml, read_text

PREFIX = "catalogue_"  # bundled catalogue files are scenarios/catalogue_*.yaml
TOP_KEYS = ["name", "description", "currency", "scenario", "options"]
OPTION_KEYS = [
    "description",
    "capex",
    "opex",
    "available",
    "requires",
    "excludes",
    "sources",
    "changes",
    "adds",
    "extends",
]
ADD_SECTIONS = [
    "commodities",
    "nodes",
    "links",
    "flows",
    "fleet_pools",
    "locomotive_pools",
    "wagon_pools",
]
_CURRENCY = re.compile(r"^\s*([A-Z]{3})\s+(\d{4})\s*$")
_MONEY = re.compile(
    r"^\s*(?P<num>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(?P<scale>k|M|bn)?\s*"
    r"(?P<cur>[A-Za-z]{3})\s*(?P<per>/\s*(?:yr|year))?\s*$"
)
_SCALE = {None: 1.0, "k": 1e3, "M": 1e6, "bn": 1e9}


def bundled_catalogues() -> list[str]:
    """Names of the bundled catalogues (``scenarios/catalogue_*.yaml``), sorted."""
    return sorted(p.stem for p in bundled_dir().glob(f"{PREFIX}*.yaml"))


def _resolve(path_or_name: str | Path) -> Path:
    path = Path(path_or_name)
    if path.exists() or len(path.parts) > 1:
        return path
    stem = path.name.removesuffix(".yaml").removesuffix(".yml")
    names = bundled_catalogues()
    if stem not in names:
        raise ScenarioError(
            f"no such catalogue file, nor a bundled catalogue (bundled: {', '.join(names)})",
            file=str(path),
        )
    return bundled_dir() / f"{stem}.yaml"


def load_catalogue(path_or_name: str | Path) -> Catalogue:
    """Load and validate a catalogue file, or a bundled catalogue by name
    (``load_catalogue("catalogue_middle_corridor")``).

    Raises :class:`~corridor_sim.errors.ScenarioError` naming the file, line and key path
    (``options.<name>.capex``) of what is wrong and what is allowed.
    """
    path = _resolve(path_or_name)
    name = str(path)
    data = parse_yaml(read_text(path), file=name)
    if data is None:
        raise ScenarioError("file is empty; a catalogue needs currency and options", file=name)
    return read_catalogue(data, name=path.stem, source=name)


def read_catalogue(
    mapping: Any, *, name: str = "catalogue", source: str | None = None
) -> Catalogue:
    """Validate a catalogue mapping (as read from YAML) and build the catalogue."""
    r = Reader(mapping, "", source)
    r.check_keys(TOP_KEYS, required=["currency", "options"])
    money = r.text("currency")
    m = _CURRENCY.match(money)
    if not m or not FIRST_YEAR <= int(m[2]) <= LAST_YEAR:
        r.fail(
            "currency", f"must be a currency code and price year, e.g. 'USD 2024' (got {money!r})"
        )
    currency, price_year = m[1], int(m[2])
    options = {n: _read_option(n, o, currency) for n, o in r.items("options")}
    if not options:
        r.fail("options", "needs at least one option")
    return r.build(
        Catalogue,
        name=str(r.raw("name", name)),
        currency=currency,
        price_year=price_year,
        options=options,
        description=str(r.raw("description", "")),
        source=source,
    )


def _money(r: Reader, key: str, currency: str, *, per_year: bool) -> float:
    value = r.raw(key)
    unit = f"{currency}/yr" if per_year else currency
    example = f"'3e6 {unit}'" if per_year else f"'60e6 {unit}'"
    if value is None:
        r.fail(None, f"missing required key {key!r} (an amount such as {example})")
    m = _MONEY.match(value) if isinstance(value, str) else None
    if not m:
        r.fail(key, f"must be an amount of money such as {example} (got {value!r})")
    if m["cur"] != currency:
        r.fail(key, f"must be in the catalogue's currency {currency} (got {value!r})")
    if bool(m["per"]) != per_year:
        r.fail(key, f"must be in {unit} (got {value!r})")
    amount = float(m["num"]) * _SCALE[m["scale"]]
    if amount < 0:
        r.fail(key, f"must be >= 0 (got {value!r})")
    return amount


def _names(r: Reader, key: str) -> tuple[str, ...]:
    out = []
    for path, item, _ in r.list(key, required=False):
        if not isinstance(item, str) or not item:
            r.fail(key, f"{path} must be an option name (got {item!r})")
        out.append(item)
    return tuple(out)


def _read_option(name: str, r: Reader, currency: str) -> Option:
    r.check_keys(OPTION_KEYS, required=["capex", "opex", "available"])
    changes = _changes(r)
    adds = {}
    if r.has("adds"):
        a = r.sub("adds")
        a.check_keys(ADD_SECTIONS)
        adds = a.mapping
    extends: dict[str, tuple[Any, ...]] = {}
    if r.has("extends"):
        e = r.sub("extends")
        for path, items in e.mapping.items():
            _path(e, path)
            if not isinstance(items, list) or not items:
                e.fail(path, f"must be a list of items to append (got {items!r})")
            extends[path] = tuple(items)
    return r.build(
        Option,
        name=name,
        capex=_money(r, "capex", currency, per_year=False),
        opex_per_yr=_money(r, "opex", currency, per_year=True),
        available_year=r.count("available", minimum=FIRST_YEAR, maximum=LAST_YEAR),
        changes=changes,
        adds=adds,
        extends=extends,
        requires=_names(r, "requires"),
        excludes=_names(r, "excludes"),
        description=str(r.raw("description", "")),
        sources=_names(r, "sources"),
    )


def _path(r: Reader, path: Any) -> None:
    if not isinstance(path, str):
        r.fail(
            path, f"must be a dotted path such as links.aktau-alat.fleet[0].count (got {path!r})"
        )
    try:
        parse_path(path)
    except ScenarioError as exc:
        r.fail(path, exc.reason)


def _changes(r: Reader) -> dict[str, Any]:
    if not r.has("changes"):
        return {}
    c = r.sub("changes")
    for path in c.mapping:
        _path(c, path)
    return dict(c.mapping)


# -- applying options --------------------------------------------------------------------
def _apply_one(raw: dict[str, Any], option: Option) -> dict[str, Any]:
    """``raw`` with ``option``'s adds merged in, then its extends and changes applied."""
    here = f"option {option.name!r}"
    if option.adds:
        raw = merge(raw, copy.deepcopy(dict(option.adds)))
    for path, items in option.extends.items():
        try:
            target = get_path(raw, path)
        except (KeyError, IndexError, TypeError):
            raise ScenarioError(
                f"{here}: the scenario has no list here to extend", path=path
            ) from None
        if not isinstance(target, list):
            raise ScenarioError(
                f"{here}: extends a list, but the scenario has {type(target).__name__} here",
                path=path,
            )
        target.extend(copy.deepcopy(list(items)))
    for path, value in option.changes.items():
        try:
            set_path(raw, path, copy.deepcopy(value))
        except ScenarioError as exc:
            raise ScenarioError(f"{here}: {exc.reason}", path=path) from None
    return raw


def apply_options(
    scenario: Scenario, catalogue: Catalogue, names: Iterable[str], *, name: str | None = None
) -> Scenario:
    """``scenario`` with the package ``names`` of ``catalogue`` built in: each option's
    ``adds`` merged into the scenario's mapping (``scenario.raw``) as a file merges over
    its ``base:``, its ``extends`` appended, then its ``changes`` set, option by option
    in :meth:`Catalogue.ordered` order; the result is rebuilt and validated like a file
    and named ``<scenario>+<option>+...`` (or ``name``). It keeps ``scenario``'s time
    settings (which may have been shortened with ``dataclasses.replace``) unless an
    option changes ``simulation``. An empty package returns ``scenario`` itself.

    Raises :class:`ScenarioError` for an infeasible package (naming why), a path that
    does not apply (naming the option and path), or a scenario that no longer validates
    (naming the package).
    """
    options = catalogue.ordered(names)
    if not options:
        return scenario
    if not scenario.raw:
        raise ScenarioError(
            f"scenario {scenario.name!r} keeps no mapping (raw) to change; "
            "build it with load_scenario or build_scenario"
        )
    raw: dict[str, Any] = copy.deepcopy(scenario.raw)
    for option in options:
        raw = _apply_one(raw, option)
    package = "+".join(o.name for o in options)
    label = name or f"{scenario.name}+{package}"
    raw["name"] = label
    try:
        out = build_scenario(raw, name=label, source=scenario.source)
    except ScenarioError as exc:
        raise type(exc)(
            f"with options {package}: {exc.reason}", path=exc.key_path, file=exc.file, line=exc.line
        ) from None
    timed = any(p.startswith("simulation") for o in options for p in o.touches)
    if not timed and out.settings != scenario.settings:
        out = dataclasses.replace(out, settings=scenario.settings)
    return out


def check_against(catalogue: Catalogue, scenario: Scenario) -> dict[str, Scenario]:
    """Apply each option of ``catalogue`` (with the options it requires) to ``scenario``;
    the scenarios built, by option name. Raises one :class:`ScenarioError` listing every
    option that does not apply, with its path and reason."""
    built: dict[str, Scenario] = {}
    problems: list[str] = []
    for option in catalogue.names:
        try:
            built[option] = apply_options(
                scenario, catalogue, catalogue.with_requirements([option])
            )
        except ScenarioError as exc:
            problems.append(f"option {option!r}: {exc}")
    if problems:
        raise ScenarioError(
            f"{len(problems)} option(s) of catalogue {catalogue.name!r} do not apply to "
            f"scenario {scenario.name!r}:\n  " + "\n  ".join(problems),
            file=catalogue.source,
        )
    return built
