"""SHA-256 as lowercase hex, without loading OpenSSL where CPython has its own.

``hashlib`` loads OpenSSL's libcrypto when it is imported: about 2 ms of a
validation's 120 ms start-up.  CPython's own SHA-256 (``_sha256`` up to 3.11,
``_sha2`` from 3.12) gives the same digests; it is slower on large inputs
(a megabyte seed takes a few milliseconds instead of one), which a validation
hashes only a handful of.  Where neither is built, ``hashlib`` serves.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Final

__all__ = ["sha256_hex"]


def _constructor() -> Callable[[bytes], Any]:
    for name in ("_sha256", "_sha2"):  # CPython 3.11, 3.12 and later
        try:
            found: Callable[[bytes], Any] = importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
        return found
    import hashlib

    return hashlib.sha256


_sha256: Final = _constructor()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data``, as 64 lowercase hex digits."""
    digest: str = _sha256(data).hexdigest()
    return digest
