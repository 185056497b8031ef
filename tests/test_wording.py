"""The words of texts: word diffs (folded and as written), content words, excerpts."""

from __future__ import annotations

import pytest

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
