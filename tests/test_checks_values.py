"""Value against quote: the typed value must be what the quoted text says."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from _mini import MINI_SEEDS, DatasetPaths, mutate, report_of, where

TmpDataset = Callable[..., DatasetPaths]


@pytest.mark.parametrize(
    ("old", "new", "claim", "quote", "message"),
    [
        (
            "amount: 260000000",
            "amount: 265000000",
            "carsi.funding",
            '"$260 million"',
            "the claim says '$265 million', but the quote says '$260 million' ($260 million)",
        ),
        (
            "{value: 95, bound: up_to, precision: 1}",
            "{value: 95, precision: 1}",
            "carsi.share",
            '"Up to 95%"',
            "the claim says '95%', but the quote says 'Up to 95%' (up to 95%)",
        ),
        (
            "value: {value: 5}",
            "value: {value: 6}",
            "carsi.goals",
            '"Five Goals"',
            "the claim says '6', but the quote says 'Five Goals' (5)",
        ),
        (
            'value: {date: "2011-03-14"}',
            'value: {date: "2011-03-15"}',
            "carsi.date",
            '"March 14, 2011"',
            "the claim says 'March 15, 2011', but the quote says 'March 14, 2011' (March 14, 2011)",
        ),
        (
            "value: {start: 2008, end: 2010}",
            "value: {start: 2008, end: 2011}",
            "carsi.funding-years",
            '"Fiscal Years 2008-2010"',
            "the claim says 'Fiscal Years 2008-2011', but the quote says "
            "'Fiscal Years 2008-2010' (Fiscal Years 2008-2010)",
        ),
        (
            'text: "We stand together"',
            'text: "We stand apart"',
            "carsi.clinton-together",
            '"“We stand together,”',
            "the quote does not contain the claim's text, even after folding typography and "
            "case; quote the words the value states",
        ),
    ],
)
def test_changed_figure_is_a_value_mismatch(
    tmp_dataset: TmpDataset, old: str, new: str, claim: str, quote: str, message: str
) -> None:
    """A value the quote does not state is value.mismatch at the quote, naming the claim."""
    text = mutate(old, new)
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, quote)
    assert found == [("value.mismatch", line, col, claim, message)]


def test_quote_with_no_figure(tmp_dataset: TmpDataset) -> None:
    """A count claim whose quote states no count says so."""
    text = mutate('quote: "Five Goals"', 'quote: "the Five"')
    text = mutate("start: 115\n        end: 125", "start: 111\n        end: 119", text)
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, '"the Five"')
    codes = [(f[0], f[1], f[2], f[3]) for f in found]
    assert ("value.mismatch", line, col, "carsi.goals") in codes


def test_figure_inside_a_quoted_speech_is_still_read() -> None:
    """A percentage inside an attributed quotation in the quote still states the claim's value."""
    from decimal import Decimal

    from carsi_claims.checks.values import value_problem
    from carsi_claims.model import Bound, Claim, ClaimKind, Percentage, Provenance

    quote = (
        "He said “traffickers now facilitate the flow of up to 95% of all cocaine reaching "
        "the U.S.” – Assistant Secretary William Brownfield"
    )
    claim = Claim(
        id="c",
        kind=ClaimKind.PERCENTAGE,
        subject="s",
        property="p",
        value=Percentage(Decimal(95), Bound.UP_TO),
        provenance=(Provenance("src", quote, 0, len(quote)),),
    )
    assert value_problem(claim, claim.provenance[0]) is None
    wrong = Claim(
        id="c",
        kind=ClaimKind.PERCENTAGE,
        subject="s",
        property="p",
        value=Percentage(Decimal(90), Bound.UP_TO),
        provenance=claim.provenance,
    )
    assert value_problem(wrong, wrong.provenance[0]) == (
        "the claim says 'up to 90%', but the quote says 'up to 95%' (up to 95%)"
    )
