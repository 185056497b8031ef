"""The CSV export: one row per claim and provenance entry, formula-like cells made inert."""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from typing import Final

import attrs

from carsi_claims.dataset import Dataset
from carsi_claims.model import VALUE_TYPES, Claim
from carsi_claims.output.interchange import ExportError

__all__ = ["CSV_COLUMNS", "inert_cell", "to_csv"]


def _value_columns() -> tuple[str, ...]:
    names: dict[str, None] = {}
    for cls in VALUE_TYPES.values():
        for field in attrs.fields(cls):
            names[f"value_{field.name}"] = None
    return tuple(names)


#: The CSV columns, in order.  One row per claim and provenance entry
#: (``provenance_index`` counts from 1; a claim without provenance still has
#: one row, with the provenance columns empty).  ``value_*`` columns hold the
#: fields of the claim's value (empty when its kind has no such field);
#: ``qualifier_fiscal_years`` is written ``2008-2010``; true/false as
#: ``true``/``false``; numbers in plain digits, never exponent notation.
CSV_COLUMNS: Final = (
    "claim_id",
    "kind",
    "status",
    "superseded_by",
    "subject",
    "property",
    *_value_columns(),
    "qualifier_as_of",
    "qualifier_fiscal_years",
    "qualifier_cumulative",
    "qualifier_scope",
    "provenance_index",
    "source",
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


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ExportError(f"non-finite number {value} cannot be exported")
        return format(value, "f")
    if isinstance(value, enum.StrEnum):
        return value.value
    return inert_cell(str(value))


def _claim_cells(claim: Claim) -> dict[str, str]:
    row: dict[str, object] = {
        "claim_id": claim.id,
        "kind": claim.kind,
        "status": claim.status,
        "superseded_by": claim.superseded_by,
        "subject": claim.subject,
        "property": claim.property,
        "reason": claim.reason,
        "note": claim.note,
    }
    for field in attrs.fields(type(claim.value)):
        row[f"value_{field.name}"] = getattr(claim.value, field.name)
    q = claim.qualifiers
    row["qualifier_as_of"] = q.as_of
    row["qualifier_fiscal_years"] = (
        None if q.fiscal_years is None else f"{q.fiscal_years.start}-{q.fiscal_years.end}"
    )
    row["qualifier_cumulative"] = q.cumulative
    row["qualifier_scope"] = q.scope
    return {key: _cell(value) for key, value in row.items()}


def to_csv(dataset: Dataset) -> str:
    """The claims as CSV (RFC 4180, CRLF line ends), one row per provenance entry."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    for claim in dataset.claims:
        base = _claim_cells(claim)
        if not claim.provenance:
            writer.writerow(base)
        for index, p in enumerate(claim.provenance, start=1):
            writer.writerow(
                {
                    **base,
                    "provenance_index": str(index),
                    "source": _cell(p.source),
                    "quote": _cell(p.quote),
                    "start": str(p.start),
                    "end": str(p.end),
                }
            )
    return buffer.getvalue()
