"""Property: the shortcuts of the figure scan (rules ruled out, anchored starts) are exact."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from carsi_claims.analysis import figures
from carsi_claims.analysis.figures import _RULES, _ruled_out, _search

# Pieces that make figures, near-figures and the case-folding oddities (ſ, İ, ı).
_TOKENS = [
    *"0123456789", "12", "2011", "2008", ",000", ".5", "$", "US$", "€", "£", "USD", "EUR",
    "%", "percent", "PER CENT", "per", "Fiscal Years", "fiscal year", "FY", "March", "Mar.",
    "Sept", "14th", "the year", "The Year", "year", "up to", "UP  TO", "approximately",
    "about", "at least", "more than", "over", "some", "seven", "Twenty-one", "hundred",
    "thousand", "one", "nations", "partner", "goals", "dollars", "DOLLARS", "euros", "pounds",
    "million", "bn", "m", " ", "  ", "\t", "\u00a0", "\n", "-", "–", "—", ".", ",", ":", "/",
    "“", "”", '"', "said", "ſ", "İ", "ı", "a", "s", "x", "http://", "www.",
]  # fmt: skip
_TEXTS = st.one_of(
    st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join),
    st.text(alphabet=st.sampled_from("0123456789$%€ -–.,sSiIſİıaFYfMmy\u00a0"), max_size=60),
)


def _whole(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A rule as one pattern: an optional bound word, then the rule."""
    if pattern not in figures._BOUNDED:
        return pattern
    return re.compile(f"{figures._BOUND}?{pattern.pattern}", pattern.flags)


def _plain_scan(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    whole = _whole(pattern)
    while (m := whole.search(text, pos)) is not None:
        spans.append(m.span())
        pos = m.start() + 1
    return spans


def _fast_scan(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    while (m := _search(pattern, text, pos)) is not None:
        spans.append(m.span())
        pos = m.start() + 1
    return spans


@settings(deadline=None, max_examples=300)
@given(_TEXTS)
@example("Since Fiscal Year 2009, $260 million, up to 95% and seven nations on March 14, 2011.")
@example("approximately  ſeven partner nations, 12 DOLLARſ, 5 per cent, fiscal Year 2010")
@example("We spent 260 million dollars")
@example("5 EUROS, 3 Pounds")
@example("12 USD")
@example("5 PER CENT in FY2010, the year 2011, 2011-03-14, 14 Mar. 2011")
@example("ſome 5 dollarſ, 5 ıNR, 5 PERCENT, fıscal year 2010")
def test_ruled_out_rules_have_no_match(text: str) -> None:
    """A rule ruled out for a text has no match anywhere in that text."""
    for pattern in _ruled_out(text):
        assert _whole(pattern).search(text) is None, pattern.pattern


@pytest.mark.parametrize(
    ("text", "searched"),
    [
        ("We spent 260 million dollars", {"_MONEY_SUFFIX", "_COUNT"}),
        ("5 EUROS and 3 Pounds", {"_MONEY_PREFIX", "_MONEY_SUFFIX", "_COUNT"}),  # "EUR..."
        ("5 euros", {"_MONEY_SUFFIX", "_COUNT"}),  # each currency word alone
        ("3 Pounds", {"_MONEY_SUFFIX", "_COUNT"}),
        ("7 DOLLARS", {"_MONEY_SUFFIX", "_COUNT"}),
        ("12 USD", {"_MONEY_PREFIX", "_MONEY_SUFFIX", "_COUNT"}),
        ("$5", {"_MONEY_PREFIX", "_COUNT"}),
        ("5% of FY2010", {"_PERCENT", "_FISCAL", "_COUNT"}),
        ("5 per cent, fiscal year 2010", {"_PERCENT", "_FISCAL", "_COUNT", "_DATE_YEAR"}),
        ("March 14, 2011", {"_DATE_MDY", "_DATE_DMY", "_DATE_MY", "_COUNT"}),
        ("on 2011-03-14", {"_DATE_ISO", "_COUNT"}),
        ("5 - 6", {"_COUNT"}),
        ("seven nations", {"_COUNT"}),
        ("5 ſ", {"_PERCENT", "_FISCAL", "_MONEY_SUFFIX", "_COUNT"}),
        ("5 ı", {"_PERCENT", "_FISCAL", "_MONEY_SUFFIX", "_COUNT"}),
        ("5 İ", {"_PERCENT", "_FISCAL", "_MONEY_SUFFIX", "_COUNT"}),
    ],
)
def test_only_the_rules_a_text_can_match_are_searched(text: str, searched: set[str]) -> None:
    """The shortcut skips every rule whose cheap necessary condition fails (and no other):
    a digit; a sign; a month name; "-" and an ISO shape; "year"; "%" or "per"; "fiscal" or
    "FY"; a currency word or code; with ſ, ı or İ in the text the lowercase gates stay open."""
    names = {name for name in dir(figures) if isinstance(getattr(figures, name), re.Pattern)}
    by_pattern = {getattr(figures, name): name for name in names}
    rules = {by_pattern[p] for _, p, _ in _RULES}
    assert rules - {by_pattern[p] for p in _ruled_out(text)} == searched


@pytest.mark.parametrize(
    "text", ["seven nations", "$5 and 7%", "5% of FY2010 on March 14, 2011", "12 USD", "no figure"]
)
def test_the_rules_ruled_out_for_a_text_are_not_scanned(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """find_figures scans a text with each rule that is not ruled out for it, once, in the
    order of the rules, and with no other."""
    scanned: list[re.Pattern[str]] = []
    real = figures._scan

    def scan(rule: Any, text: str, found: list[figures.Figure]) -> None:
        scanned.append(rule[1])
        real(rule, text, found)

    monkeypatch.setattr(figures, "_scan", scan)
    figures.find_figures(text)
    ruled_out = _ruled_out(text)
    assert scanned == [p for _, p, _ in _RULES if p not in ruled_out]


@settings(deadline=None, max_examples=300)
@given(_TEXTS)
@example("about $5 and at least 7 goals, approximately 12 USD, up to 3 percent")
@example("over about 5%, up  to\tsome 7 nations, at least    9 goals, roughly$5, nearly5%")
@example("ſome 12 dollars, ABOUT twenty-one nations, more than one hundred people")
def test_anchored_search_finds_what_a_plain_search_finds(text: str) -> None:
    """From every start, the anchored search, with its bound word looked for before the
    rule's match, finds what one plain search for the bound and the rule finds."""
    for _, pattern, _ in _RULES:
        assert _fast_scan(pattern, text) == _plain_scan(pattern, text), pattern.pattern


def test_every_anchored_pattern_is_a_rule() -> None:
    """The anchors table names only patterns that the scan uses."""
    assert set(figures._ANCHORS) <= {p for _, p, _ in _RULES}


_NUMBER_WORDS = [*figures._SMALL, *figures._TENS, "hundred", "thousand"]
_LONGEST_FIRST = re.compile(
    "(?i:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")(?:\b|-)"
)


@given(st.lists(st.sampled_from([*_NUMBER_WORDS, "-", " ", "x", "een", "ty", "TEEN"])).map("".join))
@example("seventeen-seventy seven eighty-eight fourteen")
def test_the_number_word_tree_matches_as_the_plain_alternation(text: str) -> None:
    """The prefix tree of number words finds, at every position, what an alternation of
    the words tried longest first finds (the patterns follow a word with more text)."""
    tree = re.compile(f"(?i:{figures._NUMBER_WORD})" + r"(?:\b|-)")
    for pos in range(len(text) + 1):
        mine, plain = tree.match(text, pos), _LONGEST_FIRST.match(text, pos)
        assert (mine and mine.span()) == (plain and plain.span())
