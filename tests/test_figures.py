"""Tests for analysis.figures: the figures of the seeds, the rules, round trips, linear time."""

from __future__ import annotations

import itertools
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _work import GROWTH, growth, lines_run
from carsi_claims.analysis.figures import (
    Figure,
    FigureKind,
    FigureValue,
    find_figures,
    number_from_words,
    parse_figure,
    render,
)
from carsi_claims.model import (
    Bound,
    Count,
    DateValue,
    FiscalYears,
    Money,
    PartialDate,
    Percentage,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
M, K, Q = FigureKind.MONEY, FigureKind.COUNT, FigureKind.QUOTATION
NOT_QUOTES = frozenset(FigureKind) - {Q}
FIVE_GOALS = (K, Count(5), "Five Goals")

# (seed file, start, end, kind, value, text or the first 20 characters of a quotation)
SEED_FIGURES: list[tuple[str, int, int, FigureKind, FigureValue | None, str]] = [
    ("000_77f91eaba6701c47.txt", 111, 340, Q, None, "“Every citizen, rega"),
    ("000_77f91eaba6701c47.txt", 2850, 2860, *FIVE_GOALS),
    ("001_3d3af0dfbe168466.txt", 103, 395, Q, None, "“We’ll work closely "),
    ("001_3d3af0dfbe168466.txt", 1004, 1024, K, Count(7), "Seven Unique Nations"),
    ("001_3d3af0dfbe168466.txt", 3096, 3106, *FIVE_GOALS),
    (
        "002_3f7f4decb38dff81.txt",
        229,
        243,
        FigureKind.DATE,
        DateValue(PartialDate(2011, 3, 14)),
        "March 14, 2011",
    ),
    ("002_3f7f4decb38dff81.txt", 246, 560, Q, None, "“The U.S. is committ"),
    ("002_3f7f4decb38dff81.txt", 1536, 1546, *FIVE_GOALS),
    ("002_3f7f4decb38dff81.txt", 3036, 3048, M, Money(Decimal(260000000)), "$260 million"),
    (
        "002_3f7f4decb38dff81.txt",
        3093,
        3115,
        FigureKind.FISCAL_YEARS,
        FiscalYears(2008, 2010),
        "Fiscal Years 2008-2010",
    ),
    ("003_02463b66d5edab7f.txt", 148, 160, M, Money(Decimal(165000000)), "$165 million"),
    ("003_02463b66d5edab7f.txt", 416, 728, Q, None, "“the U.S. is committ"),
    ("003_02463b66d5edab7f.txt", 1767, 1777, *FIVE_GOALS),
    ("003_02463b66d5edab7f.txt", 3196, 3208, M, Money(Decimal(165000000)), "$165 million"),
    ("004_46e5efcb5eb697d6.txt", 106, 313, Q, None, '"...Our greatest thr'),
    ("004_46e5efcb5eb697d6.txt", 1898, 1908, *FIVE_GOALS),
]


def _seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def _summary(figures: list[Figure]) -> list[tuple[int, int, FigureKind, object, str]]:
    return [
        (f.start, f.end, f.kind, f.value, f.text[:20] if f.kind is Q else f.text) for f in figures
    ]


@pytest.mark.parametrize("name", sorted({row[0] for row in SEED_FIGURES}))
def test_seed_figures(name: str) -> None:
    """Each seed yields exactly its known figures, with exact values and spans."""
    text = _seed(name)
    expected = [row[1:] for row in SEED_FIGURES if row[0] == name]
    assert _summary(find_figures(text)) == expected
    for figure in find_figures(text):
        assert text[figure.start : figure.end] == figure.text


def test_figures_inside_a_quotation_are_found_without_quotations() -> None:
    """Leaving quotations out of the scan reveals "up to 95%" inside the 004 quotation."""
    text = _seed("004_46e5efcb5eb697d6.txt")
    up_to = Percentage(Decimal(95), Bound.UP_TO)
    assert _summary(find_figures(text, kinds=NOT_QUOTES)) == [
        (224, 233, FigureKind.PERCENTAGE, up_to, "up to 95%"),
        (1898, 1908, *FIVE_GOALS),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "1. Create safe streets for the citizens of the region;",
        "- 2. Disrupt the movement of criminals and contraband",
        "please visit http://www.state.gov/p/wha/rt/carsi/index.htm",
        "visit <http://www.state.gov/p/2011/5 goals/x>",
        "Do you already have an account on one of these sites?",
        "sign in to many different websites using a single identity.",
        "what one needs is security",
        "in 2011 the region",
        "2011 grants were made",
        "February 30, 2011",
        "FY2010-2008",
        "“Central America Regional Security Initiative” (CARSI).",
        "U.S. Department of State",
    ],
)
def test_non_figures(text: str) -> None:
    """List markers, URLs, pronoun "one", bare years and unattributed quotes are not figures."""
    assert find_figures(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("$260 million", Money(Decimal(260000000))),
        ("US$ 1.5 billion", Money(Decimal(1500000000))),
        ("$2,500", Money(Decimal(2500))),
        ("$3.5m", Money(Decimal(3500000))),
        ("260 million dollars", Money(Decimal(260000000))),
        ("260 million U.S. dollars", Money(Decimal(260000000))),
        ("USD 260 million", Money(Decimal(260000000))),
        ("€5 billion", Money(Decimal(5000000000), "EUR")),
        ("£2,500.50", Money(Decimal("2500.50"), "GBP")),
        ("up to $260 million", Money(Decimal(260000000), bound=Bound.UP_TO)),
        ("more than $1 million", Money(Decimal(1000000), bound=Bound.AT_LEAST)),
        ("nearly $1 million", Money(Decimal(1000000), bound=Bound.APPROXIMATELY)),
        ("95%", Percentage(Decimal(95))),
        ("95 %", Percentage(Decimal(95))),
        ("95 percent", Percentage(Decimal(95))),
        ("95 per cent", Percentage(Decimal(95))),
        ("12.5%", Percentage(Decimal("12.5"))),
        ("Up to 95%", Percentage(Decimal(95), Bound.UP_TO)),
        ("at least 10%", Percentage(Decimal(10), Bound.AT_LEAST)),
        ("Five Goals", Count(5)),
        ("Seven Unique Nations", Count(7)),
        ("three countries", Count(3)),
        ("5 goals", Count(5)),
        ("some 3,000 troops", Count(3000, Bound.APPROXIMATELY)),
        ("twenty-one countries", Count(21)),
        ("Seven", Count(7)),
        ("5", Count(5)),
        ("March 14, 2011", DateValue(PartialDate(2011, 3, 14))),
        ("14 March 2011", DateValue(PartialDate(2011, 3, 14))),
        ("Mar. 14, 2011", DateValue(PartialDate(2011, 3, 14))),
        ("March 2011", DateValue(PartialDate(2011, 3))),
        ("Sept. 2011", DateValue(PartialDate(2011, 9))),
        ("2011-03-14", DateValue(PartialDate(2011, 3, 14))),
        ("the year 2011", DateValue(PartialDate(2011))),
        ("Fiscal Years 2008-2010", FiscalYears(2008, 2010)),
        ("Fiscal Year 2010", FiscalYears(2010, 2010)),
        ("FY2008-FY2010", FiscalYears(2008, 2010)),
        ("FY 2008–2010", FiscalYears(2008, 2010)),
        ("FY 2008 — 2010", FiscalYears(2008, 2010)),
        ("fiscal years 2008 through 2010", FiscalYears(2008, 2010)),
    ],
)
def test_parse_figure(text: str, value: FigureValue) -> None:
    """Each written form parses to its typed value, spanning the whole text."""
    figure = parse_figure(f"  {text}\n")
    assert (figure.value, figure.start, figure.end, figure.text) == (value, 2, 2 + len(text), text)


def test_parse_figure_quotation() -> None:
    """A long quoted text alone is a quotation (no context to look for an attribution)."""
    text = "“We are doing everything we can in the fight against corruption.”"
    assert parse_figure(text) == Figure(Q, None, 0, len(text), text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "February 30, 2011",
            "'February 30, 2011' is not a real calendar date:"
            " day 30 is out of range 1..28 for 2011-02",
        ),
        ("FY2010-2008", "'FY2010-2008' runs backwards: start 2010 is after end 2008"),
        ("   ", "expected a figure, found '   '"),
        (
            "$260 million and 95%",
            "'$260 million and 95%' is not a figure: expected money ('$260 million'),"
            " a percentage ('up to 95%'), a count ('Five Goals'), a date ('March 14, 2011'),"
            " fiscal years ('Fiscal Years 2008-2010') or a quotation of 30 characters or more",
        ),
    ],
)
def test_parse_figure_errors(text: str, message: str) -> None:
    """Text that is not exactly one valid figure raises ValueError saying why."""
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        parse_figure(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Money(Decimal(260000000)), "$260 million"),
        (Money(Decimal(1500000000), bound=Bound.APPROXIMATELY), "approximately $1.5 billion"),
        (Money(Decimal("2500.5"), "EUR"), "€2,500.50"),
        (Money(Decimal(5000), "CAD"), "CAD 5,000"),
        (Percentage(Decimal(95), Bound.UP_TO), "up to 95%"),
        (Count(5), "5"),
        (DateValue(PartialDate(2011, 3, 14)), "March 14, 2011"),
        (DateValue(PartialDate(2011, 3)), "March 2011"),
        (DateValue(PartialDate(2011)), "the year 2011"),
        (FiscalYears(2008, 2010), "Fiscal Years 2008-2010"),
        (FiscalYears(2010, 2010), "Fiscal Year 2010"),
    ],
)
def test_render(value: FigureValue, text: str) -> None:
    """Values render to canonical English."""
    assert render(value) == text


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Money(Decimal(5), "XYZ"), "unknown currency 'XYZ'"),
        (Money(Decimal(-5)), "amount must be a finite non-negative number, found -5"),
        (Count(-1), "a count must not be negative, found -1"),
        (DateValue(PartialDate(2011, 2, 30)), "2011-02-30 is not a real calendar date"),
        (FiscalYears(2010, 2008), "fiscal years must satisfy 1000 <= start <= end <= 9999"),
    ],
)
def test_render_invalid(value: FigureValue, message: str) -> None:
    """Invalid values do not render."""
    with pytest.raises(ValueError, match=f"^{re.escape(message)}"):
        render(value)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("five", 5),
        ("Seven", 7),
        ("zero", 0),
        ("nineteen", 19),
        ("forty", 40),
        ("twenty-one", 21),
        ("one hundred", 100),
        ("one hundred and five", 105),
        ("twelve hundred", 1200),
        ("three thousand two hundred", 3200),
        ("FIVE", 5),
        ("", None),
        ("5", None),
        ("hundred", None),
        ("one two", None),
        ("twenty-one-two", None),
        ("one hundred and", None),
        ("goals", None),
    ],
)
def test_number_from_words(text: str, number: int | None) -> None:
    """Number phrases in words give their value; anything else gives None."""
    assert number_from_words(text) == number


# -- properties ---------------------------------------------------------------

_BOUNDS = st.sampled_from(list(Bound))
_MONEY = st.builds(
    lambda base, scale, currency, bound: Money(base * scale, currency, bound),
    st.decimals(min_value=0, max_value=999_999, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([1, 1000, 10**6, 10**9]),
    st.sampled_from(["USD", "EUR", "GBP", "CAD"]),
    _BOUNDS,
)
_PERCENTAGE = st.builds(
    Percentage,
    st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
    _BOUNDS,
)
_COUNT = st.builds(Count, st.integers(0, 10**6), _BOUNDS)
_DATE = st.builds(
    lambda d, precision: DateValue(PartialDate(d.year, *[d.month, d.day][:precision])),
    st.dates(min_value=date(1000, 1, 1)),
    st.integers(0, 2),
)
_FISCAL = st.tuples(st.integers(1990, 2100), st.integers(1990, 2100)).map(
    lambda pair: FiscalYears(min(pair), max(pair))
)
VALUES = st.one_of(_MONEY, _PERCENTAGE, _COUNT, _DATE, _FISCAL)
FILLER = st.lists(
    st.sampled_from(["the", "region", "security", "and", "citizen", "of", "Central", "with"]),
    max_size=6,
).map(" ".join)


@settings(deadline=None)
@given(VALUES)
def test_render_parse_round_trip(value: FigureValue) -> None:
    """parse_figure(render(v)).value == v for every valid value."""
    assert parse_figure(render(value)).value == value


@settings(deadline=None)
@given(VALUES, FILLER, FILLER)
def test_embedded_figure_is_found(value: FigureValue, before: str, after: str) -> None:
    """A rendered figure among filler words is found, with its value and span."""
    written = render(value)
    if isinstance(value, Count):  # a count in running text needs its counted noun
        if value.value == 1 or 1900 <= value.value <= 2099:
            return
        written += " goals"
    text = f"{before} {written} {after}"
    start = len(before) + 1
    expected = Figure(parse_figure(written).kind, value, start, start + len(written), written)
    assert find_figures(text) == [expected]


_PIECES = [
    "1", "5 ", " ", "$", "1,", "1.", "%", "million ", "Fiscal Years 2008-", "FY", "-", "–",
    "“", "”", '"', "five ", "hundred ", "and ", "goals ", "March ", "14, ", "2011", "up to ",
    "http://", "said ", "\n- ", "Seven Unique Nations ", "a", "one of ",
]  # fmt: skip


@settings(deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_find_figures_spans(text: str) -> None:
    """Spans are exact slices of the text, sorted and non-overlapping."""
    figures = find_figures(text)
    for figure in figures:
        assert text[figure.start : figure.end] == figure.text
        assert (figure.value is None) == (figure.kind is Q)
    for first, second in itertools.pairwise(figures):
        assert first.end <= second.start


@settings(deadline=None, max_examples=20)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join))
def test_find_figures_adversarial_50k(unit: str) -> None:
    """A 50,000-character repetition of adversarial pieces is scanned, spans intact."""
    text = (unit * (50_000 // len(unit) + 1))[:50_000]
    for figure in find_figures(text):
        assert text[figure.start : figure.end] == figure.text


@pytest.mark.parametrize(
    "unit",
    ["1", "1,", "$", " ", "million ", "Fiscal Years 2008-", "“", '"', "five ", "5 goals "],
)
def test_linear_work(unit: str) -> None:
    """Four times the input runs about four times the lines of Python (counted, not timed).

    What the regular expressions do inside one search is bounded by their shape
    (``test_coverage_linear_time.test_every_repetition_is_bounded``).
    """

    def work(n: int) -> int:
        text = (unit * (n // len(unit) + 1))[:n]
        return lines_run(lambda: find_figures(text))

    assert growth(work, 5_000) < GROWTH
