"""Misattribution detection compares a quotation only with quotations sharing its rarest words."""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import pytest

from _conflict_claims import claim
from carsi_claims.analysis import conflicts, wording
from carsi_claims.analysis.conflicts import ConflictKind, detect
from carsi_claims.model import Claim, Quotation

_PLACES = [f"place{chr(97 + i)}{chr(97 + j)}" for i in range(20) for j in range(10)]


def _quotes() -> list[Claim]:
    """200 quotations that all open with the same words, each by its own speaker."""
    return [
        claim(
            f"q-{i:03d}",
            Quotation(f"Support the development of strong governments in {place} now.", f"s{i}"),
            subject=place,
            prop=f"p{i}",
        )
        for i, place in enumerate(_PLACES)
    ]


def test_shared_opening_words_do_not_make_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Quotations that share only their first words are not compared pairwise (near-linear)."""
    calls = 0
    real = wording.excerpt_of

    def counting(part: Sequence[str], whole: Sequence[str]) -> bool:
        nonlocal calls
        calls += 1
        return real(part, whole)

    monkeypatch.setattr(conflicts, "excerpt_of", counting)
    assert detect(_quotes()) == []
    assert calls <= len(_PLACES)  # at most one candidate each, not 200 x 199
    quotes = _quotes()
    again = [attrs.evolve(q, id=q.id + "-again") for q in quotes]
    calls = 0
    assert detect([*quotes, *again]) == []
    # the same words by the same speaker are one variant: no more candidates than before
    assert calls <= len(_PLACES)


def test_excerpt_by_another_speaker_is_still_found() -> None:
    """An excerpt of a quotation attributed to someone else is a misattribution."""
    quotes = _quotes()
    excerpt = claim(
        "q-excerpt",
        Quotation("strong governments in placeaa", "someone-else"),
        subject="other",
        prop="other",
    )
    found = detect([*quotes, excerpt])
    assert [(c.kind, c.claims) for c in found] == [
        (ConflictKind.MISATTRIBUTION, ("q-000", "q-excerpt"))
    ]
