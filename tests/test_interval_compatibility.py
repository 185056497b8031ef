"""Interval compatibility: reflexive, exact meets up_to iff x <= y, widening is safe;
the precision a figure is stated to gives its width."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _conflict_claims import decimals, money
from carsi_claims import strategies as cs
from carsi_claims.model import Bound, Count, Money, Percentage, interval


@given(st.one_of(money, cs.percentage_values()))
def test_reflexive(value: Money | Percentage) -> None:
    """Every numeric value's interval meets itself."""
    assert interval(value).meets(interval(value))


@given(decimals, decimals)
def test_exact_meets_up_to_iff_not_above(x: Decimal, y: Decimal) -> None:
    """Exact x meets up_to y exactly when x <= y."""
    assert interval(Money(x)).meets(interval(Money(y, bound=Bound.UP_TO))) == (x <= y)


@given(money, money, decimals)
def test_widening_never_creates_a_conflict(a: Money, b: Money, extra: Decimal) -> None:
    """Adding tolerance to a value keeps every interval it met."""
    wider = Money(a.amount, a.currency, a.bound, (a.tolerance or Decimal(0)) + extra)
    if a.bound is Bound.APPROXIMATELY and a.tolerance is None:
        return  # the default tolerance is not zero; covered by the test below
    if interval(a).meets(interval(b)):
        assert interval(wider).meets(interval(b))


@given(money, decimals)
def test_tolerance_widens_the_interval_at_both_ends(a: Money, t: Decimal) -> None:
    """A tolerance t moves the low end down by t (stopping at 0) and the high end up by t."""
    base = interval(attrs.evolve(a, tolerance=Decimal(0)))
    widened = interval(attrs.evolve(a, tolerance=t))
    assert (widened.low, widened.high) == (max(base.low - t, Decimal(0)), base.high + t)


@given(cs.percentage_values(), st.integers(0, 200).map(Decimal))
def test_a_percentage_widens_up_to_100_at_most(p: Percentage, t: Decimal) -> None:
    """A percentage's interval widens like any other but never past 0 or 100."""
    base = interval(attrs.evolve(p, tolerance=Decimal(0)))
    widened = interval(attrs.evolve(p, tolerance=t))
    low, high = max(base.low - t, Decimal(0)), min(base.high + t, Decimal(100))
    assert (widened.low, widened.high) == (low, high)


@pytest.mark.parametrize(
    ("other", "meets"), [(89, False), (90, True), (100, True), (110, True), (111, False)]
)
def test_a_stated_tolerance_decides_what_a_value_meets(other: int, meets: bool) -> None:
    """$100 give or take $10 meets $90..$110 and nothing else; without the tolerance, only
    $100 (a comparison that ignored the tolerance would get four of these wrong)."""
    tolerant = interval(Money(Decimal(100), tolerance=Decimal(10)))
    assert tolerant.meets(interval(Money(Decimal(other)))) is meets
    assert interval(Money(Decimal(100))).meets(interval(Money(Decimal(other)))) is (other == 100)


def test_up_to_95_percent() -> None:
    """'Up to 95%' is compatible with 90% and not with 97%."""
    up_to = interval(Percentage(Decimal(95), Bound.UP_TO))
    assert up_to.meets(interval(Percentage(Decimal(90))))
    assert not up_to.meets(interval(Percentage(Decimal(97))))


def test_approximately_default_tolerance() -> None:
    """Approximately 100 stands for 90..110 when no tolerance is stated."""
    iv = interval(Money(Decimal(100), bound=Bound.APPROXIMATELY))
    assert (iv.low, iv.high) == (Decimal(90), Decimal(110))


def test_at_least_percent_stops_at_100() -> None:
    """At least 40% stands for 40..100."""
    iv = interval(Percentage(Decimal(40), Bound.AT_LEAST))
    assert (iv.low, iv.high) == (Decimal(40), Decimal(100))


def test_260_million_stated_to_the_million() -> None:
    """'$260 million', stated to the million, stands for 259.5..260.5 million."""
    iv = interval(Money(Decimal(260_000_000), precision=Decimal(1_000_000)))
    assert (iv.low, iv.high) == (Decimal(259_500_000), Decimal(260_500_000))
    assert iv.meets(interval(Money(Decimal(260_400_000))))
    assert not iv.meets(interval(Money(Decimal(260_600_000))))


def test_without_precision_a_figure_is_a_point() -> None:
    """A figure the source says is exact ('exactly $260 million') has no width."""
    iv = interval(Money(Decimal(260_000_000)))
    assert (iv.low, iv.high) == (Decimal(260_000_000), Decimal(260_000_000))


def test_precision_with_bounds() -> None:
    """'Up to 95%' to the percent reaches 95.5; 'at least 40%' starts at 39.5; a count
    stated to the hundred ('about 200') has that width before its tolerance."""
    up_to = interval(Percentage(Decimal(95), Bound.UP_TO, precision=Decimal(1)))
    assert (up_to.low, up_to.high) == (Decimal(0), Decimal("95.5"))
    at_least = interval(Percentage(Decimal(40), Bound.AT_LEAST, precision=Decimal(1)))
    assert (at_least.low, at_least.high) == (Decimal("39.5"), Decimal(100))
    count = interval(Count(200, precision=100))
    assert (count.low, count.high) == (Decimal(150), Decimal(250))


def test_percentage_precision_is_clipped_to_100() -> None:
    """'100%' stated to the percent does not reach above 100."""
    iv = interval(Percentage(Decimal(100), precision=Decimal(1)))
    assert (iv.low, iv.high) == (Decimal("99.5"), Decimal(100))
