"""Numbers in words at their edges, and where a quotation's length and attribution stop."""

from __future__ import annotations

import re

import pytest

from carsi_claims.analysis.figures import (
    Figure,
    FigureKind,
    find_figures,
    number_from_words,
    parse_figure,
)
from carsi_claims.model import Count

Q = FigureKind.QUOTATION


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("twenty thousand", 20_000),  # a ten followed by a word that is no unit
        ("twenty-one thousand", 21_000),
        ("twenty-nine", 29),
        ("ninety-nine", 99),
        ("twenty hundred", 2_000),
        ("one hundred and one", 101),
        ("one thousand and one", 1_001),
        ("nine hundred ninety-nine thousand nine hundred ninety-nine", 999_999),
        ("twenty ten", None),  # a ten takes a unit 1..9 only
        ("twenty zero", None),
        ("zero hundred", None),  # no multiple of zero
        ("zero thousand", None),
        ("one hundred and zero", None),
        ("one hundred zero", None),
        ("one thousand thousand", None),
    ],
)
def test_number_words_at_their_edges(text: str, number: int | None) -> None:
    """Tens take a unit of one to nine; hundreds and thousands take a non-zero rest."""
    assert number_from_words(text) == number


@pytest.mark.parametrize(("length", "is_quotation"), [(29, False), (30, True), (31, True)])
def test_a_quotation_alone_needs_30_characters_between_the_marks(
    length: int, is_quotation: bool
) -> None:
    """parse_figure reads a quoted text as a quotation from 30 characters between the marks."""
    for text in ("“" + "a" * length + "”", '"' + "a" * length + '"'):
        if is_quotation:
            assert parse_figure(text) == Figure(Q, None, 0, len(text), text)
        else:
            with pytest.raises(ValueError, match="is not a figure"):
                parse_figure(text)


def test_long_text_without_quotation_marks_is_not_a_quotation() -> None:
    """A long text with no figure and no quotation marks is not a figure at all."""
    with pytest.raises(ValueError, match="is not a figure"):
        parse_figure("a long sentence that states no figure of any kind at all")


@pytest.mark.parametrize(
    "text",
    [
        "said “We will work together for a safer region, always.”",
        "Clinton said: “We will work together for a safer region, always.”",
        "“We will work together for a safer region, always.” – Secretary Clinton",
        "“We will work together for a safer region, always,” said Secretary Clinton.",
    ],
)
def test_an_attributed_quotation_is_found_from_the_first_character(text: str) -> None:
    """A speech verb just before the opening mark (even at the very start of the text), or a
    dash and a name or a speech verb just after the closing mark, attributes a quotation."""
    start, end = text.index("“"), text.index("”") + 1
    assert find_figures(text, kinds={Q}) == [Figure(Q, None, start, end, text[start:end])]


def test_an_unattributed_quotation_is_not_a_figure() -> None:
    """Quoted words with no speech verb or name next to them are not a quotation figure."""
    assert find_figures("“We will work together for a safer region, always.”", kinds={Q}) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1.5 goals", "a count is a whole number, found '1.5'"),
        ("one needs", "'one' before a plural is a pronoun ('one needs'), not a count"),
        ("One Goals", "'one' before a plural is a pronoun ('one needs'), not a count"),
        ("2011 goals", "'2011' reads as a year, not a count"),
        ("five the goals", "'five the goals' is not a number before a counted noun phrase"),
        ("5 OF Goals", "'5 OF Goals' is not a number before a counted noun phrase"),
        ("twenty ten goals", "'twenty ten' is not a number written in words"),
    ],
)
def test_why_a_count_is_refused(text: str, message: str) -> None:
    """parse_figure says why a number before a plural is not a count."""
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        parse_figure(text)


@pytest.mark.parametrize(("length", "found"), [(29, False), (30, True)])
def test_an_attributed_quotation_needs_30_characters_between_the_marks(
    length: int, found: bool
) -> None:
    """In running text too, a quotation has at least 30 characters between its marks."""
    quoted = "“" + "a" * length + "”"
    text = f"She said {quoted} to them."
    expected = [Figure(Q, None, 9, 9 + len(quoted), quoted)] if found else []
    assert find_figures(text, kinds={Q}) == expected


@pytest.mark.parametrize(
    ("text", "start", "number"),
    [
        ("ſix nations", 0, 6),  # the long s: "six" under case folding, not under lower()
        ("ıt has ſix nations", 7, 6),
        ("İ: twenty goals", 3, 20),
    ],
)
def test_a_count_in_words_with_letters_that_fold_to_ascii(
    text: str, start: int, number: int
) -> None:
    """ſ, ı and İ match s and i in a case-blind pattern: a count in words spelt with them
    is found, as "six nations" is."""
    found = find_figures(text)
    assert [(f.kind, f.value, f.start, f.text) for f in found] == [
        (FigureKind.COUNT, Count(number), start, text[start:])
    ]
