"""Figures in English text: find every mention, parse one, render a value back.

The rules, in words (each kind is one bounded regular expression, so a scan
is linear in the length of the text: every repetition has an upper bound,
and a rejected match resumes one character further on):

- money: a currency sign or code before a number (``$260 million``,
  ``US$ 1.5 billion``, ``USD 260 million``, ``$3.5m``, ``€5``), or a number
  before a currency word (``260 million dollars``); scale words thousand,
  million, billion, trillion (and k, m, mn, bn, b, tn written against the
  number).  Amounts are ``Decimal`` whole currency units.
- percentage: a number before ``%``, ``percent`` or ``per cent``.
- money, percentages and counts take a bound word just before them, inside
  the span: "up to" (UP_TO); "at least", "more than", "over" (AT_LEAST);
  "about", "approximately", "nearly", "almost", "some", "roughly", "around"
  (APPROXIMATELY).
- date: ``March 14, 2011``, ``14 March 2011``, ``March 2011`` (month
  precision), ``2011-03-14``, ``the year 2011`` (year precision); month
  names full or abbreviated (``Mar.``), capitalised.  Only real calendar
  dates.  A bare year ("in 2011") is not a figure.
- fiscal years: ``Fiscal Year(s)`` or ``FY`` before a year, optionally a dash
  (- – —), "to", "through" or "thru" and a second year (``FY2008-FY2010``);
  the span must not run backwards.
- count: a number (digits, or words: zero..nineteen, tens, hyphenated
  compounds, hundred, thousand) then, on the same line, one optional word and
  a plural noun: a word of three letters or more ending in "s" but not in
  "ss", "us" or "is", and not a listed function word ("its", "was", ...).
  Not a count: a value of 1 ("one" before a plural is a pronoun: "one
  needs"), a four-digit 19xx/20xx number (a year), a number followed by "."
  (a list marker "1. Create"), anything inside a URL or inside a longer figure.
- quotation: text in “curly” or "straight" double quotation marks, at least
  30 characters between the marks, with an attribution nearby: just before
  the opening mark a speech verb ("stated that", "said", ...), or just after
  the closing mark a dash and a capitalised word (``– Secretary ...``) or a
  speech verb.  :func:`parse_figure` cannot see the context, so there a
  quoted text of that length is enough.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import re
from collections.abc import Callable, Collection, Iterator
from contextvars import ContextVar
from decimal import Decimal
from typing import Any, Final, TypeAlias

import attrs

from carsi_claims._records import Record
from carsi_claims.model import Bound, Count, DateValue, FiscalYears, Money, PartialDate, Percentage

__all__ = [
    "NUMERIC_KINDS",
    "Figure",
    "FigureKind",
    "FigureValue",
    "find_figures",
    "number_from_words",
    "parse_figure",
    "render",
    "shared_scans",
]

FigureValue: TypeAlias = Money | Percentage | Count | DateValue | FiscalYears


class FigureKind(enum.StrEnum):
    """What sort of figure a mention is."""

    MONEY = "money"
    PERCENTAGE = "percentage"
    COUNT = "count"
    DATE = "date"
    FISCAL_YEARS = "fiscal_years"
    QUOTATION = "quotation"


@attrs.frozen(repr=False, eq=False)
class Figure(Record):
    """One figure mention: ``text == given_text[start:end]`` (code points, end exclusive)."""

    kind: FigureKind
    value: FigureValue | None  # None only for QUOTATION
    start: int
    end: int
    text: str


# -- vocabulary ---------------------------------------------------------------


_SMALL_WORDS: Final = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen"
)  # fmt: skip
_TEN_WORDS: Final = (
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
)  # fmt: skip
_MONTH_NAMES: Final = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"
)  # fmt: skip
_APPROXIMATELY_WORDS: Final = (
    "about", "approximately", "nearly", "almost", "some", "roughly", "around"
)  # fmt: skip

_SMALL: Final = {w: i for i, w in enumerate(_SMALL_WORDS)}
_TENS: Final = {w: 10 * i for i, w in enumerate(_TEN_WORDS, 2)}
_MONTHS: Final = {
    name: i
    for i, full in enumerate(_MONTH_NAMES, 1)
    for name in {full.lower(), full[:3].lower(), *(["sept"] if i == 9 else [])}
}
_BOUNDS: Final = {
    "up to": Bound.UP_TO,
    **dict.fromkeys(["at least", "more than", "over"], Bound.AT_LEAST),
    **dict.fromkeys(_APPROXIMATELY_WORDS, Bound.APPROXIMATELY),
}
_BOUND_WORDS: Final = {Bound.UP_TO: "up to ", Bound.AT_LEAST: "at least ",
                       Bound.APPROXIMATELY: "approximately ", Bound.EXACT: ""}  # fmt: skip
_SCALES: Final = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
                  "k": 10**3, "m": 10**6, "mn": 10**6, "b": 10**9, "bn": 10**9,
                  "tn": 10**12}  # fmt: skip
_SYMBOLS: Final = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP"}
_SIGN_OF: Final = {"USD": "$", "EUR": "€", "GBP": "£"}
_CODES: Final = ("USD", "EUR", "GBP", "CAD", "MXN", "JPY", "CHF", "AUD", "CNY")
_CURRENCY_WORDS: Final = {"dollars": "USD", "euros": "EUR", "pounds": "GBP"}
#: Words that cannot be (part of) the counted noun phrase.
_FUNCTION_WORDS: Final = frozenset((
    "of", "the", "a", "an", "and", "or", "nor", "to", "in", "on", "at", "by", "for", "from",
    "with", "into", "these", "those", "this", "that", "is", "are", "was", "were", "be", "been",
    "has", "have", "had", "its", "their", "our", "his", "her", "my", "your", "per", "than", "as",
    "but", "not", "no", "does", "goes", "yes", "always", "perhaps", "sometimes", "towards",
    "afterwards", "besides", "whereas", "hers", "ours", "yours", "theirs", "percent", "percents",
    "cent", "thousand", "million", "billion", "trillion", "hundred", "dollars", "euros", "pounds"
)).union(_SMALL, _TENS)  # fmt: skip

# -- patterns (every repetition bounded: linear-time scanning) ----------------

_SP = r"[ \t\u00a0]"
#: A bound word and the spaces after it, before a number or a currency sign.  It is not
#: part of the rule patterns (an optional group at their start made the regex engine try
#: it at every position, four times slower): a rule's match is looked back from for it.
_BOUND = (
    rf"(?:\b(?P<bound>(?i:up{_SP}{{1,3}}to|at{_SP}{{1,3}}least|more{_SP}{{1,3}}than|over"
    rf"|about|approximately|nearly|almost|some|roughly|around)){_SP}{{1,3}})"
)
_NUM = r"(?P<num>(?:\d{1,3}(?:,\d{3}){1,6}|\d{1,18})(?:\.\d{1,12})?)(?!\d|[.,]\d)"
_NUM_START = r"(?<![\w.,$€£/:#\-–—])"
#: ``_NUM_START`` then ``_NUM``, written to start with the digit (the look-behind moved
#: after it): a pattern that starts with a character class is searched by skipping to
#: that class, not by trying the whole pattern at every position.
_LEAD_NUM = (
    r"(?P<num>\d(?<![\w.,$€£/:#\-–—]\d)(?:\d{0,2}(?:,\d{3}){1,6}|\d{0,17})(?:\.\d{1,12})?)"
    r"(?!\d|[.,]\d)"
)


def _trie(words: Collection[str]) -> str:
    """An alternation of ``words`` as a prefix tree, longer words tried first.

    Matches what ``"|".join(words sorted longest first)`` matches, but the regex engine
    rejects a position by its first letter instead of trying every word there.
    """
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[0], []).append(word[1:])
    branches = []
    for head, tails in sorted(heads.items()):
        longer = [t for t in tails if t]
        rest = _trie(longer) if longer else ""
        if len({t[0] for t in longer}) > 1 or (longer and "" in tails):
            rest = f"(?:{rest})"  # a group: several branches, or made optional below
        if longer and "" in tails:
            rest += "?"  # greedy: the longer word first, as longest-first would
        branches.append(re.escape(head) + rest)
    return "|".join(branches)


_NUMBER_WORD = _trie([*_SMALL, *_TENS, "hundred", "thousand"])
_JOIN = rf"(?:-|{_SP}{{1,2}}|{_SP}and{_SP})"
_WORDS = rf"(?P<words>(?i:\b(?:{_NUMBER_WORD})(?:{_JOIN}(?:{_NUMBER_WORD})){{0,6}}\b))"
_SCALE = r"(?P<scale>(?i:thousand|million|billion|trillion))"
_CODE = rf"(?P<code>{'|'.join(_CODES)})"
#: A currency sign, or a code standing as a word: every alternative starts with a letter
#: or a sign (the code's word boundary is looked behind for after it), so that a search
#: skips to those letters and signs.
_SIGNS = "|".join([r"US\$", r"\$", "€", "£", *(rf"{c}(?<!\w{{4}})" for c in _CODES)])
#: A month's name standing as a word.  Each name's word boundary is looked behind for
#: after its first letter, so that every alternative starts with a letter: a search skips
#: to the letters that start a month's name.
_MONTH_WORDS = dict.fromkeys([*_MONTH_NAMES, *(n.capitalize() for n in _MONTHS)])
_MONTH_TAILS: Final[dict[str, list[str]]] = {}
for _word in _MONTH_WORDS:
    _MONTH_TAILS.setdefault(_word[0], []).append(_word[1:])
_MONTH = (
    "(?P<month>(?:"
    + "|".join(rf"{h}(?<!\w{h})(?:{_trie(tails)})" for h, tails in _MONTH_TAILS.items())
    + r")\b\.?)"
)
#: Every month's name starts with one of these (a text with none has no date in words).
_MONTH_STARTS: Final = frozenset(n[:3] for n in _MONTH_WORDS)
_YEAR = r"(?P<year>\d{4})(?!\d)"

_MONEY_PREFIX = re.compile(
    rf"(?P<sign>{_SIGNS}){_SP}?{_NUM}"
    rf"(?:{_SP}?{_SCALE}\b|(?P<short>(?i:k|m|mn|b|bn|tn))\b)?"
)
_MONEY_SUFFIX = re.compile(
    rf"{_LEAD_NUM}{_SP}{{1,3}}(?:{_SCALE}{_SP}{{1,3}})?"
    rf"(?:(?i:(?:U\.?S\.?{_SP}{{1,3}})?(?P<word>dollars|euros|pounds))\b|{_CODE}\b)"
)
_PERCENT = re.compile(rf"{_LEAD_NUM}{_SP}?(?:%|(?i:percent|per{_SP}cent)\b)")
_COUNTED = (
    rf"{_SP}{{1,3}}(?:(?P<mod>[A-Za-z][A-Za-z-]{{0,30}}){_SP}{{1,3}})?"
    rf"(?P<noun>[A-Za-z][A-Za-z-]{{0,30}}[^\W\d_sSuUiI][sS])\b"
)
_COUNT = re.compile(rf"{_NUM_START}(?:{_NUM}|{_WORDS}){_COUNTED}")
#: The count rule for a text with no number word: what ``_COUNT`` matches there, written
#: to start with the digit (so searched by skipping to digits); its ``words`` group is
#: never set.
_COUNT_DIGITS = re.compile(rf"{_LEAD_NUM}{_COUNTED}(?:(?P<words>(?!)))?")
_NUMBER_WORDS: Final = frozenset([*_SMALL, *_TENS, "hundred", "thousand"])
_BARE_COUNT_TEXT: Final = rf"(?:{_NUM}|{_WORDS})"


@functools.cache
def _bare_count_pattern() -> re.Pattern[str]:
    """A count without its noun, for :func:`parse_figure` only (compiled on first use)."""
    return re.compile(_BARE_COUNT_TEXT)


_DATE_MDY = re.compile(
    rf"{_MONTH}{_SP}{{1,3}}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b,?{_SP}{{1,3}}{_YEAR}"
)
_DATE_DMY = re.compile(
    rf"(?P<day>\d(?<![\w.,]\d)\d?)(?:st|nd|rd|th)?{_SP}{{1,3}}{_MONTH},?{_SP}{{1,3}}{_YEAR}"
)
_DATE_MY = re.compile(rf"{_MONTH},?{_SP}{{1,3}}{_YEAR}")
_DATE_ISO = re.compile(r"(?P<year>\d(?<![\w.\-]\d)\d{3})-(?P<month>\d{2})-(?P<day>\d{2})(?![\w\-])")
_DATE_YEAR = re.compile(rf"\b(?i:the){_SP}{{1,3}}year{_SP}{{1,3}}{_YEAR}")
_FISCAL = re.compile(
    rf"[fF](?<!\w[fF])(?:(?i:iscal{_SP}{{1,3}}years?){_SP}{{1,3}}|(?<=F)Y{_SP}{{0,3}})"
    rf"(?P<start>\d{{4}})"
    rf"(?:(?:{_SP}{{0,3}}[-–—]{_SP}{{0,3}}|{_SP}{{1,3}}(?i:to|through|thru){_SP}{{1,3}})"
    rf"(?:FY{_SP}{{0,3}})?(?P<end>\d{{4}}))?(?!\d)"
)
_QUOTES: Final = (re.compile(r"“[^“”]*”"), re.compile(r'"[^"]*"'))
_MIN_QUOTE: Final = 30
_SPEECH = r"(?i:said|says|stated|states|noted|notes|declared|added|remarked|wrote)"
_ATTRIBUTION_BEFORE = re.compile(rf"\b{_SPEECH}(?:{_SP}{{1,3}}that)?[\s,:]{{0,5}}\Z")
_ATTRIBUTION_AFTER = re.compile(
    rf"[\s*_]{{0,12}}(?:[–—-]{_SP}{{0,3}}[A-Z]|,?{_SP}{{0,3}}{_SPEECH}\b)"
)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"“”]*")
#: A bound ending where a rule's match starts (searched up to that start) or ending
#: where a whole text's figure starts (matched at the text's start).
_BOUND_BEFORE = re.compile(rf"{_BOUND}\Z")
_BOUND_AT = re.compile(_BOUND)

# -- converters: a match to a value, or ValueError saying why not ------------


#: The letters other than A-Z that re.IGNORECASE matches to an ASCII letter and that
#: str.lower() does not turn into it (the Kelvin sign lowers to "k" by itself).
_ODD_LETTERS: Final = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "i"})


def _fold(word: str) -> str:
    """A word that a case-blind pattern matched, as the lowercase ASCII word it matched."""
    return word.translate(_ODD_LETTERS).lower()


class _Hit:
    """A match of a rule that may follow a bound word: the rule's own match and the bound
    before it, read as one match (``m["bound"]``, ``m[0]`` and ``start()`` include it)."""

    __slots__ = ("_bound", "_m")

    def __init__(self, m: re.Match[str], bound: re.Match[str] | None) -> None:
        self._m = m
        self._bound = bound

    def __getitem__(self, group: int | str) -> Any:
        if group == "bound":
            return None if self._bound is None else self._bound["bound"]
        if group == 0:
            return self._m.string[self.start() : self._m.end()]
        return self._m[group]

    def groupdict(self) -> dict[str, Any]:
        return {**self._m.groupdict(), "bound": self["bound"]}

    def start(self) -> int:
        return self._m.start() if self._bound is None else self._bound.start()

    def end(self) -> int:
        return self._m.end()

    def span(self) -> tuple[int, int]:
        return self.start(), self.end()


#: What the converters read: a match of a rule (``re.Match`` or :class:`_Hit`).
_Match: TypeAlias = "re.Match[str] | _Hit"


def _has_number_word(text: str) -> bool:
    """Whether a number word ("five", "Twenty") may be in ``text``: one occurs in it, in
    any case, as a word or inside one ("one" in "money": then the full rule decides)."""
    low = text.lower() if _ODD_CASE.search(text) is None else _fold(text)
    return any(word in low for word in _NUMBER_WORDS)


def _bound(m: _Match) -> Bound:
    word = m["bound"]
    return Bound.EXACT if word is None else _BOUNDS[" ".join(_fold(word).split())]


def _decimal(digits: str) -> Decimal:
    return Decimal(digits.replace(",", ""))


def _whole(amount: Decimal) -> Decimal:
    """Integral amounts without exponent (``Decimal(260000000)``), others as they are."""
    return Decimal(int(amount)) if amount == amount.to_integral_value() else amount


def _money(m: _Match) -> Money:
    groups = m.groupdict()
    scale = groups["scale"] or groups.get("short") or ""
    amount = _decimal(m["num"]) * _SCALES.get(_fold(scale), 1)
    if groups.get("sign"):
        currency = _SYMBOLS.get(m["sign"], m["sign"])
    elif groups.get("word"):
        currency = _CURRENCY_WORDS[_fold(m["word"])]
    else:
        currency = m["code"]
    return Money(_whole(amount), currency, _bound(m))


def _percentage(m: _Match) -> Percentage:
    return Percentage(_whole(_decimal(m["num"])), _bound(m))


def _number(m: _Match) -> int:
    if m["words"] is not None:
        value = number_from_words(m["words"])
        if value is None:
            raise ValueError(f"{m['words']!r} is not a number written in words")
        return value
    if "." in m["num"]:
        raise ValueError(f"a count is a whole number, found {m['num']!r}")
    return int(m["num"].replace(",", ""))


def _bare_count(m: _Match) -> Count:
    return Count(_number(m), _bound(m))


def _count(m: _Match) -> Count:
    value = _number(m)
    words = [w.lower() for w in (m["mod"], m["noun"]) if w is not None]
    if any(w in _FUNCTION_WORDS for w in words):
        raise ValueError(f"{m[0]!r} is not a number before a counted noun phrase")
    if value == 1:
        raise ValueError("'one' before a plural is a pronoun ('one needs'), not a count")
    if m["num"] is not None and re.fullmatch(r"(?:19|20)\d\d", m["num"]):
        raise ValueError(f"{m['num']!r} reads as a year, not a count")
    return Count(value, _bound(m))


def _date(m: _Match) -> DateValue:
    groups = m.groupdict()
    month_text = (groups.get("month") or "").rstrip(".")
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
    day = int(m["day"]) if groups.get("day") else None
    date = PartialDate(int(m["year"]), month, day)
    problem = date.problem()
    if problem:
        raise ValueError(f"{m[0]!r} is not a real calendar date: {problem}")
    return DateValue(date)


def _fiscal(m: _Match) -> FiscalYears:
    start = int(m["start"])
    end = int(m["end"]) if m["end"] else start
    if start > end:
        raise ValueError(f"{m[0]!r} runs backwards: start {start} is after end {end}")
    return FiscalYears(start, end)


_Rule: TypeAlias = tuple[FigureKind, "re.Pattern[str]", Callable[[_Match], FigureValue]]
#: In order of preference when two mentions of equal length start together.
_RULES: Final[tuple[_Rule, ...]] = (
    (FigureKind.MONEY, _MONEY_PREFIX, _money),
    (FigureKind.MONEY, _MONEY_SUFFIX, _money),
    (FigureKind.PERCENTAGE, _PERCENT, _percentage),
    (FigureKind.FISCAL_YEARS, _FISCAL, _fiscal),
    (FigureKind.DATE, _DATE_MDY, _date),
    (FigureKind.DATE, _DATE_DMY, _date),
    (FigureKind.DATE, _DATE_MY, _date),
    (FigureKind.DATE, _DATE_ISO, _date),
    (FigureKind.DATE, _DATE_YEAR, _date),
    (FigureKind.COUNT, _COUNT, _count),
)

# -- finding ------------------------------------------------------------------

# Every figure kind is searched for in every text.  Three exact shortcuts:
# - a rule is skipped when a cheap necessary condition fails (no digit, no "%"
#   or "per" for a percentage, no month name for a date, ...);
# - every match of an anchored rule starts at a match of a cheap *anchor* (the
#   number, the currency sign): the search starts at the first anchor;
# - a bound word ("up to", "about") is not searched for everywhere, only just
#   before a match of the rules that take one (:data:`_BOUNDED`).
_LEAD: Final = 16  # the longest bound prefix: "approximately" and three spaces
_DIGIT: Final = re.compile(r"\d")
_SIGN: Final = re.compile(_SIGNS)
_CODE_WORD: Final = re.compile("|".join(rf"{c}(?<!\w{{4}})(?!\w)" for c in _CODES))
_ANCHORS: Final[dict[re.Pattern[str], re.Pattern[str]]] = {
    _MONEY_SUFFIX: _DIGIT,
    _PERCENT: _DIGIT,
    _COUNT: re.compile(rf"\d|\b(?i:{_NUMBER_WORD})"),
}
#: The rules whose figure may start with a bound word.
_BOUNDED: Final = frozenset((_MONEY_PREFIX, _MONEY_SUFFIX, _PERCENT, _COUNT, _COUNT_DIGITS))
_ISO_LIKE: Final = re.compile(
    r"\d\d\d\d-\d\d-\d\d"
)  # a digit first: searched by skipping to digits
# Letters that match an ASCII "s" or "i" under re.IGNORECASE but whose lower()
# differs: with any of them in the text, the lower-case gates are not used.
_ODD_CASE: Final = re.compile("[\u017f\u0130\u0131]")


# A compiled pattern hashes its whole compiled program on every hash (5 us for the count
# rule): sets and look-ups of the rules go by their id(), fixed for the process.
_ANCHOR_OF: Final[dict[int, re.Pattern[str]]] = {id(p): a for p, a in _ANCHORS.items()}
_BOUNDED_IDS: Final = frozenset(map(id, _BOUNDED))
_ALL_BUT_COUNT: Final = frozenset(id(p) for _, p, _ in _RULES if p is not _COUNT)


def _ruled_out(text: str) -> set[re.Pattern[str]]:
    """Patterns of :data:`_RULES` that cannot match anywhere in ``text``."""
    out = _ruled_out_ids(text)
    return {p for _, p, _ in _RULES if id(p) in out}


def _ruled_out_ids(text: str) -> frozenset[int] | set[int]:
    """The ``id()`` of each pattern of :data:`_RULES` that cannot match anywhere in ``text``."""
    if _DIGIT.search(text) is None:  # every figure but a count in words has a digit
        return _ALL_BUT_COUNT
    out: set[int] = set()
    if _SIGN.search(text) is None:
        out.add(id(_MONEY_PREFIX))
    if not any(start in text for start in _MONTH_STARTS):
        out.update((id(_DATE_MDY), id(_DATE_DMY), id(_DATE_MY)))
    if "-" not in text or _ISO_LIKE.search(text) is None:
        out.add(id(_DATE_ISO))
    if "year" not in text:
        out.add(id(_DATE_YEAR))
    if _ODD_CASE.search(text) is None:
        low = text.lower()
        if "%" not in text and "per" not in low:
            out.add(id(_PERCENT))
        if "fiscal" not in low and "FY" not in text:
            out.add(id(_FISCAL))
        words = "dollars" in low or "euros" in low or "pounds" in low
        if not words and _CODE_WORD.search(text) is None:
            out.add(id(_MONEY_SUFFIX))
    return out


def _search(pattern: re.Pattern[str], text: str, pos: int) -> _Match | None:
    """The first match of a rule from ``pos`` on, with the bound word before it, if any:
    what one search for the bound and the rule together would find."""
    anchor = _ANCHOR_OF.get(id(pattern))
    a = anchor.search(text, pos) if anchor is not None else None
    if anchor is not None and a is None:
        return None
    m = pattern.search(text, pos if a is None else a.start())
    if m is None or id(pattern) not in _BOUNDED_IDS:
        return m
    start = m.start()
    return _Hit(m, _BOUND_BEFORE.search(text, max(pos, start - _LEAD), start))


def _scan(rule: _Rule, text: str, found: list[Figure]) -> None:
    """Every accepted match of one rule, added to ``found``; a rejected match resumes one
    character on."""
    kind, pattern, convert = rule
    if pattern is _COUNT and not _has_number_word(text):
        pattern = _COUNT_DIGITS  # a count in words needs a number word
    plain = id(pattern) not in _ANCHOR_OF and id(pattern) not in _BOUNDED_IDS  # as it is
    pos = 0
    while True:
        m = pattern.search(text, pos) if plain else _search(pattern, text, pos)
        if m is None:
            return
        try:
            value = convert(m)
        except ValueError:
            pos = m.start() + 1
            continue
        found.append(Figure(kind, value, m.start(), m.end(), m[0]))
        pos = m.end()


def _attributed(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 60) : start]
    return bool(_ATTRIBUTION_BEFORE.search(before) or _ATTRIBUTION_AFTER.match(text, end, end + 60))


def _quotations(text: str) -> Iterator[Figure]:
    for pattern in _QUOTES:
        for m in pattern.finditer(text):
            if len(m[0]) - 2 >= _MIN_QUOTE and _attributed(text, m.start(), m.end()):
                yield Figure(FigureKind.QUOTATION, None, m.start(), m.end(), m[0])


_ALL_KINDS: Final = frozenset(FigureKind)  # iterating an enum class is slow: once, here
#: Every kind but quotations: the figures a value is read from.
NUMERIC_KINDS: Final = _ALL_KINDS - {FigureKind.QUOTATION}


#: Within :func:`shared_scans`: the matches of every numeric rule in each text searched.
_SHARED: ContextVar[dict[str, tuple[Figure, ...]] | None] = ContextVar(
    "carsi_claims_shared_scans", default=None
)


@contextlib.contextmanager
def shared_scans() -> Iterator[None]:
    """Within the block, each text is searched once for the numeric figures, whatever kinds
    :func:`find_figures` is asked for: a later call on the same text, for any numeric kinds,
    resolves the matches already found.  The answers are the same as without the block.

    The checks of a run use it: the value check reads every figure of a quote, the
    curation check the money or percentage figures of the same quotes.  The matches are
    kept until the block ends (per context: threads and tasks each have their own).
    """
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def _rule_matches(text: str, wanted: Collection[FigureKind]) -> list[Figure]:
    """Every accepted match of each rule of a ``wanted`` kind, rule by rule, unresolved."""
    out = _ruled_out_ids(text)
    found: list[Figure] = []
    for rule in _RULES:
        if rule[0] in wanted and id(rule[1]) not in out:
            _scan(rule, text, found)
    return found


def find_figures(text: str, *, kinds: Collection[FigureKind] | None = None) -> list[Figure]:
    """Every figure mention in ``text``, sorted by start, non-overlapping.

    Where mentions overlap the longest wins (then the earlier, then the kind
    listed first in :data:`_RULES`).  ``kinds`` restricts the search, and the
    overlap resolution, to those kinds: a quotation usually contains other
    figures, so a coverage scan wants ``find_figures(text, kinds={QUOTATION})``
    and the other kinds separately.  Nothing inside a URL is a figure.
    """
    wanted = _ALL_KINDS if kinds is None else kinds
    shared = _SHARED.get()
    if shared is not None and FigureKind.QUOTATION not in wanted:
        matches = shared.get(text)
        if matches is None:
            matches = shared[text] = tuple(_rule_matches(text, NUMERIC_KINDS))
        found = [f for f in matches if f.kind in wanted]  # each rule's in _RULES order
    else:
        found = _rule_matches(text, wanted)
    if FigureKind.QUOTATION in wanted:
        found.extend(_quotations(text))
    if not found:
        return found
    found.sort(key=lambda f: (f.start - f.end, f.start))  # stable: ties keep _RULES order
    taken = bytearray(len(text))
    if "://" in text or "www." in text:  # what every URL has
        for url in _URL.finditer(text):
            taken[url.start() : url.end()] = b"\x01" * (url.end() - url.start())
    kept = []
    for figure in found:  # each rule's matches are disjoint: total work is linear
        if taken.find(1, figure.start, figure.end) == -1:
            taken[figure.start : figure.end] = b"\x01" * (figure.end - figure.start)
            kept.append(figure)
    return sorted(kept, key=lambda f: f.start)


def _fullmatch(pattern: re.Pattern[str], text: str, *, bounded: bool) -> _Match | None:
    """``text`` as one match of a rule, with the bound word it starts with, if any."""
    if not bounded:
        return pattern.fullmatch(text)
    bound = _BOUND_AT.match(text)
    m = pattern.fullmatch(text, bound.end()) if bound is not None else None
    if m is None:
        bound, m = None, pattern.fullmatch(text)
    return None if m is None else _Hit(m, bound)


def parse_figure(text: str) -> Figure:
    """The one figure that ``text`` is (surrounding white space aside); ValueError otherwise."""
    stripped = text.strip()
    start = len(text) - len(text.lstrip())
    if not stripped:
        raise ValueError(f"expected a figure, found {text!r}")
    problems = []
    bare = (FigureKind.COUNT, _bare_count_pattern(), _bare_count)
    for kind, pattern, convert in (*_RULES, bare):
        bounded = id(pattern) in _BOUNDED_IDS or pattern is bare[1]
        m = _fullmatch(pattern, stripped, bounded=bounded)
        if m is not None:
            try:
                return Figure(kind, convert(m), start, start + len(stripped), stripped)
            except ValueError as exc:
                problems.append(str(exc))
    if any(p.fullmatch(stripped) for p in _QUOTES) and len(stripped) - 2 >= _MIN_QUOTE:
        return Figure(FigureKind.QUOTATION, None, start, start + len(stripped), stripped)
    if problems:
        raise ValueError(problems[0])
    raise ValueError(
        f"{stripped!r} is not a figure: expected money ('$260 million'), a percentage"
        " ('up to 95%'), a count ('Five Goals'), a date ('March 14, 2011'), fiscal years"
        " ('Fiscal Years 2008-2010') or a quotation of 30 characters or more"
    )


# -- numbers in words ---------------------------------------------------------


def _below_100(tokens: list[str], i: int) -> tuple[int, int] | None:
    if i < len(tokens) and tokens[i] in _TENS:
        value = _TENS[tokens[i]]
        if i + 1 < len(tokens) and 1 <= _SMALL.get(tokens[i + 1], 0) <= 9:
            return value + _SMALL[tokens[i + 1]], i + 2
        return value, i + 1
    if i < len(tokens) and tokens[i] in _SMALL:
        return _SMALL[tokens[i]], i + 1
    return None


def _times(tokens: list[str], word: str, part: tuple[int, int] | None,
           rest: Callable[[list[str], int], tuple[int, int] | None],
           factor: int) -> tuple[int, int] | None:  # fmt: skip
    """``part`` then optionally ``word`` (hundred, thousand), "and", and ``rest``."""
    if part is None or part[1] >= len(tokens) or tokens[part[1]] != word or part[0] == 0:
        return part
    value, i = part[0] * factor, part[1] + 1
    after = i + 1 if i < len(tokens) and tokens[i] == "and" else i
    tail = rest(tokens, after)
    if tail is not None and tail[0] > 0:
        return value + tail[0], tail[1]
    return value, i


def _below_1000(tokens: list[str], i: int) -> tuple[int, int] | None:
    return _times(tokens, "hundred", _below_100(tokens, i), _below_100, 100)


def number_from_words(text: str) -> int | None:
    """The number a phrase of English number words says ("twenty-one" is 21), else None.

    Covers zero..999,999: units, teens, tens, hyphenated compounds, "hundred"
    (also "twelve hundred"), "thousand", with "and" after them.  Digits are
    not words: ``number_from_words("5")`` is None.
    """
    tokens = _fold(text).replace("-", " ").split()
    parsed = _times(tokens, "thousand", _below_1000(tokens, 0), _below_1000, 1000)
    return parsed[0] if parsed is not None and parsed[1] == len(tokens) else None


# -- rendering ----------------------------------------------------------------


def _plain(value: Decimal, what: str) -> str:
    """``value`` in digits with thousands commas; ValueError when it cannot be written back."""
    if not value.is_finite() or value < 0:
        raise ValueError(f"{what} must be a finite non-negative number, found {value}")
    exponent = value.as_tuple().exponent
    if value == value.to_integral_value():
        return f"{int(value):,}"
    if isinstance(exponent, int) and exponent < -12:
        raise ValueError(f"{what} has more than 12 decimal places: {value}")
    return f"{value.normalize():,f}"


def _amount(amount: Decimal) -> str:
    for word in ("trillion", "billion", "million"):
        scaled = amount / _SCALES[word]
        if scaled >= 1 and scaled * 1000 == (scaled * 1000).to_integral_value():
            return f"{_plain(scaled, 'amount')} {word}"
    text = _plain(amount, "amount")
    exponent = amount.as_tuple().exponent
    if "." in text and isinstance(exponent, int) and exponent >= -2:
        return f"{amount:,.2f}"
    return text


def render(value: FigureValue) -> str:
    """Canonical English for ``value`` ("$260 million", "up to 95%", "March 14, 2011").

    ``parse_figure(render(v)).value == v`` for every valid value whose
    ``tolerance`` is None (tolerances and ``Count.list`` have no wording and
    are left out).  ValueError for a value that is not valid.
    """
    match value:
        case Money(amount=amount, currency=currency, bound=bound):
            if currency not in _CODES:
                raise ValueError(f"unknown currency {currency!r}: expected one of {_CODES}")
            number = _amount(amount)
            sign = _SIGN_OF.get(currency, f"{currency} ")
            return f"{_BOUND_WORDS[bound]}{sign}{number}"
        case Percentage(value=number, bound=bound):
            return f"{_BOUND_WORDS[bound]}{_plain(number, 'percentage')}%"
        case Count(value=number, bound=bound):
            if number < 0:
                raise ValueError(f"a count must not be negative, found {number}")
            return f"{_BOUND_WORDS[bound]}{number}"
        case DateValue(date=date):
            problem = date.problem()
            if problem or date.year < 1000:
                raise ValueError(f"{date} is not a real calendar date: {problem or 'year < 1000'}")
            if date.month is None:
                return f"the year {date.year}"
            month = _MONTH_NAMES[date.month - 1]
            return (
                f"{month} {date.year}" if date.day is None else f"{month} {date.day}, {date.year}"
            )
        case FiscalYears(start=first, end=last):
            if not 1000 <= first <= last <= 9999:
                raise ValueError(f"fiscal years must satisfy 1000 <= start <= end <= 9999: {value}")
            return f"Fiscal Year {first}" if first == last else f"Fiscal Years {first}-{last}"
    raise TypeError(f"cannot render {type(value).__name__}")  # pragma: no cover
