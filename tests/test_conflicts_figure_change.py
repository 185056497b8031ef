"""Changing a figure to one outside the other claim's interval always creates a conflict."""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from _conflict_claims import claim, decimals, money
from carsi_claims.analysis.conflicts import detect
from carsi_claims.model import Money, interval


@given(money, decimals, st.booleans())
def test_figure_outside_interval_conflicts(base: Money, step: Decimal, below: bool) -> None:
    """A second figure just outside the first's interval is a value conflict."""
    iv = interval(base)
    if below:
        if iv.low == 0:
            return
        changed = max(iv.low - step - Decimal("0.01"), Decimal(0))
        if changed >= iv.low:
            return
    else:
        if not iv.high.is_finite():
            return
        changed = iv.high + step + Decimal("0.01")
    a = claim("a", base)
    b = claim("b", Money(changed), source="src-b")
    found = detect([a, b])
    assert [(c.kind, c.claims) for c in found] == [("value", ("a", "b"))]
    assert "a (src-a)" in found[0].detail


def test_cumulative_falls() -> None:
    """A cumulative amount that falls as the as-of date moves later is a conflict."""
    from carsi_claims.model import PartialDate

    early = claim("a", Money(Decimal(260)), as_of=PartialDate(2011), cumulative=True)
    late = claim("b", Money(Decimal(165)), as_of=PartialDate(2012), cumulative=True)
    found = detect([early, late])
    assert [(c.kind, c.undetermined) for c in found] == [("cumulative", False)]
    assert detect([early, attrs.evolve(late, value=Money(Decimal(300)))]) == []


def test_cumulative_unknown_as_of_is_reported() -> None:
    """Different cumulative amounts with an unknown as-of date are undetermined, not passed."""
    from carsi_claims.model import FiscalYears

    a = claim("a", Money(Decimal(260)), fiscal_years=FiscalYears(2008, 2010), cumulative=True)
    b = claim("b", Money(Decimal(165)), cumulative=True)
    [found] = detect([a, b])
    assert (found.code, found.undetermined) == ("conflict.cumulative", True)


def test_different_currencies_are_not_compared() -> None:
    """Money in two currencies is a warning that says they are not compared."""
    [found] = detect([claim("a", Money(Decimal(1))), claim("b", Money(Decimal(1), "EUR"))])
    assert (found.code, found.severity) == ("conflict.currency", "warning")
    assert "EUR and USD are not compared" in found.detail


def test_cumulative_falls_when_the_later_claim_has_the_smaller_id() -> None:
    """The order of dates, not of ids, tells which cumulative amount is the later one."""
    from carsi_claims.model import PartialDate

    late = claim("a", Money(Decimal(100)), as_of=PartialDate(2012), cumulative=True)
    early = claim("b", Money(Decimal(300)), as_of=PartialDate(2011), cumulative=True)
    [found] = detect([late, early])
    assert (found.kind, found.claims, found.undetermined) == ("cumulative", ("a", "b"), False)
    assert "falls from b to the later a" in found.detail
