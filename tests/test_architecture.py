"""docs/architecture.md draws the package import graph: the edges of its diagram are
exactly the imports between packages found in the code (read with ``ast``).

A module's package is its first folder under ``corridor_sim`` (``engine.links.rail`` is
``engine``); the top-level modules errors, units, texttable, folders, _version and htmlrepr are one
node, ``foundation``. Imports at any depth count (a function's too), except those under
``if TYPE_CHECKING:``. Not drawn: ``corridor_sim/__init__.py``, ``__main__.py`` and the
deprecated ``analysis`` package.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "corridor_sim"
DOC = ROOT / "docs" / "architecture.md"
BEGIN, END = "<!-- packages: begin -->", "<!-- packages: end -->"
FOUNDATION = frozenset({"errors", "units", "texttable", "folders", "_version", "htmlrepr"})
NOT_DRAWN = frozenset({"corridor_sim", "__main__", "analysis"})
EDGE = re.compile(r"^\s*(\w+)\s*(?:-->|-\.->)\s*(\w+)\s*;?\s*$")  # a --> b, a -.-> b
ARROW = re.compile(r"--|==|-\.")  # any mermaid link, to refuse the forms EDGE does not read

Edge = tuple[str, str]


# -- the code ---------------------------------------------------------------------------
def package_of(module: str) -> str:
    """The diagram node of a dotted module name: ``corridor_sim.engine.links.rail`` ->
    ``engine``, ``corridor_sim.units`` -> ``foundation``, ``corridor_sim`` itself -> itself."""
    parts = module.split(".")
    if len(parts) == 1:
        return parts[0]
    return "foundation" if parts[1] in FOUNDATION else parts[1]


def module_name(path: Path, package: Path) -> str:
    """``<package>/engine/links/rail.py`` -> ``corridor_sim.engine.links.rail``."""
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_type_checking(node: ast.If) -> bool:
    """True for ``if TYPE_CHECKING:`` and ``if typing.TYPE_CHECKING:``."""
    test = node.test
    name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
    return name == "TYPE_CHECKING"


def runtime_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Every node below ``node``, at any depth, but not inside an ``if TYPE_CHECKING:``
    body (its ``else:`` still counts)."""
    for child in ast.iter_child_nodes(node):
        skipped = isinstance(child, ast.If) and is_type_checking(child)
        for stmt in child.orelse if isinstance(child, ast.If) and skipped else [child]:
            yield stmt
            yield from runtime_nodes(stmt)


def from_base(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The absolute module a ``from ... import`` reads from (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    parts = module.split(".") if is_package else module.split(".")[:-1]
    parts = parts[: len(parts) - node.level + 1]
    return ".".join([*parts, node.module] if node.module else parts)


def imported_modules(path: Path, package: Path) -> Iterator[str]:
    """Dotted names of the modules ``path`` imports at run time; ``from corridor_sim
    import units`` names ``corridor_sim.units`` when units is a module, else the root."""
    module = module_name(path, package)
    for node in runtime_nodes(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = from_base(node, module, path.name == "__init__.py")
            if base != package.name:
                yield base
                continue
            for alias in node.names:
                sub = package / alias.name
                is_module = sub.is_dir() or sub.with_suffix(".py").is_file()
                yield f"{base}.{alias.name}" if is_module else base


def code_edges(package: Path = PACKAGE) -> set[Edge]:
    """Package -> package imports of the code under ``package`` (no self-edges)."""
    edges: set[Edge] = set()
    for path in sorted(package.rglob("*.py")):
        source = package_of(module_name(path, package))
        if source in NOT_DRAWN:
            continue
        for target in imported_modules(path, package):
            if target.split(".")[0] == package.name and package_of(target) != source:
                edges.add((source, package_of(target)))
    return edges


# -- the doc ----------------------------------------------------------------------------
def diagram_lines(text: str) -> list[str]:
    """The lines between the ``packages`` markers."""
    assert BEGIN in text and END in text, f"markers {BEGIN!r} and {END!r} not found"
    return text.split(BEGIN, 1)[1].split(END, 1)[0].splitlines()


def doc_edges(text: str) -> set[Edge]:
    """The edges of the diagram (``a --> b``, or dotted ``a -.-> b``); a line with an
    arrow in another form fails."""
    edges: set[Edge] = set()
    for line in diagram_lines(text):
        if ARROW.search(line):
            match = EDGE.match(line)
            assert match, f"not an edge of the form 'a --> b' or 'a -.-> b': {line!r}"
            edges.add((match[1], match[2]))
    return edges


def mismatch(drawn: set[Edge], imported: set[Edge]) -> str:
    """What differs between the doc's edges and the code's, as lines; empty if nothing."""
    lines = []
    if missing := sorted(imported - drawn):
        lines += ["edges missing from the doc:", *(f"  {a} --> {b}" for a, b in missing)]
    if extra := sorted(drawn - imported):
        lines += ["edges in the doc the code does not have:", *(f"  {a} --> {b}" for a, b in extra)]
    return "\n".join(lines)


# -- the tests --------------------------------------------------------------------------
def test_the_diagram_is_the_import_graph() -> None:
    problems = mismatch(doc_edges(DOC.read_text(encoding="utf-8")), code_edges())
    assert not problems, f"{DOC.name} is out of date:\n{problems}"


def test_every_package_is_drawn() -> None:
    drawn = {node for edge in doc_edges(DOC.read_text(encoding="utf-8")) for node in edge}
    packages = {package_of(module_name(p, PACKAGE)) for p in PACKAGE.rglob("*.py")}
    assert packages - NOT_DRAWN <= drawn


def test_imports_are_read_as_the_doc_says(tmp_path: Path) -> None:
    """Function-level and relative imports count; TYPE_CHECKING ones and self-edges
    do not; ``from corridor_sim import units`` is the foundation."""
    engine = tmp_path / "corridor_sim" / "engine"
    engine.mkdir(parents=True)
    (tmp_path / "corridor_sim" / "units.py").write_text("")
    (engine / "__init__.py").write_text("from .node import Node\n")
    (engine / "node.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "from corridor_sim import units\n"
        "if TYPE_CHECKING:\n    from corridor_sim.results import SimulationResult\n"
        "else:\n    import corridor_sim.model.network\n"
        "def f():\n    from ..report import html\n"
    )
    expected = {("engine", "foundation"), ("engine", "model"), ("engine", "report")}
    assert code_edges(tmp_path / "corridor_sim") == expected


def test_a_stale_diagram_is_reported() -> None:
    text = f"{BEGIN}\n```mermaid\nflowchart TD\n  engine --> model\n  model -.-> cli\n```\n{END}"
    problems = mismatch(doc_edges(text), {("engine", "model"), ("results", "engine")})
    assert problems.splitlines() == [
        "edges missing from the doc:",
        "  results --> engine",
        "edges in the doc the code does not have:",
        "  model --> cli",
    ]


def test_an_arrow_the_parser_cannot_read_fails() -> None:
    for line in ["cli ==> report", "cli --> report & plotting", "cli -->|uses| report"]:
        with pytest.raises(AssertionError, match="not an edge"):
            doc_edges(f"{BEGIN}\n{line}\n{END}")
