"""Coverage, pinned piece by piece: contexts, spans, stale reasons, the report's shape.

What a user reads of a coverage report (the mention's context, which claim covers
or partly overlaps it, why an ignore is stale, which sources were not scanned) is
asserted exactly here, on small texts, and the sweeps that match mentions to spans
are checked against plain double loops.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from carsi_claims.analysis.coverage import (
    CoverageReport,
    Mention,
    _context,
    _first_overlapping,
    _occurrences,
    _occurrences_of,
    _scan_source,
    _spans_covering,
    coverage,
)
from carsi_claims.analysis.figures import Figure, FigureKind
from carsi_claims.dataset import Dataset
from carsi_claims.model import CoverageIgnore, Provenance, Source
from carsi_claims.read.seeds import Seeds

SOURCE = Source(id="s", path="s.txt", sha256="0" * 64, title="t", kind="test")
TEXT = "He said: “We paid $5 million in 2010 for the whole programme.” Then 20% more.\n"
QUOTATION = "“We paid $5 million in 2010 for the whole programme.”"


def _scan(
    text: str,
    quotes: list[tuple[str, str]] | None = None,
    ignores: list[str] | None = None,
    *,
    at: dict[str, int] | None = None,
) -> tuple[list[Mention], list[tuple[int, str]]]:
    """Scan ``text`` with claim quotes (quote, claim id) at their place and ignore quotes."""
    provenance = []
    for quote, owner in quotes or []:
        start = (at or {}).get(quote, text.find(quote))
        provenance.append((Provenance("s", quote, start, start + len(quote)), owner))
    ignore_list = [(i, CoverageIgnore("s", q, "why")) for i, q in enumerate(ignores or [])]
    mentions, stale = _scan_source(SOURCE, text, "s.txt", provenance, ignore_list)
    return mentions, [(s.index, s.why) for s in stale]


def _figure(start: int, end: int) -> Figure:
    return Figure(FigureKind.COUNT, None, start, end, "x" * (end - start))


# -- the context shown with a mention -----------------------------------------


def test_context_is_thirty_characters_either_side_with_ellipses() -> None:
    """On one long line the context keeps 30 characters each side and marks the cuts."""
    text = "a" * 40 + " costs $5 million today " + "b" * 40
    start = text.index("$5")
    context = _context(text, start, start + len("$5 million"))
    assert context == "…" + "a" * 23 + " costs $5 million today " + "b" * 23 + "…"


def test_context_stops_at_the_line_and_folds_white_space() -> None:
    """The context stays on the mention's line; runs of white space become one space."""
    text = "line one\n  costs \t $5\n million  now\nnext line"
    start = text.index("$5")
    end = text.index("million") + len("million")
    assert _context(text, start, end) == "costs $5 million now"


def test_context_has_no_ellipsis_where_the_text_ends() -> None:
    """A window that reaches the start or the end of the text is not marked as cut."""
    text = "x" * 30 + "$5 million" + "y" * 30
    assert _context(text, 30, 40) == text
    longer = "w" + text + "z"
    assert _context(longer, 31, 41) == "…" + text + "…"


def test_context_pads_only_where_the_text_has_white_space() -> None:
    """No space is put between a mention and a bracket that touches it."""
    text = "They paid ($5 million) in all."
    start = text.index("$5")
    assert _context(text, start, start + 10) == "They paid ($5 million) in all."


def test_context_at_the_start_of_a_line_is_not_padded() -> None:
    """A mention after a newline and indentation has nothing, and no space, before it."""
    text = "first\n   $5 million\nlast"
    start = text.index("$5")
    assert _context(text, start, start + 10) == "$5 million"
    assert _context("$5 million", 0, 10) == "$5 million"


def test_context_shortens_a_long_mention_to_its_ends() -> None:
    """A mention over 80 characters keeps its first 40 and last 30, joined by an ellipsis."""
    long = "".join(chr(ord("a") + i % 26) for i in range(81))
    assert _context(long, 0, 81) == long[:40] + "…" + long[-30:]
    exactly = long[:80]
    assert _context(exactly, 0, 80) == exactly


# -- which claim covers, which overlaps ------------------------------------------------

SPANS = st.lists(
    st.tuples(st.integers(0, 30), st.integers(1, 8)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=8,
)
FIGURES = st.lists(
    st.tuples(st.integers(0, 30), st.integers(1, 8)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=8,
)


@given(spans=SPANS, figures=FIGURES)
def test_a_mention_is_covered_exactly_when_a_span_contains_it(
    spans: list[tuple[int, int]], figures: list[tuple[int, int]]
) -> None:
    """The span named for a figure contains it; none is named only when none contains it."""
    owned = [(s, e, f"c{i}") for i, (s, e) in enumerate(spans)]
    found = _spans_covering(owned, [_figure(s, e) for s, e in figures])
    for (fs, fe), owner in zip(figures, found, strict=True):
        containing = {o for s, e, o in owned if s <= fs and fe <= e}
        if containing:
            assert owner in containing
        else:
            assert owner is None


@given(spans=SPANS, figures=FIGURES)
def test_the_first_overlapping_span_in_list_order_is_named(
    spans: list[tuple[int, int]], figures: list[tuple[int, int]]
) -> None:
    """``partly_by`` is the first span (in the order given) that shares a character."""
    owned = [(s, e, f"c{i}") for i, (s, e) in enumerate(spans)]
    found = _first_overlapping(owned, [_figure(s, e) for s, e in figures])
    expected = [next((o for s, e, o in owned if s < fe and fs < e), None) for fs, fe in figures]
    assert found == expected


def test_the_first_overlapping_span_touching_is_not_overlapping() -> None:
    """Spans that end where a figure starts, or start where it ends, do not overlap it."""
    figures = [_figure(5, 10)]
    assert _first_overlapping([(0, 5, "a"), (10, 12, "b")], figures) == [None]
    assert _first_overlapping([(0, 5, "a"), (9, 12, "b"), (0, 6, "c")], figures) == ["b"]
    assert _first_overlapping([], figures) == [None]


def test_a_covered_or_ignored_mention_names_no_partial_overlap() -> None:
    """``partly_by`` is only given for a mention nothing covers."""
    mentions, _ = _scan(TEXT, [("$5 million in", "whole"), ("Then 20", "part")])
    by_text = {m.figure.text: m for m in mentions}
    assert (by_text["$5 million"].covered_by, by_text["$5 million"].partly_by) == ("whole", None)
    assert (by_text["20%"].covered_by, by_text["20%"].partly_by) == (None, "part")
    mentions, _ = _scan(TEXT, [("Then 20", "part")], ["20% more"])
    by_text = {m.figure.text: m for m in mentions}
    assert (by_text["20%"].ignored_by, by_text["20%"].partly_by) == (0, None)
    assert by_text["20%"].covered


def test_a_mention_scan_lists_quotations_and_the_figures_inside_them() -> None:
    """Every mention of a source, in text order, with its line, column and kind."""
    mentions, stale = _scan("x\n" + TEXT)
    assert [(m.figure.kind.value, m.figure.text, m.line, m.column) for m in mentions] == [
        ("quotation", QUOTATION, 2, 10),
        ("money", "$5 million", 2, 19),
        ("percentage", "20%", 2, 69),
    ]
    assert [(m.source, m.file, m.covered) for m in mentions] == [("s", "s.txt", False)] * 3
    assert stale == []


def test_mentions_are_in_text_order_whatever_their_kind() -> None:
    """A figure before a quotation is listed before it (quotations are scanned apart)."""
    text = "Up to 20% went, he said: “We paid $5 million in 2010 for the whole programme.”\n"
    kinds = ["percentage", "quotation", "money"]
    assert [m.figure.kind.value for m in _scan(text)[0]] == kinds


def test_the_claim_named_as_covering_is_the_one_reaching_furthest() -> None:
    """Of several quotes holding a mention: the one ending last, then starting first, then the
    smallest claim id (so the name does not depend on the order of the claims)."""
    text = "They paid $5 million in all.\n"
    longer = [("$5 million in", "z-long"), ("paid $5 million", "a-short")]
    assert [m.covered_by for m in _scan(text, longer)[0]] == ["z-long"]
    same_end = [("$5 million in", "a-late"), ("paid $5 million in", "z-early")]
    assert [m.covered_by for m in _scan(text, same_end)[0]] == ["z-early"]
    same_span = [("$5 million", "z"), ("$5 million", "b"), ("$5 million", "m")]
    assert [m.covered_by for m in _scan(text, same_span)[0]] == ["b"]


def test_an_empty_claim_quote_covers_nothing() -> None:
    """A provenance entry with an empty quote (a schema error elsewhere) covers no mention."""
    mentions, _ = _scan(TEXT, [("", "empty")], at={"": 0})
    assert [m.covered_by for m in mentions] == [None, None, None]
    mentions, _ = _scan(TEXT, [("", "empty")], at={"": 5})
    assert [m.covered_by for m in mentions] == [None, None, None]


def test_a_misplaced_claim_quote_covers_every_place_it_stands() -> None:
    """Wrong offsets: the quote covers wherever it occurs, as many times as it does."""
    text = "Fees: $5 each, then $5 again.\n"
    mentions, _ = _scan(text, [("$5", "fee")], at={"$5": 0})
    assert [(m.column, m.covered_by) for m in mentions] == [(7, "fee"), (21, "fee")]


# -- stale ignores -------------------------------------------------------------------


def test_stale_reasons_for_each_way_an_ignore_does_no_work() -> None:
    """Empty, absent, holding no mention, holding only claimed mentions: each says why."""
    _, stale = _scan(TEXT, [("$5 million", "pay")], ["", "absent words", "He said", "$5 million"])
    assert stale == [
        (0, "its quote is empty"),
        (1, "its quote does not occur in s.txt: copy the exact characters"),
        (2, "no figure mention lies inside its quote"),
        (3, "every figure mention inside its quote is covered by a claim (pay)"),
    ]


def test_a_stale_ignore_names_each_covering_claim_once_in_text_order() -> None:
    """The claims that cover everything inside an ignore are listed once each, in order."""
    text = "Costs: $5 million, $6 million and $5 million.\n"
    quotes = [("$6 million", "six"), ("Costs: $5 million", "five")]
    quotes.append(("and $5 million", "five"))
    _, stale = _scan(text, quotes, ["$5 million, $6 million and $5 million"])
    assert stale == [(0, "every figure mention inside its quote is covered by a claim (five, six)")]


def test_an_ignore_doing_work_anywhere_is_not_stale() -> None:
    """One uncovered mention inside any occurrence keeps an ignore (and its twins) in use."""
    text = "Fees: $5 here.\nFees: $5 there.\n"
    _, stale = _scan(text, [("$5 here", "here")], ["Fees: $5", "Fees: $5"])
    assert stale == []
    mentions, stale = _scan(text, [("$5 here", "here"), ("$5 there", "there")], ["Fees: $5"] * 2)
    why = "every figure mention inside its quote is covered by a claim (here, there)"
    assert stale == [(0, why), (1, why)]
    assert [m.ignored_by for m in mentions] == [0, 0]


def test_an_ignore_around_a_covered_figure_in_an_uncovered_quotation_is_in_use() -> None:
    """Quotations and the figures inside them count apart: the quotation still needs it."""
    _, stale = _scan(TEXT, [("$5 million", "pay")], [QUOTATION])
    assert stale == []
    mentions, stale = _scan(TEXT, [(QUOTATION, "said")], [QUOTATION])
    assert stale == [(0, "every figure mention inside its quote is covered by a claim (said)")]
    assert [m.covered_by for m in mentions[:2]] == ["said", "said"]


def test_an_ignore_holding_only_part_of_a_mention_holds_none() -> None:
    """A mention must lie wholly inside the ignore's quote."""
    mentions, stale = _scan(TEXT, [], ["$5 mill"])
    assert stale == [(0, "no figure mention lies inside its quote")]
    assert [m.ignored_by for m in mentions] == [None, None, None]


# -- the report over a dataset -------------------------------------------------------


def _source(root: Path, sid: str, name: str, text: str) -> Source:
    (root / name).write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Source(id=sid, path=name, sha256=sha, title=sid, kind="test")


def test_stale_ignores_are_listed_in_file_order_across_sources(tmp_path: Path) -> None:
    """The stale entries of every source come out by their index in the file."""
    first = _source(tmp_path, "a", "a.txt", "Fees: $5.\n")
    second = _source(tmp_path, "b", "b.txt", "Fees: $6.\n")
    ignores = (
        CoverageIgnore("b", "nothing here", "r"),
        CoverageIgnore("a", "Fees", "r"),
        CoverageIgnore("b", "$6", "r"),
        CoverageIgnore("a", "", "r"),
    )
    data = Dataset(sources=(first, second), coverage_ignores=ignores, seeds_dir=tmp_path)
    report = coverage(data)
    assert [(s.index, s.ignore.source) for s in report.stale] == [(0, "b"), (1, "a"), (3, "a")]
    assert [(m.source, m.figure.text, m.ignored_by) for m in report.mentions] == [
        ("a", "$5", None),
        ("b", "$6", 2),
    ]
    assert not report.complete
    assert [m.figure.text for m in report.uncovered] == ["$5"]


def test_a_duplicate_source_id_is_scanned_once(tmp_path: Path) -> None:
    """Two sources of one id: the first is scanned, the second left to the id checks."""
    first = _source(tmp_path, "a", "a.txt", "Fees: $5.\n")
    again = _source(tmp_path, "a", "b.txt", "Fees: $6.\n")
    other = _source(tmp_path, "c", "c.txt", "Fees: $7.\n")
    report = coverage(Dataset(sources=(first, again, other), seeds_dir=tmp_path))
    assert [(m.source, m.figure.text) for m in report.mentions] == [("a", "$5"), ("c", "$7")]


def test_no_seeds_folder_is_an_empty_complete_report() -> None:
    """A dataset not read from a file, and no seeds given: nothing to scan."""
    report = coverage(Dataset(sources=(SOURCE,)))
    assert report == CoverageReport(())
    assert report.complete


def test_seeds_may_be_given_as_a_folder_or_as_seeds(tmp_path: Path) -> None:
    """``seeds`` overrides the dataset's folder, as a path or a :class:`Seeds`."""
    source = _source(tmp_path, "a", "a.txt", "Fees: $5.\n")
    data = Dataset(sources=(source,), seeds_dir=tmp_path / "elsewhere")
    assert [u.code for u in coverage(data).unscanned] == ["provenance.missing-file"]
    for seeds in (tmp_path, Seeds(tmp_path)):
        report = coverage(data, seeds)
        assert ([m.figure.text for m in report.mentions], report.unscanned) == (["$5"], ())


def test_an_unreadable_source_is_unscanned_with_its_code(tmp_path: Path) -> None:
    """A source whose file is missing is listed with the finding code and message."""
    present = _source(tmp_path, "a", "a.txt", "Fees: $5.\n")
    missing = Source(id="m", path="m.txt", sha256="0" * 64, title="m", kind="test")
    report = coverage(Dataset(sources=(missing, present), seeds_dir=tmp_path))
    [unscanned] = report.unscanned
    assert (unscanned.source, unscanned.code) == (missing, "provenance.missing-file")
    folder = str(tmp_path)
    assert unscanned.message == f"source file 'm.txt' not found in the seeds folder {folder!r}"
    assert [m.figure.text for m in report.mentions] == ["$5"]
    assert not report.complete


def test_a_mention_as_json_has_every_key() -> None:
    """``to_dict`` has the mention's place, kind, text, context and what covers it."""
    [mention, *_] = _scan(TEXT, [], [QUOTATION])[0]
    assert mention.to_dict() == {
        "source": "s",
        "file": "s.txt",
        "line": 1,
        "column": 10,
        "start": 9,
        "end": 62,
        "kind": "quotation",
        "text": QUOTATION,
        "context": "He said: " + QUOTATION + " Then 20% more.",
        "covered": True,
        "covered_by": None,
        "ignored_by": 0,
        "partly_by": None,
    }


# -- finding quotes --------------------------------------------------------------------

WORDS = st.sampled_from(["ab", "a", "b", "ba", "$5", "5"])
PIECES = st.lists(st.tuples(WORDS, st.sampled_from([" ", ".", ", ", "-"])), max_size=30)
FILLER = " " + " ".join(f"z{i}" for i in range(400))


@given(pieces=PIECES, cuts=st.lists(st.tuples(st.integers(0, 80), st.integers(1, 12)), max_size=8))
def test_the_indexed_search_finds_what_a_plain_search_finds(
    pieces: list[tuple[str, str]], cuts: list[tuple[int, int]]
) -> None:
    """With more than 16 quotes every occurrence is found, as :func:`_occurrences` finds it."""
    body = "".join(w + sep for w, sep in pieces)
    text = body + FILLER
    quotes = [body[at : at + size] for at, size in cuts if body[at : at + size]]
    quotes += [f"z{i} z{i + 1}" for i in range(17)]
    quotes += ["ab ab", "a b.", "b a", "$5 a", "a.b", "5 ab"]
    assert _occurrences_of(text, quotes) == {quote: _occurrences(text, quote) for quote in quotes}


def test_the_indexed_search_finds_a_quote_at_the_start_of_the_text() -> None:
    """A quote standing at offset 0 is found when its rarest interior word is looked up."""
    text = "Fees: $5 or $5 or $5. " + " ".join(f"w{i} x" for i in range(100))
    quotes = ["Fees: $5 or", *(f"w{i} x w{i + 1}" for i in range(20))]
    assert _occurrences_of(text, quotes)["Fees: $5 or"] == [(0, 11)]
