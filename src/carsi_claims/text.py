"""Typography-only normalisation, shared by every text comparison.

Two texts that differ only in typography (curly or straight quotes, kinds of
dash, the ellipsis character, runs of white space, Markdown emphasis marks,
letter case) normalise to the same string.  Nothing else is folded: no NFKC
(which would make a full-width ``２６０`` equal ``260``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Final

__all__ = ["closest", "did_you_mean", "normalize", "printable"]

_TRANSLATE: Final = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",  # –
        "\u2014": "-",  # —
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",  # …
        "*": None,  # Markdown emphasis
        "\u00ad": None,  # soft hyphen
    }
)
_SPACE: Final = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold typography and case; keep every word and every other character."""
    return _SPACE.sub(" ", text.translate(_TRANSLATE)).strip().casefold()


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like ``word``, if any is close enough to suggest."""
    import difflib  # only when a suggestion is wanted

    found = difflib.get_close_matches(word, list(candidates), n=1)
    return found[0] if found else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A message hint naming the closest candidate (``"; did you mean 'x'?"``), or ``""``."""
    found = closest(word, candidates)
    return f"; did you mean {found!r}?" if found else ""


# Characters a terminal does not show as themselves: controls (Cc), format characters
# such as bidi overrides and zero-width joiners (Cf), line and paragraph separators
# (Zl, Zp), surrogates (Cs), private-use (Co) and unassigned code points (Cn).
_HIDDEN_CATEGORIES: Final = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
_MAYBE_HIDDEN: Final = re.compile(r"[^\x20-\x7e]")


def _escape_hidden(m: re.Match[str], keep: str) -> str:
    char = m.group()
    if char in keep or unicodedata.category(char) not in _HIDDEN_CATEGORIES:
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def printable(text: str, keep: str = "") -> str:
    """``text`` for a terminal: every character it would not show as itself escaped.

    Controls (an escape sequence that clears the screen, a bell), bidi
    overrides, zero-width and format characters, U+2028 and U+2029,
    surrogates, private-use and unassigned code points are written as
    ``\\uXXXX`` (``\\UXXXXXXXX`` past U+FFFF); characters in ``keep`` (say
    ``"\\n\\t"`` for text of several lines) are left alone.
    """
    if text.isascii() and text.isprintable():
        return text
    return _MAYBE_HIDDEN.sub(lambda m: _escape_hidden(m, keep), text)
