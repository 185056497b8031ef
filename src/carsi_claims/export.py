"""Exports: the JSON interchange contract, CSV for spreadsheets, JSON-LD, and YAML.

The JSON form is the interchange contract other projects rely on (see
``SCHEMA_VERSION``); every field is present, ``null`` when unknown.  The
YAML form is what a maintainer would write: unknown and default fields are
left out.  :func:`to_csv` gives one row per claim and provenance entry
(:data:`CSV_COLUMNS`), with formula-like cells made inert; :func:`to_jsonld`
gives schema.org ``Claim`` records.  NaN and infinity are refused
(:class:`ExportError`) by every form.
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from typing import Any, Final

import attrs
import cattrs
import yaml

from carsi_claims import _json
from carsi_claims.dataset import Dataset
from carsi_claims.errors import CarsiClaimsError
from carsi_claims.model import VALUE_TYPES, Claim, ClaimKind, PartialDate, Quotation, Source

__all__ = [
    "CSV_COLUMNS",
    "SCHEMA_VERSION",
    "ExportError",
    "dump_yaml",
    "inert_cell",
    "to_csv",
    "to_interchange",
    "to_json",
    "to_jsonld",
    "to_jsonld_text",
    "unstructure",
]

#: Version of the JSON interchange shape; changes only with a new number.
SCHEMA_VERSION: Final = 1


class ExportError(CarsiClaimsError, ValueError):
    """A dataset holds something an export cannot carry (NaN or infinity)."""


def _number(value: Decimal) -> int | float:
    if not value.is_finite():
        raise ExportError(f"non-finite number {value} cannot be exported")
    return int(value) if value == value.to_integral_value() else float(value)


def _make() -> cattrs.Converter:
    conv = cattrs.Converter()
    conv.register_unstructure_hook(Decimal, _number)
    conv.register_unstructure_hook(PartialDate, str)
    conv.register_unstructure_hook(enum.StrEnum, lambda e: e.value)
    return conv


_converter: Final = _make()


def unstructure(record: Any) -> Any:
    """A record as JSON-ready plain data: every field, ``None`` when unknown."""
    return _converter.unstructure(record)


_SECTIONS: Final = ("sources", "entities", "claims", "resolutions", "coverage_ignores")


def to_interchange(dataset: Dataset) -> dict[str, Any]:
    """The JSON interchange document (``schema_version`` first)."""
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    for section in _SECTIONS:
        out[section] = [unstructure(r) for r in getattr(dataset, section)]
    return out


def to_json(dataset: Dataset) -> str:
    """The interchange document as JSON text (NaN and infinity refused)."""
    return _json.dumps(to_interchange(dataset))


def _compact(record: Any) -> Any:
    """The YAML form of a record: fields at their default are left out."""
    if isinstance(record, PartialDate):  # an attrs class too, but written as one string
        return str(record)
    if attrs.has(type(record)):
        out: dict[str, Any] = {}
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            if field.default is not attrs.NOTHING and value == field.default:
                continue
            out[field.name] = _compact(value)
        return out
    if isinstance(record, tuple):
        return [_compact(v) for v in record]
    if isinstance(record, enum.StrEnum):
        return record.value
    if isinstance(record, Decimal):
        return format(record, "f")  # never exponent notation, which the loader refuses
    return record


def dump_yaml(dataset: Dataset) -> str:
    """The dataset as YAML that :func:`carsi_claims.load` reads back to equal records."""
    data = {section: _compact(getattr(dataset, section)) for section in _SECTIONS}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


# -- CSV ---------------------------------------------------------------------------


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


# -- JSON-LD -----------------------------------------------------------------------

SCHEMA_ORG: Final = "https://schema.org"


def _creative_work(source: Source | None, source_id: str) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "identifier": source_id}
    if source is None:
        return work
    work["name"] = source.title
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.published:
        work["datePublished"] = str(source.published)
    if source.url:
        work["url"] = source.url
    return work


def _person(dataset: Dataset, entity_id: str, role: str | None) -> dict[str, Any]:
    entity = dataset.entities_by_id.get(entity_id)
    person: dict[str, Any] = {
        "@type": "Person",
        "identifier": entity_id,
        "name": entity.name if entity else entity_id,
    }
    if entity and entity.aliases:
        person["alternateName"] = list(entity.aliases)
    if role:
        person["jobTitle"] = role
    return person


def _first_appearance(
    dataset: Dataset, claim: Claim, appearances: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """The appearance in the earliest source, when every source's date says which it is."""
    if len(appearances) == 1:
        return appearances[0]
    dates: list[str] = []
    for p in claim.provenance:
        source = dataset.sources_by_id.get(p.source)
        if source is None or source.published is None or source.published.day is None:
            return None
        dates.append(str(source.published))
    earliest = min(dates)
    if dates.count(earliest) != 1:
        return None
    return appearances[dates.index(earliest)]


def _about(dataset: Dataset, subject: str) -> dict[str, Any]:
    """The subject: a source document, a named entity, or just its id."""
    if subject in dataset.sources_by_id:
        return _creative_work(dataset.sources_by_id[subject], subject)
    entity = dataset.entities_by_id.get(subject)
    thing: dict[str, Any] = {"@type": "Thing", "identifier": subject}
    if entity is not None:
        thing["name"] = entity.name
    return thing


def _jsonld_claim(dataset: Dataset, claim: Claim) -> dict[str, Any]:
    speaker: dict[str, Any] | None = None
    if claim.kind is ClaimKind.QUOTATION and isinstance(claim.value, Quotation):
        speaker = _person(dataset, claim.value.speaker, claim.value.role)
    appearances: list[dict[str, Any]] = []
    for p in claim.provenance:
        quotation: dict[str, Any] = {
            "@type": "Quotation",
            "text": p.quote,
            "isPartOf": _creative_work(dataset.sources_by_id.get(p.source), p.source),
        }
        if speaker is not None:
            quotation["spokenByCharacter"] = speaker
        appearances.append(quotation)
    node: dict[str, Any] = {
        "@type": "Claim",
        "identifier": claim.id,
        "about": _about(dataset, claim.subject),
        "creativeWorkStatus": claim.status.value,
    }
    if claim.provenance:
        node["text"] = claim.provenance[0].quote
    if speaker is not None:
        node["author"] = speaker
    node["appearance"] = appearances
    first = _first_appearance(dataset, claim, appearances)
    if first is not None:
        node["firstAppearance"] = first
    if claim.note:
        node["description"] = claim.note
    return node


def to_jsonld(dataset: Dataset) -> dict[str, Any]:
    """The claims as schema.org ``Claim`` records (JSON-LD, one ``@graph``).

    Each claim's ``appearance`` lists, per provenance entry, a ``Quotation``
    whose ``text`` is the verbatim quote and which ``isPartOf`` the source
    document (a ``CreativeWork`` with ``name``, ``publisher``,
    ``datePublished`` and ``url`` where known).  ``text`` is the first quote;
    ``about`` the subject; for a quotation claim, ``author`` (and each
    quotation's ``spokenByCharacter``) is the speaker as a ``Person``.
    ``firstAppearance`` is set when it is known: one appearance, or sources
    dated to the day with one earliest.
    """
    return {"@context": SCHEMA_ORG, "@graph": [_jsonld_claim(dataset, c) for c in dataset.claims]}


def to_jsonld_text(dataset: Dataset) -> str:
    """:func:`to_jsonld` as JSON text."""
    return _json.dumps(to_jsonld(dataset))
