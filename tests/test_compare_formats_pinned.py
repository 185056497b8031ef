"""The compare formats on hand-made comparisons: letters, notes, widths, escaping, formats."""

from __future__ import annotations

import io
import json

import pytest

from carsi_claims.analysis.compare import Cell, Comparison, Difference, Mode, Row
from carsi_claims.dataset import Dataset
from carsi_claims.model import Source
from carsi_claims.output.compare import FORMATS, to_dict, write_comparison, write_text

DATASET = Dataset(sources=(Source("s1", "a.txt", "0" * 64, "Fact | sheet\\", "fact_sheet"),))


def _cell(source: str, text: str, variant: int, diff: str | None = None) -> Cell:
    difference = Difference.SAME if variant == 0 else Difference.DIFFERENT
    return Cell(source, (f"{source}.c",), text, variant, difference, diff)


def _write(comparison: Comparison, fmt: str, width: int = 160) -> str:
    out = io.StringIO()
    write_comparison(comparison, DATASET, fmt, out, width=width)
    return out.getvalue()


def test_variants_past_z_are_numbered() -> None:
    """Variants 0..25 are A..Z; the 27th and later are V27, V28, ..."""
    cells = tuple(_cell(f"s{n}", f"t{n}", n) for n in (0, 1, 25, 26, 27))
    row = Row("1", "item 1", tuple(f"t{n}" for n in range(28)), cells)
    comparison = Comparison("l", Mode.LIST, tuple(c.source for c in cells), (row,))
    line = [x for x in _write(comparison, "markdown").splitlines() if x.startswith("| item 1")]
    assert line == ["| item 1 | A: t0 | B: t1 | Z: t25 | V27: t26 | V28: t27 |"]


def test_a_typographic_difference_is_noted() -> None:
    """A cell differing only in typography says so after its letter, in text and Markdown."""
    typo = Cell("s2", ("c2",), "don’t", 0, Difference.TYPOGRAPHY)
    row = Row("1", "item 1", ("don't",), (_cell("s1", "don't", 0), typo))
    comparison = Comparison("l", Mode.LIST, ("s1", "s2"), (row,))
    assert "| item 1 | A: don't | A (typography): don’t |" in _write(comparison, "markdown")
    text = _write(comparison, "text", width=80)
    assert "A (typography): don’t" in text
    assert "0 with differences" in text


def test_markdown_headings_escape_and_fall_back_to_the_id() -> None:
    """A column is headed by its source's title (pipes and backslashes escaped), or by its id
    when the dataset has no such source; a line break in a text stays in its cell."""
    row = Row("1", "item | 1", ("a\nb",), (_cell("s1", "a\nb", 0), None))
    comparison = Comparison("l", Mode.LIST, ("s1", "gone"), (row,))
    lines = _write(comparison, "markdown").splitlines()
    assert lines[2] == "| | Fact \\| sheet\\\\ (`s1`) | gone (`gone`) |"
    assert lines[3] == "|---|---|---|"
    assert lines[4] == "| item \\| 1 | A: a b | — |"


def test_json_names_each_source_with_its_title_or_null() -> None:
    """JSON: the sources with their titles (null for a source not in the dataset)."""
    row = Row("1", "item 1", ("a",), (_cell("s1", "a", 0), None))
    comparison = Comparison("l", Mode.LIST, ("s1", "gone"), (row,))
    data = json.loads(_write(comparison, "json"))
    assert data["sources"] == [
        {"id": "s1", "title": "Fact | sheet\\"},
        {"id": "gone", "title": None},
    ]
    assert data == to_dict(comparison, DATASET)


def test_text_grid_widths() -> None:
    """Labels take at most 24 columns; the other columns share the rest, at least 12 each;
    a cell without a diff shows its text; an empty row label still has a line."""
    label = "a label that is much longer than twenty-four"
    row = Row("1", label, ("x",), (_cell("s1", "x", 0), _cell("s2", "y z", 1)))
    comparison = Comparison("l", Mode.LIST, ("s1", "s2"), (row,))
    lines = _write(comparison, "text", width=60).splitlines()
    rule = "-" * 24 + "-+-" + "-" * 15 + "-+-" + "-" * 15
    assert lines[5:] == [
        "row                      | [1]             | [2]",
        rule,
        "a label that is much     | A: x            | B: y z",
        "longer than twenty-four  |                 |",
        rule,
    ]
    narrow = _write(comparison, "text", width=40).splitlines()
    assert narrow[6] == "-" * 24 + "-+-" + "-" * 12 + "-+-" + "-" * 12


def test_text_label_column_fits_short_labels() -> None:
    """With short labels the label column is as wide as the word 'row' or the longest label."""
    row = Row("1", "ab", ("x",), (_cell("s1", "x", 0),))
    comparison = Comparison("name", Mode.PROPERTY, ("s1",), (row,))
    lines = _write(comparison, "text", width=40).splitlines()
    assert lines[0] == "name (property), as each source gives it"
    assert lines[1] == "  [1] s1"
    assert lines[2].startswith("1 row(s), 0 with differences; in each row A is the reference")
    assert lines[4:] == [
        "row | [1]",
        "----+-" + "-" * 34,
        "ab  | A: x",
        "----+-" + "-" * 34,
    ]


def test_an_unknown_format_is_refused() -> None:
    """A format other than text, markdown and json is a ValueError naming the known ones."""
    comparison = Comparison("l", Mode.LIST, (), ())
    with pytest.raises(ValueError, match=r"^unknown format 'csv': expected one of text, markdown"):
        _write(comparison, "csv")
    assert FORMATS == ("text", "markdown", "json")


def test_an_empty_comparison() -> None:
    """No sources and no rows: the header, the legend and an empty grid, no error."""
    comparison = Comparison("l", Mode.LIST, (), ())
    text = _write(comparison, "text")
    assert text.splitlines()[-2:] == ["row", "---"]
    assert "0 row(s), 0 with differences" in text


def test_hyphenated_words_are_not_broken_and_an_empty_label_is_blank() -> None:
    """A column wraps at spaces only, never inside a hyphenated word; an empty label cell
    is blank."""
    row = Row("1", "", ("x",), (_cell("s1", "well-known-and-long word", 0),))
    comparison = Comparison("l", Mode.LIST, ("s1",), (row,))
    lines = _write(comparison, "text", width=26).splitlines()
    assert lines[6:8] == ["    | A:", "    | well-known-and-long"]
    assert lines[8] == "    | word"


def test_the_text_grid_is_160_columns_wide_by_default() -> None:
    """Without a width the grid is 160 characters wide."""
    row = Row("1", "a", ("x",), (_cell("s1", "word " * 60, 0),))
    comparison = Comparison("l", Mode.LIST, ("s1",), (row,))
    rule = "----+-" + "-" * 154
    out = io.StringIO()
    write_comparison(comparison, DATASET, "text", out)
    assert out.getvalue().splitlines()[5] == rule
    direct = io.StringIO()
    write_text(comparison, direct)
    assert direct.getvalue() == out.getvalue()
    assert max(len(line) for line in direct.getvalue().splitlines()[4:]) == 160
