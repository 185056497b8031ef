"""The model's schema-2 fields: voices, source relations, entity types, and how they are
written (fields at their default left out) and refused (a clear error at the node)."""

from __future__ import annotations

from collections.abc import Callable

from _mini import MINI_SEEDS, DatasetPaths, mutate, where
from carsi_claims import load
from carsi_claims.model import (
    Claim,
    ClaimKind,
    EntityType,
    Provenance,
    Quotation,
    RelationKind,
    Statement,
)
from carsi_claims.output.interchange import dump_yaml

TmpDataset = Callable[..., DatasetPaths]


def _claim(
    value: Statement | Quotation, *provenance: Provenance, voice: str | None = None
) -> Claim:
    kind = ClaimKind.QUOTATION if isinstance(value, Quotation) else ClaimKind.STATEMENT
    return Claim("c", kind, "carsi", "p", value, provenance, voice=voice)


A = Provenance("a", "words", 0, 5)
B = Provenance("b", "words", 0, 5, voice="state")


def test_voice_of_each_quote() -> None:
    """A quote's voice is its own, else the claim's, else a quotation's speaker, else the
    source's own (None)."""
    own = _claim(Statement("words"), A, B)
    assert [own.voice_at(p) for p in own.provenance] == [None, "state"]
    assert own.voices() == (None, "state")
    reported = _claim(Statement("words"), A, B, voice="obama")
    assert reported.voices() == ("obama", "state")
    quoted = _claim(Quotation("words", "clinton"), A)
    assert quoted.voices() == ("clinton",)
    assert _claim(Statement("words")).voices() == (None,)


def test_shipped_records_carry_the_new_fields() -> None:
    """Entity types and codes, source relations and voices are read from the shipped file."""
    dataset = load()
    assert dataset.entity("mexico").type is EntityType.COUNTRY
    assert dataset.entity("mexico").iso3166 == "MX"
    [relation] = dataset.source("news-separate-from-plan-merida-165m").relations
    assert relation.kind is RelationKind.VERSION_OF
    assert relation.source == "fs-2011-03-14-citizen-safety"
    claim = dataset.get("carsi.approach.builds-upon-existing-programs")
    assert claim.voices() == (None, "us-department-of-state")


def test_defaults_are_left_out_of_the_yaml() -> None:
    """dump_yaml writes no field at its default (no voice: null, heading: false, mentions: [])."""
    text = dump_yaml(load())
    for default in (
        "voice: null",
        "heading: false",
        "derived: false",
        "mentions: []",
        "relations: []",
        "inferred: []",
        "precision: null",
        "iso3166: null",
    ):
        assert default not in text
    assert "heading: true" in text
    assert "iso3166: MX" in text


def test_a_file_without_the_new_fields_loads(tmp_dataset: TmpDataset) -> None:
    """A claims file written before schema 2 (no voice, type, precision...) still loads."""
    text = mutate("    type: programme\n", "")
    text = mutate(", precision: 1000000}", "}", text)
    dataset = load(tmp_dataset(text, MINI_SEEDS).claims)
    assert dataset.entity("carsi").type is None
    assert dataset.get("carsi.funding").voices() == (None,)


def test_unknown_relation_kind_is_refused(tmp_dataset: TmpDataset) -> None:
    """A relation kind outside the list is a schema error at the kind, listing the kinds."""
    text = mutate(
        '    published: "2011-03-14"\n',
        '    published: "2011-03-14"\n    relations: [{kind: copy_of, source: src-a, note: n}]\n',
    )
    line, col = where(text, "copy_of")
    dataset = load(tmp_dataset(text, MINI_SEEDS).claims, strict=False)
    assert [
        (f.code, f.location.line, f.location.column, f.message)
        for f in dataset.problems
        if f.location
    ] == [
        (
            "schema.enum",
            line,
            col,
            "expected one of version_of, reprint_of, companion_of; found 'copy_of'",
        )
    ]


def test_unknown_entity_type_is_refused(tmp_dataset: TmpDataset) -> None:
    """An entity type outside the list is a schema error at the type."""
    text = mutate("    type: person\n", "    type: nation\n")
    line, col = where(text, "nation")
    dataset = load(tmp_dataset(text, MINI_SEEDS).claims, strict=False)
    assert [
        (f.code, f.location.line, f.location.column, f.message)
        for f in dataset.problems
        if f.location
    ] == [
        (
            "schema.enum",
            line,
            col,
            "expected one of person, country, organisation, programme, region; found 'nation'",
        )
    ]
