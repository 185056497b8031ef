"""Money written with a currency word or code after the number ("260 million dollars")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from carsi_claims.analysis import figures
from carsi_claims.analysis.figures import Figure, FigureKind, find_figures
from carsi_claims.model import Bound, Money

M = FigureKind.MONEY


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("We spent 260 million dollars", ("260 million dollars", Money(Decimal(260_000_000)))),
        ("We spent 260 million Dollars.", ("260 million Dollars", Money(Decimal(260_000_000)))),
        ("We spent 260 MILLION DOLLARS.", ("260 MILLION DOLLARS", Money(Decimal(260_000_000)))),
        ("cost 5 euros", ("5 euros", Money(Decimal(5), "EUR"))),
        ("cost 3 pounds", ("3 pounds", Money(Decimal(3), "GBP"))),
        ("cost 12 U.S. dollars", ("12 U.S. dollars", Money(Decimal(12)))),
        ("about 1.5 billion USD in all", ("about 1.5 billion USD", Money(
            Decimal(1_500_000_000), "USD", Bound.APPROXIMATELY))),
        ("up to 40 MXN", ("up to 40 MXN", Money(Decimal(40), "MXN", Bound.UP_TO))),
        # ſ (long s) is an "s" to the case-blind pattern but not to str.lower()
        ("We spent 260 million dollarſ", ("260 million dollarſ", Money(Decimal(260_000_000)))),
    ],
)  # fmt: skip
def test_a_number_before_a_currency_word_is_money(text: str, figure: tuple[str, Money]) -> None:
    """The currency word or code after the number names the currency; scale and bound apply."""
    found, value = figure
    start = text.index(found)
    assert find_figures(text) == [Figure(M, value, start, start + len(found), found)]


@pytest.mark.parametrize(
    "text",
    [
        "We spent 260 million",  # no currency at all: not money (a scale word is no noun)
        "two dollars",  # a number in words is not an amount
        "260 millionUSD",  # the code must stand as a word
    ],
)
def test_no_money_without_a_currency_word_standing_alone(text: str) -> None:
    """Without a currency sign, word or code standing as a word, there is no money."""
    assert [f for f in find_figures(text) if f.kind is M] == []


def test_the_currency_word_rule_is_searched_only_when_a_word_or_code_is_there() -> None:
    """The shortcut skips the suffix rule exactly when no currency word or code occurs."""
    suffix = figures._MONEY_SUFFIX
    assert suffix in figures._ruled_out("We spent 260 million on it")
    for text in ("260 million dollars", "5 EUROS", "3 Pounds", "40 MXN", "5 dollarſ"):
        assert suffix not in figures._ruled_out(text), text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ſome $5", Money(Decimal(5), "USD", Bound.APPROXIMATELY)),
        ("$5 mıllion", Money(Decimal(5_000_000))),
        ("$5 MİLLION", Money(Decimal(5_000_000))),
        ("5 poundſ", Money(Decimal(5), "GBP")),
        ("$5\u212a", Money(Decimal(5000))),  # the Kelvin sign
    ],
)
def test_letters_a_case_blind_match_accepts_read_as_the_ascii_word(text: str, value: Money) -> None:
    """ſ, ı, İ and the Kelvin sign match s, i, i and k case-blind: the figure is read as the
    word it matched (never a crash, never a scale word silently dropped)."""
    assert [(f.text, f.value) for f in find_figures(text)] == [(text, value)]
