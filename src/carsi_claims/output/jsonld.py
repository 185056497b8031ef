"""The JSON-LD export: the claims as schema.org ``Claim`` records."""

from __future__ import annotations

from typing import Any, Final

from carsi_claims import _json
from carsi_claims.dataset import Dataset
from carsi_claims.model import Claim, ClaimKind, Quotation, Source

__all__ = ["to_jsonld", "to_jsonld_text"]


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
