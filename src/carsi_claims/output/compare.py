"""A comparison (:mod:`carsi_claims.analysis.compare`) as a text grid, a Markdown table or JSON.

Every format shows the same thing: one column per source, one row per item or
question, each cell the source's own text with the words that differ from the
row's reference marked, and a letter per distinct variant (``A`` is the
reference: what most sources give).  Text marks removed words ``[-so-]`` and
added words ``{+so+}``; Markdown strikes the reference's words (``~~so~~``)
and bolds the source's own (``**so**``).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final, TextIO

from carsi_claims.analysis.compare import Cell, Comparison, Difference, Row
from carsi_claims.analysis.wording import marked_diff

if TYPE_CHECKING:
    from carsi_claims.dataset import Dataset

__all__ = ["FORMATS", "to_dict", "write_comparison"]

FORMATS: Final = ("text", "markdown", "json")
_LETTERS: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_NOTHING: Final = "—"
_MIN_COLUMN: Final = 12
_MARKDOWN_MARKS: Final = ("~~", "~~", "**", "**")


def _letter(n: int) -> str:
    return _LETTERS[n] if n < len(_LETTERS) else f"V{n + 1}"


def _note(cell: Cell) -> str:
    return " (typography)" if cell.difference is Difference.TYPOGRAPHY else ""


def _legend(comparison: Comparison) -> str:
    differing = sum(1 for r in comparison.rows if r.differs)
    return (
        f"{len(comparison.rows)} row(s), {differing} with differences; in each row A is the "
        "reference (what most sources give), B, C, ... the other variants"
    )


# -- text --------------------------------------------------------------------------


def _text_cell(row: Row, cell: Cell | None) -> str:
    if cell is None:
        return _NOTHING
    shown = cell.diff if cell.diff is not None else cell.text
    return f"{_letter(cell.variant)}{_note(cell)}: {shown}"


def _grid(cells: Sequence[str], widths: Sequence[int]) -> list[str]:
    wrapped = [
        textwrap.wrap(text, width, break_on_hyphens=False) or [""]
        for text, width in zip(cells, widths, strict=True)
    ]
    height = max(len(w) for w in wrapped)
    lines = []
    for i in range(height):
        parts = [
            (w[i] if i < len(w) else "").ljust(width)
            for w, width in zip(wrapped, widths, strict=True)
        ]
        lines.append(" | ".join(parts).rstrip())
    return lines


def write_text(comparison: Comparison, out: TextIO, width: int = 160) -> None:
    """The comparison as a grid of wrapped columns, ``width`` characters wide at most."""
    out.write(f"{comparison.name} ({comparison.mode.value}), as each source gives it\n")
    for n, source in enumerate(comparison.sources, 1):
        out.write(f"  [{n}] {source}\n")
    out.write(f"{_legend(comparison)}; removed words [-so-], added {{+so+}}\n\n")
    columns = len(comparison.sources)
    label = max([len("row"), *(len(r.label) for r in comparison.rows)])
    label = min(label, 24)
    free = width - label - 3 * columns
    column = max(_MIN_COLUMN, free // max(columns, 1))
    widths = [label, *([column] * columns)]
    header = _grid(["row", *(f"[{n}]" for n in range(1, columns + 1))], widths)
    out.write("\n".join(header) + "\n")
    out.write("-+-".join("-" * w for w in widths) + "\n")
    for row in comparison.rows:
        cells = [row.label, *(_text_cell(row, c) for c in row.cells)]
        out.write("\n".join(_grid(cells, widths)) + "\n")
        out.write("-+-".join("-" * w for w in widths) + "\n")


# -- markdown ----------------------------------------------------------------------


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _markdown_cell(row: Row, cell: Cell | None) -> str:
    if cell is None:
        return _NOTHING
    if cell.diff is None:
        shown = _md(cell.text)
    else:
        shown = _md(marked_diff(row.variants[0], cell.text, _MARKDOWN_MARKS))
    return f"{_letter(cell.variant)}{_note(cell)}: {shown}"


def write_markdown(comparison: Comparison, dataset: Dataset, out: TextIO) -> None:
    """The comparison as a Markdown table, one column per source (headed by its title)."""
    titles = {s.id: s.title for s in dataset.sources}
    out.write(f"### `{comparison.name}` ({comparison.mode.value}), as each source gives it\n\n")
    heads = [f"{_md(titles.get(s, s))} (`{s}`)" for s in comparison.sources]
    out.write("| | " + " | ".join(heads) + " |\n")
    out.write("|---|" + "---|" * len(heads) + "\n")
    for row in comparison.rows:
        cells = [_markdown_cell(row, c) for c in row.cells]
        out.write(f"| {_md(row.label)} | " + " | ".join(cells) + " |\n")
    out.write(
        f"\n{_legend(comparison)}; ~~struck~~ words are the reference's, **bold** words the "
        "source's own.\n"
    )


# -- json --------------------------------------------------------------------------


def to_dict(comparison: Comparison, dataset: Dataset) -> dict[str, object]:
    """The comparison as JSON data, with each column's source title."""
    titles = {s.id: s.title for s in dataset.sources}
    data = comparison.to_dict()
    data["sources"] = [{"id": s, "title": titles.get(s)} for s in comparison.sources]
    return data


def write_comparison(
    comparison: Comparison, dataset: Dataset, fmt: str, out: TextIO, *, width: int = 160
) -> None:
    """Write ``comparison`` in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "markdown":
        write_markdown(comparison, dataset, out)
    elif fmt == "json":
        from carsi_claims._json import write

        write(to_dict(comparison, dataset), out)
    elif fmt == "text":
        write_text(comparison, out, width)
    else:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
