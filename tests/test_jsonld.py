"""The JSON-LD export is linked data: rdflib and pyld read it, SPARQL recovers every claim.

Every claim's value, each quote and its offsets come back from the graph; a
source or entity is one node with one IRI (its page under the base); no
network is needed (pyld is given a document loader that refuses to fetch).
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import pytest
import rdflib
from pyld import jsonld  # type: ignore[import-untyped]

from _mini import cli
from carsi_claims import load
from carsi_claims.dataset import Dataset
from carsi_claims.model import (
    Count,
    DateValue,
    FiscalYears,
    ListItem,
    Money,
    Percentage,
    Quotation,
    Statement,
)
from carsi_claims.output.jsonld import DEFAULT_BASE, to_jsonld, to_jsonld_text
from carsi_claims.output.paths import SITE_URL, claim_page, entity_page, source_page
from carsi_claims.read.seeds import Seeds

PREFIXES = """
PREFIX schema: <https://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""
SCHEMA = rdflib.Namespace("https://schema.org/")

# rdflib's own JSON-LD parser still builds a ConjunctiveGraph inside, which it deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


def _select(graph: rdflib.Graph, query: str) -> list[tuple[Any, ...]]:
    """The rows of a SPARQL SELECT (with the schema: and oa: prefixes)."""
    return [tuple(cast(Any, row)) for row in graph.query(PREFIXES + query)]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load()


@pytest.fixture(scope="module")
def graph(dataset: Dataset) -> rdflib.Graph:
    return rdflib.Graph().parse(data=to_jsonld_text(dataset), format="json-ld")


def _no_network(url: str, options: dict[str, Any]) -> Any:
    raise AssertionError(f"pyld tried to fetch {url}")


def test_pyld_reads_it_offline_into_the_same_graph(dataset: Dataset, graph: rdflib.Graph) -> None:
    """pyld expands it and turns it into N-Quads with no fetch; rdflib gets the same graph."""
    doc = to_jsonld(dataset)
    expanded = jsonld.expand(doc, {"documentLoader": _no_network})
    assert len(expanded) == len(dataset.sources) + len(dataset.entities) + len(dataset.claims)
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": _no_network})
    from_pyld = rdflib.Graph().parse(data=nquads, format="nt")  # default graph only
    assert len(from_pyld) == len(graph) > 3000
    assert _shape(from_pyld) == _shape(graph)


def _shape(graph: rdflib.Graph) -> tuple[set[Any], Counter[Any]]:
    """The triples between IRIs and literals, and the (predicate, object) counts of the rest
    (blank node labels differ between parsers)."""
    named = {t for t in graph if not any(isinstance(x, rdflib.BNode) for x in t)}
    rest = Counter(
        (p, None if isinstance(o, rdflib.BNode) else o)
        for s, p, o in graph
        if (s, p, o) not in named
    )
    return named, rest


def test_every_record_has_one_node_at_its_page_iri(dataset: Dataset, graph: rdflib.Graph) -> None:
    """Claims, sources and entities are IRIs (their pages under the base), one node each."""
    rows = _select(
        graph,
        """
        SELECT ?node ?id WHERE {
          ?node schema:identifier ?id .
          FILTER (isIRI(?node))
        }""",
    )
    found = Counter((str(r[0]), str(r[1])) for r in rows)
    expected = [(SITE_URL + claim_page(c.id), c.id) for c in dataset.claims]
    expected += [(SITE_URL + source_page(s.id), s.id) for s in dataset.sources]
    expected += [(SITE_URL + entity_page(e.id), e.id) for e in dataset.entities]
    assert found == Counter(expected)
    blank_with_id = _select(
        graph, "SELECT ?n WHERE { ?n schema:identifier ?id . FILTER (isBlank(?n)) }"
    )
    assert list(blank_with_id) == []
    assert DEFAULT_BASE == SITE_URL


def test_speakers_and_subjects_are_the_entity_nodes(dataset: Dataset, graph: rdflib.Graph) -> None:
    """A quotation's speaker and a claim's subject point at the entity node (with its name)."""
    rows = _select(
        graph,
        """
        SELECT ?id ?speaker ?name WHERE {
          ?v a schema:Quotation ; schema:spokenByCharacter ?speaker .
          ?pv schema:value ?v ; schema:propertyID "value" .
          ?c schema:additionalProperty ?pv ; schema:identifier ?id .
          ?speaker schema:name ?name .
        }""",
    )
    found = {(str(r[0]), str(r[1]), str(r[2])) for r in rows}
    quotations = [c for c in dataset.claims if isinstance(c.value, Quotation)]
    assert quotations
    expected = set()
    for c in quotations:
        assert isinstance(c.value, Quotation)
        speaker = dataset.entities_by_id[c.value.speaker]
        expected.add((c.id, SITE_URL + entity_page(speaker.id), speaker.name))
    assert found == expected
    subjects = _select(
        graph, "SELECT ?id ?about WHERE { ?c schema:about ?about ; schema:identifier ?id }"
    )
    pages = {e.id: SITE_URL + entity_page(e.id) for e in dataset.entities}
    pages |= {s.id: SITE_URL + source_page(s.id) for s in dataset.sources}
    assert {(str(r[0]), str(r[1])) for r in subjects} == {
        (c.id, pages[c.subject]) for c in dataset.claims
    }


def test_every_quote_and_its_offsets_come_back(dataset: Dataset, graph: rdflib.Graph) -> None:
    """Each provenance entry is an annotation on its source node (with sha256) whose selectors
    give the exact quote and the offsets at which the source text holds it."""
    rows = _select(
        graph,
        """
        SELECT ?id ?source ?sha ?quote ?start ?end WHERE {
          ?q a oa:TextQuoteSelector ; oa:exact ?quote .
          ?t oa:hasSelector ?q .
          ?t oa:hasSelector ?p .
          ?p oa:start ?start ; oa:end ?end .
          ?t oa:hasSource ?s .
          ?a oa:hasTarget ?t ; oa:hasBody ?c .
          ?c schema:appearance ?a ; schema:identifier ?id .
          ?s schema:identifier ?source ; schema:sha256 ?sha .
        }""",
    )
    found = Counter(
        (str(r[0]), str(r[1]), str(r[2]), str(r[3]), r[4].toPython(), r[5].toPython()) for r in rows
    )
    expected = Counter(
        (c.id, p.source, dataset.sources_by_id[p.source].sha256, p.quote, p.start, p.end)
        for c in dataset.claims
        for p in c.provenance
    )
    assert found == expected
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    for kind in (oa.Annotation, oa.SpecificResource, oa.TextPositionSelector):
        assert len(set(graph.subjects(rdflib.RDF.type, kind))) == expected.total()
    assert dataset.seeds_dir is not None
    seeds = Seeds(dataset.seeds_dir)
    for _, source, _, quote, start, end in found:
        text = seeds.read(dataset.sources_by_id[source].path).text
        assert text[start:end] == quote


def _values(graph: rdflib.Graph) -> dict[str, dict[str, Any]]:
    rows = _select(
        graph,
        """
        SELECT ?id ?kind ?v ?currency ?number ?text ?speaker ?position ?name ?min ?max ?start
        WHERE {
          ?pv schema:propertyID "value" ; schema:value ?v .
          ?c schema:additionalProperty ?pv ; schema:identifier ?id .
          ?c schema:additionalProperty ?pk .
          ?pk schema:propertyID "kind" ; schema:value ?kind .
          OPTIONAL { ?v schema:currency ?currency }
          OPTIONAL { ?v schema:value ?number }
          OPTIONAL { ?v schema:text ?text }
          OPTIONAL { ?v schema:spokenByCharacter ?speaker }
          OPTIONAL { ?v a schema:ListItem ; schema:position ?position ; schema:name ?name }
          OPTIONAL { ?v schema:minValue ?min ; schema:maxValue ?max ; schema:startDate ?start }
        }""",
    )
    names = [
        "id",
        "kind",
        "v",
        "currency",
        "number",
        "text",
        "speaker",
        "position",
        "name",
        "min",
        "max",
        "start",
    ]
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        values = dict(zip(names, row, strict=True))
        assert str(values["id"]) not in out, "one value per claim"
        out[str(values["id"])] = {
            k: (v.toPython() if isinstance(v, rdflib.Literal) else v) for k, v in values.items()
        }
    return out


def test_every_claims_value_comes_back_typed(dataset: Dataset, graph: rdflib.Graph) -> None:
    """Money, percentages, counts, dates, fiscal years, quotations, statements and list items
    are recovered from their schema.org terms, with their types."""
    values = _values(graph)
    assert set(values) == {c.id for c in dataset.claims}
    kinds = set()
    for claim in dataset.claims:
        got, value = values[claim.id], claim.value
        kinds.add(type(value))
        assert got["kind"] == claim.kind.value
        if isinstance(value, Money):
            assert (got["number"], got["currency"]) == (value.amount, value.currency)
            assert isinstance(got["number"], Decimal)
            assert SCHEMA.MonetaryAmount in set(graph.objects(got["v"], rdflib.RDF.type))
        elif isinstance(value, Percentage):
            assert got["number"] == value.value
        elif isinstance(value, Count):
            assert got["number"] == value.value
            assert isinstance(got["number"], int)
        elif isinstance(value, DateValue):
            assert (str(got["v"]), got["v"].datatype) == (str(value.date), SCHEMA.Date)
        elif isinstance(value, FiscalYears):
            assert (got["min"], got["max"]) == (value.start, value.end)
            assert str(got["start"]) == f"{value.start - 1}-10-01"
        elif isinstance(value, Quotation):
            assert got["text"] == value.text
            assert str(got["speaker"]) == SITE_URL + entity_page(value.speaker)
        elif isinstance(value, Statement):
            assert got["text"] == value.text
        elif isinstance(value, ListItem):
            assert (got["position"], got["name"]) == (value.ordinal, value.text)
        else:  # pragma: no cover - a new kind: add it here
            raise AssertionError(f"no check for {type(value).__name__}")
    assert len(kinds) == 8  # the shipped dataset has every kind


def test_qualifiers_come_back(dataset: Dataset, graph: rdflib.Graph) -> None:
    """Qualifiers are property values named after their field."""
    rows = _select(
        graph,
        """
        SELECT ?id ?asof WHERE {
          ?pv schema:propertyID "as_of" ; schema:value ?asof .
          ?c schema:additionalProperty ?pv ; schema:identifier ?id .
        }""",
    )
    found = {(str(r[0]), str(r[1])) for r in rows}
    expected = {
        (c.id, str(c.qualifiers.as_of)) for c in dataset.claims if c.qualifiers.as_of is not None
    }
    assert found == expected
    assert expected


def test_base_option(tmp_path: Path) -> None:
    """export --base puts every IRI under the given base; a relative base is refused (exit 2)."""
    code, out, _ = cli("export", "--format", "jsonld", "--base", "https://example.org/carsi/")
    assert code == 0
    graph = rdflib.Graph().parse(data=out, format="json-ld")
    claim = load().claims[0]
    iri = rdflib.URIRef("https://example.org/carsi/" + claim_page(claim.id))
    assert (iri, rdflib.RDF.type, SCHEMA.Claim) in graph
    assert not any(str(s).startswith(SITE_URL) for s in graph.subjects())
    code, out, err = cli("export", "--format", "jsonld", "--base", "carsi/")
    assert (code, out) == (2, "")
    assert err == (
        "carsi-claims export: --base expects an absolute IRI ending with '/', such as "
        "https://example.org/carsi/, found 'carsi/'\n"
    )


def test_context_is_inline_and_needs_no_network() -> None:
    """The @context is a mapping of prefixes, not a URL to fetch."""
    doc = json.loads(to_jsonld_text(load()))
    assert doc["@context"] == {
        "schema": "https://schema.org/",
        "oa": "http://www.w3.org/ns/oa#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    }


def test_entities_are_typed_by_their_type(dataset: Dataset, graph: rdflib.Graph) -> None:
    """A person is a schema:Person, a country a schema:Country, and so on."""
    types = {
        "person": SCHEMA.Person,
        "country": SCHEMA.Country,
        "organisation": SCHEMA.Organization,
        "programme": SCHEMA.Project,
        "region": SCHEMA.Place,
    }
    assert dataset.entities
    for entity in dataset.entities:
        iri = rdflib.URIRef(SITE_URL + entity_page(entity.id))
        expected = types[entity.type.value] if entity.type else SCHEMA.Thing
        assert set(graph.objects(iri, rdflib.RDF.type)) == {expected}
