"""Values and qualifiers in words, as ``show``, ``list`` and the site print them."""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs
import pytest

from carsi_claims.model import (
    Basis,
    Bound,
    Count,
    DateValue,
    FiscalYears,
    Inference,
    Interval,
    ListItem,
    Money,
    PartialDate,
    Percentage,
    QualifierName,
    Qualifiers,
    Quotation,
    Statement,
)
from carsi_claims.output.human import fiscal_years_text, one_line, qualifier_items, value_text


def test_fiscal_years_text() -> None:
    """A span is FY2008-2010; a single year FY2008."""
    assert fiscal_years_text(FiscalYears(2008, 2010)) == "FY2008-2010"
    assert fiscal_years_text(FiscalYears(2008, 2008)) == "FY2008"
    assert value_text(FiscalYears(2011, 2012)) == "FY2011-2012"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (Money(Decimal("260000000")), "$260 million"),
        (Money(Decimal("260000000"), currency="EUR", bound=Bound.UP_TO), "up to €260 million"),
        (Percentage(Decimal("95"), bound=Bound.UP_TO), "up to 95%"),
        (Count(5, bound=Bound.AT_LEAST), "at least 5"),
        (DateValue(PartialDate(2011, 3, 14)), "March 14, 2011"),
    ],
)
def test_figures_are_worded_as_the_value_check_reads_them(value: object, words: str) -> None:
    """Money, percentages, counts and dates are worded by the figures' own renderer."""
    assert value_text(value) == words


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (Money(Decimal("1234567.5"), currency="XYZ"), "XYZ 1,234,567.5"),
        (Money(Decimal("-1500"), bound=Bound.UP_TO), "up to USD -1,500"),
        (Money(Decimal("-1500"), bound=Bound.EXACT), "USD -1,500"),
        (Percentage(Decimal("-5.5"), bound=Bound.AT_LEAST), "at least -5.5%"),
        (Percentage(Decimal("-5")), "-5%"),
        (Count(-1200, bound=Bound.APPROXIMATELY), "approximately -1,200"),
        (DateValue(PartialDate(2011, 2, 30)), "2011-02-30"),
        (DateValue(PartialDate(999)), "0999"),
    ],
)
def test_what_the_renderer_refuses_is_written_plainly(value: object, words: str) -> None:
    """A currency without a sign, a negative figure or an impossible date: plain words, the
    bound spelt out (underscore as space), digits with thousands commas."""
    assert value_text(value) == words


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (Money(Decimal("5"), tolerance=Decimal("0.5")), "$5 (± 0.5)"),
        (Money(Decimal("5000"), currency="XYZ", tolerance=Decimal("1000")), "XYZ 5,000 (± 1,000)"),
        (
            Percentage(Decimal("95"), bound=Bound.UP_TO, tolerance=Decimal("2.5")),
            "up to 95% (± 2.5%)",
        ),
        (Percentage(Decimal("40"), tolerance=Decimal("1500")), "40% (± 1,500%)"),
        (Count(3, tolerance=1), "3 (± 1)"),
        (Count(3, tolerance=1000), "3 (± 1,000)"),
    ],
)
def test_a_tolerance_is_written_after_the_figure(value: object, words: str) -> None:
    """A tolerance follows as (± N), with % for a percentage and thousands commas."""
    assert value_text(value) == words


def test_quotations_statements_and_list_items() -> None:
    """A quotation in curly quotes with its speaker (and role); a statement as itself; a list
    item with its list and ordinal."""
    assert value_text(Quotation("We will", "Obama", "President")) == "“We will” (Obama, President)"
    assert value_text(Quotation("We will", "Obama")) == "“We will” (Obama)"
    assert value_text(Statement("CARSI began in 2008.")) == "CARSI began in 2008."
    assert value_text(ListItem("goals", 2, "Build capacity")) == "goals #2: Build capacity"


class _Colour(enum.Enum):
    RED = "red"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (None, "not stated"),
        (True, "yes"),
        (False, "no"),
        (_Colour.RED, "red"),
        (Bound.AT_LEAST, "at_least"),
        (PartialDate(2011, 3), "2011-03"),
        (Decimal("1234.5"), "1,234.5"),
        (1234567, "1,234,567"),
        ((FiscalYears(2008, 2009), PartialDate(2010)), "FY2008-2009, 2010"),
        ([True, None], "yes, not stated"),
        (Interval(Decimal("1000"), Decimal("2.5")), "low 1,000, high 2.5"),
        (
            Inference(QualifierName.AS_OF, Basis.DATELINE, claim=None, note="n"),
            "qualifier as_of, basis dateline, note n",
        ),
        ("plain text", "plain text"),
        (Decimal("7"), "7"),
    ],
)
def test_any_other_value_is_worded_never_a_repr(value: object, words: str) -> None:
    """None, booleans, enums, dates, numbers, lists and records in words: a record as
    ``field value`` pairs (underscores as spaces, unset fields left out)."""
    assert value_text(value) == words


def test_qualifier_items_leave_out_absent_ones_in_field_order() -> None:
    """Only the qualifiers a claim has, named with spaces, worded, in the model's order."""
    qualifiers = Qualifiers(
        as_of=PartialDate(2011, 3, 14),
        fiscal_years=FiscalYears(2008, 2010),
        cumulative=False,
    )
    assert qualifier_items(qualifiers) == [
        ("as of", "2011-03-14"),
        ("fiscal years", "FY2008-2010"),
        ("cumulative", "no"),
    ]
    assert qualifier_items(Qualifiers()) == []


def test_an_inferred_qualifier_says_from_what() -> None:
    """An inferred qualifier names its basis in words and the claim it rests on, if any."""
    qualifiers = Qualifiers(
        as_of=PartialDate(2011, 3, 14),
        scope="regional",
        cumulative=True,
        inferred=(
            Inference(QualifierName.AS_OF, Basis.DATELINE, claim="fs.published"),
            Inference(QualifierName.SCOPE, Basis.CONTEXT),
        ),
    )
    assert qualifier_items(qualifiers) == [
        ("as of", "2011-03-14 (inferred from the document's dateline, fs.published)"),
        ("cumulative", "yes"),
        ("scope", "regional (inferred from the context)"),
    ]


@pytest.mark.parametrize(
    ("text", "width", "line"),
    [
        ("a  b\n\tc ", 10, "a b c"),
        ("abcde", 5, "abcde"),
        ("abcdef", 5, "abcd…"),
        ("abc defgh", 5, "abc…"),
        ("abcdef", 1, "…"),
        ("abcdef", 0, "…"),
        ("", 0, ""),
    ],
)
def test_one_line(text: str, width: int, line: str) -> None:
    """White space runs become one space; a longer text is cut to width, ending in …."""
    assert one_line(text, width) == line


@attrs.frozen
class _Span:
    """A record with underscores in its field names and no ``inferred`` field."""

    first_year: int
    last_year: int | None = None


def test_record_field_names_are_written_with_spaces() -> None:
    """A record's field names are words: underscores become spaces."""
    assert value_text(_Span(2008, 2010)) == "first year 2,008, last year 2,010"
    assert value_text(_Span(2008)) == "first year 2,008"


def test_numbers_in_exponent_form_are_written_in_digits() -> None:
    """A Decimal stored as 1E+3 is written 1,000, never 1E+3."""
    assert value_text(Decimal("1E+3")) == "1,000"
    assert value_text(Money(Decimal("5"), tolerance=Decimal("1E+3"))) == "$5 (± 1,000)"


def test_qualifier_items_of_a_record_without_inferences() -> None:
    """Any record can be listed; one without an ``inferred`` field has no inference notes."""
    assert qualifier_items(_Span(2008, 2010)) == [("first year", "2,008"), ("last year", "2,010")]


def test_a_basis_without_words_of_its_own_is_shown_as_its_name() -> None:
    """An inference basis that has no wording (a newer one) is shown as its name."""
    inference = Inference(QualifierName.SCOPE, "heading")  # type: ignore[arg-type]
    qualifiers = Qualifiers(scope="regional", inferred=(inference,))
    assert qualifier_items(qualifiers) == [("scope", "regional (inferred from heading)")]
