"""Provenance findings in full: the severity, the entry each names, the message, and the
edges of the quote-mismatch hint (the end of the source, long texts, the count of places)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest

from _mini import (
    MINI_SEEDS,
    SEED,
    SEED_NAME,
    SEED_SHA256,
    DatasetPaths,
    mutate,
    report_of,
    where,
)
from carsi_claims import load, validate
from carsi_claims.checks.provenance import occurrences

TmpDataset = Callable[..., DatasetPaths]
Found = tuple[str, str, int, int, str | None, str]

_GOALS = SEED.index("Five Goals")
_GOALS_ENTRY = (
    "      - source: src-a\n"
    '        quote: "Five Goals"\n'
    f"        start: {_GOALS}\n"
    f"        end: {_GOALS + 10}\n"
)
_CLAIMS = (
    "carsi.funding",
    "carsi.funding-years",
    "carsi.share",
    "carsi.goals",
    "carsi.clinton-together",
    "carsi.date",
)


def _found(paths: DatasetPaths, prefix: str = "") -> list[Found]:
    """(code, severity, line, column, claim, message) of each finding whose code starts so."""
    out: list[Found] = []
    for f in validate(load(paths.claims, strict=False)).findings:
        if f.code.startswith(prefix):
            assert f.location is not None, f
            loc = f.location
            out.append((f.code, f.severity.value, loc.line, loc.column, f.claim, f.message))
    return out


def _entries(text: str) -> list[tuple[int, int]]:
    """Where each provenance entry of ``text`` starts, in file order."""
    return [where(text, "source: src-a", i) for i in range(text.count("source: src-a"))]


def _goals_twice() -> str:
    """The mini dataset with carsi.goals quoting "Five Goals" in two provenance entries."""
    return mutate(_GOALS_ENTRY, _GOALS_ENTRY * 2)


def test_quotes_of_an_unreadable_source_are_unverified_infos_at_each_entry(
    tmp_dataset: TmpDataset,
) -> None:
    """When the source cannot be read, each entry citing it is one provenance.unverified
    finding of severity info at that entry, saying why (not an error of its own)."""
    text = mutate(f"path: {SEED_NAME}", "path: ../a.txt", _goals_twice())
    found = _found(tmp_dataset(text, MINI_SEEDS), "provenance.unverified")
    message = (
        "cannot verify the quote: source 'src-a' (../a.txt) cannot be read "
        "(a consequence of the error reported at the source)"
    )
    claims = [*_CLAIMS[:4], "carsi.goals", *_CLAIMS[4:]]
    assert found == [
        ("provenance.unverified", "info", line, col, claim, message)
        for (line, col), claim in zip(_entries(text), claims, strict=True)
    ]


def test_quotes_of_a_changed_source_are_flagged_at_each_entry(tmp_dataset: TmpDataset) -> None:
    """A source whose hash no longer matches flags every entry citing it, as an error at the
    entry, asking to re-verify the quote."""
    changed = SEED.replace("Clinton", "Clintom")
    text = _goals_twice()
    found = _found(tmp_dataset(text, {SEED_NAME: changed}), "provenance.source-changed")
    message = (
        f"source 'src-a' ({SEED_NAME}) no longer matches its pinned sha256; "
        "re-verify this quote against the new text"
    )
    claims = [*_CLAIMS[:4], "carsi.goals", *_CLAIMS[4:]]
    assert found == [
        ("provenance.source-changed", "error", line, col, claim, message)
        for (line, col), claim in zip(_entries(text), claims, strict=True)
    ]


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        (f"start: {_GOALS}\n", "start: -1\n", "record.range"),
        (
            f'quote: "Five Goals"\n        start: {_GOALS}\n        end: {_GOALS + 10}',
            f'quote: ""\n        start: {_GOALS}\n        end: {_GOALS}',
            "record.empty",
        ),
        (
            f'quote: "Five Goals"\n        start: {_GOALS}\n        end: {_GOALS + 10}',
            f'quote: "Five Goals"\n        start: {_GOALS + 10}\n        end: {_GOALS}',
            "record.range",
        ),
    ],
)
def test_an_entry_the_record_checks_refuse_gets_no_provenance_finding(
    tmp_dataset: TmpDataset, old: str, new: str, code: str
) -> None:
    """A negative start, an empty quote, or an end before the start is reported once, by the
    record checks: the provenance check adds no quote mismatch on top."""
    found = report_of(tmp_dataset(mutate(old, new), MINI_SEEDS))
    assert [f[0] for f in found if not f[0].startswith("coverage.")] == [code]


def _misplaced(tmp_dataset: TmpDataset, seed: str, start: int, end: int) -> str:
    """The quote-mismatch message of carsi.goals quoted at start..end of ``seed``."""
    text = mutate(SEED_SHA256, hashlib.sha256(seed.encode()).hexdigest())
    text = mutate(
        f"start: {_GOALS}\n        end: {_GOALS + 10}", f"start: {start}\n        end: {end}", text
    )
    found = [f for f in report_of(tmp_dataset(text, {SEED_NAME: seed})) if f[3] == "carsi.goals"]
    assert [f[0] for f in found] == ["provenance.quote-mismatch"]
    return found[0][4]


def test_offsets_ending_at_the_last_character_are_inside_the_source(
    tmp_dataset: TmpDataset,
) -> None:
    """end == the length of the source is inside it: the message quotes what stands there."""
    end = len(SEED)
    message = _misplaced(tmp_dataset, SEED, end - 10, end)
    assert message == (
        f"quote not found at its offsets in {SEED_NAME}: the source has "
        f"{SEED[-10:]!r} at {end - 10}..{end}, not the quote; the quote stands at "
        f"start: {_GOALS}, end: {_GOALS + 10}"
    )


@pytest.mark.parametrize(
    ("size", "shown"),
    [(60, SEED[:60]), (61, SEED[:57] + "...")],
)
def test_the_text_found_at_the_offsets_is_shown_up_to_60_characters(
    tmp_dataset: TmpDataset, size: int, shown: str
) -> None:
    """Up to 60 characters are shown whole; a longer text is cut to 57 and "..."."""
    message = _misplaced(tmp_dataset, SEED, 0, size)
    assert message == (
        f"quote not found at its offsets in {SEED_NAME}: the source has {shown!r} at "
        f"0..{size}, not the quote; the quote stands at start: {_GOALS}, end: {_GOALS + 10}"
    )


def test_a_quote_found_exactly_three_times_names_the_three_places_and_no_more(
    tmp_dataset: TmpDataset,
) -> None:
    """Three places are all shown: no "(and 0 more)"."""
    seed = SEED + "Five Goals; " * 2
    goals = [i for i in range(len(seed)) if seed.startswith("Five Goals", i)]
    assert len(goals) == 3
    message = _misplaced(tmp_dataset, seed, _GOALS + 1, _GOALS + 11)
    places = ", ".join(f"start: {s}, end: {s + 10}" for s in goals)
    assert message.endswith(f"not the quote; the quote stands at {places}")


@pytest.mark.parametrize("text", ["", "abc"])
def test_an_empty_quote_occurs_nowhere(text: str) -> None:
    """occurrences of "" is no place at all (an empty quote is refused, not found everywhere)."""
    assert occurrences(text, "") == ([], 0)
    assert occurrences(text, "", 10) == ([], 0)


@pytest.mark.parametrize(
    ("text", "quote", "starts"),
    [
        ("xaaaa", "aa", [1, 2, 3]),
        ("xyabababab", "abab", [2, 4, 6]),
        ("ab ha ha ha", "ha ha", [3, 6]),
    ],
)
def test_a_run_of_a_repeating_quote_after_the_start_of_the_text(
    text: str, quote: str, starts: list[int]
) -> None:
    """A run of a quote that repeats ("ha ha"), starting after offset 0, is counted from
    where it starts: every overlapping place once, none beyond the run."""
    assert occurrences(text, quote, 10) == (starts, len(starts))


def test_places_before_a_run_and_in_it_are_shown_and_counted_together() -> None:
    """One place, then a run of three: the first three places are shown, all four counted."""
    assert occurrences("aa b aaaa", "aa") == ([0, 5, 6], 4)
    assert occurrences("aa b aaaa", "aa", 10) == ([0, 5, 6, 7], 4)


@pytest.mark.parametrize(
    ("text", "starts"),
    [("aaabaa", [0, 1, 4]), ("aaabaaa", [0, 1, 4, 5]), ("aaaa b aa c aa", [0, 1, 2, 7, 12])],
)
def test_places_after_a_run_are_all_found(text: str, starts: list[int]) -> None:
    """After a run of a repeating quote, the search goes on from the run's end: the next
    place and every later one are found."""
    assert occurrences(text, "aa", 10) == (starts, len(starts))


@pytest.mark.parametrize(
    ("text", "quote"),
    [("a" * 8, "aa"), ("a" * 40, "aaa"), ("ha " * 20, "ha ha"), ("x" + "ab" * 30, "abab")],
)
def test_a_long_run_is_counted_to_its_end(text: str, quote: str) -> None:
    """A run many times longer than the quote is measured to its end: every place in it
    is counted, none twice."""
    every = [i for i in range(len(text)) if text.startswith(quote, i)]
    assert occurrences(text, quote, len(text)) == (every, len(every))
