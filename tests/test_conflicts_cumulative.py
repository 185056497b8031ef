"""Cumulative amounts: over a span inside another's span, the amount must not exceed it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from _conflict_claims import claim
from carsi_claims.analysis.conflicts import detect
from carsi_claims.model import Claim, FiscalYears, Money


def _cumulative(cid: str, amount: int, start: int, end: int) -> Claim:
    return claim(cid, Money(Decimal(amount)), fiscal_years=FiscalYears(start, end), cumulative=True)


@pytest.mark.parametrize(
    ("inner", "outer"),
    [
        (("a", 300, 2009, 2010), ("b", 260, 2008, 2010)),  # inner sorts first
        (("b", 300, 2009, 2010), ("a", 260, 2008, 2010)),  # inner sorts last
        (("a", 300, 2008, 2009), ("b", 260, 2008, 2010)),  # same first year
        (("a", 261, 2009, 2010), ("b", 260, 2008, 2010)),  # same last year, one more
        (("a", 300, 2009, 2009), ("b", 260, 2008, 2010)),  # strictly inside
    ],
)
def test_more_over_a_span_inside_the_others_span_conflicts(
    inner: tuple[str, int, int, int], outer: tuple[str, int, int, int]
) -> None:
    """More money over fewer years than the span around them is a cumulative conflict,
    found whichever claim comes first, naming the inner and the outer claim."""
    a, b = _cumulative(*inner), _cumulative(*outer)
    for claims in ([a, b], [b, a]):
        [conflict] = detect(claims)
        assert conflict.code == "conflict.cumulative"
        assert conflict.claims == ("a", "b")
        assert (
            f"the cumulative amount of {inner[0]} over a span inside {outer[0]}'s exceeds it"
            in conflict.detail
        )


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (("a", 260, 2009, 2010), ("b", 260, 2008, 2010)),  # the same amount over less: fine
        (("a", 200, 2009, 2010), ("b", 260, 2008, 2010)),  # less over less
        (("a", 300, 2008, 2009), ("b", 260, 2009, 2010)),  # overlapping, neither inside
        (("a", 300, 2006, 2007), ("b", 260, 2008, 2010)),  # apart: different questions
    ],
)
def test_no_conflict_unless_more_over_a_span_inside(
    one: tuple[str, int, int, int], other: tuple[str, int, int, int]
) -> None:
    """At most as much over an inner span, or spans neither inside the other: no conflict."""
    a, b = _cumulative(*one), _cumulative(*other)
    assert detect([a, b]) == []
    assert detect([b, a]) == []
