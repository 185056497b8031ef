"""The one JSON encoding of every machine output: UTF-8 text, indented, no NaN."""

from __future__ import annotations

import json
from typing import TextIO

__all__ = ["dumps", "write"]


def dumps(data: object) -> str:
    """``data`` as JSON text ending in a newline; NaN and infinity raise ValueError."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def write(data: object, out: TextIO) -> None:
    """Write ``data`` as JSON to ``out``."""
    out.write(dumps(data))
