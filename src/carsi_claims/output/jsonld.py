"""The JSON-LD export: claims, sources and entities as linked data (schema.org, W3C Web Annotation).

Every claim, source and entity is one node with a stable IRI, its page on the
site (:mod:`carsi_claims.output.paths`) under a base IRI: ``{base}claims/{id}.html``,
``{base}sources/{id}.html``, ``{base}entities/{id}.html``.  The default base
is :data:`~carsi_claims.output.paths.SITE_URL`, where the project publishes
its site, so that a claim's IRI is its permalink; ``export --base`` gives
another (the address a copy of the site is published at).

The vocabulary is schema.org, the W3C Web Annotation vocabulary (``oa:``) and
XML Schema datatypes; the ``@context`` is inline (prefixes only), so no
network is needed to process the document.

- A **source** is a ``schema:CreativeWork`` and ``schema:MediaObject`` with
  ``schema:sha256`` (of its file's bytes), ``schema:name`` (title),
  ``schema:publisher``, ``schema:datePublished``, ``schema:url``.
- An **entity** is a ``schema:Person``, ``schema:Country``,
  ``schema:Organization``, ``schema:Project`` (a programme) or ``schema:Place``
  (a region) by its type (``schema:Thing`` without one), with ``schema:name``
  and ``schema:alternateName`` (its aliases); its other fields (type, roles,
  ISO 3166 code) are ``schema:additionalProperty`` values.
- A **claim** is a ``schema:Claim`` ``schema:about`` its subject (an entity
  or source IRI), with ``schema:creativeWorkStatus``.  Its fields (kind,
  property, value, qualifiers and any other field of the model) are
  ``schema:additionalProperty`` ``schema:PropertyValue`` nodes whose
  ``schema:propertyID`` is the field's name (``qualifiers.as_of`` is
  ``as_of``), so a field added to the model appears with no change here.
- **Values**: money is a ``schema:MonetaryAmount`` (``schema:currency``,
  ``schema:value`` as ``xsd:decimal``, ``schema:maxValue`` for ``up_to``,
  ``schema:minValue`` for ``at_least``); a percentage or a count a
  ``schema:QuantitativeValue`` (percent with ``schema:unitCode`` ``P1``); a
  date a ``schema:Date`` literal (to the year, month or day stated); a
  fiscal-year span a ``schema:StructuredValue`` with ``schema:minValue`` and
  ``schema:maxValue`` (the fiscal years) and ``schema:startDate`` and
  ``schema:endDate`` (US federal fiscal years run 1 October to 30 September);
  a quotation a ``schema:Quotation`` ``schema:spokenByCharacter`` its
  speaker; a statement a ``schema:Statement``; a list item a
  ``schema:ListItem`` with ``schema:position``.  A value's other fields
  (bound, tolerance, the list) are ``schema:additionalProperty`` too.
- **Provenance**: each quote is a ``schema:appearance`` of the claim, an
  ``oa:Annotation`` whose ``oa:hasBody`` is the claim and whose
  ``oa:hasTarget`` is an ``oa:SpecificResource`` on the source node with an
  ``oa:TextQuoteSelector`` (``oa:exact``, the verbatim quote) and an
  ``oa:TextPositionSelector`` (``oa:start``, ``oa:end``: code points into
  the decoded text, end exclusive, exactly as the W3C selector counts).
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any, Final

import attrs

from carsi_claims import _json
from carsi_claims.dataset import Dataset
from carsi_claims.model import (
    Bound,
    Claim,
    Count,
    DateValue,
    Entity,
    FiscalYears,
    ListItem,
    Money,
    PartialDate,
    Percentage,
    Provenance,
    Quotation,
    Source,
    Statement,
)
from carsi_claims.output.interchange import ExportError
from carsi_claims.output.paths import SITE_URL, claim_page, entity_page, source_page

__all__ = ["CONTEXT", "DEFAULT_BASE", "to_jsonld", "to_jsonld_text"]

#: The base IRI used unless one is given: where the project's site is published.
DEFAULT_BASE: Final = SITE_URL

SCHEMA: Final = "https://schema.org/"
OA: Final = "http://www.w3.org/ns/oa#"
XSD: Final = "http://www.w3.org/2001/XMLSchema#"

#: The inline ``@context``: prefixes only, nothing fetched.
CONTEXT: Final = {"schema": SCHEMA, "oa": OA, "xsd": XSD}


def _decimal(value: Decimal) -> dict[str, str]:
    if not value.is_finite():
        raise ExportError(f"non-finite number {value} cannot be exported")
    return {"@value": format(value, "f"), "@type": "xsd:decimal"}


def _date(value: PartialDate) -> dict[str, str]:
    return {"@value": str(value), "@type": "schema:Date"}


def _fiscal_years(span: FiscalYears) -> dict[str, Any]:
    return {
        "@type": "schema:StructuredValue",
        "schema:name": f"Fiscal Years {span.start}-{span.end}",
        "schema:minValue": span.start,
        "schema:maxValue": span.end,
        "schema:startDate": {"@value": f"{span.start - 1:04d}-10-01", "@type": "schema:Date"},
        "schema:endDate": {"@value": f"{span.end:04d}-09-30", "@type": "schema:Date"},
    }


#: schema.org types of the entity types (others, and an entity without a type: schema:Thing).
_ENTITY_TYPES: Final = {
    "person": "schema:Person",
    "country": "schema:Country",
    "organisation": "schema:Organization",
    "programme": "schema:Project",
    "region": "schema:Place",
}


def _property(name: str, value: Any) -> dict[str, Any]:
    return {"@type": "schema:PropertyValue", "schema:propertyID": name, "schema:value": value}


class _Graph:
    """Builds the nodes of one export, with IRIs under ``base``."""

    def __init__(self, dataset: Dataset, base: str) -> None:
        self.dataset = dataset
        self.base = base

    def claim_iri(self, claim_id: str) -> str:
        return self.base + claim_page(claim_id)

    def source_iri(self, source_id: str) -> str:
        return self.base + source_page(source_id)

    def entity_iri(self, entity_id: str) -> str:
        return self.base + entity_page(entity_id)

    def ref(self, record_id: str) -> dict[str, str]:
        """An IRI for an id that names a source, else an entity."""
        if record_id in self.dataset.sources_by_id:
            return {"@id": self.source_iri(record_id)}
        return {"@id": self.entity_iri(record_id)}

    # -- plain values and generic fields ---------------------------------------------

    def literal(self, value: object) -> Any:
        """A field's value as JSON-LD: typed literals, nested records as structured values."""
        if isinstance(value, bool | int | str):
            return value
        if isinstance(value, Decimal):
            return _decimal(value)
        if isinstance(value, enum.Enum):
            return str(value.value)
        if isinstance(value, PartialDate):
            return _date(value)
        if isinstance(value, FiscalYears):
            return _fiscal_years(value)
        if isinstance(value, tuple | list):
            return {"@list": [self.literal(v) for v in value]}
        if attrs.has(type(value)):
            node: dict[str, Any] = {"@type": "schema:StructuredValue"}
            props = self.properties(value)
            if props:
                node["schema:additionalProperty"] = props
            return node
        return str(value)

    def properties(self, record: Any, skip: frozenset[str] = frozenset()) -> list[Any]:
        """``schema:PropertyValue`` nodes for a record's fields that are set (not None/empty)."""
        out = []
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            if field.name in skip or value is None or value == ():
                continue
            out.append(_property(field.name, self.literal(value)))
        return out

    # -- values ------------------------------------------------------------------

    def value(self, value: object) -> Any:
        """A claim's value as a schema.org term."""
        node: dict[str, Any]
        if isinstance(value, Money):
            node = {"@type": "schema:MonetaryAmount", "schema:currency": value.currency}
            node.update(self._bounded(value.amount, value.bound))
            skip = frozenset({"amount", "currency"})
        elif isinstance(value, Percentage):
            node = {"@type": "schema:QuantitativeValue", "schema:unitCode": "P1"}
            node["schema:unitText"] = "%"
            node.update(self._bounded(value.value, value.bound))
            skip = frozenset({"value"})
        elif isinstance(value, Count):
            node = {"@type": "schema:QuantitativeValue"}
            node.update(self._bounded(value.value, value.bound))
            skip = frozenset({"value"})
        elif isinstance(value, DateValue):
            return _date(value.date)
        elif isinstance(value, FiscalYears):
            return _fiscal_years(value)
        elif isinstance(value, Quotation):
            node = {
                "@type": "schema:Quotation",
                "schema:text": value.text,
                "schema:spokenByCharacter": {"@id": self.entity_iri(value.speaker)},
            }
            skip = frozenset({"text", "speaker"})
        elif isinstance(value, Statement):
            node = {"@type": "schema:Statement", "schema:text": value.text}
            skip = frozenset({"text"})
        elif isinstance(value, ListItem):
            node = {
                "@type": "schema:ListItem",
                "schema:position": value.ordinal,
                "schema:name": value.text,
            }
            skip = frozenset({"ordinal", "text"})
        else:  # a kind added to the model: its fields, generically
            return self.literal(value)
        props = self.properties(value, skip)
        if props:
            node["schema:additionalProperty"] = props
        return node

    def _bounded(self, figure: Decimal | int, bound: Bound) -> dict[str, Any]:
        number = _decimal(figure) if isinstance(figure, Decimal) else figure
        out: dict[str, Any] = {"schema:value": number}
        if bound is Bound.UP_TO:
            out["schema:maxValue"] = number
        elif bound is Bound.AT_LEAST:
            out["schema:minValue"] = number
        return out

    # -- nodes --------------------------------------------------------------------

    def source(self, source: Source) -> dict[str, Any]:
        node: dict[str, Any] = {
            "@id": self.source_iri(source.id),
            "@type": ["schema:CreativeWork", "schema:MediaObject"],
            "schema:identifier": source.id,
            "schema:name": source.title,
            "schema:sha256": source.sha256,
            "schema:genre": source.kind,
            "schema:encodingFormat": "text/plain; charset=utf-8",
        }
        if source.publisher:
            node["schema:publisher"] = {
                "@type": "schema:Organization",
                "schema:name": source.publisher,
            }
        if source.published:
            node["schema:datePublished"] = _date(source.published)
        if source.url:
            node["schema:url"] = {"@id": source.url}
        if source.note:
            node["schema:description"] = source.note
        own = {"id", "title", "sha256", "kind", "publisher", "published", "url", "note"}
        props = self.properties(source, frozenset(own))
        if props:
            node["schema:additionalProperty"] = props
        return node

    def entity(self, entity: Entity) -> dict[str, Any]:
        kind = getattr(entity, "type", None)
        node: dict[str, Any] = {
            "@id": self.entity_iri(entity.id),
            "@type": _ENTITY_TYPES.get(str(getattr(kind, "value", kind)), "schema:Thing"),
            "schema:identifier": entity.id,
            "schema:name": entity.name,
        }
        if entity.aliases:
            node["schema:alternateName"] = list(entity.aliases)
        if entity.note:
            node["schema:description"] = entity.note
        props = self.properties(entity, frozenset({"id", "name", "aliases", "note"}))
        if props:
            node["schema:additionalProperty"] = props
        return node

    def appearance(self, claim: Claim, p: Provenance) -> dict[str, Any]:
        return {
            "@type": "oa:Annotation",
            "oa:hasBody": {"@id": self.claim_iri(claim.id)},
            "oa:hasTarget": {
                "@type": "oa:SpecificResource",
                "oa:hasSource": {"@id": self.source_iri(p.source)},
                "oa:hasSelector": [
                    {"@type": "oa:TextQuoteSelector", "oa:exact": p.quote},
                    {
                        "@type": "oa:TextPositionSelector",
                        "oa:start": {"@value": p.start, "@type": "xsd:nonNegativeInteger"},
                        "oa:end": {"@value": p.end, "@type": "xsd:nonNegativeInteger"},
                    },
                ],
            },
        }

    def claim(self, claim: Claim) -> dict[str, Any]:
        node: dict[str, Any] = {
            "@id": self.claim_iri(claim.id),
            "@type": "schema:Claim",
            "schema:identifier": claim.id,
            "schema:about": self.ref(claim.subject),
            "schema:creativeWorkStatus": claim.status.value,
        }
        if claim.provenance:
            node["schema:text"] = claim.provenance[0].quote
            node["schema:isBasedOn"] = [
                {"@id": iri}
                for iri in dict.fromkeys(self.source_iri(p.source) for p in claim.provenance)
            ]
        if claim.note:
            node["schema:description"] = claim.note
        props = [
            _property("kind", claim.kind.value),
            _property("property", claim.property),
            _property("value", self.value(claim.value)),
        ]
        props += self.properties(claim.qualifiers)
        own = {"id", "kind", "property", "value", "qualifiers", "provenance", "subject", "note"}
        props += self.properties(claim, frozenset(own | {"status"}))
        node["schema:additionalProperty"] = props
        node["schema:appearance"] = [self.appearance(claim, p) for p in claim.provenance]
        return node


def to_jsonld(dataset: Dataset, *, base: str = DEFAULT_BASE) -> dict[str, Any]:
    """The dataset as one JSON-LD document: sources, entities and claims in one ``@graph``.

    ``base`` is the IRI the record pages hang from (see the module's documentation).
    """
    graph = _Graph(dataset, base)
    nodes = [graph.source(s) for s in dataset.sources]
    nodes += [graph.entity(e) for e in dataset.entities]
    nodes += [graph.claim(c) for c in dataset.claims]
    return {"@context": dict(CONTEXT), "@graph": nodes}


def to_jsonld_text(dataset: Dataset, *, base: str = DEFAULT_BASE) -> str:
    """:func:`to_jsonld` as JSON text."""
    return _json.dumps(to_jsonld(dataset, base=base))
