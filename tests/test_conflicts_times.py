"""When two claims may answer one question: overlapping dates and spans, unknown times."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from _conflict_claims import claim
from carsi_claims.analysis.conflicts import detect
from carsi_claims.model import (
    Basis,
    Claim,
    DateValue,
    FiscalYears,
    Inference,
    Money,
    PartialDate,
    Percentage,
    QualifierName,
    Statement,
    Status,
)


def _pair(a: dict[str, Any], b: dict[str, Any]) -> list[tuple[str, bool]]:
    """The (kind, undetermined) of the sets of $1 under ``a`` against $2 under ``b``."""
    one = claim("a", Money(Decimal(1)), **a)
    two = claim("b", Money(Decimal(2)), source="src-b", **b)
    return [(c.kind.value, c.undetermined) for c in detect([one, two])]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (PartialDate(2011), PartialDate(2011, 3, 14), [("value", False)]),
        (PartialDate(2011, 3), PartialDate(2011, 3, 14), [("value", False)]),
        (PartialDate(2011, 3, 14), PartialDate(2011, 3, 14), [("value", False)]),
        (PartialDate(2011, 3), PartialDate(2011, 4), []),
        (PartialDate(2011, 3, 14), PartialDate(2011, 3, 15), []),
        (PartialDate(2011, 3, 14), PartialDate(2012, 3, 14), []),
    ],
)
def test_as_of_dates_overlap_when_one_contains_the_other(
    a: PartialDate, b: PartialDate, expected: list[tuple[str, bool]]
) -> None:
    """2011 contains 2011-03-14: one question; 2011-03 and 2011-04 are two."""
    assert _pair({"as_of": a}, {"as_of": b}) == expected
    assert _pair({"as_of": b}, {"as_of": a}) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((2008, 2009), (2009, 2010), [("value", False)]),  # share their last and first year
        ((2009, 2010), (2008, 2009), [("value", False)]),
        ((2008, 2010), (2009, 2009), [("value", False)]),
        ((2008, 2008), (2009, 2010), []),
        ((2011, 2012), (2009, 2010), []),
    ],
)
def test_fiscal_year_spans_overlap_when_they_share_a_year(
    a: tuple[int, int], b: tuple[int, int], expected: list[tuple[str, bool]]
) -> None:
    """Spans that share a year may answer one question; disjoint spans never do."""
    assert _pair({"fiscal_years": FiscalYears(*a)}, {"fiscal_years": FiscalYears(*b)}) == expected


def test_a_time_known_for_one_claim_only_is_undetermined() -> None:
    """An as-of date or a span stated for one claim and not the other: reported, undetermined;
    stated for both (overlapping) or for neither: determined."""
    year = PartialDate(2011)
    span = FiscalYears(2008, 2010)
    assert _pair({"as_of": year}, {}) == [("value", True)]
    assert _pair({}, {"as_of": year}) == [("value", True)]
    assert _pair({"fiscal_years": span}, {}) == [("value", True)]
    assert _pair({}, {"fiscal_years": span}) == [("value", True)]
    assert _pair({"as_of": year, "fiscal_years": span}, {"as_of": year}) == [("value", True)]
    assert _pair({"as_of": year, "fiscal_years": span}, {"fiscal_years": span}) == [("value", True)]
    assert _pair({"as_of": year, "fiscal_years": span}, {"as_of": year, "fiscal_years": span}) == [
        ("value", False)
    ]
    assert _pair({}, {}) == [("value", False)]


def test_an_as_of_date_apart_sets_claims_apart_even_with_a_shared_span() -> None:
    """Dates that do not overlap make different questions whatever the spans."""
    span = FiscalYears(2008, 2010)
    assert (
        _pair(
            {"as_of": PartialDate(2010), "fiscal_years": span},
            {"as_of": PartialDate(2011), "fiscal_years": span},
        )
        == []
    )
    assert _pair(
        {"as_of": PartialDate(2010), "fiscal_years": FiscalYears(2008, 2008)},
        {"as_of": PartialDate(2010), "fiscal_years": span},
    ) == [("value", False)]


def test_date_values_disagree_when_they_do_not_overlap() -> None:
    """A date value of 2011 agrees with 2011-03; 2011-03 and 2011-04 are a value conflict,
    undetermined when a time is known for one only, apart when times differ."""

    def dates(a: PartialDate, b: PartialDate, **qb: Any) -> list[tuple[str, bool]]:
        one = claim("a", DateValue(a))
        two = claim("b", DateValue(b), source="src-b", **qb)
        return [(c.kind.value, c.undetermined) for c in detect([one, two])]

    assert dates(PartialDate(2011), PartialDate(2011, 3)) == []
    assert dates(PartialDate(2011, 3), PartialDate(2011, 4)) == [("value", False)]
    assert dates(PartialDate(2011, 3), PartialDate(2011, 4), as_of=PartialDate(2012)) == [
        ("value", True)
    ]
    one = claim("a", DateValue(PartialDate(2011, 3)), as_of=PartialDate(2010))
    two = claim("b", DateValue(PartialDate(2011, 4)), as_of=PartialDate(2012), source="src-b")
    assert detect([one, two]) == []


def test_statements_of_other_times_do_not_conflict() -> None:
    """Two wordings as of years that do not overlap answer different questions."""
    a = claim("a", Statement("We fund the police."), as_of=PartialDate(2010))
    b = claim("b", Statement("We fund the army."), as_of=PartialDate(2011), source="src-b")
    assert detect([a, b]) == []
    c = claim("c", Statement("We fund the army."), source="src-b")
    [found] = detect([a, c])
    assert (found.kind, found.undetermined) == ("wording", True)


def test_retracted_claims_take_no_part() -> None:
    """A retracted claim is history: it never conflicts."""
    import attrs

    a = claim("a", Percentage(Decimal(90)))
    b = attrs.evolve(
        claim("b", Percentage(Decimal(97)), source="src-b"),
        status=Status.RETRACTED,
        superseded_by="a",
    )
    assert detect([a, b]) == []


def _cumulative(cid: str, amount: int, **qualifiers: Any) -> Claim:
    return claim(cid, Money(Decimal(amount)), cumulative=True, source=f"src-{cid}", **qualifiers)


def test_cumulative_amounts_as_of_the_same_date_must_agree() -> None:
    """Two totals 'to date' as of overlapping dates: differing amounts conflict (determined)."""
    a = _cumulative("a", 260, as_of=PartialDate(2011))
    b = _cumulative("b", 300, as_of=PartialDate(2011, 3))
    [found] = detect([a, b])
    assert (found.kind, found.undetermined) == ("cumulative", False)
    assert found.reason == "cumulative amounts as of the same date differ"
    assert detect([a, _cumulative("b", 260, as_of=PartialDate(2011, 3))]) == []


def test_cumulative_amounts_may_grow_but_not_fall() -> None:
    """A later total may be larger or equal; a smaller one falls (the later has the larger id)."""
    early = _cumulative("a", 260, as_of=PartialDate(2011))
    assert detect([early, _cumulative("b", 260, as_of=PartialDate(2012))]) == []
    assert detect([early, _cumulative("b", 400, as_of=PartialDate(2012))]) == []
    [found] = detect([early, _cumulative("b", 259, as_of=PartialDate(2012))])
    assert found.reason == "the cumulative amount falls from a to the later b"


def test_cumulative_amounts_with_one_span_unknown() -> None:
    """A span stated for one total only: equal amounts agree; others are undetermined."""
    a = _cumulative("a", 260, fiscal_years=FiscalYears(2008, 2010))
    assert detect([a, _cumulative("b", 260)]) == []
    [found] = detect([a, _cumulative("b", 300)])
    assert (found.kind, found.undetermined) == ("cumulative", True)
    assert found.reason.startswith(
        "cumulative amounts differ and one states no fiscal years, so it cannot be told "
        "whether they cover the same period"
    )


def test_cumulative_amounts_with_an_as_of_date_unknown() -> None:
    """No span on either side and an as-of date unknown: equal amounts agree; different ones
    are undetermined."""
    a = _cumulative("a", 260, as_of=PartialDate(2011))
    assert detect([a, _cumulative("b", 260)]) == []
    [found] = detect([a, _cumulative("b", 300)])
    assert (found.kind, found.undetermined) == ("cumulative", True)
    assert found.reason.startswith(
        "cumulative amounts differ and an as-of date is unknown, so it cannot be told which "
        "is later"
    )
    [found] = detect([_cumulative("a", 1), _cumulative("b", 2)])
    assert (found.kind, found.undetermined) == ("cumulative", True)


def test_cumulative_amounts_over_the_same_span_are_compared_by_date() -> None:
    """The same span on both sides: the as-of dates decide, as for totals 'to date'."""
    span = FiscalYears(2008, 2010)
    a = _cumulative("a", 260, fiscal_years=span, as_of=PartialDate(2011))
    b = _cumulative("b", 100, fiscal_years=span, as_of=PartialDate(2012))
    [found] = detect([a, b])
    assert found.reason == "the cumulative amount falls from a to the later b"


def test_cumulative_amounts_in_other_currencies_are_not_compared() -> None:
    """Totals in two currencies are a currency warning, not a cumulative conflict."""
    a = _cumulative("a", 260, as_of=PartialDate(2011))
    b = claim("b", Money(Decimal(100), "EUR"), cumulative=True, as_of=PartialDate(2011))
    [found] = detect([a, b])
    assert found.kind == "currency"
    later = claim("b", Money(Decimal(100), "EUR"), cumulative=True, as_of=PartialDate(2012))
    assert detect([a, later]) == []


def test_only_two_cumulative_amounts_are_compared_as_totals() -> None:
    """A cumulative amount and a plain one as of other years answer different questions."""
    a = _cumulative("a", 260, as_of=PartialDate(2011))
    b = claim("b", Money(Decimal(100)), as_of=PartialDate(2012))
    assert detect([a, b]) == []


def test_texts_differing_in_typography_with_one_time_unknown_are_undetermined() -> None:
    """A typography set keeps the undetermined flag; a wording set says the wording differs."""
    a = claim("a", Statement("We fund the police."), as_of=PartialDate(2010))
    b = claim("b", Statement("we fund the POLICE"), source="src-b")
    [found] = detect([a, b])
    assert (found.kind, found.undetermined) == ("typography", True)
    c = claim("c", Statement("We fund the army."), source="src-c", as_of=PartialDate(2010))
    [found] = detect([a, c])
    assert (found.kind, found.undetermined, found.reason) == (
        "wording",
        False,
        "the wording differs",
    )


def test_an_agreeing_time_does_not_hide_a_disagreeing_one() -> None:
    """One question at two times: the figures of 2010 agree, those of 2012 disagree; the 2012
    set is reported, whichever time's claims sort first."""
    agree = [
        claim("a", Money(Decimal(1)), as_of=PartialDate(2010)),
        claim("b", Money(Decimal(1)), as_of=PartialDate(2010, 3), source="src-b"),
    ]
    differ = [
        claim("c", Money(Decimal(5)), as_of=PartialDate(2012)),
        claim("d", Money(Decimal(6)), as_of=PartialDate(2012), source="src-b"),
    ]
    assert [c.claims for c in detect([*agree, *differ])] == [("c", "d")]


def test_a_variant_related_only_through_its_stated_times_is_in_the_set() -> None:
    """a and b agree on $1 as of 2011 (stated), their inferred spans apart; b and c disagree
    (the verdict leaning on b's inferred span); a and c are of other months.  a is in the set
    through b: related by what is stated, though not by the inferred spans."""
    inferred = (Inference(QualifierName.FISCAL_YEARS, Basis.CONTEXT),)
    a = claim(
        "a",
        Money(Decimal(1)),
        as_of=PartialDate(2011, 3),
        fiscal_years=FiscalYears(2008, 2008),
        inferred=inferred,
    )
    b = claim(
        "b",
        Money(Decimal(1)),
        as_of=PartialDate(2011),
        fiscal_years=FiscalYears(2012, 2012),
        inferred=inferred,
        source="src-b",
    )
    c = claim(
        "c",
        Money(Decimal(2)),
        as_of=PartialDate(2011, 4),
        fiscal_years=FiscalYears(2012, 2012),
        source="src-c",
    )
    [found] = detect([a, b, c])
    assert (found.kind, found.claims, found.leans_on_inference) == ("value", ("a", "b", "c"), True)
    assert [v.claims for v in found.variants] == [("a",), ("b",), ("c",)]


def test_fiscal_year_values_disagree_when_unequal() -> None:
    """Two spans given as the answer: unequal spans are a value conflict naming both claims
    (undetermined when a time is known for one only); equal spans at overlapping times agree."""
    a = claim("a", FiscalYears(2008, 2010), as_of=PartialDate(2011))
    b = claim("b", FiscalYears(2008, 2011), as_of=PartialDate(2011), source="src-b")
    [found] = detect([a, b])
    assert (found.kind, found.claims, found.undetermined, found.reason) == (
        "value",
        ("a", "b"),
        False,
        "the values differ",
    )
    assert [v.says for v in found.variants] == ["Fiscal Years 2008-2010", "Fiscal Years 2008-2011"]
    later = claim("b", FiscalYears(2008, 2011), source="src-b")
    [found] = detect([a, later])
    assert (found.claims, found.undetermined) == (("a", "b"), True)
    same = claim("b", FiscalYears(2008, 2010), as_of=PartialDate(2011, 3), source="src-b")
    assert detect([a, same]) == []
