"""Changed copies of a scenario: a parameter set by its dotted path, all demand scaled,
or the corridor's reactions switched off (:func:`without_reaction`).

Paths address the scenario mapping (``scenario.raw``): keys joined by dots, list items by
``[i]``, e.g. ``links.aktau-alat.fleet[0].count`` or ``flows.wagons_kz_poti.volume``. The
copy is rebuilt with :func:`~corridor_sim.build_scenario`, so it is validated like a file.
The path ``demand`` is special: a multiplier of every flow's volume.

>>> import corridor_sim as cs
>>> base = cs.load_scenario(cs.bundled_path("teaching_two_ports"))
>>> more = override(base, {"links.port_a-port_b.fleet[0].count": 3, "demand": 1.5})
>>> flow = more.flows["goods_west"]
>>> len(more.links["port_a-port_b"].fleet), round(flow.volume_units_per_h * 8760)
(3, 15000)
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Mapping
from typing import Any

from corridor_sim.errors import ScenarioError
from corridor_sim.model.scenario import Scenario
from corridor_sim.scenario.build import build_scenario

DEMAND = "demand"
_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(path: str) -> list[str | int]:
    """``"a.b[2].c"`` -> ``["a", "b", 2, "c"]``."""
    tokens: list[str | int] = []
    pos = 0
    for m in _TOKEN.finditer(path):
        gap = path[pos : m.start()]
        if gap not in ("", "."):
            raise ScenarioError(f"cannot read path {path!r} near {gap!r}", path=path)
        tokens.append(int(m.group(2)) if m.group(2) is not None else m.group(1))
        pos = m.end()
    if not tokens or path[pos:]:
        raise ScenarioError(f"cannot read path {path!r}", path=path)
    return tokens


def set_path(mapping: dict[str, Any], path: str, value: Any) -> None:
    """Set ``path`` in ``mapping`` (in place) to ``value``; the last key may be new. A
    ``None`` value removes the key of a mapping, as ``null`` does in a file that
    overrides its ``base``."""
    tokens = parse_path(path)
    node: Any = mapping
    for i, token in enumerate(tokens[:-1]):
        here = ".".join(str(t) for t in tokens[:i]) or "the scenario"
        try:
            node = node[token]
        except (KeyError, IndexError, TypeError):
            raise ScenarioError(f"no {token!r} in {here}", path=path) from None
    last = tokens[-1]
    settable_item = isinstance(node, list) and isinstance(last, int) and last < len(node)
    if value is None and isinstance(node, dict) and isinstance(last, str):
        node.pop(last, None)
    elif settable_item or (isinstance(node, dict) and isinstance(last, str)):
        node[last] = value
    else:
        raise ScenarioError(f"cannot set {last!r} here", path=path)


def get_path(mapping: dict[str, Any], path: str) -> Any:
    """The value at ``path`` in ``mapping`` (KeyError if absent)."""
    node: Any = mapping
    for token in parse_path(path):
        node = node[token]
    return node


def with_warmup(scenario: Scenario, warmup_h: float | None) -> Scenario:
    """``scenario`` with its warm-up set to ``warmup_h`` hours (unchanged if None)."""
    if warmup_h is None:
        return scenario
    if warmup_h < 0:
        raise ValueError(f"warmup_h must be >= 0 (got {warmup_h})")
    settings = dataclasses.replace(scenario.settings, warmup_h=float(warmup_h))
    return dataclasses.replace(scenario, settings=settings)


def scale_demand(scenario: Scenario, factor: float) -> Scenario:
    """A copy of ``scenario`` with every flow's volume multiplied by ``factor``."""
    if not factor >= 0:
        raise ValueError(f"demand multiplier must be >= 0 (got {factor})")
    flows = {
        name: dataclasses.replace(f, volume_units_per_h=f.volume_units_per_h * factor)
        for name, f in scenario.flows.items()
    }
    return dataclasses.replace(scenario, flows=flows)


def _rebuilt(scenario: Scenario, raw: dict[str, Any], *, settings: bool = True) -> Scenario:
    """``raw`` built and validated as ``scenario``'s successor; with ``settings``, the
    scenario's own time settings are kept (they may have been changed with
    ``dataclasses.replace``, e.g. a shorter horizon, which ``raw`` does not know)."""
    out = build_scenario(raw, name=str(raw.get("name", scenario.name)), source=scenario.source)
    if settings and out.settings != scenario.settings:
        out = dataclasses.replace(out, settings=scenario.settings)
    return out


def override(scenario: Scenario, changes: Mapping[str, Any]) -> Scenario:
    """A copy of ``scenario`` with each ``path: value`` of ``changes`` applied (``demand``
    scales all flows), rebuilt from its mapping and validated. Of the changes made to
    ``scenario`` with ``dataclasses.replace``, only its time settings (horizon, warm-up,
    seed, start) are kept, unless a path of ``changes`` sets one (``simulation...``)."""
    paths = {p: v for p, v in changes.items() if p != DEMAND}
    out = scenario
    if paths:
        if not scenario.raw:
            raise ScenarioError(
                f"scenario {scenario.name!r} keeps no mapping (raw) to override; "
                "build it with load_scenario or build_scenario"
            )
        raw = copy.deepcopy(scenario.raw)
        raw.setdefault("name", scenario.name)
        for path, value in paths.items():
            set_path(raw, path, value)
        timed = any(p.startswith("simulation") for p in paths)
        out = _rebuilt(scenario, raw, settings=not timed)
    if DEMAND in changes:
        out = scale_demand(out, float(changes[DEMAND]))
    return out


def without_reaction(scenario: Scenario) -> Scenario:
    """A copy of ``scenario`` in which the corridor does not react: every flow splits
    over its routes in fixed proportions, its nominal shares
    (:attr:`~corridor_sim.model.demand.FlowSpec.legs`: the published split where the
    scenario gives one), and never leaves for an outside option; no railway embargoes a
    node; no fleet pool moves a vessel. What the corridor did before route choice, to
    compare with it (``corridor_sim.compare(without_reaction(s), s)``). Its name is the
    scenario's with ``_without_reaction`` added; it keeps the scenario's time settings.

    Raises :class:`ScenarioError` if the scenario keeps no mapping (``raw``)."""
    if not scenario.raw:
        raise ScenarioError(
            f"scenario {scenario.name!r} keeps no mapping (raw) to change; "
            "build it with load_scenario or build_scenario"
        )
    raw = copy.deepcopy(scenario.raw)
    raw.pop("fleet_pools", None)
    for node in raw.get("nodes", {}).values():
        if isinstance(node, dict):
            node.pop("embargo", None)
    for name, spec in scenario.flows.items():
        flow = raw.get("flows", {}).get(name)
        if not isinstance(flow, dict) or spec.is_empty_return:
            continue
        flow.pop("outside", None)
        if not spec.routes:
            flow.pop("choice", None)
            continue
        flow["choice"] = {"rule": "shares"}
        flow["routes"] = [
            {
                "label": option.label,
                "route": list(option.path[0::2]),
                "via": list(option.path[1::2]),
                "share": f"{100 * share!r} %",
            }
            for option, (_, share) in zip(spec.options, spec.legs, strict=True)
        ]
    return _rebuilt(scenario, {**raw, "name": f"{scenario.name}_without_reaction"})
