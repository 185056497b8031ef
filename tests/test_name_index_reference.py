"""NameIndex.find finds the names a plain word-by-word scan finds, in the same order.

The index looks for the text's name-starting words with ``str.find`` instead of
stepping through every word of the text; the scan below is its definition: at
each word of the text (a whole ``\\w+`` run), left to right, skipping words inside
a name already found, the longest name starting there that ends at a word
boundary.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carsi_claims.checks import curation
from carsi_claims.checks.curation import NameIndex

_WORD = re.compile(r"\w+")


def _first(name: str) -> str | None:
    m = _WORD.match(name)
    return None if m is None else m.group()


def _reference(text: str, names: dict[str, str]) -> list[str]:
    found: dict[str, None] = {}
    taken = 0
    for word in _WORD.finditer(text):
        start = word.start()
        if start < taken:
            continue
        candidates = sorted((n for n in names if _first(n) == word.group()), key=lambda n: -len(n))
        for name in candidates:
            end = start + len(name)
            if text.startswith(name, start) and not (end < len(text) and _WORD.match(text[end])):
                found[names[name]] = None
                taken = end
                break
    return list(found)


# Few letters, so that words repeat, nest ("ab" in "abab") and touch punctuation.
_words = st.text(alphabet="abAé", min_size=1, max_size=4)
_separators = st.sampled_from([" ", "  ", ".", ". ", "-", "'s ", ", ", "_", "\n", "é"])


@st.composite
def _texts_and_names(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    words = draw(st.lists(_words, min_size=1, max_size=6, unique=True))
    pieces = draw(st.lists(st.tuples(st.sampled_from(words), _separators), max_size=20))
    text = "".join(w + s for w, s in pieces)
    names: dict[str, str] = {}
    for i in range(draw(st.integers(0, 6))):
        parts = draw(
            st.lists(st.tuples(st.sampled_from(words), _separators), min_size=1, max_size=3)
        )
        name = (
            "".join(w + s for w, s in parts).rstrip(" \n") if draw(st.booleans()) else parts[0][0]
        )
        names.setdefault(name, f"e{i}")
    return text, names


@given(_texts_and_names(), st.sampled_from([0, 1, 8]))
def test_find_is_the_word_by_word_scan(case: tuple[str, dict[str, str]], find_up_to: int) -> None:
    """By str.find of each name-starting word (up to a few) or by walking the words."""
    text, names = case
    named = {n: e for n, e in names.items() if _WORD.match(n)}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(curation, "_FIND_UP_TO", find_up_to)
        assert NameIndex.of(names).find(text) == _reference(text, named)


class _CountingFinds(str):
    """A text that counts the ``str.find`` searches made on it."""

    finds = 0

    def find(self, *args: Any) -> int:
        type(self).finds += 1
        return super().find(*args)


def test_many_name_starting_words_are_found_in_one_walk() -> None:
    """A text holding many entities' first words is walked once, not searched once per
    word (which would cost words x length); a text holding a few is searched per word."""
    words = [f"Place{i}" for i in range(40)]
    text = " ".join(f"{w} Hall and" for w in words) * 3
    index = NameIndex.of({f"{w} Hall": w for w in words})
    _CountingFinds.finds = 0
    assert index.find(_CountingFinds(text)) == words
    assert _CountingFinds.finds == 0
    few = " ".join(f"{w} Hall and" for w in words[:2]) * 3
    assert index.find(_CountingFinds(few)) == words[:2]
    assert _CountingFinds.finds == 2 * (3 + 1)  # each word: its 3 places, then none left


def test_a_name_word_inside_a_longer_word_is_not_a_name() -> None:
    """ "ab" occurs inside "abab" and "xab" but is a whole word only at the end."""
    index = NameIndex.of({"ab": "e1"})
    assert index.find("abab xab") == []
    assert index.find("abab xab ab") == ["e1"]
    assert index.find("abab-ab.") == ["e1"]
