"""What the value check compares: the figure's words (amount, currency, bound), not more."""

from __future__ import annotations

from decimal import Decimal

import pytest

from carsi_claims.analysis.figures import FigureValue
from carsi_claims.checks.values import matches, value_problem
from carsi_claims.model import (
    Bound,
    Claim,
    ClaimKind,
    Count,
    DateValue,
    FiscalYears,
    Money,
    PartialDate,
    Percentage,
    Provenance,
    Statement,
    Value,
)

_M = Money(Decimal(260_000_000))


@pytest.mark.parametrize(
    ("claimed", "found", "same"),
    [
        (_M, _M, True),
        (Money(Decimal(260_000_000), tolerance=Decimal(5)), _M, True),  # no tolerance in words
        (Money(Decimal(260_000_000), bound=Bound.APPROXIMATELY), _M, False),
        (Money(Decimal(260_000_000), "EUR"), _M, False),
        (Money(Decimal(265_000_000)), _M, False),
        (Percentage(Decimal(95), Bound.UP_TO), Percentage(Decimal(95), Bound.UP_TO), True),
        (Percentage(Decimal(95), Bound.UP_TO), Percentage(Decimal(95)), False),
        (Percentage(Decimal(95), tolerance=Decimal(1)), Percentage(Decimal(95)), True),
        (Percentage(Decimal(96)), Percentage(Decimal(95)), False),
        (Count(5, list="goals"), Count(5), True),  # the counted list is not in the words
        (Count(5, Bound.AT_LEAST), Count(5), False),
        (Count(6), Count(5), False),
        (Percentage(Decimal(5)), Count(5), False),  # a figure of another kind
        (Count(5), Percentage(Decimal(5)), False),
        (DateValue(PartialDate(2011, 3, 14)), DateValue(PartialDate(2011, 3, 14)), True),
        (DateValue(PartialDate(2011, 3)), DateValue(PartialDate(2011, 3, 14)), False),
        (FiscalYears(2008, 2010), FiscalYears(2008, 2010), True),
        (FiscalYears(2008, 2010), FiscalYears(2008, 2011), False),
    ],
)
def test_matches_compares_what_words_can_say(
    claimed: FigureValue, found: FigureValue, same: bool
) -> None:
    """Amount, currency, value and bound must agree, and the kind; a tolerance or a counted
    list are not in the words and are not compared."""
    assert matches(claimed, found) is same


def _claim(kind: ClaimKind, value: Value, quote: str) -> tuple[Claim, Provenance]:
    p = Provenance("src", quote, 0, len(quote))
    claim = Claim(id="c", kind=kind, subject="s", property="p", value=value, provenance=(p,))
    return claim, p


def test_the_mismatch_names_every_figure_of_the_claims_kind_and_no_other() -> None:
    """The message lists each figure of the claim's kind in the quote, in order, and leaves
    out figures of other kinds."""
    claim, p = _claim(
        ClaimKind.PERCENTAGE,
        Percentage(Decimal(50)),
        "Of $260 million, up to 95% went to five goals and 5% to audits.",
    )
    assert value_problem(claim, p) == (
        "the claim says '50%', but the quote says 'up to 95%' (up to 95%), '5%' (5%)"
    )


def test_one_matching_figure_among_several_is_enough() -> None:
    """A quote stating several figures of the kind states the claim's value if one matches."""
    claim, p = _claim(
        ClaimKind.PERCENTAGE, Percentage(Decimal(5)), "Up to 95% went to goals and 5% to audits."
    )
    assert value_problem(claim, p) is None


def test_a_quote_without_a_figure_of_the_kind_says_so() -> None:
    """No figure of the claim's kind in the quote: the message names the kind."""
    claim, p = _claim(ClaimKind.MONEY, _M, "Up to 95% of it goes to the Five Goals.")
    assert value_problem(claim, p) == (
        "the claim says '$260 million', but the quote states no money figure"
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("the five goals", None),
        ("The  Five\nGoals", None),  # typography and case are folded
        ("the six goals", "not contained"),
    ],
)
def test_text_values_are_found_in_the_quote_after_folding(text: str, problem: str | None) -> None:
    """A statement's text must stand in the quote, up to typography and case."""
    claim, p = _claim(ClaimKind.STATEMENT, Statement(text), "It serves the Five Goals of CARSI.")
    found = value_problem(claim, p)
    if problem is None:
        assert found is None
    else:
        assert found == (
            "the quote does not contain the claim's text, even after folding typography and "
            "case; quote the words the value states"
        )
