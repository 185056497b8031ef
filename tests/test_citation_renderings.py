"""Every rendering of a citation, whole: quotes, sources as recorded, unknown parts, warnings."""

from __future__ import annotations

import json

import pytest

from carsi_claims.citing.cite import FORMATS, Citation, CitedQuote, citation_of
from carsi_claims.dataset import Dataset
from carsi_claims.model import Claim, ClaimKind, Count, PartialDate, Provenance, Source, Status

#: A quote full of Markdown: list markers at line starts, emphasis, links, HTML, code.
_MARKDOWN_QUOTE = "- 1. a *b* [c](d) <e> #f |g| ~h~ `i` \\j\n2) x\n  + y\n= z\n12. w"


def _citation(status: Status = Status.RETRACTED, current: str | None = "x.y") -> Citation:
    return Citation(
        "x.y",
        (
            CitedQuote(_MARKDOWN_QUOTE, "s1", "Title.", "", PartialDate(2011, 3), "http://u", 3, 9),
            CitedQuote('He said "go"', "s2", None, "Pub", None, None, 0, 1),
        ),
        status,
        None,
        None,
        current,
    )


def test_text_puts_each_quote_over_its_source() -> None:
    """Plain text: the warning, then each quote (curly marks unless it has marks of its own)
    over its source line: title without its final stop (or the source id), publisher (or that
    it is not stated), date (or that it is not stated), URL, reference."""
    assert _citation().text() == (
        "WARNING: claim x.y is RETRACTED (no reason given); no claim supersedes it\n"
        "\n"
        f"“{_MARKDOWN_QUOTE}”\n"
        "— Title. [publisher not stated in the source], 2011-03. http://u [carsi:x.y]\n"
        "\n"
        'He said "go"\n'
        "— source s2. Pub, [date not stated in the source]. [carsi:x.y]\n"
    )


def test_markdown_escapes_every_special_character_and_block_start() -> None:
    """Markdown: each quote line as a block quote, Markdown characters and the list or heading
    marker opening a line escaped, so the quote shows exactly as written."""
    assert _citation().markdown() == (
        "> **Warning:** claim x.y is RETRACTED (no reason given); no claim supersedes it\n"
        "\n"
        "> \\- 1. a \\*b\\* \\[c\\](d) \\<e\\> \\#f \\|g\\| \\~h\\~ \\`i\\` \\\\j\n"
        "> 2\\) x\n"
        ">   \\+ y\n"
        "> \\= z\n"
        "> 12\\. w\n"
        ">\n"
        "> — Title. \\[publisher not stated in the source\\], 2011-03. http://u (`carsi:x.y`)\n"
        "\n"
        '> He said "go"\n'
        ">\n"
        "> — source s2. Pub, \\[date not stated in the source\\]. (`carsi:x.y`)\n"
    )


def test_json_has_every_field_of_the_claim_and_of_each_quote() -> None:
    """JSON: claim, reference, status, reason, successor, current, warning, and per quote its
    text, source, title, publisher, date, URL, offsets and the citation line."""
    assert json.loads(_citation().render("json")) == {
        "claim": "x.y",
        "reference": "carsi:x.y",
        "status": "retracted",
        "reason": None,
        "superseded_by": None,
        "current": "x.y",
        "warning": "claim x.y is RETRACTED (no reason given); no claim supersedes it",
        "quotes": [
            {
                "quote": _MARKDOWN_QUOTE,
                "source": "s1",
                "title": "Title.",
                "publisher": "",
                "published": "2011-03",
                "url": "http://u",
                "start": 3,
                "end": 9,
                "citation": "Title. [publisher not stated in the source], 2011-03. http://u",
            },
            {
                "quote": 'He said "go"',
                "source": "s2",
                "title": None,
                "publisher": "Pub",
                "published": None,
                "url": None,
                "start": 0,
                "end": 1,
                "citation": "source s2. Pub, [date not stated in the source].",
            },
        ],
    }


def test_render_gives_each_format() -> None:
    """``render`` gives text by default, and each of the formats by name."""
    citation = _citation(Status.ACTIVE)
    assert FORMATS == ("text", "markdown", "json")
    assert citation.render() == citation.text()
    assert citation.render("text") == citation.text()
    assert citation.render("markdown") == citation.markdown()
    assert citation.render("json") == citation.to_json()
    assert citation.warning is None
    assert citation.text().startswith("“- 1.")


def test_warning_without_a_successor() -> None:
    """A retracted claim superseded by nothing (or by itself) says that nothing supersedes it."""
    assert _citation(current=None).warning == (
        "claim x.y is RETRACTED (no reason given); no claim supersedes it"
    )


def test_citation_of_a_claim_whose_source_is_not_in_the_dataset() -> None:
    """A quote from a source the dataset lacks is cited by its source id, nothing invented;
    one from a known source carries its title, publisher, date and URL."""
    source = Source(
        "s1", "s1.txt", "0" * 64, "A title", "news", "A publisher", PartialDate(2011), "http://s"
    )
    claim = Claim(
        "c.one",
        ClaimKind.COUNT,
        "carsi",
        "p",
        Count(5),
        (Provenance("s1", "five", 2, 6), Provenance("gone", "5", 8, 9)),
        status=Status.RETRACTED,
        reason="wrong",
        superseded_by="c.two",
    )
    citation = citation_of(Dataset(sources=(source,), claims=(claim,)), claim)
    assert citation.quotes == (
        CitedQuote("five", "s1", "A title", "A publisher", PartialDate(2011), "http://s", 2, 6),
        CitedQuote("5", "gone", None, None, None, None, 8, 9),
    )
    assert (citation.status, citation.reason, citation.superseded_by) == (
        Status.RETRACTED,
        "wrong",
        "c.two",
    )


@pytest.mark.parametrize("title", ["A title", "A title.", "A title..."])
def test_a_title_ends_with_one_full_stop(title: str) -> None:
    """The title's own closing full stops are not doubled."""
    quote = CitedQuote("q", "s", title, "P", PartialDate(2011), None, 0, 1)
    assert quote.where() == "A title. P, 2011."


@pytest.mark.parametrize("title", ["Planet X", "Planet X.", "Planet X.."])
def test_only_full_stops_are_taken_off_the_end_of_a_title(title: str) -> None:
    """A title ending in a letter keeps it: only its closing full stops go."""
    quote = CitedQuote("q", "s", title, "P", PartialDate(2011), None, 0, 1)
    assert quote.where() == "Planet X. P, 2011."


def test_markdown_quote_lines_lose_trailing_blanks_and_a_blank_line_is_a_bare_marker() -> None:
    """A quote line's trailing spaces are dropped and an empty line is ``>`` alone, so the
    block quote holds no line ending in a space (Markdown's hard break)."""
    quote = CitedQuote("first line  \n\nthird", "s", "T", "P", PartialDate(2011), None, 0, 1)
    citation = Citation("x.y", (quote,))
    assert citation.markdown() == ("> first line\n>\n> third\n>\n> — T. P, 2011. (`carsi:x.y`)\n")
