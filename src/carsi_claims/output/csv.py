"""The CSV export: one row per claim and provenance entry, exact, or made safe for spreadsheets.

By default the CSV is exact (every quote cell equals the source text at its
offsets); :func:`to_csv` with ``for_spreadsheet`` (``export --format csv
--for-spreadsheet``) writes a byte-order mark and neutralises formula cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Final

from carsi_claims.dataset import Dataset
from carsi_claims.model import VALUE_TYPES, Claim, Qualifiers
from carsi_claims.output.flat import Cell, cells, columns
from carsi_claims.output.interchange import ExportError

__all__ = ["CSV_COLUMNS", "inert_cell", "to_csv"]


def _value_columns() -> list[str]:
    names: dict[str, None] = {}
    for cls in VALUE_TYPES.values():
        names.update(dict.fromkeys(columns(cls, "value_")))
    return list(names)


#: The claim's fields that have columns of their own (or none: provenance has one row each).
_CLAIM_OWN: Final = frozenset(
    {"id", "kind", "status", "superseded_by", "subject", "property", "value", "qualifiers"}
)
_CLAIM_LAST: Final = frozenset({"provenance", "reason", "note"})
_SOURCE_COLUMNS: Final = ("title", "publisher", "published", "url")

#: The CSV columns, in order.  One row per claim and provenance entry
#: (``provenance_index`` counts from 1; a claim without provenance still has
#: one row, with the provenance columns empty).  ``value_*`` columns hold the
#: fields of the claim's value (empty when its kind has no such field),
#: ``qualifier_*`` its qualifiers, and any other field of a claim a column of
#: its own (all from the model, so new fields appear as columns).  Each row
#: repeats its source's ``source_title``, ``source_publisher``,
#: ``source_published`` and ``source_url`` (empty when the source does not
#: state them).  A fiscal-year span is written ``2008-2010``; true/false as
#: ``true``/``false``; numbers in plain digits, never exponent notation; a
#: list as its JSON text.
CSV_COLUMNS: Final = (
    "claim_id",
    "kind",
    "status",
    "superseded_by",
    "subject",
    "property",
    *_value_columns(),
    *columns(Qualifiers, "qualifier_"),
    *columns(Claim, skip=_CLAIM_OWN | _CLAIM_LAST),
    "provenance_index",
    "source",
    *(f"source_{name}" for name in _SOURCE_COLUMNS),
    "quote",
    "start",
    "end",
    "reason",
    "note",
)

_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?", re.ASCII)


def inert_cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets
    a leading apostrophe, except a plain number (``-5``, ``-0.25``), which a
    spreadsheet reads as that number and which must stay one.
    """
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ExportError(f"non-finite number {value} cannot be exported")
        return format(value, "f")
    return str(value)


def _claim_cells(claim: Claim) -> dict[str, Cell]:
    row: dict[str, Cell] = {
        "claim_id": claim.id,
        "kind": claim.kind.value,
        "status": claim.status.value,
        "superseded_by": claim.superseded_by,
        "subject": claim.subject,
        "property": claim.property,
        "reason": claim.reason,
        "note": claim.note,
    }
    row.update(cells(claim.value, "value_"))
    row.update(cells(claim.qualifiers, "qualifier_"))
    row.update(cells(claim, skip=_CLAIM_OWN | _CLAIM_LAST))
    return row


def _source_cells(dataset: Dataset, source_id: str) -> dict[str, Cell]:
    source = dataset.sources_by_id.get(source_id)
    return {
        f"source_{name}": None if source is None else cells(source)[name]
        for name in _SOURCE_COLUMNS
    }


def _rows(dataset: Dataset) -> Iterator[dict[str, Cell]]:
    for claim in dataset.claims:
        base = _claim_cells(claim)
        if not claim.provenance:
            yield base
        for index, p in enumerate(claim.provenance, start=1):
            yield {
                **base,
                "provenance_index": index,
                "source": p.source,
                **_source_cells(dataset, p.source),
                "quote": p.quote,
                "start": p.start,
                "end": p.end,
            }


def to_csv(dataset: Dataset, *, for_spreadsheet: bool = False) -> str:
    """The claims as CSV (RFC 4180, CRLF line ends), one row per provenance entry.

    By default every cell is exact: a quote cell is the source's text at its
    offsets, character for character.  ``for_spreadsheet`` is for opening the
    file in a spreadsheet program by double-click: the text starts with a
    UTF-8 byte-order mark (so that curly quotes and dashes are not garbled)
    and every text cell that a spreadsheet would run as a formula gets a
    leading apostrophe (:func:`inert_cell`), so such cells are no longer exact.
    """
    import csv
    import io

    buffer = io.StringIO()
    if for_spreadsheet:
        buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, CSV_COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    for row in _rows(dataset):
        texts = {key: _text(value) for key, value in row.items()}
        if for_spreadsheet:
            texts = {
                key: inert_cell(text) if isinstance(row[key], str) else text
                for key, text in texts.items()
            }
        writer.writerow(texts)
    return buffer.getvalue()
