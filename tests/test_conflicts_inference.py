"""Conflict logic uses stated values and says when a verdict leans on an inferred qualifier."""

from __future__ import annotations

from decimal import Decimal

from _conflict_claims import claim
from carsi_claims.analysis.conflicts import detect
from carsi_claims.model import Basis, FiscalYears, Inference, Money, PartialDate, QualifierName

#: An as-of date read from the document's dateline, as for the $260 million claim.
_DATELINE = (Inference(QualifierName.AS_OF, Basis.DATELINE, "doc.published"),)


def test_the_260m_case_does_not_lean_on_its_inferred_date() -> None:
    """Fiscal years stated for one amount only: undetermined, with or without the inferred date."""
    a = claim(
        "a",
        Money(Decimal(260_000_000), precision=Decimal(1_000_000)),
        fiscal_years=FiscalYears(2008, 2010),
        as_of=PartialDate(2011, 3, 14),
        inferred=_DATELINE,
        cumulative=True,
    )
    b = claim("b", Money(Decimal(165_000_000)), cumulative=True, source="src-b")
    [found] = detect([a, b])
    assert (found.kind, found.undetermined, found.leans_on_inference) == ("cumulative", True, False)
    assert found.variants[0].when == "as of 2011-03-14 (inferred from the dateline), FY2008-2010"
    assert "inferred" not in found.reason


def test_a_falling_total_found_only_through_inferred_dates_says_so() -> None:
    """Totals 'to date' that fall between two datelines: a conflict that leans on inference."""
    early = claim(
        "a",
        Money(Decimal(300)),
        as_of=PartialDate(2010),
        inferred=_DATELINE,
        cumulative=True,
    )
    late = claim(
        "b",
        Money(Decimal(100)),
        as_of=PartialDate(2012),
        inferred=_DATELINE,
        cumulative=True,
        source="src-b",
    )
    [found] = detect([early, late])
    assert (found.kind, found.undetermined, found.leans_on_inference) == (
        "cumulative",
        False,
        True,
    )
    assert found.reason == (
        "the cumulative amount falls from a to the later b (this leans on an inference: "
        "as_of 2010 of a is inferred from the dateline, claim doc.published, not stated; "
        "as_of 2012 of b is inferred from the dateline, claim doc.published, not stated)"
    )


def test_figures_set_apart_only_by_inferred_dates_are_still_reported() -> None:
    """Stated alone, two figures answer one question and differ: reported, inference named."""
    a = claim("a", Money(Decimal(1)), as_of=PartialDate(2010), inferred=_DATELINE)
    b = claim("b", Money(Decimal(2)), as_of=PartialDate(2012), inferred=_DATELINE, source="s")
    [found] = detect([a, b])
    assert (found.kind, found.leans_on_inference) == ("value", True)
    assert found.reason.startswith(
        "the figures do not meet (only an inference reconciles them: as_of 2010 of a is inferred"
    )


def test_stated_dates_set_figures_apart_silently() -> None:
    """The same figures with stated dates answer different questions: no conflict."""
    a = claim("a", Money(Decimal(1)), as_of=PartialDate(2010))
    b = claim("b", Money(Decimal(2)), as_of=PartialDate(2012), source="s")
    assert detect([a, b]) == []


def test_precision_makes_a_round_figure_an_interval() -> None:
    """'$260 million' stated to the million meets 260.4 million; an exact 260 million does not."""
    round_figure = claim("a", Money(Decimal(260_000_000), precision=Decimal(1_000_000)))
    near = claim("b", Money(Decimal(260_400_000)), source="s")
    assert detect([round_figure, near]) == []
    exact = claim("a", Money(Decimal(260_000_000)))
    assert [c.kind for c in detect([exact, near])] == ["value"]
