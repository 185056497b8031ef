"""The public API: every public name exported, ``__all__`` sorted and complete."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import pytest

import carsi_claims

#: Names of re-exported modules that stay in their module (helpers and constants).
KEPT_IN_MODULE = {
    "VALUE_TYPES",
    "DEFAULT_RELATIVE_TOLERANCE",
    "OWN_VOICE",
    "Numeric",
    "DEFAULT_CHECKS",
    "FORMATS",
    "ID_PATTERN",
    "MAX_ID_LEN",
    "citation_of",
    "default_paths",
    "is_valid_id",
}


def _isort_key(name: str) -> tuple[int, str]:
    """ruff's RUF022 order: SCREAMING_CASE, then CamelCase, then the rest."""
    if name.isupper():
        return (0, name)
    return (1, name) if name[:1].isupper() else (2, name)


def _modules() -> list[ModuleType]:
    names = [
        info.name
        for info in pkgutil.walk_packages(carsi_claims.__path__, "carsi_claims.")
        if not info.name.rsplit(".", 1)[-1].startswith("_")
        and info.name != "carsi_claims.strategies"
    ]
    return [carsi_claims, *(importlib.import_module(n) for n in names)]


@pytest.mark.parametrize("module", _modules(), ids=lambda m: m.__name__)
def test_all_is_sorted_and_resolvable(module: ModuleType) -> None:
    """Each public module has a sorted __all__ whose names all exist."""
    names = getattr(module, "__all__", None)
    assert names is not None, f"{module.__name__} has no __all__"
    assert list(names) == sorted(names, key=_isort_key)
    assert len(set(names)) == len(names)
    for name in names:
        assert hasattr(module, name), f"{module.__name__}.{name}"


def test_package_reexports_the_public_modules() -> None:
    """carsi_claims.__all__ is exactly the public names of the modules it re-exports from."""
    exported = set(carsi_claims.__all__) - {"__version__"}
    homes = [
        m
        for m in _modules()[1:]
        if any(getattr(carsi_claims, n, None) is getattr(m, n) for n in set(m.__all__) & exported)
    ]
    expected: set[str] = set()
    for module in homes:
        expected |= set(module.__all__) - KEPT_IN_MODULE
    assert exported == expected


@pytest.mark.parametrize("name", carsi_claims.__all__)
def test_exported_names_are_the_module_objects(name: str) -> None:
    """Every exported name is the very object its home module defines."""
    obj = getattr(carsi_claims, name)
    home = getattr(obj, "__module__", None)
    if home is not None and home.startswith("carsi_claims."):
        assert getattr(importlib.import_module(home), name) is obj


def test_star_import_gives_all() -> None:
    """``from carsi_claims import *`` binds exactly __all__."""
    namespace: dict[str, object] = {}
    exec("from carsi_claims import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(carsi_claims.__all__)
