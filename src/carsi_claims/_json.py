"""The one JSON encoding of every machine output: UTF-8 text, indented, no NaN."""

from __future__ import annotations

import json
import re
from typing import Final, TextIO

__all__ = ["dumps", "write"]


# A lone surrogate: what os.fsdecode makes of a file name's byte that is not UTF-8.
_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def dumps(data: object) -> str:
    """``data`` as JSON text ending in a newline; NaN and infinity raise ValueError.

    The text can always be written as UTF-8: a lone surrogate (from a file
    name that is not UTF-8) is written as its JSON escape ``\\udcff``, which
    ``json.loads`` reads back to the same string.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write(data: object, out: TextIO) -> None:
    """Write ``data`` as JSON to ``out``."""
    out.write(dumps(data))
