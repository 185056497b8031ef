"""Typography-only normalisation and "did you mean" suggestions, for every text comparison.

Two texts that differ only in typography (curly or straight quotes, kinds of
dash, the ellipsis character, runs of white space, Markdown emphasis marks,
letter case) normalise to the same string.  Nothing else is folded: no NFKC
(which would make a full-width ``２６０`` equal ``260``).

Suggestions: the closest name is the one :func:`difflib.get_close_matches`
ranks first (ratio at least 0.6; the greatest ratio, then the greatest name).
Among up to :data:`EXACT_UP_TO` names every name is compared; among more,
:class:`Suggestions` compares only a shortlist: the :data:`SHORTLIST` names
sharing the most character trigrams with the word, counted from an index
over a bounded number of postings (the rarest trigrams first).  So a lookup
costs the same whatever the number of names, and a name that shares no
uncommon trigram with the word is not suggested.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Final

__all__ = [
    "EXACT_UP_TO",
    "SHORTLIST",
    "Suggestions",
    "closest",
    "did_you_mean",
    "normalize",
    "printable",
    "smallest_period",
]

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
#: Every white space character (``\s``, ``str.isspace``) but the plain space.  Folding
#: makes each a space, then halves the runs of spaces until none is left: each step a
#: ``str.replace`` at C speed, where a regex for the runs tried a match at every space
#: (three times slower on a megabyte of text).
_OTHER_SPACES: Final = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


#: The same folding as (char, replacement) pairs.  No replacement holds a folded
#: character, so replacing them one after the other is the translation; on a long text
#: each ``str.replace`` is a fast scan, where ``str.translate`` with a table looks up
#: every character (ten times slower on a megabyte of text with curly quotes).
_FOLDS: Final = tuple((chr(c), r or "") for c, r in _TRANSLATE.items())


def normalize(text: str) -> str:
    """Fold typography and case; keep every word and every other character."""
    for char, replacement in _FOLDS:
        if char in text:
            text = text.replace(char, replacement)
    for space in _OTHER_SPACES:
        if space in text:
            text = text.replace(space, " ")
    while "  " in text:  # a run of k spaces is one after about log2(k) rounds
        text = text.replace("  ", " ")
    return text.strip().casefold()


#: Up to this many names, a suggestion compares the word with every one of them.
EXACT_UP_TO: Final = 256
#: Among more names, only this many (those sharing the most trigrams) are compared.
SHORTLIST: Final = 32
#: At most this many index postings are counted for one word.
_POSTINGS: Final = 8000
_CUTOFF: Final = 0.6


def _trigrams(name: str) -> set[str]:
    padded = f"\x00\x00{name}\x00"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _best(word: str, names: Iterable[str]) -> str | None:
    """What ``difflib.get_close_matches(word, names, n=1)`` answers."""
    import difflib  # only when a suggestion is wanted

    found = difflib.get_close_matches(word, list(names), n=1, cutoff=_CUTOFF)
    return found[0] if found else None


class Suggestions:
    """The closest of a fixed set of names, for many words: indexed, each answer cached.

    Nothing is built until the first word is looked up, and the trigram
    index only when there are more than :data:`EXACT_UP_TO` names.
    """

    __slots__ = ("_answers", "_index", "_names", "work")

    def __init__(self, names: Iterable[str]) -> None:
        self._names = names
        self._index: tuple[list[str], dict[str, list[int]]] | None = None
        self._answers: dict[str, str | None] = {}
        #: Names compared with a word and index postings counted, over all lookups.
        self.work = 0

    def closest(self, word: str) -> str | None:
        """The name most like ``word``, if any is close enough to suggest."""
        if word in self._answers:
            return self._answers[word]
        found = self._answers[word] = _best(word, self._shortlist(word))
        return found

    def hint(self, word: str) -> str:
        """``"; did you mean 'x'?"`` naming the closest name, or ``""``."""
        found = self.closest(word)
        return f"; did you mean {found!r}?" if found else ""

    def _shortlist(self, word: str) -> list[str]:
        if self._index is None:
            self._index = _build_index(self._names)
        names, index = self._index
        if len(names) <= EXACT_UP_TO:
            self.work += len(names)
            return names
        lists = sorted((index[g] for g in _trigrams(word) if g in index), key=len)
        shared: Counter[int] = Counter()
        budget = _POSTINGS
        for posting in lists:
            if len(posting) > budget:
                if not shared:  # only common trigrams: some of their names, in order
                    shared.update(posting[:budget])
                    budget = 0
                break
            shared.update(posting)
            budget -= len(posting)
        self.work += _POSTINGS - budget + min(SHORTLIST, len(shared))
        top = shared.most_common(SHORTLIST)
        return [names[i] for i, _ in top]


def _build_index(names: Iterable[str]) -> tuple[list[str], dict[str, list[int]]]:
    """The distinct names, and the trigram postings when there are more than
    :data:`EXACT_UP_TO` of them.  The collector is paused: the millions of postings all
    stay alive, and a collection meanwhile would walk every object of the process (at
    100,000 claim ids, a loaded dataset: most of the time of a first suggestion)."""
    from carsi_claims._gc import paused

    with paused():
        distinct = list(dict.fromkeys(names))
        postings: dict[str, list[int]] = defaultdict(list)
        if len(distinct) > EXACT_UP_TO:
            for i, name in enumerate(distinct):
                for gram in _trigrams(name):
                    postings[gram].append(i)
        return distinct, dict(postings)


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like ``word``, if any is close enough to suggest.

    For one word; to look up many words among the same names, keep a
    :class:`Suggestions`.
    """
    return Suggestions(candidates).closest(word)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A message hint naming the closest candidate (``"; did you mean 'x'?"``), or ``""``."""
    return Suggestions(candidates).hint(word)


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


#: Up to this length a text with no period of at most half its length has its border
#: looked for by comparing slices (at most a quarter of its length squared characters,
#: in C); a longer one by the KMP border table (linear, a Python step per character).
_SLICE_BORDERS: Final = 512


def smallest_period(text: str) -> int:
    """The smallest ``p`` with ``text[i] == text[i + p]`` throughout (``len(text)`` when the
    text does not repeat, 0 for ""): its length less its longest proper border.

    An overlapping occurrence of ``text`` can start only a multiple of it after another.

    A period of at most half the length is found by one search, at C speed: it is then
    where the text's first half (rounded up) first occurs again, at 1 to ``n // 2``.  (If
    ``p`` is the smallest such period and the half occurs at ``q < p``, both are periods
    of the text's first ``q + ceil(n / 2)`` characters; by Fine and Wilf so is their gcd,
    which then divides ``p`` and is a smaller period of the whole text.)  Otherwise the
    border is shorter than half the text: by slices for a short text, else by KMP.
    """
    n = len(text)
    if n < 2:
        return n
    half = n // 2
    head = text[: n - half]
    p = text.find(head, 1, half + len(head))
    if p != -1 and text[p:] == text[: n - p]:
        return p
    if n <= _SLICE_BORDERS:
        for b in range(n - half - 1, 0, -1):
            if text.endswith(text[:b]):
                return n - b
        return n
    return _kmp_period(text)


def _kmp_period(text: str) -> int:
    """:func:`smallest_period` by the KMP border table (linear)."""
    border = [0] * len(text)
    k = 0
    for i in range(1, len(text)):
        while k and text[i] != text[k]:
            k = border[k - 1]
        if text[i] == text[k]:
            k += 1
        border[i] = k
    return len(text) - (border[-1] if text else 0)
