"""A fuzzer for the scenario loader: hostile and broken files, with a fixed budget and seed.

Each case writes a damaged scenario into a copy of the bundled scenario folder under
``tmp_path`` and loads it. The only acceptable outcomes are a clean load or a
``ScenarioError`` that names the file (and a key path, for damage inside a valid YAML
mapping, or a line); any other exception, a case running over ``TIME_LIMIT_S``, or a
write outside ``tmp_path`` (watched with an audit hook) fails the test. Cases:

- ``BUDGET`` random ones (seed ``SEED``): tree mutations of a bundled file (keys deleted,
  duplicated or renamed, values of the wrong type, negative/zero/NaN/huge numbers,
  unknown units, dangling references, cyclic routes, duplicated list items; one to three
  at a time) and text mutations (duplicated lines, truncation, injected YAML syntax,
  flipped bytes);
- fixed ones: empty and comment-only files, binary junk, a 50 MB file, ``!!python`` tags,
  ``base:`` leaving the folder (``..``, absolute, through a symlink), ``base:`` cycles,
  alias bombs, deep nesting, non-text keys, CRLF and BOM files.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from scenario_mutations import TEXT_MUTATIONS, mutate_tree

import corridor_sim as cs

BUDGET = 300
SEED = 20240505
TIME_LIMIT_S = 5.0
BUNDLED = cs.bundled_names()
TEXTS = {name: cs.bundled_path(name).read_text(encoding="utf-8") for name in BUNDLED}

# -- nothing written outside tmp_path, nothing run ---------------------------------------
_WATCH: list[Path] = []  # while non-empty: the one folder writes may go to
_WRITES: list[str] = []
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_MUTATING = {"os.remove", "os.rename", "os.mkdir", "os.rmdir", "os.truncate", "os.symlink"}
_RUNNING = {"os.system", "subprocess.Popen", "os.exec", "os.posix_spawn", "os.fork"}


def _audit(event: str, args: tuple) -> None:
    if not _WATCH:
        return
    if event in _RUNNING:
        _WRITES.append(f"{event} {args[0]!r}")
        return
    if event == "open":
        path, mode, flags = args
        writes = (mode and any(m in str(mode) for m in "wax+")) or (flags or 0) & _WRITE_FLAGS
    elif event in _MUTATING:
        path, writes = args[0], True
    else:
        return
    if writes and isinstance(path, str | bytes | os.PathLike):
        where = Path(os.fsdecode(path)).resolve()
        if _WATCH[0] not in where.parents and "__pycache__" not in where.parts:
            _WRITES.append(f"{event} {where}")


sys.addaudithook(_audit)


@contextmanager
def writes_only_under(folder: Path) -> Iterator[None]:
    _WATCH.append(folder.resolve())
    try:
        yield
    finally:
        _WATCH.clear()


# -- running one case --------------------------------------------------------------------
class CaseTimeout(Exception):
    """A case ran over TIME_LIMIT_S."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(_signum: int, _frame: object) -> None:
        raise CaseTimeout(f"over {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def outcome(path: Path, folder: Path, *, in_mapping: bool) -> str:
    """ "ok", "error" (a well-located ScenarioError), or what went wrong."""
    try:
        with time_limit(TIME_LIMIT_S):
            cs.load_scenario(path)
    except cs.ScenarioError as err:
        return located(err, folder, in_mapping=in_mapping)
    except CaseTimeout as exc:
        return f"hang: {exc}"
    except Exception as exc:  # the point: nothing else may escape
        return f"{type(exc).__name__}: {exc}"[:300]
    return "ok"


def located(err: cs.ScenarioError, folder: Path, *, in_mapping: bool) -> str:
    """ "error" if ``err`` names a scenario file in ``folder`` (and a key path or line)."""
    message = str(err)
    if not err.file or folder.resolve() not in Path(err.file).resolve().parents:
        return f"no file: {message[:200]}"
    if not message.startswith(err.file):
        return f"file not first: {message[:200]}"
    if in_mapping and not (err.key_path or err.line):
        return f"no key path or line: {message[:200]}"
    if len(message) > 2000:
        return f"message of {len(message)} characters"
    return "error"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the bundled scenario folder."""
    out = tmp_path / "scenarios"
    out.mkdir()
    for name in BUNDLED:
        shutil.copy(cs.bundled_path(name), out / f"{name}.yaml")
    cs.load_scenario(out / "caspian_storm.yaml")  # warm imports before the write guard
    return out


def run_case(
    folder: Path, name: str, content: str | bytes, *, in_mapping: bool, rng: random.Random
) -> list[str]:
    """Write ``content`` as scenario ``name`` and load it, and one file based on it."""
    path = folder / f"{name}.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    results = [outcome(path, folder, in_mapping=in_mapping)]
    based = [other for other, text in TEXTS.items() if f"base: {name}.yaml" in text]
    if based:
        other = folder / f"{rng.choice(based)}.yaml"
        results.append(outcome(other, folder, in_mapping=in_mapping))
    path.write_text(TEXTS[name], encoding="utf-8")
    return results


def test_fuzz_mutated_bundled_files(folder, tmp_path):
    """300 seeded random cases: every one loads or raises a located ScenarioError."""
    rng = random.Random(SEED)
    tally: Counter[str] = Counter()
    failures = []
    with writes_only_under(tmp_path):
        for case in range(BUDGET):
            name = rng.choice(BUNDLED)
            if rng.random() < 0.75:
                content, what = mutate_tree(TEXTS[name], rng)
                in_mapping = True
            else:
                content, what = rng.choice(TEXT_MUTATIONS)(TEXTS[name], rng)
                in_mapping = False
            for result in run_case(folder, name, content, in_mapping=in_mapping, rng=rng):
                tally[result if result in ("ok", "error") else "failure"] += 1
                if result not in ("ok", "error"):
                    failures.append(f"case {case} ({name}: {what}): {result}")
    print(f"fuzz: {BUDGET} cases, {sum(tally.values())} loads: {dict(tally)}")
    assert not _WRITES, _WRITES
    assert not failures, "\n".join(failures)
    assert tally["error"] > BUDGET // 2 and tally["ok"] > 10, tally


# -- fixed hostile cases ---------------------------------------------------------------
TEACHING = TEXTS["teaching_two_ports"]
ALIAS_BOMB = (  # "billion laughs": a8 stands for 10^9 x's
    "lol: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"l{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9))
)
#: the teaching scenario with the bomb as its description (and a8 free to use below it)
BOMB_DESCRIBED = (
    "description:\n"
    + re.sub(r"(?m)^l?\w*: ", "  - ", ALIAS_BOMB)
    + re.sub(r"description: >\n(  .*\n)+", "", TEACHING)
)


HOSTILE: dict[str, tuple[str | bytes, str]] = {
    # name: (content, "ok" or a regular expression the error message must match)
    "empty": ("", "file is empty"),
    "comments only": ("# nothing here\n\n   \n", "file is empty"),
    "binary junk": (random.Random(SEED).randbytes(4096) + b"\x00", "not a text file"),
    "latin-1": ("name: Zürich\n".encode("latin-1"), "not UTF-8 text"),
    "control character": (TEACHING.replace("seed: 1", "seed: \x07"), "control character"),
    "top-level list": ("- nodes\n- links\n", "top level must be a mapping"),
    "top-level scalar": ("just words\n", "top level must be a mapping"),
    "python object": ("!!python/object/apply:os.system ['touch pwned']\n", "constructor"),
    "python tag inside": (
        TEACHING.replace("seed: 1 ", "seed: !!python/object/apply:os.getpid [] "),
        "constructor",
    ),
    "python name": (TEACHING.replace("seed: 1 ", "seed: !!python/name:os.system "), "constructor"),
    "alias bomb": (TEACHING + "x_" + ALIAS_BOMB.replace("\nl", "\nx_l"), "aliases expand to 1,"),
    "alias bomb in a route": (
        ALIAS_BOMB + TEACHING.replace("route: [factory", "route: [*a8, factory"),
        "aliases expand to 2,",
    ),
    # the bomb's values plus the file's own, which change as the teaching file grows
    "alias bomb as description": (BOMB_DESCRIBED, r"aliases expand to 1,234,5\d\d,\d{3} values"),
    "alias bomb as a value": (BOMB_DESCRIBED.replace("seed: 1 ", "seed: *a8 "), "aliases expand"),
    "recursive alias": (TEACHING.replace("seed: 1 ", "seed: &s [*s] "), "alias refers to itself"),
    "deep nesting": ("a: " + "[" * 50_000 + "]" * 50_000 + "\n", "YAML error"),
    "huge number": (
        TEACHING.replace("10000 wagon/yr", "1" + "0" * 1_000_000 + " wagon/yr"),
        "must be a finite number",
    ),
    "non-text key": ("nodes:\n  ? [a, b]\n  : {kind: origin}\n", "keys must be plain names"),
    "number as node name": (TEACHING.replace("  market:", "  7:"), "names must be text"),
    "tab indent": (TEACHING.replace("\n  seed: 1", "\n\tseed: 1"), "YAML syntax error"),
    "bad date": (TEACHING.replace("2024-01-01", "2024-02-30"), "YAML error|date"),
    "volume from outer space": (
        TEACHING.replace("10000 wagon/yr", "1e300 wagon/yr"),
        r"between 1e-09 and 1e\+12 wagon/h once converted",
    ),
    # regressions: each of these raised something else, hung or ate memory before
    "mapping in a route": (
        TEACHING.replace("route: [factory,", "route: [factory, {a: 1},"),
        "item 1: no node named",
    ),
    "list as a disruption element": (
        TEACHING.replace("elements: [port_a,", "elements: [[port_a],"),
        "no node or link named",
    ),
    "fleet of 10^30": (
        TEACHING.replace("count: 2 ", "count: 1000000000000000000000000000000 "),
        "<= 1000",
    ),
    "train of a billionth of a wagon": (
        TEACHING.replace("{wagon: 50 wagon} #", "{wagon: 1e-9 wagon} #"),
        "at least 1 unit",
    ),
    "base that is not a name": ("base: [a, b]\n", r"must be a file name \(got \['a', 'b'\]\)"),
    "CRLF line ends": (TEACHING.replace("\n", "\r\n"), "ok"),
    "byte-order mark": ("\ufeff" + TEACHING, "ok"),
    "anchors and merge keys": (
        TEACHING.replace(
            "  port_b:\n    kind: port", "  port_b:\n    <<: *port\n    kind: port"
        ).replace("  port_a:\n", "  port_a: &port\n"),
        "ok",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file(folder, tmp_path, case):
    """Each fixed hostile file loads cleanly or gives a located ScenarioError saying why."""
    content, expected = HOSTILE[case]
    path = folder / "hostile.yaml"
    with writes_only_under(tmp_path):
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        result = outcome(path, folder, in_mapping=False)
        error = None if result != "error" else _error(path)
    assert not _WRITES, _WRITES
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()
    if expected == "ok":
        assert result == "ok"
    else:
        assert result == "error", result
        assert re.search(expected, error.reason), error


def _error(path: Path) -> cs.ScenarioError:
    with pytest.raises(cs.ScenarioError) as info:
        cs.load_scenario(path)
    return info.value


def test_fifty_megabyte_file_is_refused_without_reading_it(folder):
    """A 50 MB file is refused by its size, naming the file."""
    path = folder / "big.yaml"
    with path.open("wb") as out:
        out.write(TEACHING.encode())
        line = b"# padding" + b" " * 70 + b"\n"
        out.write(line * (50 * 2**20 // len(line)))
    with time_limit(TIME_LIMIT_S):
        error = _error(path)
    assert error.file == str(path)
    assert re.search(r"file is 5\d,\d{3},\d{3} bytes; a scenario must be under", error.reason)


def base_case(folder: Path, tmp_path: Path, base: str) -> str:
    path = folder / "derived.yaml"
    path.write_text(f"base: {base}\nname: derived\n", encoding="utf-8")
    with writes_only_under(tmp_path):
        return outcome(path, folder, in_mapping=True)


@pytest.mark.parametrize(
    "base",
    ["../outside.yaml", "{outside}", "link.yaml", "sub/../../outside.yaml", ".", "sub"],
    ids=["parent", "absolute", "symlink out", "dotdot", "folder itself", "directory"],
)
def test_base_cannot_leave_the_scenario_folder(folder, tmp_path, base):
    """``base:`` naming a file outside the scenario's folder (however spelled, or through a
    symlink) or a folder is refused, and the outside file is never read."""
    outside = tmp_path / "outside.yaml"
    outside.write_text(TEACHING, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "link.yaml").symlink_to(outside)
    assert base_case(folder, tmp_path, base.format(outside=outside)) == "error"
    error = _error(folder / "derived.yaml")
    assert (error.file, error.line, error.key_path) == (str(folder / "derived.yaml"), 1, "base")


def test_base_inside_the_folder_and_cycles(folder, tmp_path):
    """A base inside the folder loads, however spelled; cycles and missing bases do not."""
    assert base_case(folder, tmp_path, "../scenarios/teaching_two_ports.yaml") == "ok"
    (folder / "a.yaml").write_text("base: b.yaml\n", encoding="utf-8")
    (folder / "b.yaml").write_text("base: a.yaml\n", encoding="utf-8")
    assert base_case(folder, tmp_path, "a.yaml") == "error"
    assert "nested bases" in _error(folder / "derived.yaml").reason
    assert base_case(folder, tmp_path, "derived.yaml") == "error"
    assert base_case(folder, tmp_path, "nowhere.yaml") == "error"
    error = _error(folder / "derived.yaml")
    assert (error.key_path, error.reason) == (
        "base",
        "no scenario file 'nowhere.yaml' in the scenario's folder",
    )
