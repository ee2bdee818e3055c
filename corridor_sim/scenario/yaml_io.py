"""Safe YAML reading that remembers where each key came from, and ``base:`` merging."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from corridor_sim.errors import ScenarioError

MAX_FILE_BYTES = 5_000_000  # a scenario is a few kB; refuse anything absurd early
MAX_BASE_DEPTH = 8
MAX_VALUES = 1_000_000  # a scenario has a few thousand; aliases must not multiply them


class Where(dict[Any, Any]):
    """A mapping that also records ``(file, line)`` of each key (``where[key]``)."""

    def __init__(self, *args: Any, file: str | None = None, line: int | None = None) -> None:
        super().__init__(*args)
        self.file = file
        self.line = line
        self.origin: dict[Any, tuple[str | None, int | None]] = {}


class WhereList(list[Any]):
    """A list that records ``(file, line)`` of each item."""

    def __init__(self, *args: Any, file: str | None = None, line: int | None = None) -> None:
        super().__init__(*args)
        self.file = file
        self.line = line
        self.origin: list[tuple[str | None, int | None]] = []


class _Loader(yaml.SafeLoader):
    """SafeLoader (no object construction) that records lines; duplicate keys are errors."""

    file: str | None = None


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Where:
    loader.flatten_mapping(node)
    mapping = Where(file=loader.file, line=node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str | int | float | bool) or key is None:
            raise ScenarioError(
                f"keys must be plain names (got {key!r})", file=loader.file, line=line
            )
        if key in mapping:
            raise ScenarioError(f"duplicate key {key!r}", file=loader.file, line=line)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.origin[key] = (loader.file, line)
    return mapping


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> WhereList:
    items = WhereList(file=loader.file, line=node.start_mark.line + 1)
    for child in node.value:
        items.append(loader.construct_object(child, deep=True))
        items.origin.append((loader.file, child.start_mark.line + 1))
    return items


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml(text: str, file: str | None = None) -> Any:
    """Parse YAML ``text`` safely; errors become :class:`ScenarioError` with file and line."""
    try:
        loader = _Loader(text)  # checks the whole text for unprintable characters
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise ScenarioError(
            f"YAML error: control character {exc.character!r} is not allowed",
            file=file,
            line=line,
        ) from None
    loader.file = file
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        values = expanded_size(node)
        if values > MAX_VALUES:
            raise ScenarioError(
                f"YAML aliases expand to {values:,} values (at most {MAX_VALUES:,})", file=file
            )
        return loader.construct_document(node)
    except ScenarioError as err:
        raise err.located(file) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        mark_line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise ScenarioError(f"YAML syntax error: {problem}", file=file, line=mark_line) from None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        raise ScenarioError(f"YAML error: {exc}", file=file) from None
    finally:
        loader.dispose()


def expanded_size(root: yaml.Node) -> int:
    """Number of values in a composed YAML document once every alias is expanded.

    Counted without expanding (each node's size once, by depth-first search), so a
    "billion laughs" file costs no more to measure than to parse; a recursive alias is a
    :class:`ScenarioError`.
    """
    size: dict[int, int] = {}
    active: set[int] = set()  # nodes on the current path: meeting one again is a cycle
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        children = _children(node)
        if finished:
            active.discard(id(node))
            size[id(node)] = 1 + sum(size[id(c)] for c in children)
        elif id(node) in active:
            line = node.start_mark.line + 1
            raise ScenarioError("YAML alias refers to itself", line=line)
        elif id(node) not in size:
            active.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in size)
    return size[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def read_text(path: Path) -> str:
    """Read a scenario file as UTF-8 text, refusing binary junk and huge files."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ScenarioError(
                f"file is {size:,} bytes; a scenario must be under {MAX_FILE_BYTES:,}",
                file=name,
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ScenarioError("no such scenario file", file=name) from None
    except IsADirectoryError:
        raise ScenarioError("is a directory, not a scenario file", file=name) from None
    except OSError as exc:
        raise ScenarioError(f"cannot read: {exc.strerror}", file=name) from None
    if b"\x00" in data:
        raise ScenarioError("not a text file (contains NUL bytes)", file=name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"not UTF-8 text (byte {exc.start})", file=name) from None


def merge(base: Any, override: Any) -> Any:
    """Deep-merge ``override`` onto ``base``: mappings merge, lists replace, None deletes."""
    if not (isinstance(base, dict) and isinstance(override, dict)):
        return override
    merged = Where(file=getattr(override, "file", None), line=getattr(override, "line", None))
    for key, value in base.items():
        merged[key] = value
        merged.origin[key] = getattr(base, "origin", {}).get(key, (None, None))
    for key, value in override.items():
        where = getattr(override, "origin", {}).get(key, (None, None))
        if value is None:
            merged.pop(key, None)
            merged.origin.pop(key, None)
            continue
        merged[key] = merge(merged[key], value) if key in merged else value
        merged.origin[key] = where
    return merged


def load_mapping(path: Path, _depth: int = 0) -> Where:
    """Load a scenario file and the chain of files it names with ``base:``."""
    name = str(path)
    data = parse_yaml(read_text(path), file=name)
    if data is None:
        raise ScenarioError(
            "file is empty; a scenario needs at least nodes, links and flows", file=name
        )
    if not isinstance(data, Where):  # the loader makes every mapping a Where
        raise ScenarioError(
            f"top level must be a mapping of keys (got {type(data).__name__})", file=name
        )
    base_name = data.get("base")
    if base_name is None:
        return data
    line = data.origin.get("base", (name, None))[1]
    if not isinstance(base_name, str):
        raise ScenarioError(
            f"must be a file name (got {base_name!r})", path="base", file=name, line=line
        )
    if _depth >= MAX_BASE_DEPTH:
        raise ScenarioError(
            f"more than {MAX_BASE_DEPTH} nested bases (a cycle?)", path="base", file=name, line=line
        )
    folder = path.resolve().parent
    base_path = (folder / base_name).resolve()
    if folder not in base_path.parents:
        raise ScenarioError(
            f"must name a file in the scenario's own folder (got {base_name!r})",
            path="base",
            file=name,
            line=line,
        )
    if not base_path.is_file():
        raise ScenarioError(
            f"no scenario file {base_name!r} in the scenario's folder",
            path="base",
            file=name,
            line=line,
        )
    base = load_mapping(base_path, _depth + 1)
    own = Where(file=data.file, line=data.line)
    for key, value in data.items():
        if key != "base":
            own[key] = value
            own.origin[key] = data.origin[key]
    merged = merge(base, own)
    merged.file = name
    return merged
