"""The model's own answers, at their edges: ids at the length limit, partial dates and
their problems, the qualifiers a source states, and the voice of a claim with no quote."""

from __future__ import annotations

import re

import pytest

from carsi_claims.model import (
    MAX_ID_LEN,
    Basis,
    Claim,
    ClaimKind,
    FiscalYears,
    Inference,
    PartialDate,
    QualifierName,
    Qualifiers,
    Quotation,
    Statement,
    is_valid_id,
)


def test_an_id_of_exactly_the_longest_length_is_valid_one_more_is_not() -> None:
    assert MAX_ID_LEN == 80
    assert is_valid_id("a" * MAX_ID_LEN)
    assert not is_valid_id("a" * (MAX_ID_LEN + 1))
    assert is_valid_id("c." + "b" * (MAX_ID_LEN - 2))


@pytest.mark.parametrize(
    ("date", "problem"),
    [
        (PartialDate(0), "year 0 is out of range 1..9999"),
        (PartialDate(10000), "year 10000 is out of range 1..9999"),
        (PartialDate(2011, None, 5), "a day without a month"),
        (PartialDate(2011, 0), "month 0 is out of range 1..12"),
        (PartialDate(2011, 13), "month 13 is out of range 1..12"),
        (PartialDate(2011, 4, 31), "day 31 is out of range 1..30 for 2011-04"),
        (PartialDate(2011, 4, 0), "day 0 is out of range 1..30 for 2011-04"),
        (PartialDate(2012, 2, 30), "day 30 is out of range 1..29 for 2012-02"),
    ],
)
def test_the_problem_of_a_date_that_is_not_a_real_one(date: PartialDate, problem: str) -> None:
    assert date.problem() == problem


@pytest.mark.parametrize(
    "date",
    [PartialDate(1), PartialDate(9999), PartialDate(2011, 1), PartialDate(2011, 12),
     PartialDate(2011, 12, 31), PartialDate(2011, 1, 1), PartialDate(2012, 2, 29)],
)  # fmt: skip
def test_a_real_date_at_each_bound_has_no_problem(date: PartialDate) -> None:
    assert date.problem() is None
    assert PartialDate.parse(str(date)) == date


@pytest.mark.parametrize("text", ["2011-3", "11", "2011-03-1", "2011/03", " 2011", "2011\n"])
def test_a_date_not_written_as_yyyy_mm_dd_is_refused_saying_what_was_expected(text: str) -> None:
    expected = f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found {text!r}"
    with pytest.raises(ValueError, match=f"^{re.escape(expected)}$"):
        PartialDate.parse(text)


def test_a_written_date_that_is_not_a_real_one_is_refused_with_its_problem() -> None:
    expected = "'2011-02-29' is not a real calendar date: day 29 is out of range 1..28 for 2011-02"
    with pytest.raises(ValueError, match=f"^{re.escape(expected)}$"):
        PartialDate.parse("2011-02-29")


_ALL = Qualifiers(
    as_of=PartialDate(2011, 3), fiscal_years=FiscalYears(2008, 2010), cumulative=True, scope="x"
)


@pytest.mark.parametrize("name", list(QualifierName))
def test_the_stated_qualifiers_drop_only_the_inferred_one(name: QualifierName) -> None:
    """Each qualifier inferred in turn: only that one is left out of what the source
    states; the others keep their values."""
    inferred = Qualifiers(
        as_of=_ALL.as_of,
        fiscal_years=_ALL.fiscal_years,
        cumulative=_ALL.cumulative,
        scope=_ALL.scope,
        inferred=(Inference(name, Basis.CONTEXT),),
    )
    stated = inferred.stated()
    for other in QualifierName:
        expected = None if other is name else getattr(_ALL, other.value)
        assert getattr(stated, other.value) == expected, other
    assert stated.inferred == ()


def test_qualifiers_with_nothing_inferred_are_all_stated() -> None:
    assert _ALL.stated() is _ALL


def _bare(value: Statement | Quotation, voice: str | None = None) -> Claim:
    kind = ClaimKind.QUOTATION if isinstance(value, Quotation) else ClaimKind.STATEMENT
    return Claim("c", kind, "carsi", "p", value, (), voice=voice)


def test_a_claim_with_no_quote_has_the_voice_a_quote_would_have() -> None:
    assert _bare(Statement("w")).voices() == (None,)
    assert _bare(Statement("w"), voice="obama").voices() == ("obama",)
    assert _bare(Quotation("w", "clinton")).voices() == ("clinton",)
    assert _bare(Quotation("w", "clinton"), voice="obama").voices() == ("obama",)
