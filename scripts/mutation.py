#!/usr/bin/env python3
"""Mutation testing of the layers below the CLI, with a score per module.

Runs mutmut (configured under ``[tool.mutmut]`` in pyproject.toml) one module
at a time: every mutant of the module is run against the tests that call the
mutated function (mutmut's per-function test selection).  mutmut runs each
mutant in a process forked from one that has already run the whole suite, so
state that process cached (an ``lru_cache``, a test module's constants) can
hide a mutant; every survivor is therefore run again in a fresh process, and a
survivor that a fresh process kills counts as killed.

Usage (from the checkout; the run is slow, keep it off a busy machine's CPU)::

    nice -n 19 uv run --locked scripts/mutation.py [MODULE...] [--max-children N]
    uv run --locked scripts/mutation.py --report [MODULE...]   # the table, no run

A MODULE is a path under ``src/carsi_claims`` (``analysis/figures``,
``checks/records.py``); with none, every module below the CLI.  The table
lists, per module: mutants, killed (a test failed, including survivors killed
by the fresh re-run), timeouts (a mutant that made a test run away, also a
kill), survivors, mutants no test reaches, and the score: killed and timed out
over all mutants.  Survivors are listed by name; ``uv run --locked mutmut show
NAME`` prints the change.  A score marked ``(c)`` is not of the module as it is
now: its source changed after its last whole run (or no run went to its end).
Results stay in ``mutants/`` (git-ignored); a later run re-tests only what changed.
"""

from __future__ import annotations

import argparse
import ast
import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Final

from carsi_claims._atomic import write_text

ROOT: Final = Path(__file__).resolve().parents[1]
PACKAGE: Final = ROOT / "src" / "carsi_claims"
MUTANTS: Final = ROOT / "mutants"
RECHECKED: Final = MUTANTS / "rechecked.json"
#: Each measured module's SHA-256 at the end of its last run: a table row whose module
#: has changed since is marked, not passed off as the score of the sources as they are.
MEASURED: Final = MUTANTS / "measured.json"
STATS: Final = MUTANTS / "mutmut-stats.json"
#: The fingerprint of the sources that mutmut's stats (which tests call which function)
#: were collected on.
STATS_SOURCES: Final = MUTANTS / "stats-sources.sha256"

#: Not measured: the command line (the layer above), the modules that only
#: re-export (``__init__.py``, the 0.1.0 paths ``export.py`` and ``render.py``),
#: and the public Hypothesis strategies (test-data generators: a mutant there
#: changes what the tests are fed, not what the library does).
SKIPPED: Final = frozenset(("export.py", "render.py", "strategies.py"))

_KILLED: Final = {1, 3}
_TIMEOUT: Final = {-24, 24, 152, 255, 36, -9}
_SURVIVED: Final = 0
_NO_TESTS: Final = {5, 33}


def below_cli() -> list[str]:
    """Every module below the CLI, as paths relative to the package folder."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if not (rel.startswith("cli/") or path.name == "__init__.py" or rel in SKIPPED):
            found.append(rel)
    return found


def module_path(given: str) -> str:
    """``analysis/figures`` (or ``analysis/figures.py``) as a path under the package."""
    rel = given.removeprefix("src/carsi_claims/").removeprefix("carsi_claims/")
    rel = rel if rel.endswith(".py") else rel + ".py"
    if not (PACKAGE / rel).is_file():
        raise SystemExit(f"mutation: no module src/carsi_claims/{rel}")
    return rel


def dotted(rel: str) -> str:
    name = "carsi_claims." + rel.removesuffix(".py").replace("/", ".")
    return name.removesuffix(".__init__")


def _mutmut() -> str:
    return str(Path(sys.executable).with_name("mutmut"))


def _results(rel: str) -> dict[str, int | None]:
    meta = MUTANTS / "src" / "carsi_claims" / (rel + ".meta")
    if not meta.exists():
        return {}
    codes: dict[str, int | None] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return codes


def module_digest(rel: str) -> str:
    """The SHA-256 of one module's source, as its mutants are made from it."""
    return hashlib.sha256((PACKAGE / rel).read_bytes()).hexdigest()


def _load_measured() -> dict[str, str]:
    if MEASURED.exists():
        data: dict[str, str] = json.loads(MEASURED.read_text(encoding="utf-8"))
        return data
    return {}


def _save_json(path: Path, data: dict[str, str] | dict[str, int]) -> None:
    """Write a record atomically: a run stopped midway leaves the old one, never half."""
    write_text(path, json.dumps(data, indent=1, sort_keys=True))


def _save_measured(rel: str, digest: str) -> None:
    measured = _load_measured()
    measured[rel] = digest
    _save_json(MEASURED, measured)


def _load_rechecked() -> dict[str, int]:
    if RECHECKED.exists():
        data: dict[str, int] = json.loads(RECHECKED.read_text(encoding="utf-8"))
        return data
    return {}


@functools.cache
def _import_time(module: str) -> frozenset[str]:
    """The module's functions run at import: called by its top-level statements, or by those."""
    rel = module.removeprefix("carsi_claims.").replace(".", "/")
    path = PACKAGE / (rel + ".py")
    if not path.is_file():
        return frozenset()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bodies = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}

    def calls(node: ast.AST) -> set[str]:
        return {
            sub.func.id
            for sub in ast.walk(node)
            if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name)
        } & bodies.keys()

    called: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.If):
            continue  # bodies run later (an ``if __name__ == "__main__"`` block: never)
        called |= calls(node)
    # and what those call, at any depth (``SCHEMA = _schema()`` runs ``_column_sql`` too)
    todo = list(called)
    while todo:
        for name in calls(bodies[todo.pop()]) - called:
            called.add(name)
            todo.append(name)
    return frozenset(called)


def _function_of(mutant: str) -> str:
    """``carsi_claims.text.x_normalize__mutmut_3`` -> ``carsi_claims.text.x_normalize``."""
    return mutant.rsplit("__mutmut_", 1)[0]


def _functions(rel: str) -> frozenset[str]:
    """The mangled names mutmut gives the module's functions and methods as they are now:
    ``x_name`` for a function, ``xǁClassǁname`` for a method."""
    tree = ast.parse((PACKAGE / rel).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add("x_" + node.name)
        elif isinstance(node, ast.ClassDef):
            names.update(
                f"x\u01c1{node.name}\u01c1{sub.name}"
                for sub in node.body
                if isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef)
            )
    return frozenset(names)


def _tests_of(mutant: str) -> list[str]:
    """The tests mutmut found calling the mutant's function, fastest first (as mutmut orders
    them: with ``-x`` a killed mutant stops at the first, quickest, failing test).

    A function that the module calls at import time (``_converter = _make()``) is
    credited by mutmut to whichever test first imported the module; its result is
    used by every function of the module, so its mutants are run against the tests of
    all of them.
    """
    stats = json.loads(STATS.read_text(encoding="utf-8"))
    by_function: dict[str, list[str]] = stats["tests_by_mangled_function_name"]
    durations: dict[str, float] = stats.get("duration_by_test", {})
    function = _function_of(mutant)
    module, _, name = function.rpartition(".x_")
    if module and name in _import_time(module):
        prefix = module + ".x"
        tests = {t for f, ts in by_function.items() if f.startswith(prefix) for t in ts}
    else:
        tests = set(by_function.get(function, []))
    return sorted(tests, key=lambda test: (durations.get(test, 0.0), test))


def _unkilled(code: int | None) -> bool:
    """Whether mutmut's run of a mutant ended in neither a kill nor a timeout (None: not run)."""
    return code is not None and code not in _KILLED and code not in _TIMEOUT


def _own_temp() -> dict[str, str]:
    """The environment with a temporary folder of this checkout's own.

    pytest keeps its ``tmp_path`` folders under the system's temporary folder and, at the
    end of a session, deletes old ones: two runs at once (two worktrees) deleted each
    other's folders, and the one that lost failed its whole run with an OSError.  The
    folder is outside the checkout: the command shows a path inside the working folder
    relative to it, which tests of its output do not expect.
    """
    checkout = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
    temp = Path(tempfile.gettempdir()) / f"carsi-mutation-{checkout}"
    temp.mkdir(parents=True, exist_ok=True)
    return dict(os.environ, TMPDIR=str(temp))


def recheck(mutant: str) -> int:
    """Run a survivor's tests in a fresh process; the pytest exit code (1: killed)."""
    tests = _tests_of(mutant)
    if not tests:
        return 5
    env = dict(_own_temp(), MUTANT_UNDER_TEST=mutant, PYTHONPATH=str(MUTANTS / "src"))
    # The mutated package is tens of MB of source: compiled once, not in every re-run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extra: list[str] = config["tool"]["mutmut"].get("pytest_add_cli_args", [])
    command = [sys.executable, "-m", "pytest", "--rootdir=.", "-x", *extra]

    def pytest(env: dict[str, str], *options: str) -> int:
        done = subprocess.run(
            [*command, *options, *tests],
            cwd=MUTANTS,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        return done.returncode

    code = pytest(env)
    if code in {2, 4}:
        # The collection failed (a mutant that breaks the import of its module makes the
        # test files importing it fail to collect): a kill if the same tests collect with
        # no mutant active (they passed in mutmut's clean run).
        clean = pytest(dict(env, MUTANT_UNDER_TEST="no.mutant"), "--collect-only")
        return 1 if clean == 0 else code
    return code


def _no_mutants(rel: str) -> bool:
    """Whether mutmut has read the module and made no mutant of it (nothing it changes)."""
    meta = MUTANTS / "src" / "carsi_claims" / (rel + ".meta")
    return meta.exists() and not _results(rel)


def _mutmut_run(targets: Sequence[str], max_children: int, log: Path) -> None:
    with log.open("a", encoding="utf-8") as out:
        code = subprocess.run(
            [_mutmut(), "run", "--max-children", str(max_children), *targets],
            cwd=ROOT,
            env=_own_temp(),
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        ).returncode
    if code != 0:
        raise SystemExit(f"mutation: mutmut run failed (exit {code}); see {log}")


def sources_fingerprint() -> str:
    """The SHA-256 of the package's sources: every ``.py`` file's path and bytes."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        data = path.read_bytes()
        rel = path.relative_to(PACKAGE).as_posix().encode()
        digest.update(b"%d:%s%d:" % (len(rel), rel, len(data)) + data)
    return digest.hexdigest()


def _drop_stale_stats(fingerprint: str) -> None:
    """Have mutmut collect which tests call which function afresh if the sources changed.

    mutmut traces only the tests it has not seen before: a function added to (or newly
    called from) the package after a test was traced is never credited to that test, so
    its mutants would count as reached by no test, and its survivors be re-run against too
    few tests.  A whole stats run (one run of the suite) is the price of a changed source.
    """
    if STATS.exists() and (
        not STATS_SOURCES.exists() or STATS_SOURCES.read_text(encoding="ascii") != fingerprint
    ):
        print("   the sources changed since mutmut's stats: collecting them again", flush=True)
        STATS.unlink()


def run(rel: str, max_children: int, *, again: bool) -> None:
    """Run mutmut on one module's mutants not yet run (all with ``again``), then re-run
    its survivors in fresh processes."""
    log = MUTANTS / "mutation-run.log"
    MUTANTS.mkdir(exist_ok=True)
    # mutmut copies tests/ into mutants/ over what is there, but never removes a test
    # file deleted since: a stale copy that imports a removed name fails the collection.
    shutil.rmtree(MUTANTS / "tests", ignore_errors=True)
    log.write_text("", encoding="utf-8")
    print(f"-- {rel} (log: {log.relative_to(ROOT)})", flush=True)
    fingerprint = sources_fingerprint()
    digest = module_digest(rel)
    _drop_stale_stats(fingerprint)
    tried: set[str] = set()
    refreshed = False
    again_all = again
    for _ in range(3):  # a run regenerates the mutants of changed functions: run those too
        results = _results(rel)
        todo = sorted(n for n, code in results.items() if code is None and n not in tried)
        if results and not todo and not again:
            # Nothing new to run: run one killed mutant all the same, so that mutmut copies
            # the sources and tests as they are now and learns which tests call what
            # (the survivors are re-run below against those tests).
            # (Results read before mutmut regenerates the mutants of a changed source may
            # name a function since removed: mutmut refuses a name that matches nothing.)
            present = _functions(rel)
            killed = sorted(
                n
                for n, c in results.items()
                if c in _KILLED and _function_of(n).rpartition(".")[2] in present
            )
            if tried or refreshed or not killed:
                break
            todo, refreshed = killed[:1], True
        if _no_mutants(rel):
            print("   no mutants: mutmut changes nothing in this module", flush=True)
            return
        targets = todo if results and not again else [dotted(rel) + ".x*"]
        print(f"   mutmut run: {len(todo) if todo else 'all'} mutant(s)", flush=True)
        _mutmut_run(targets, max_children, log)
        write_text(STATS_SOURCES, fingerprint, encoding="ascii")
        tried.update(todo)
        again = False
    # Tests added since a mutant survived are not run on it by mutmut (it keeps its
    # result): every survivor is run again, in a fresh process, against its tests now.
    rechecked = _load_rechecked()
    results = _results(rel)
    for name in results:  # a kill by a fresh re-run stands until mutmut runs the mutant again
        if name in tried or again_all or rechecked.get(name) not in _KILLED:
            rechecked.pop(name, None)
    # The survivors with the fewest tests first, and each result saved as it comes: a run
    # stopped during the re-runs (they can take an hour) keeps what it has re-checked.
    # A mutant no test reached when mutmut ran it may be reached by a test added since.
    # A mutant whose run ended otherwise (a test process that crashed: exit -11, say) is
    # not a kill either, and is re-run the same way.
    survivors = sorted(
        (n for n, code in results.items() if _unkilled(code) and n not in rechecked),
        key=lambda n: (len(_tests_of(n)), n),
    )
    _save_json(RECHECKED, rechecked)
    with ThreadPoolExecutor(max_children) as pool:
        for name, code in zip(survivors, pool.map(recheck, survivors), strict=True):
            rechecked[name] = code
            print(f"   fresh re-run of survivor {name}: exit {code}", flush=True)
            # saved as each result comes, so a run stopped midway keeps the re-runs it made
            _save_json(RECHECKED, rechecked)
    # Only a run that went to its end measures the module as it was when the run began.
    _save_measured(rel, digest)


def report(modules: Sequence[str]) -> list[str]:
    """Print the per-module table; return the names of the remaining survivors."""
    rechecked = _load_rechecked()
    measured = _load_measured()
    survivors: list[str] = []
    changed: list[str] = []
    print("| module | mutants | killed | timeouts | survived | no tests | score |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for rel in modules:
        results = _results(rel)
        if not results:
            if _no_mutants(rel):
                print(f"| {rel} | 0 | - | - | - | - | no mutants |")
            else:
                print(f"| {rel} | - | - | - | - | - | not measured |")
            continue
        killed = timeouts = survived = untested = 0
        for name, code in results.items():
            if code is None:  # not run yet
                continue
            again = rechecked.get(name)
            if _unkilled(code) and again in _KILLED:
                code = 1
            elif code in _NO_TESTS and again == _SURVIVED:  # reached by tests now, not killed
                code = _SURVIVED
            if code in _KILLED:
                killed += 1
            elif code in _TIMEOUT:
                timeouts += 1
            elif code in _NO_TESTS:
                untested += 1
            else:  # survived, not checked, suspicious, interrupted
                survived += 1
                survivors.append(name)
        total = len(results)
        score = f"{100 * (killed + timeouts) / total:.1f}%"
        if killed + timeouts + survived + untested < total:
            score = f"incomplete ({killed + timeouts + survived + untested} of {total} run)"
        elif measured.get(rel) != module_digest(rel):
            score += " (c)"
            changed.append(rel)
        print(f"| {rel} | {total} | {killed} | {timeouts} | {survived} | {untested} | {score} |")
    if changed:
        print(
            "\n(c): the module's source is not what its last whole run measured (changed"
            " since, or the run was stopped): run it again for a score of the source as it is"
            f" now: {' '.join(changed)}"
        )
    return survivors


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("modules", nargs="*", metavar="MODULE")
    parser.add_argument("--report", action="store_true", help="print the table, run nothing")
    parser.add_argument("--max-children", type=int, default=2, metavar="N")
    parser.add_argument("--again", action="store_true", help="re-run mutants already run")
    args = parser.parse_args(argv)
    modules = [module_path(m) for m in args.modules] or below_cli()
    if not args.report:
        for rel in modules:
            run(rel, args.max_children, again=args.again)
    survivors = report(modules)
    if survivors:
        print("\nsurvivors (uv run --locked mutmut show NAME):")
        for name in survivors:
            print(f"  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
