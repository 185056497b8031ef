"""The words of texts: word diffs (folded and as written), content words, excerpts."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from carsi_claims.analysis.wording import (
    FUNCTION_WORDS,
    content_words,
    excerpt_of,
    fragments,
    is_excerpt,
    marked_diff,
    word_diff,
    words_of,
)


@pytest.mark.parametrize(
    ("a", "b", "diff"),
    [
        ("A b c", "a B d", "a b [-c-] {+d+}"),
        ("x b c", "y b c", "[-x-] {+y+} b c"),
        ("a b", "a b c", "a b {+c+}"),
        ("a b c", "a c", "a [-b-] c"),
        ("a b c", "a b c", "a b c"),
        ("", "a", "{+a+}"),
        ("a b c d", "a x y d", "a [-b c-] {+x y+} d"),
        ("a", "b", "[-a-] {+b+}"),
    ],
)
def test_word_diff_marks_removed_and_added_words_in_place(a: str, b: str, diff: str) -> None:
    """Folded words; removed ones in ``[-...-]``, added ones in ``{+...+}``, where they are."""
    assert word_diff(a, b) == diff


def test_word_diff_matches_shared_words_at_both_ends_first() -> None:
    """A change between repeated words is shown where it is (issue 8)."""
    assert word_diff("a a a a", "a a. a a") == "a [-a-] {+a.+} a a"
    assert word_diff("a a b a a", "a a a a") == "a a [-b-] a a"


def test_marked_diff_shows_each_text_as_written_with_the_marks_given() -> None:
    """Words matched after folding typography and case, shown as the text spells them; the
    removed ones as the reference spells them; words of only punctuation or space dropped."""
    marks = ("<", ">", "[", "]")
    assert marked_diff("The  Police — now", "the army - now", marks) == "the <Police> [army] - now"
    assert marked_diff("a b", "A b C") == "A b {+C+}"
    assert marked_diff("a B c", "a d") == "a [-B c-] {+d+}"


def test_words_of_fold_typography_punctuation_and_case() -> None:
    """Words in order, lowercased, punctuation dropped, apostrophes inside words kept."""
    assert words_of("It’s the Plan, isn't it?") == ("it's", "the", "plan", "isn't", "it")
    assert words_of("— …") == ()


def test_content_words_count_what_is_not_grammar() -> None:
    """Function words are left out; each content word is counted."""
    assert content_words("The plan, the PLAN and it was not new") == {
        "plan": 2,
        "not": 1,
        "new": 1,
    }
    assert {"the", "and", "of", "it's"} <= FUNCTION_WORDS
    assert "not" not in FUNCTION_WORDS


def test_fragments_are_the_word_runs_between_omissions() -> None:
    """'...' cuts a quotation; punctuation is dropped; a fragment without words is none."""
    assert fragments("We ... will, support... ...  ") == ["we", "will support"]
    assert fragments("We… will") == ["we", "will"]
    assert fragments("...") == []


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        ("will support", "we will support it", True),
        ("We will support it.", "we will support it", True),
        ("support will", "we will support it", False),
        ("we ... it", "we will support it", True),
        ("it ... we", "we will support it", False),
        ("will supp", "we will support it", False),
        ("ill support", "we will support it", False),
        ("we ... we", "we will support it", False),
        ("we ... we", "we will we", True),
        ("...", "we will support it", False),
        ("", "", False),
        ("support it", "we will ... support it", True),
        ("will support", "we will ... support it", False),
    ],
)
def test_is_excerpt(part: str, whole: str, expected: bool) -> None:
    """Each fragment of the part stands whole-word and contiguous in the whole, in order,
    never across an omission of the whole; a part without words is an excerpt of nothing."""
    assert is_excerpt(part, whole) is expected


def test_excerpt_of_takes_fragments() -> None:
    """:func:`excerpt_of` is :func:`is_excerpt` on fragments already cut."""
    assert excerpt_of(["we", "it"], ["we will", "it"])
    assert not excerpt_of(["it", "we"], ["we will", "it"])
    assert not excerpt_of([], ["we"])


def test_long_texts_are_diffed_word_by_word_however_often_a_word_repeats() -> None:
    """Over 200 words, a word said very often is still matched, not treated as noise."""
    middle = " ".join(["the"] * 210)
    assert word_diff(f"x {middle} y", f"z {middle} q") == f"[-x-] {{+z+}} {middle} [-y-] {{+q+}}"


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        ("we ... will", "we will support", True),
        ("a ... b", "a b a", True),
        ("we a ... a", "we a", False),
        ("a b ... b", "a b c", False),
    ],
)
def test_excerpt_fragments_follow_one_another_without_sharing_words(
    part: str, whole: str, expected: bool
) -> None:
    """A fragment may start right after the one before, at the first place it stands after
    it, but never reuse a word the one before has taken."""
    assert is_excerpt(part, whole) is expected


def _read_diff(diff: str) -> list[tuple[str, list[str]]]:
    """A word diff as its runs: ``("=", words)``, ``("-", words)``, ``("+", words)``."""
    runs: list[tuple[str, list[str]]] = []
    for gone, new, same in re.findall(r"\[-(.*?)-\]|\{\+(.*?)\+\}|(\S+)", diff):
        kind, words = ("-", gone) if gone else ("+", new) if new else ("=", same)
        runs.append((kind, words.split()))
    return runs


def _common_ends(a: list[str], b: list[str]) -> tuple[int, int]:
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return head, tail


_SHORT_WORDS = st.lists(st.sampled_from(["a", "b", "c"]), max_size=8)


@example(["a", "a"], ["a", "a", "a"])
@example(["a", "b", "c", "d", "e"], ["a", "x", "c", "y", "e"])
@example(["a", "b", "a"], ["b", "a", "b", "a"])
@given(_SHORT_WORDS, _SHORT_WORDS)
def test_word_diff_spells_both_texts_and_keeps_their_common_ends_unmarked(
    a: list[str], b: list[str]
) -> None:
    """Read without the added words, a word diff is the first text; without the removed
    ones, the second; the words both texts start and end with are shown unmarked, at the
    start and the end; every marked run has words, and removed words come before the
    words added in their place."""
    runs = _read_diff(word_diff(" ".join(a), " ".join(b)))
    assert [w for kind, ws in runs if kind != "+" for w in ws] == a
    assert [w for kind, ws in runs if kind != "-" for w in ws] == b
    assert all(ws for _, ws in runs)
    plain = [kind == "=" for kind, ws in runs for _ in ws]
    head, tail = _common_ends(a, b)
    assert all(plain[:head])
    assert all(plain[len(plain) - tail :])
    kinds = [kind for kind, _ in runs]
    assert ("+", "-") not in itertools.pairwise(kinds)


@given(_SHORT_WORDS, _SHORT_WORDS)
def test_marked_diff_is_the_word_diff_in_each_texts_own_spelling(
    a: list[str], b: list[str]
) -> None:
    """Spelled in capitals by the reference and in Markdown emphasis by the text, the marked
    diff (with the marks given) is the folded word diff with each word as its text has it."""
    reference = " ".join(w.upper() for w in a)
    text = " ".join(f"*{w}*" for w in b)
    marks = ("<", ">", "(", ")")
    folded = _read_diff(word_diff(" ".join(a), " ".join(b)))
    shown = []
    for kind, words in folded:
        if kind == "-":
            shown.append("<" + " ".join(w.upper() for w in words) + ">")
        elif kind == "+":
            shown.append("(" + " ".join(f"*{w}*" for w in words) + ")")
        else:
            shown.append(" ".join(f"*{w}*" for w in words))
    assert marked_diff(reference, text, marks) == " ".join(shown)


def test_an_equal_run_inside_the_change_is_shown_and_the_diff_goes_on_after_it() -> None:
    """Between two changed words, a shared word is shown unmarked and the second change
    follows it."""
    assert word_diff("a b c d e", "a x c y e") == "a [-b-] {+x+} c [-d-] {+y+} e"
    assert word_diff("a a", "a a a") == "a a {+a+}"
