"""occurrences: where a quote stands in a text (overlapping starts included) and how often."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _mini import SEED, SEED_NAME, SEED_SHA256, DatasetPaths, mutate, report_of
from carsi_claims.checks.provenance import occurrences

TmpDataset = Callable[..., DatasetPaths]


def _every(text: str, quote: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(quote, i)]


@pytest.mark.parametrize(
    ("text", "quote", "starts"),
    [
        ("", "a", []),
        ("abc", "x", []),
        ("abc", "abc", [0]),
        ("abcabc", "abc", [0, 3]),
        ("xabcyyabcabc", "abc", [1, 6, 9]),
        ("aaaa", "aa", [0, 1, 2]),
        ("aaaaa", "aaa", [0, 1, 2]),
        ("abababa", "aba", [0, 2, 4]),
        ("ha ha ha ha ha", "ha ha", [0, 3, 6, 9]),
        ("ab", "abc", []),
    ],
)
def test_every_occurrence(text: str, quote: str, starts: list[int]) -> None:
    """Several occurrences, overlapping ones too, each once, in text order, all counted."""
    assert occurrences(text, quote, len(text) + 1) == (starts, len(starts))
    assert occurrences(text, quote) == (starts[:3], len(starts))


@given(st.text("ab ", max_size=16), st.text("ab", min_size=1, max_size=4), st.integers(0, 5))
def test_occurrences_are_every_position_where_the_quote_stands(
    text: str, quote: str, shown: int
) -> None:
    """The first ``shown`` positions where ``text`` continues with ``quote``, and their number."""
    every = _every(text, quote)
    assert occurrences(text, quote, shown) == (every[:shown], len(every))


def test_a_misplaced_quote_found_many_times_names_three_places_and_counts_the_rest(
    tmp_dataset: TmpDataset,
) -> None:
    """The quote-mismatch message gives the first three places and "(and N more)"."""
    seed = SEED + "Five Goals; " * 4
    goals = _every(seed, "Five Goals")
    text = mutate(SEED_SHA256, hashlib.sha256(seed.encode()).hexdigest())
    text = mutate(f"start: {goals[0]}\n", f"start: {goals[0] + 1}\n", text)
    found = [f for f in report_of(tmp_dataset(text, {SEED_NAME: seed})) if f[3] == "carsi.goals"]
    places = ", ".join(f"start: {s}, end: {s + 10}" for s in goals[:3])
    assert [f[4] for f in found] == [
        f"quote not found at its offsets in {SEED_NAME}: the source has 'ive Goals' at "
        f"{goals[0] + 1}..{goals[0] + 10}, not the quote; the quote stands at {places} "
        "(and 2 more)"
    ]
    assert len(goals) == 5
