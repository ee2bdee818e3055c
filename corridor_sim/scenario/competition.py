"""Competing-corridor files: YAML in, a validated
:class:`~corridor_sim.model.competition.Journey` out.

The bundled file is ``scenarios/corridors_china_europe.yaml``; its format::

    name: china_europe
    label: China -> Europe
    currency: USD 2024
    flows: [cont_dostyk_poti, cont_altynkol_poti]   # the scenario's flows on this journey
    legs:                                 # the Middle Corridor journey outside the model
      china_inland: {transit: 4 day, price: 0 USD/TEU, co2: 50 kg/t, sources: [...]}
    alternatives:
      northern_rail:
        label: Rail through Russia
        transit: {low: 20 day, high: 32 day}
        price: {low: 2599 USD/FEU, high: 3121 USD/FEU}
        co2: 300 kg/t
        sources: [ey_titr_2024]

A figure is one quantity (``30 day``) or a span ``{low: ..., high: ...}``; time in any
time unit, price in ``USD`` per ``TEU`` or ``FEU`` (converted with
:data:`corridor_sim.units.TEU_PER_FEU`), CO2 as a mass per tonne of cargo (``kg/t``).

>>> journey = load_journey("corridors_china_europe")
>>> journey.label, sorted(journey.alternatives)[:2]
('China -> Europe', ['middle_corridor_published', 'northern_rail'])
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from corridor_sim import units
from corridor_sim.errors import ScenarioError
from corridor_sim.model.catalogue import FIRST_YEAR, LAST_YEAR
from corridor_sim.model.competition import Alternative, Journey, OutsideLeg, Span
from corridor_sim.scenario.bundled import bundled_dir
from corridor_sim.scenario.reader import Reader
from corridor_sim.scenario.yaml_io import parse_yaml, read_text

PREFIX = "corridors_"  # bundled journey files are scenarios/corridors_*.yaml
TOP_KEYS = ["name", "label", "description", "currency", "flows", "legs", "alternatives"]
LEG_KEYS = ["transit", "price", "co2", "sources", "note"]
ALTERNATIVE_KEYS = ["label", "transit", "price", "co2", "sources", "note", "reference"]
#: price and co2 of an alternative may be left out when no figure is published
#: what each figure is written in: key -> (dimension, engine units per reported unit, example)
FIGURES = {
    "transit": ("time", units.HOURS_PER_DAY, "20 day"),
    "price": ("money/TEU", 1.0, "1500 USD/TEU"),
    "co2": ("mass/mass", 1e-3, "250 kg/t"),
}
_CURRENCY = re.compile(r"^\s*(USD)\s+(\d{4})\s*$")


def bundled_journeys() -> list[str]:
    """Names of the bundled journey files (``scenarios/corridors_*.yaml``), sorted."""
    return sorted(p.stem for p in bundled_dir().glob(f"{PREFIX}*.yaml"))


def load_journey(path_or_name: str | Path) -> Journey:
    """Load and validate a journey file, or a bundled one by name
    (``load_journey("corridors_china_europe")``); a
    :class:`~corridor_sim.errors.ScenarioError` names the file, line and key of what is
    wrong and what is allowed."""
    path = Path(path_or_name)
    if not path.exists() and len(path.parts) == 1:
        stem = path.name.removesuffix(".yaml").removesuffix(".yml")
        names = bundled_journeys()
        if stem not in names:
            raise ScenarioError(
                f"no such file, nor a bundled journey (bundled: {', '.join(names)})",
                file=str(path),
            )
        path = bundled_dir() / f"{stem}.yaml"
    data = parse_yaml(read_text(path), file=str(path))
    if data is None:
        raise ScenarioError("file is empty; a journey needs flows and alternatives", file=str(path))
    return read_journey(data, name=path.stem, source=str(path))


def read_journey(mapping: Any, *, name: str = "journey", source: str | None = None) -> Journey:
    """Validate a journey mapping (as read from YAML) and build the journey."""
    r = Reader(mapping, "", source)
    r.check_keys(TOP_KEYS, required=["currency", "flows", "alternatives"])
    money = r.text("currency")
    m = _CURRENCY.match(money)
    if not m or not FIRST_YEAR <= int(m[2]) <= LAST_YEAR:
        r.fail("currency", f"must be USD and a price year, e.g. 'USD 2024' (got {money!r})")
    flows = []
    for path, item, _ in r.list("flows"):
        if not isinstance(item, str) or not item:
            r.fail("flows", f"{path} must be a flow name (got {item!r})")
        flows.append(item)
    legs = tuple(_leg(n, leg) for n, leg in r.items("legs")) if r.has("legs") else ()
    alternatives = {n: _alternative(n, a) for n, a in r.items("alternatives")}
    return r.build(
        Journey,
        name=str(r.raw("name", name)),
        label=str(r.raw("label", name)),
        currency=m[1],
        price_year=int(m[2]),
        flows=tuple(flows),
        legs=legs,
        alternatives=alternatives,
        description=str(r.raw("description", "")),
        source=source,
    )


def _figure(r: Reader, key: str, figure: str) -> float:
    """Value ``key`` of ``r``, a figure of kind ``figure`` (:data:`FIGURES`), in the units
    the model reports it in."""
    dimension, per, _ = FIGURES[figure]
    return r.check_quantity(r.raw(key), key, dimension, allow_zero=True).value / per


def _span(r: Reader, key: str) -> Span:
    """Figure ``key``: one quantity, or ``{low, high}``."""
    value = r.raw(key)
    if value is None:
        r.fail(None, f"missing required key {key!r} (e.g. {FIGURES[key][2]!r})")
    if isinstance(value, dict):
        s = r.sub(key)
        s.check_keys(["low", "high"], required=["low", "high"])
        return s.build(Span, _figure(s, "low", key), _figure(s, "high", key))
    figure = _figure(r, key, key)
    return Span(figure, figure)


def _sources(r: Reader) -> tuple[str, ...]:
    out = []
    for path, item, _ in r.list("sources", required=False):
        if not isinstance(item, str) or not item:
            r.fail("sources", f"{path} must be a key of the sources file (got {item!r})")
        out.append(item)
    return tuple(out)


def _leg(name: str, r: Reader) -> OutsideLeg:
    r.check_keys(LEG_KEYS, required=["transit", "price", "co2"])
    return r.build(
        OutsideLeg,
        name=name,
        transit_days=_figure(r, "transit", "transit"),
        price_usd_per_teu=_figure(r, "price", "price"),
        co2_kg_per_t=_figure(r, "co2", "co2"),
        sources=_sources(r),
        note=str(r.raw("note", "")),
    )


def _alternative(name: str, r: Reader) -> Alternative:
    r.check_keys(ALTERNATIVE_KEYS, required=["label", "transit"])
    reference = r.raw("reference", False)
    if not isinstance(reference, bool):
        r.fail("reference", f"must be true or false (got {reference!r})")
    return r.build(
        Alternative,
        name=name,
        label=r.text("label"),
        transit_days=_span(r, "transit"),
        price_usd_per_teu=_span(r, "price") if r.has("price") else None,
        co2_kg_per_t=_span(r, "co2") if r.has("co2") else None,
        sources=_sources(r),
        note=str(r.raw("note", "")),
        reference=reference,
    )
