"""Property: the figure patterns written to start with a letter, digit or sign match what
their plain forms match.

Several patterns were rewritten so that the regex engine can skip to the characters a
match starts with (a look-behind moved after the first character, a word boundary after
a currency code, month names and number words as alternatives that each start with a
letter).  Each is checked here against its plain form, kept in this file: at every
position of generated texts, the same match (span and groups) or none.
"""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from carsi_claims.analysis import figures as f

_SP = f._SP
_NUM_START = r"(?<![\w.,$€£/:#\-–—])"
_PLAIN_MONTH = (
    rf"(?P<month>(?:{'|'.join(f._MONTH_NAMES)}|{'|'.join(n.capitalize() for n in f._MONTHS)})"
    r"\b\.?)"
)
_PLAIN_CODE = rf"(?P<code>{'|'.join(f._CODES)})"

#: Each rewritten pattern, and its plain form with the groups the converters read.
PLAIN = {
    "_PERCENT": (f._PERCENT, rf"{_NUM_START}{f._NUM}{_SP}?(?:%|(?i:percent|per{_SP}cent)\b)"),
    "_MONEY_SUFFIX": (
        f._MONEY_SUFFIX,
        rf"{_NUM_START}{f._NUM}{_SP}{{1,3}}(?:{f._SCALE}{_SP}{{1,3}})?"
        rf"(?:(?i:(?:U\.?S\.?{_SP}{{1,3}})?(?P<word>dollars|euros|pounds))\b|{_PLAIN_CODE}\b)",
    ),
    "_MONEY_PREFIX": (
        f._MONEY_PREFIX,
        rf"(?P<sign>US\$|\$|€|£|\b(?:{'|'.join(f._CODES)})){_SP}?{f._NUM}"
        rf"(?:{_SP}?{f._SCALE}\b|(?P<short>(?i:k|m|mn|b|bn|tn))\b)?",
    ),
    "_DATE_MDY": (
        f._DATE_MDY,
        rf"\b{_PLAIN_MONTH}{_SP}{{1,3}}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b,?{_SP}{{1,3}}"
        rf"{f._YEAR}",
    ),
    "_DATE_DMY": (
        f._DATE_DMY,
        rf"(?<![\w.,])(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{_SP}{{1,3}}{_PLAIN_MONTH},?"
        rf"{_SP}{{1,3}}{f._YEAR}",
    ),
    "_DATE_MY": (f._DATE_MY, rf"\b{_PLAIN_MONTH},?{_SP}{{1,3}}{f._YEAR}"),
    "_DATE_ISO": (
        f._DATE_ISO,
        r"(?<![\w.\-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\w\-])",
    ),
    "_FISCAL": (
        f._FISCAL,
        rf"\b(?:(?i:fiscal{_SP}{{1,3}}years?){_SP}{{1,3}}|FY{_SP}{{0,3}})(?P<start>\d{{4}})"
        rf"(?:(?:{_SP}{{0,3}}[-–—]{_SP}{{0,3}}|{_SP}{{1,3}}(?i:to|through|thru){_SP}{{1,3}})"
        rf"(?:FY{_SP}{{0,3}})?(?P<end>\d{{4}}))?(?!\d)",
    ),
    "_SIGN": (f._SIGN, rf"US\$|[$€£]|\b(?:{'|'.join(f._CODES)})"),
    "_CODE_WORD": (f._CODE_WORD, rf"\b(?:{'|'.join(f._CODES)})\b"),
    "_ISO_LIKE": (f._ISO_LIKE, r"\d{4}-\d\d-\d\d"),
}

_TOKENS = [
    *"0123456789", "12", "2011", ",000", ".5", "$", "US$", "€", "£", "USD", "EUR", "XUSD",
    "USDX", "%", "percent", "per cent", "dollars", "U.S. dollars", "million", "bn", "m",
    "March", "Mar.", "Sept", "May", "xMay", "Mayday", "14th", "2nd", "-", "–", ".", ",", ":",
    "/", "#", " ", "  ", "\t", "\u00a0", "\n", "a", "x", "_", "ſ", "İ", "ı", "Fiscal Years",
    "fIſcal year", "FY", "Fy", "fy", "xFY", "FY2010", "–", "through", "THRU", "to",
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(_TOKENS), max_size=30).map("".join)


def _matches(pattern: re.Pattern[str], text: str) -> list[object]:
    found: list[object] = []
    for pos in range(len(text) + 1):
        m = pattern.match(text, pos)
        found.append(None if m is None else (m.span(), m.groupdict()))
    return found


@given(TEXTS)
@example("On March 14, 2011, 14 March 2011 and Mar. 2011: $5 million, USD 12, 40 MXN, 95%.")
@example("2011-03-14 x2011-03-14 USD5 XUSD 5 USDX 5 U.S. dollars, 12 per cent; Sept 2010")
def test_each_rewritten_pattern_matches_as_its_plain_form(text: str) -> None:
    for name, (rewritten, plain) in PLAIN.items():
        reference = re.compile(plain, rewritten.flags)
        assert _matches(rewritten, text) == _matches(reference, text), name
