"""Mutations of scenario files for the fuzzer (``test_fuzz.py``).

Tree mutations parse a bundled file, change one place in it and write it back as YAML;
text mutations damage the text itself. Every mutation is a function of a seeded
``random.Random``, so a case is reproduced from its number.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable
from typing import Any

import yaml

Tree = Any
Path = tuple[Any, ...]

#: values of the wrong type, and numbers that are wrong in size or sign
JUNK = [
    None,
    True,
    0,
    -1,
    1.5,
    "",
    "text",
    [],
    {},
    [1, 2],
    {"a": 1},
    "[a, b",
    2**70,
    -(2**70),
    math.nan,
    math.inf,
    -math.inf,
    "1e999",
]
NUMBERS = ["-{}", "0", "-0", "nan", "inf", "-inf", "1e308", "1e400", "5e-324", "{}e30", "0x10"]
UNITS = ["furlong", "knots", "kn/h", "TEU/yr/yr", "", "h h", "%%", "bbl/TEU", "wagon/kg", "ÅÅ"]


def places(tree: Tree, path: Path = ()) -> list[Path]:
    """Every key path in ``tree`` (mapping keys and list indices), depth first."""
    out = [path]
    if isinstance(tree, dict):
        for key, value in tree.items():
            out += places(value, (*path, key))
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            out += places(value, (*path, i))
    return out


def get(tree: Tree, path: Path) -> Any:
    for key in path:
        tree = tree[key]
    return tree


def put(tree: Tree, path: Path, value: Any) -> None:
    get(tree, path[:-1])[path[-1]] = value


def names(tree: Tree, section: str) -> list[str]:
    value = tree.get(section) if isinstance(tree, dict) else None
    return list(value) if isinstance(value, dict) else []


# -- tree mutations: each returns a description and changes ``tree`` in place ----------
def delete_key(tree: Tree, rng: random.Random) -> str:
    path = rng.choice([p for p in places(tree) if p])
    parent = get(tree, path[:-1])
    if isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent.pop(path[-1])
    return f"delete {path}"


def rename_key(tree: Tree, rng: random.Random) -> str:
    paths = [p for p in places(tree) if p and isinstance(get(tree, p[:-1]), dict)]
    path = rng.choice(paths)
    parent = get(tree, path[:-1])
    new = rng.choice([path[-1] + "x", path[-1].upper(), "", " ", "a.b", 7, *list(parent)])
    items = [(new if k == path[-1] else k, v) for k, v in parent.items()]
    parent.clear()
    parent.update(items)  # renaming onto a sibling drops one of the two
    return f"rename {path} -> {new!r}"


def wrong_type(tree: Tree, rng: random.Random) -> str:
    path = rng.choice([p for p in places(tree) if p])
    value = rng.choice(JUNK)
    put(tree, path, value)
    return f"set {path} = {value!r}"


def bad_number(tree: Tree, rng: random.Random) -> str:
    """A quantity's or a count's number made negative, zero, NaN, infinite or huge."""
    paths = [
        p
        for p in places(tree)
        if p and isinstance(get(tree, p), int | float | str) and not isinstance(get(tree, p), bool)
    ]
    numeric = [
        p
        for p in paths
        if isinstance(get(tree, p), int | float) or re.match(r"^\s*[-+0-9.]", str(get(tree, p)))
    ]
    path = rng.choice(numeric or paths)
    value = get(tree, path)
    pattern = rng.choice(NUMBERS)
    if isinstance(value, str) and " " in value:
        number, unit = value.split(" ", 1)
        new: Any = pattern.format(number) + " " + unit
    elif isinstance(value, int | float):
        new = rng.choice([-value - 1, 0, -0.0, math.nan, math.inf, 10**30, 1e-300, -1e308])
    else:
        new = pattern.format(value)
    put(tree, path, new)
    return f"number {path}: {value!r} -> {new!r}"


def bad_unit(tree: Tree, rng: random.Random) -> str:
    paths = [
        p
        for p in places(tree)
        if p
        and isinstance(get(tree, p), str)
        and re.match(r"^\s*[-0-9.]+(e\d+)?\s+\S", get(tree, p))
    ]
    path = rng.choice(paths)
    number = get(tree, path).split()[0]
    new = f"{number} {rng.choice(UNITS)}".strip()
    put(tree, path, new)
    return f"unit {path} -> {new!r}"


def dangling(tree: Tree, rng: random.Random) -> str:
    """A reference to a node, link or commodity that does not exist."""
    refs = []
    for p in places(tree):
        if len(p) >= 2 and p[0] in ("links", "flows", "disruptions"):
            value = get(tree, p)
            known = set(names(tree, "nodes")) | set(names(tree, "links"))
            known |= set(names(tree, "commodities"))
            if isinstance(value, str) and value in known:
                refs.append(p)
    if not refs:
        return wrong_type(tree, rng)
    path = rng.choice(refs)
    put(tree, path, rng.choice(["nowhere", "", get(tree, path).upper(), "aktau-alat-x"]))
    return f"dangling {path}"


def cyclic_route(tree: Tree, rng: random.Random) -> str:
    flows = [f for f in names(tree, "flows") if isinstance(tree["flows"][f].get("route"), list)]
    if not flows:
        return delete_key(tree, rng)
    route = tree["flows"][rng.choice(flows)]["route"]
    i = rng.randrange(len(route))
    j = rng.randrange(len(route))
    route.insert(j, route[i])  # visits a node twice
    return f"cycle in route: {route}"


def duplicate_entry(tree: Tree, rng: random.Random) -> str:
    """Duplicate a list item (a vessel, a disruption, a route stop)."""
    lists = [p for p in places(tree) if isinstance(get(tree, p), list) and get(tree, p)]
    if not lists:
        return delete_key(tree, rng)
    path = rng.choice(lists)
    items = get(tree, path)
    items.insert(rng.randrange(len(items) + 1), rng.choice(items))
    return f"duplicate item in {path}"


TREE_MUTATIONS: list[Callable[[Tree, random.Random], str]] = [
    delete_key,
    rename_key,
    wrong_type,
    bad_number,
    bad_unit,
    dangling,
    cyclic_route,
    duplicate_entry,
]


def mutate_tree(text: str, rng: random.Random) -> tuple[str, str]:
    """Apply one to three tree mutations to the YAML ``text``; new text and what was done."""
    tree = yaml.load(text, Loader=yaml.CSafeLoader)  # libyaml: the fuzzer's own parsing is fast
    done = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        mutation = rng.choice(TREE_MUTATIONS)
        try:
            done.append(mutation(tree, rng))
        except (IndexError, KeyError, TypeError, AttributeError):
            done.append(f"{mutation.__name__}: nothing to change")  # an earlier one took it
    out = yaml.dump(tree, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
    return out, "; ".join(done)


# -- text mutations ----------------------------------------------------------------
def duplicate_line(text: str, rng: random.Random) -> tuple[str, str]:
    """Repeat a ``key: value`` line at the same indent: a duplicate key."""
    lines = text.splitlines(keepends=True)
    keyed = [i for i, line in enumerate(lines) if re.match(r"^\s*[\w-]+:\s*\S", line)]
    i = rng.choice(keyed)
    lines.insert(i + 1, lines[i])
    return "".join(lines), f"duplicate line {i + 1}"


def truncate(text: str, rng: random.Random) -> tuple[str, str]:
    cut = rng.randrange(len(text))
    return text[:cut], f"truncated at {cut}"


def inject(text: str, rng: random.Random) -> tuple[str, str]:
    """Insert YAML-breaking characters at a random place."""
    junk = rng.choice(["[", "{", '"', "'", ": :", "\t", "- ", "&a", "*b", "!!", "%", "@", "`"])
    at = rng.randrange(len(text))
    return text[:at] + junk + text[at:], f"inserted {junk!r} at {at}"


def flip_bytes(text: str, rng: random.Random) -> tuple[bytes, str]:
    data = bytearray(text.encode())
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data), "flipped bytes"


TEXT_MUTATIONS: list[Callable[[str, random.Random], tuple[str | bytes, str]]] = [
    duplicate_line,
    truncate,
    inject,
    flip_bytes,
]
