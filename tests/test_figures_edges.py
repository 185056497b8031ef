"""Figures at their edges: overlap resolution, a refused match amid others, render's forms."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from carsi_claims.analysis.figures import (
    FigureKind,
    FigureValue,
    find_figures,
    parse_figure,
    render,
)
from carsi_claims.model import (
    Count,
    DateValue,
    FiscalYears,
    Money,
    PartialDate,
    Percentage,
    Statement,
)


def test_of_overlapping_mentions_the_longest_wins() -> None:
    """'USD 5 million' and '5 million dollars' overlap: the longer one is the figure."""
    found = find_figures("USD 5 million dollars")
    assert [(f.kind, f.text, f.value) for f in found] == [
        (FigureKind.MONEY, "5 million dollars", Money(Decimal(5_000_000)))
    ]


def test_a_refused_match_does_not_stop_the_search_for_later_ones() -> None:
    """'One needs' is no count; the counts after it are still found."""
    found = find_figures("One needs five goals and 7 nations, not one partners.")
    assert [(f.text, f.value) for f in found] == [
        ("five goals", Count(5)),
        ("7 nations", Count(7)),
    ]


def test_scaled_amounts_are_whole_numbers_without_exponent() -> None:
    """'$1.5 billion' is the integer 1500000000, written without a decimal point."""
    amount = parse_figure("$1.5 billion").value
    assert isinstance(amount, Money)
    assert str(amount.amount) == "1500000000"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Money(Decimal(1_000_000)), "$1 million"),
        (Money(Decimal(999_999)), "$999,999"),
        (Money(Decimal("1000000.5")), "$1,000,000.50"),
        (Money(Decimal("2500.50"), "EUR"), "€2,500.50"),
        (Money(Decimal("2500.125")), "$2,500.125"),
    ],
)
def test_render_amounts_at_their_edges(value: Money, text: str) -> None:
    """A million exactly is '1 million'; cents keep two places; more places stay as given."""
    assert render(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Count(0), "0"),
        (Money(Decimal("1.000000000001")), "$1.000000000001"),
        (Percentage(Decimal("0.000000000001")), "0.000000000001%"),
    ],
)
def test_render_at_the_limits_of_what_it_writes(value: FigureValue, text: str) -> None:
    """Zero is a count; twelve decimal places are written out."""
    assert render(value) == text


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Percentage(Decimal(-5)), "percentage must be a finite non-negative number, found -5"),
        (Percentage(Decimal("NaN")), "percentage must be a finite non-negative number, found NaN"),
        (Money(Decimal("Infinity")), "amount must be a finite non-negative number, found Infinity"),
        (
            Money(Decimal("1.0000000000001")),
            "amount has more than 12 decimal places: 1.0000000000001",
        ),
    ],
)
def test_render_refuses_what_it_cannot_write_back(value: FigureValue, message: str) -> None:
    """A negative or non-finite number, or more than 12 decimal places, is a ValueError
    naming what is wrong."""
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        render(value)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (DateValue(PartialDate(1000)), "the year 1000"),
        (FiscalYears(1000, 1000), "Fiscal Year 1000"),
        (FiscalYears(9999, 9999), "Fiscal Year 9999"),
    ],
)
def test_render_writes_four_digit_years_from_1000_to_9999(value: FigureValue, text: str) -> None:
    """Years are written as four digits: 1000 and 9999 are the ends of the range."""
    assert render(value) == text


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (DateValue(PartialDate(999)), "0999 is not a real calendar date: year < 1000"),
        (
            FiscalYears(999, 1000),
            "fiscal years must satisfy 1000 <= start <= end <= 9999: "
            "FiscalYears(start=999, end=1000)",
        ),
        (
            FiscalYears(9999, 10000),
            "fiscal years must satisfy 1000 <= start <= end <= 9999: "
            "FiscalYears(start=9999, end=10000)",
        ),
    ],
)
def test_render_refuses_years_it_cannot_write_in_four_digits(
    value: FigureValue, message: str
) -> None:
    """A year below 1000 or above 9999 is a ValueError saying so."""
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        render(value)


def test_render_refuses_a_value_that_is_no_figure() -> None:
    """A statement has no figure to render: TypeError naming its type."""
    with pytest.raises(TypeError, match=r"^cannot render Statement$"):
        render(Statement("five goals"))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("see http://example.org/2011-03-14?q=5% and 3 nations", 43),  # a scheme, no "www."
        ("see www.example.org/2011-03-14?q=5% and 3 nations", 40),  # "www.", no scheme
        ("see https://example.org/pay$5 and 3 nations", 34),
    ],
)
def test_nothing_inside_a_url_is_a_figure(text: str, after: int) -> None:
    """A URL with a scheme or starting "www." hides the date, percentage or amount written
    in it; the count after it, in the same text, is still found where it is."""
    found = find_figures(text)
    assert [(f.kind, f.value, f.start, f.end, f.text) for f in found] == [
        (FigureKind.COUNT, Count(3), after, after + 9, "3 nations")
    ]
