"""A conflict is a set: every claim of one question, grouped by what it says, reported once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from _conflict_claims import claim
from carsi_claims.analysis import conflicts
from carsi_claims.analysis.conflicts import detect
from carsi_claims.model import Claim, ListItem, Money, PartialDate, Statement

_WORDINGS = (
    "An Integrated, Collaborative Regional Security Program",
    "An Integrated, Collaborative Regional Security and Rule of Law Program",
    "Integrated, Collaborative Regional Security U.S. Program for the central american area",
)


def test_three_wordings_are_one_conflict_with_every_diff() -> None:
    """Three wordings of one heading are one wording conflict with three variants and diffs."""
    claims = [
        claim(f"h{i}", Statement(text), source=f"s{i}", prop="heading")
        for i, text in enumerate(_WORDINGS)
    ]
    [found] = detect(claims)
    assert (found.kind, found.claims) == ("wording", ("h0", "h1", "h2"))
    assert [v.claims for v in found.variants] == [("h0",), ("h1",), ("h2",)]
    assert [(d.a, d.b) for d in found.diffs] == [(0, 1), (0, 2), (1, 2)]
    assert found.diffs[0].diff == (
        "an integrated, collaborative regional security {+and rule of law+} program"
    )
    assert found.question == "carsi heading"


def _replicated(questions: int, copies: int) -> list[Claim]:
    """``questions`` questions, each answered with three figures, each figure by ``copies`` claims.

    Every claim has its own id and source, as when many sources restate the same facts.
    """
    return [
        claim(f"q{q}-v{v}-c{c}", Money(Decimal(100 * (v + 1))), source=f"s{c}", prop=f"p{q}")
        for q in range(questions)
        for v in range(3)
        for c in range(copies)
    ]


def _comparisons(monkeypatch: pytest.MonkeyPatch, claims: list[Claim]) -> int:
    calls = 0
    real = conflicts._compare

    def counting(a: Claim, b: Claim) -> conflicts._Outcome:
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(conflicts, "_compare", counting)
    detect(claims)
    return calls


def test_identical_answers_are_compared_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Comparisons grow with distinct values: 4x the copies of each answer cost nothing more."""
    once = _comparisons(monkeypatch, _replicated(10, 1))
    assert once == 10 * 3  # three variants a question: three pairs
    assert _comparisons(monkeypatch, _replicated(10, 4)) == once
    assert _comparisons(monkeypatch, _replicated(10, 16)) == once
    # and linearly with the number of questions
    assert _comparisons(monkeypatch, _replicated(40, 4)) == 4 * once


def test_agreeing_claims_are_never_compared(monkeypatch: pytest.MonkeyPatch) -> None:
    """k claims saying the same thing are one variant: no comparison at all, whatever k."""
    same = [claim(f"c{i}", Money(Decimal(260)), source=f"s{i}") for i in range(400)]
    assert _comparisons(monkeypatch, same) == 0
    assert detect(same) == []


def test_replicated_answers_are_one_variant_each() -> None:
    """Every claim of a question is in its set, each under the variant it gives, once."""
    found = detect(_replicated(2, 3))
    assert [c.question for c in found] == ["carsi p0", "carsi p1"]
    first = found[0]
    assert [v.claims for v in first.variants] == [
        ("q0-v0-c0", "q0-v0-c1", "q0-v0-c2"),
        ("q0-v1-c0", "q0-v1-c1", "q0-v1-c2"),
        ("q0-v2-c0", "q0-v2-c1", "q0-v2-c2"),
    ]
    assert first.variants[0].sources == ("s0", "s1", "s2")
    assert len(first.claims) == 9
    assert "q0-v0-c0, q0-v0-c1, q0-v0-c2 (s0, s1, s2) says $100" in first.detail


def test_other_times_are_other_questions() -> None:
    """Figures as of years that do not overlap answer different questions: two sets, not one."""
    claims = [
        claim("a", Money(Decimal(1)), as_of=PartialDate(2010)),
        claim("b", Money(Decimal(2)), as_of=PartialDate(2010), source="src-b"),
        claim("c", Money(Decimal(3)), as_of=PartialDate(2012)),
        claim("d", Money(Decimal(4)), as_of=PartialDate(2012), source="src-b"),
        claim("e", Money(Decimal(5)), as_of=PartialDate(2014)),
    ]
    assert [c.claims for c in detect(claims)] == [("a", "b"), ("c", "d")]


def test_punctuation_and_case_only_is_info() -> None:
    """Goal 3: a serial comma and a capital letter are a typography set at severity info."""
    a = claim(
        "a",
        ListItem(
            "goals", 3, "Support strong, capable, and accountable Central American governments"
        ),
    )
    b = claim(
        "b",
        ListItem(
            "goals", 3, "Support strong, capable and accountable Central American Governments"
        ),
        source="src-b",
    )
    [found] = detect([a, b])
    assert (found.kind, found.severity) == ("typography", "info")
    assert found.reason == "the texts differ in typography and punctuation only"


def test_different_properties_never_conflict() -> None:
    """Parallel sentences kept under their own properties do not answer one question."""
    a = claim("a", Statement("Narcotics traffickers establish routes."), prop="routes")
    b = claim("b", Statement("Traffickers and others establish routes."), prop="routes-and-more")
    assert detect([a, b]) == []
