"""SHA-256 by CPython's own module where it is built, not by OpenSSL through hashlib."""

from __future__ import annotations

import hashlib
import importlib

import pytest

from carsi_claims import _sha256


def test_cpythons_own_sha256_is_used_where_it_is_built() -> None:
    """``_sha256`` (CPython 3.11) or ``_sha2`` (3.12 on) serves, not hashlib's OpenSSL one."""
    own = []
    for name in ("_sha256", "_sha2"):
        try:
            own.append(importlib.import_module(name).sha256)
        except (ImportError, AttributeError):
            continue
    expected = own[0] if own else hashlib.sha256
    assert _sha256._sha256 is expected
    assert _sha256.sha256_hex(b"abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


class _Built:
    """A stand-in for a built hash module: its ``sha256`` names the module."""

    def __init__(self, name: str) -> None:
        self.sha256 = f"{name}.sha256"


@pytest.mark.parametrize(
    ("built", "expected"),
    [
        ({"_sha256": True, "_sha2": True}, "_sha256.sha256"),  # CPython 3.11
        ({"_sha2": True}, "_sha2.sha256"),  # CPython 3.12 and later
        ({"_sha256": False, "_sha2": True}, "_sha2.sha256"),  # a module without sha256
        ({}, "hashlib"),  # neither built: OpenSSL's
    ],
)
def test_the_first_own_sha256_built_is_chosen_else_hashlibs(
    monkeypatch: pytest.MonkeyPatch, built: dict[str, bool], expected: str
) -> None:
    """``_sha256`` if it is built (with a ``sha256``), else ``_sha2``, else hashlib's."""

    def import_module(name: str) -> object:
        if name not in built:
            raise ModuleNotFoundError(f"No module named {name!r}")
        return _Built(name) if built[name] else object()

    monkeypatch.setattr(importlib, "import_module", import_module)
    found = _sha256._constructor()
    monkeypatch.undo()
    assert found == (hashlib.sha256 if expected == "hashlib" else expected)
