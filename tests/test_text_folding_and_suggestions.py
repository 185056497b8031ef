"""carsi_claims.text: what typography folds away, which name is suggested, what is escaped.

``normalize`` decides whether a quote matches its source; ``closest`` and
``did_you_mean`` decide the "did you mean" of every unknown-name finding;
``printable`` decides what reaches a terminal.  Each is compared with its
reference: difflib for suggestions, a direct search for the period.
"""

from __future__ import annotations

import difflib
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carsi_claims.text import (
    EXACT_UP_TO,
    SHORTLIST,
    Suggestions,
    closest,
    did_you_mean,
    normalize,
    printable,
    smallest_period,
)

# --- normalize ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typographic", "plain"),
    [
        ("\u2018a\u2019", "'a'"),
        ("\u201aa\u201b", "'a'"),
        ("5\u2032", "5'"),
        ("\u201ca\u201d", '"a"'),
        ("\u201ea\u2033", '"a"'),
        ("a\u2010b\u2011c\u2012d", "a-b-c-d"),
        ("a\u2013b\u2014c\u2015d\u2212e", "a-b-c-d-e"),
        ("wait\u2026", "wait..."),
        ("*very* **much**", "very much"),
        ("co\u00adop", "coop"),
    ],
)
def test_typography_folds_to_plain_ascii(typographic: str, plain: str) -> None:
    """Curly quotes, primes, dashes, the ellipsis, emphasis and soft hyphens fold away."""
    assert normalize(typographic) == plain


def test_white_space_runs_become_one_space_and_ends_are_trimmed() -> None:
    """Any run of white space (tabs, newlines, NBSP) is one space; none at the ends."""
    assert normalize(" \t a\n\n b\u00a0\u00a0c\r\n ") == "a b c"


def test_case_is_folded_fully() -> None:
    """Letter case is folded as casefold does (ß is ss), not only lowered."""
    assert normalize("CARSI Straße") == "carsi strasse"


def test_nothing_else_is_folded() -> None:
    """Full-width digits, accents, other punctuation and words stay as they are."""
    assert normalize("２６０ é ‹a› _b_ `c`") == "２６０ é ‹a› _b_ `c`"


# --- suggestions ----------------------------------------------------------------------------


def test_the_closest_name_is_suggested_in_a_hint() -> None:
    """The hint names the closest candidate quoted, after "; did you mean"."""
    names = ["carsi.goals", "carsi.funding", "carsi.date"]
    assert closest("carsi.goal", names) == "carsi.goals"
    assert did_you_mean("carsi.goal", names) == "; did you mean 'carsi.goals'?"


def test_no_close_name_gives_no_hint() -> None:
    """Below a ratio of 0.6 nothing is suggested, and the hint is empty."""
    names = ["abcdefghij"]
    assert difflib.SequenceMatcher(None, "abcdexxxxx", "abcdefghij").ratio() == 0.5
    assert closest("abcdexxxxx", names) is None
    assert did_you_mean("abcdexxxxx", names) == ""
    assert closest("anything", []) is None
    assert did_you_mean("anything", []) == ""


def test_a_ratio_of_exactly_the_cutoff_is_suggested() -> None:
    """A ratio of 0.6 is close enough."""
    assert difflib.SequenceMatcher(None, "abcxx", "abcyy").ratio() == 0.6
    assert closest("abcxx", ["abcyy"]) == "abcyy"


def test_ties_go_to_the_greatest_name() -> None:
    """Between names equally close, difflib's order: the greatest name."""
    assert closest("abc", ["abx", "aby", "abz"]) == "abz"
    assert closest("abc", ["abz", "abx", "aby"]) == "abz"


def test_suggestions_cache_each_answer_and_count_the_names_compared() -> None:
    """Each new word compares every (distinct) name once; a word asked again costs nothing."""
    index = Suggestions(["carsi.goals", "carsi.date", "carsi.goals", "carsi.funding"])
    assert index.work == 0
    assert index.closest("carsi.goal") == "carsi.goals"
    assert index.work == 3
    assert index.hint("carsi.goal") == "; did you mean 'carsi.goals'?"
    assert index.closest("carsi.goal") == "carsi.goals"
    assert index.work == 3
    assert index.hint("zzz") == ""
    assert index.closest("zzz") is None
    assert index.work == 6


def test_names_are_read_once_even_from_an_iterator() -> None:
    """The names may be a one-shot iterable: they are taken once, at the first lookup."""
    index = Suggestions(iter(["alpha", "beta"]))
    assert index.closest("alpah") == "alpha"
    assert index.closest("btea") == "beta"


def _ids(n: int) -> list[str]:
    rng = random.Random(n)
    topics = ["".join(rng.choice("kalorivenatomisadu") for _ in range(6)) for _ in range(5)]
    return [f"{topics[i % 5]}.money-{i}.{rng.randrange(10**6)}" for i in range(n)]


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(5)
    if word[i] == word[i + 1]:
        return word[:i] + "z" + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


@pytest.mark.parametrize("n", [EXACT_UP_TO, EXACT_UP_TO + 1, 3000])
def test_suggestions_among_many_names_are_difflibs(n: int) -> None:
    """At and past the exact limit, the suggestion is the one difflib finds over all names."""
    names = _ids(n)
    rng = random.Random(11)
    words = [_typo(rng.choice(names), rng) for _ in range(30)]
    words += [name[:-2] for name in rng.sample(names, 5)] + ["nothing.like.it"]
    index = Suggestions(names)
    for word in words:
        best = difflib.get_close_matches(word, names, n=1)
        assert index.closest(word) == (best[0] if best else None)
    word = words[0]
    assert closest(word, names) == index.closest(word)


def test_up_to_the_exact_limit_every_name_is_compared() -> None:
    """With 256 names a lookup compares all 256; with 257, only a shortlist and its postings."""
    exact = Suggestions(_ids(EXACT_UP_TO))
    exact.closest("word")
    assert exact.work == EXACT_UP_TO
    names = [f"n{i:04d}" for i in range(EXACT_UP_TO + 1)]
    indexed = Suggestions(names)
    assert indexed.closest("n0007x") == "n0007"
    # every posting of each trigram the word shares with the names is counted (all fit the
    # budget), then the shortlist is compared
    postings = sum(
        len([nm for nm in names if g in f"\x00\x00{nm}\x00"])
        for g in {"\x00\x00n", "\x00n0", "n00", "000", "007", "07x", "7x\x00"}
    )
    assert indexed.work == postings + SHORTLIST


def test_a_word_sharing_only_common_trigrams_counts_a_bounded_number_of_postings() -> None:
    """When every trigram is too common, the first names of one posting list are taken."""
    names = [f"item-{i:05d}" for i in range(9000)]
    index = Suggestions(names)
    # "item-" shares only "\0\0i", "\0it", "ite", "tem", "em-" with the names: 9000 postings
    # each, past the budget of 8000; the first 8000 names count once each, the shortlist is
    # the first 32 of them, all equally close: the greatest of those is suggested.
    assert index.closest("item-") == "item-00031"
    assert index.work == 8000 + SHORTLIST


def test_a_posting_list_that_fills_the_budget_exactly_is_counted_whole() -> None:
    """Postings are counted, rarest first, while they fit the budget of 8000, the last
    one that fits exactly included; past it nothing more is counted."""
    names = ["qaaa", *(f"item-{i:05d}" for i in range(7999))]
    index = Suggestions(names)
    # "qitem" shares "\0\0q" with qaaa (1 posting), then "ite" and "tem" with the 7999
    # items: 1 + 7999 fill the budget; "tem" no longer fits.
    assert index.closest("qitem") is None
    assert index.work == 8000 + SHORTLIST


def test_work_adds_up_over_lookups_among_many() -> None:
    """Over several lookups among many names, the work of each is added."""
    names = [f"n{i:04d}" for i in range(300)]
    index = Suggestions(names)
    index.closest("n0007x")
    first = index.work
    alone = Suggestions(names)
    alone.closest("n0123y")
    index.closest("n0123y")
    assert index.work == first + alone.work
    assert first > 0
    assert alone.work > 0


def test_the_last_trigram_of_a_word_counts_among_many() -> None:
    """A name sharing only the word's end (its last letters and the end mark) is found."""
    names = [*(f"n{i:04d}" for i in range(300)), "qxy"]
    assert difflib.get_close_matches("pxy", names, n=1) == ["qxy"]
    assert Suggestions(names).closest("pxy") == "qxy"


def test_no_shared_trigram_means_no_suggestion_among_many() -> None:
    """Among many names, a word sharing no trigram with any of them gets nothing."""
    names = [f"n{i:04d}" for i in range(300)]
    index = Suggestions(names)
    assert index.closest("zzzz") is None
    assert index.work == 0


# --- printable ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain ASCII, even ~ and {}", "plain ASCII, even ~ and {}"),
        ("bell\x07", "bell\\u0007"),
        ("\x1b[2J", "\\u001b[2J"),
        ("tab\tnewline\n", "tab\\u0009newline\\u000a"),
        ("\x7f\x85", "\\u007f\\u0085"),
        ("rtl\u202eoverride", "rtl\\u202eoverride"),
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("line\u2028para\u2029", "line\\u2028para\\u2029"),
        ("private\ue000", "private\\ue000"),
        ("last\uffff", "last\\uffff"),
        ("unassigned\u0378", "unassigned\\u0378"),
        ("surrogate\ud800", "surrogate\\ud800"),
        ("tag\U000e0001", "tag\\U000e0001"),
        ("private\U000f0000", "private\\U000f0000"),
        ("é “x” \xa0 — 日本 😀", "é “x” \xa0 — 日本 😀"),
    ],
)
def test_printable_escapes_what_a_terminal_would_not_show(text: str, shown: str) -> None:
    """Controls, format characters, separators, surrogates, private-use and unassigned code
    points are escaped as \\uXXXX (\\UXXXXXXXX past U+FFFF); the rest is left as it is."""
    assert printable(text) == shown


def test_printable_keeps_what_it_is_told_to_keep() -> None:
    """Characters in ``keep`` are left alone, the other hidden ones still escaped."""
    assert printable("a\tb\nc\x1b", keep="\n\t") == "a\tb\nc\\u001b"
    assert printable("a\tb", keep="\n") == "a\\u0009b"


# --- smallest_period ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("", 0),
        ("a", 1),
        ("aa", 1),
        ("ab", 2),
        ("aaaa", 1),
        ("abab", 2),
        ("ababa", 2),
        ("abcab", 3),
        ("aabaa", 3),
        ("aabaab", 3),
        ("abaabaab", 3),
        ("aabaaab", 4),
        ("abcd", 4),
    ],
)
def test_smallest_period_examples(text: str, period: int) -> None:
    """The smallest shift under which the text repeats itself; its length when none does."""
    assert smallest_period(text) == period


@given(
    st.text(alphabet="ab", min_size=1, max_size=40),
    st.integers(1, 60),
    st.text(alphabet="ab", max_size=40),
    st.text(alphabet="ab", max_size=3),
)
def test_smallest_period_of_long_and_nearly_periodic_texts(
    block: str, times: int, tail: str, head: str
) -> None:
    """Texts past the slice-border limit and below it, periodic, periodic but for a few
    characters at either end, or not at all: the period is still the smallest shift."""
    text = head + block * times + tail
    expected = next((p for p in range(1, len(text)) if text[p:] == text[:-p]), len(text))
    assert smallest_period(text) == expected


@given(st.text(alphabet="ab", max_size=30))
def test_smallest_period_is_the_smallest_repeating_shift(text: str) -> None:
    """Against a direct search over every shift."""
    expected = next(
        (
            p
            for p in range(1, len(text))
            if all(text[i] == text[i + p] for i in range(len(text) - p))
        ),
        len(text),
    )
    assert smallest_period(text) == expected


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("aab" + "b" * 600 + "aaab", 604),  # border 'aab', found after a mismatch at 'aaa'
        ("aa" + "b" * 600 + "aa", 602),
        ("ab" + "b" * 600 + "a", 602),
        ("a" * 2 + "b" * 600, 602),
    ],
)
def test_smallest_period_of_long_texts_with_short_borders(text: str, period: int) -> None:
    """Past the slice-border limit, with no period of at most half the length: the period
    is the length less the longest border, also when the border is found only by falling
    back from a longer partial match ('aaab' ends in 'aab', the text's start)."""
    assert smallest_period(text) == period


def test_names_given_twice_are_indexed_and_compared_once() -> None:
    """A name given twice is one name: among few names each distinct one is compared once,
    and among many the trigram index holds each once, so a lookup does the work it does
    over the distinct names."""
    few = [f"n{i:04d}" for i in range(200)]
    twice = Suggestions(few + few)
    assert twice.closest("n0007x") == "n0007"
    assert twice.work == 200
    many = [f"n{i:04d}" for i in range(300)]
    twice = Suggestions(many + many[::-1])
    once = Suggestions(many)
    assert twice.closest("n0123y") == once.closest("n0123y") == "n0123"
    assert twice.work == once.work > 0
