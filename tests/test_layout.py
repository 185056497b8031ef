"""The package's layers: no import circle, and no module imports from a layer above its own.

The layers, lowest first (README.md, "How the code is laid out"):

    base      model, findings, errors, text and the private ``_*`` helpers
    read      read/: strict YAML, structuring, seeds, the lock file
    dataset   dataset.py
    analysis  analysis/: figures, conflicts, coverage
    checks    checks/ (and strategies.py, test data built on the analysis)
    citing    citing/: cite, lock, refs
    output    output/: exports, findings rendering, page paths
    cli       cli/: the command line
    facade    carsi_claims/__init__.py, the public API, and the 0.1.0 import
              paths kept for compatibility (export.py, render.py)

Every import counts, at module level, inside a function or under
``TYPE_CHECKING``: an import hidden in a function is still a dependency.
A module may import a lower layer, or a module of its own folder (within
the base, the base modules); never a layer above, never a sibling layer of
the same rank.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

import carsi_claims

PACKAGE = Path(carsi_claims.__file__).parent

#: Modules at the package's root that belong to the facade: 0.1.0 import paths that
#: only re-export.
FACADE: frozenset[str] = frozenset({"carsi_claims.export", "carsi_claims.render"})

#: Layer ranks, lowest first; a module's layer is its first folder under the package.
RANKS: Mapping[str, int] = {
    "base": 0,
    "read": 1,
    "dataset": 2,
    "analysis": 3,
    "checks": 4,
    "strategies": 4,
    "citing": 5,
    "output": 6,
    "cli": 7,
    "facade": 8,
}


def layer_of(module: str) -> str:
    """The layer of a module of the package, by its dotted name."""
    parts = module.split(".")
    if parts == ["carsi_claims"] or module in FACADE:
        return "facade"
    top = parts[1]
    if top in RANKS:
        return top
    return "base"


def module_names(root: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package: dotted name -> file."""
    out: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imports_of(module: str, path: Path, known: Iterable[str]) -> set[str]:
    """The package's modules that ``module`` imports, wherever the import stands."""
    known = set(known)
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "carsi_claims":
                    found.add(_deepest_known(alias.name, known))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.split(".")[0] != "carsi_claims":
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else _deepest_known(target, known))
    found.discard(module)
    return found


def _deepest_known(name: str, known: set[str]) -> str:
    parts = name.split(".")
    while parts and ".".join(parts) not in known:
        parts.pop()
    return ".".join(parts)


def graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """The import graph of the package: module -> the package's modules it imports."""
    names = module_names(root)
    return {name: imports_of(name, path, names) for name, path in names.items()}


def upward_imports(edges: Mapping[str, set[str]]) -> list[str]:
    """Every import that reaches up, or across to a sibling layer of the same rank."""
    bad = []
    for module, targets in sorted(edges.items()):
        mine = layer_of(module)
        for target in sorted(targets):
            theirs = layer_of(target)
            if RANKS[theirs] < RANKS[mine] or theirs == mine:
                continue  # downward, or within the layer's own folder (checks.lock -> checks.base)
            bad.append(f"{module} ({mine}) imports {target} ({theirs})")
    return bad


def cycles(edges: Mapping[str, set[str]]) -> list[list[str]]:
    """The import circles: strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle() -> None:
    """No two modules of the package import each other, directly or through others."""
    assert cycles(graph()) == []


def test_the_old_import_paths_still_work() -> None:
    """0.1.0's documented ``carsi_claims.export`` and ``carsi_claims.render`` still import."""
    from carsi_claims.export import CSV_COLUMNS, to_csv
    from carsi_claims.output import csv
    from carsi_claims.output.render import render_findings
    from carsi_claims.render import render_findings as old_render_findings

    assert (CSV_COLUMNS, to_csv) == (csv.CSV_COLUMNS, csv.to_csv)
    assert old_render_findings is render_findings


def test_no_import_reaches_up() -> None:
    """Every import points to a lower layer or within its own folder."""
    assert upward_imports(graph()) == []


def test_every_module_has_a_layer() -> None:
    """Every folder of the package is a layer the test knows, so a new one is placed on purpose."""
    folders = {p.parent.name for p in PACKAGE.rglob("*.py")} - {PACKAGE.name}
    folders.discard("__pycache__")
    assert folders <= set(RANKS), folders - set(RANKS)


def test_every_module_opens_with_a_one_line_purpose() -> None:
    """Each module's docstring opens with one line saying what the module is for."""
    missing = []
    for name, path in module_names().items():
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        first = (doc or "").split("\n", 1)[0].strip()
        if not first.endswith((".", ":")) or len(first) > 100:
            missing.append(f"{name}: {first!r}")
    assert missing == []


@pytest.mark.parametrize("layer", ["read", "analysis", "checks", "citing", "output", "cli"])
def test_each_layer_says_what_it_may_import(layer: str) -> None:
    """Each folder's __init__ names the layer and says which layers it may import."""
    doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text()))
    assert doc is not None
    assert "import" in doc


# -- the checker itself, on the graph of 0.1.0 --------------------------------------

#: A part of 0.1.0's import graph: the command modules and ``cli`` imported each
#: other, and ``checks.lock`` imported the citing layer's ``lock``.
OLD_GRAPH: Mapping[str, set[str]] = {
    "carsi_claims.cli.main": {"carsi_claims.cli.citing", "carsi_claims.dataset"},
    "carsi_claims.cli.citing": {"carsi_claims.cli.main", "carsi_claims.citing.lock"},
    "carsi_claims.checks.lock": {"carsi_claims.citing.lock", "carsi_claims.checks.base"},
    "carsi_claims.citing.lock": {"carsi_claims.checks.base", "carsi_claims.checks.lock"},
    "carsi_claims.checks.base": {"carsi_claims.dataset"},
    "carsi_claims.dataset": {"carsi_claims.model"},
    "carsi_claims.model": set(),
}


def test_the_checker_finds_the_old_circles() -> None:
    """The 0.1.0 circles (cli and its command modules; lock and its check) are found."""
    assert cycles(OLD_GRAPH) == [
        ["carsi_claims.checks.lock", "carsi_claims.citing.lock"],
        ["carsi_claims.cli.citing", "carsi_claims.cli.main"],
    ]


def test_the_checker_finds_an_import_that_reaches_up() -> None:
    """``checks.lock`` importing ``citing.lock`` reaches up; the reverse does not."""
    assert upward_imports(OLD_GRAPH) == [
        "carsi_claims.checks.lock (checks) imports carsi_claims.citing.lock (citing)"
    ]


def test_the_checker_reads_imports_inside_functions(tmp_path: Path) -> None:
    """An import hidden in a function, or under TYPE_CHECKING, is an edge of the graph."""
    pkg = tmp_path / "carsi_claims"
    (pkg / "checks").mkdir(parents=True)
    (pkg / "citing").mkdir()
    (pkg / "__init__.py").write_text('"""Facade."""\n')
    (pkg / "checks" / "__init__.py").write_text('"""Checks."""\n')
    (pkg / "citing" / "__init__.py").write_text('"""Citing."""\n')
    (pkg / "citing" / "lock.py").write_text('"""Lock."""\n')
    (pkg / "checks" / "lock.py").write_text(
        '"""Check."""\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n'
        "    from carsi_claims.citing import lock\n"
        "def f() -> None:\n    from carsi_claims.citing.lock import x\n"
    )
    edges = graph(pkg)
    assert edges["carsi_claims.checks.lock"] == {"carsi_claims.citing.lock"}
    assert upward_imports(edges) == [
        "carsi_claims.checks.lock (checks) imports carsi_claims.citing.lock (citing)"
    ]
