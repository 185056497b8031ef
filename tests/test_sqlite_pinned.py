"""The SQLite export exactly: each table's rows for a small dataset, types, keys, refusals."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from carsi_claims import Claim, ClaimKind, Dataset, Provenance, Resolution, ResolutionKind
from carsi_claims.model import (
    Count,
    CoverageIgnore,
    Entity,
    EntityType,
    Evidence,
    Money,
    PartialDate,
    Qualifiers,
    RelationKind,
    Source,
    SourceRelation,
    Statement,
    Status,
)
from carsi_claims.output.interchange import SCHEMA_VERSION, ExportError
from carsi_claims.output.sqlite import to_sqlite_bytes, write_sqlite

SRC = Source(
    "src",
    "a.txt",
    "0" * 64,
    "A title",
    "fact-sheet",
    publisher="State",
    published=PartialDate(2011, 3),
    url="https://example.org/a",
    note="n",
    relations=(
        SourceRelation(RelationKind.VERSION_OF, "doc", "same text"),
        SourceRelation(RelationKind.REPRINT_OF, "doc", "again"),
    ),
)
DOC = Source("doc", "b.txt", "1" * 64, "Doc", "report")
ONE = Entity(
    "e.one", "One", aliases=("Uno", "Uno", "Eins"), roles=("chair", "chair"), type=EntityType.PERSON
)
LAND = Entity("e.land", "Land", note="a country", type=EntityType.COUNTRY, iso3166="LA")
A = Claim(
    "c.a",
    ClaimKind.COUNT,
    "e.one",
    "p",
    Count(5),
    (Provenance("src", "five", 0, 4), Provenance("doc", "5", 2, 3)),
)
B = Claim(
    "c.b", ClaimKind.COUNT, "e.one", "p", Count(6), (Provenance("src", "six", 5, 8),), note="nb"
)
M = Claim(
    "c.m",
    ClaimKind.MONEY,
    "src",
    "q",
    Money(Decimal("2.5")),
    (Provenance("doc", "$2.5", 0, 4),),
    status=Status.RETRACTED,
    reason="r",
    superseded_by="c.a",
)
N = Claim("c.n", ClaimKind.MONEY, "src", "q", Money(Decimal("3")), (Provenance("doc", "$3", 0, 2),))
_WHEN = Qualifiers(as_of=PartialDate(2011), scope="region")
S1 = Claim(
    "c.s1",
    ClaimKind.STATEMENT,
    "e.one",
    "says",
    Statement("we stand together"),
    (Provenance("src", "we stand together", 9, 26),),
    qualifiers=_WHEN,
)
S2 = Claim(
    "c.s2",
    ClaimKind.STATEMENT,
    "e.one",
    "says",
    Statement("we stand united"),
    (Provenance("doc", "we stand united", 3, 18),),
    qualifiers=_WHEN,
)
R = Resolution(
    "r.one",
    ("c.a", "c.b", "c.a"),
    ResolutionKind.UNDETERMINED,
    "why",
    preferred="c.b",
    evidence=(
        Evidence(claim="c.a"),
        Evidence(
            title="T", publisher="P", date=PartialDate(2012), identifier="id", url="u", quote="q"
        ),
    ),
)
DATASET = Dataset(
    sources=(SRC, DOC),
    entities=(ONE, LAND),
    claims=(A, B, M, N, S1, S2),
    resolutions=(R,),
    coverage_ignores=(CoverageIgnore("doc", "2012", "a year"), CoverageIgnore("src", "x", "y")),
)
WORDING = (
    "the wording differs: c.s1 (src) says “we stand together” [as of 2011]; "
    "c.s2 (doc) says “we stand united” [as of 2011]"
)


def _open(data: bytes) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.deserialize(data)
    return db


@pytest.fixture
def db() -> Iterator[sqlite3.Connection]:
    """The small dataset's database, exported afresh for each test (so each test runs the
    export, and mutation testing's per-test call tracking sees every one of them)."""
    connection = _open(to_sqlite_bytes(DATASET))
    yield connection
    connection.close()


def _rows(db: sqlite3.Connection, table: str) -> list[tuple[Any, ...]]:
    return db.execute(f"SELECT * FROM {table}").fetchall()


def test_rows_of_metadata_sources_and_relations(db: sqlite3.Connection) -> None:
    """The schema version; each source's fields (a partial date as ISO text, absent as null);
    each relation numbered from 1 within its source."""
    assert _rows(db, "metadata") == [("schema_version", str(SCHEMA_VERSION))]
    assert _rows(db, "sources") == [
        ("src", "a.txt", "0" * 64, "A title", "fact-sheet", "State", "2011-03",
         "https://example.org/a", "n"),
        ("doc", "b.txt", "1" * 64, "Doc", "report", None, None, None, None),
    ]  # fmt: skip
    assert _rows(db, "source_relations") == [
        ("src", 1, "version_of", "doc", "same text"),
        ("src", 2, "reprint_of", "doc", "again"),
    ]


def test_rows_of_entities_with_their_aliases_and_roles_once_each(db: sqlite3.Connection) -> None:
    assert _rows(db, "entities") == [
        ("e.one", "One", None, "person", None),
        ("e.land", "Land", "a country", "country", "LA"),
    ]
    assert _rows(db, "entity_aliases") == [("e.one", "Uno"), ("e.one", "Eins")]
    assert _rows(db, "entity_roles") == [("e.one", "chair")]


def test_rows_of_claims_with_typed_values(db: sqlite3.Connection) -> None:
    """Each claim's own fields, its value columns (a whole amount an integer, a fractional one
    a real), qualifiers, lists as JSON text, true/false as 0/1, reason and note."""
    rows = db.execute(
        "SELECT id, kind, status, superseded_by, subject, property, value_amount,"
        " typeof(value_amount), value_currency, value_value, value_text, qualifier_as_of,"
        " qualifier_scope, mentions, heading, derived, reason, note FROM claims"
    ).fetchall()
    assert rows == [
        ("c.a", "count", "active", None, "e.one", "p", None, "null", None, 5, None, None, None,
         "[]", 0, 0, None, None),
        ("c.b", "count", "active", None, "e.one", "p", None, "null", None, 6, None, None, None,
         "[]", 0, 0, None, "nb"),
        ("c.m", "money", "retracted", "c.a", "src", "q", 2.5, "real", "USD", None, None, None,
         None, "[]", 0, 0, "r", None),
        ("c.n", "money", "active", None, "src", "q", 3, "integer", "USD", None, None, None, None,
         "[]", 0, 0, None, None),
        ("c.s1", "statement", "active", None, "e.one", "says", None, "null", None, None,
         "we stand together", "2011", "region", "[]", 0, 0, None, None),
        ("c.s2", "statement", "active", None, "e.one", "says", None, "null", None, None,
         "we stand united", "2011", "region", "[]", 0, 0, None, None),
    ]  # fmt: skip


def test_rows_of_provenance_numbered_from_one_per_claim(db: sqlite3.Connection) -> None:
    assert _rows(db, "provenance") == [
        ("c.a", 1, "src", "five", 0, 4),
        ("c.a", 2, "doc", "5", 2, 3),
        ("c.b", 1, "src", "six", 5, 8),
        ("c.m", 1, "doc", "$2.5", 0, 4),
        ("c.n", 1, "doc", "$3", 0, 2),
        ("c.s1", 1, "src", "we stand together", 9, 26),
        ("c.s2", 1, "doc", "we stand united", 3, 18),
    ]


def test_rows_of_resolutions_their_claims_once_each_and_evidence(db: sqlite3.Connection) -> None:
    assert _rows(db, "resolutions") == [("r.one", "undetermined", "why", "c.b")]
    assert _rows(db, "resolution_claims") == [("r.one", "c.a"), ("r.one", "c.b")]
    assert _rows(db, "resolution_evidence") == [
        ("r.one", 1, "c.a", None, None, None, None, None, None),
        ("r.one", 2, None, "T", "P", "2012", "id", "u", "q"),
    ]


def test_rows_of_conflicts_variants_claims_and_diffs(db: sqlite3.Connection) -> None:
    """One row per conflict, numbered from 1, with its resolution or null; its variants
    numbered from 1 (no 'when' is null); which variant each claim gives; the word diff
    between two variants by their numbers."""
    assert _rows(db, "conflicts") == [
        (1, "value", "conflict.value", "error", "e.one p", "the figures do not meet",
         "the figures do not meet: c.a (doc, src) says 5; c.b (src) says 6", 0, 0, "r.one"),
        (2, "wording", "conflict.wording", "error", "e.one says, scope 'region'",
         "the wording differs", WORDING, 0, 0, None),
    ]  # fmt: skip
    assert _rows(db, "conflict_variants") == [
        (1, 1, "5", None, None, None),
        (1, 2, "6", None, None, None),
        (2, 1, "“we stand together”", "we stand together", "as of 2011", "region"),
        (2, 2, "“we stand united”", "we stand united", "as of 2011", "region"),
    ]
    assert _rows(db, "conflict_claims") == [
        (1, "c.a", 1),
        (1, "c.b", 2),
        (2, "c.s1", 1),
        (2, "c.s2", 2),
    ]
    assert _rows(db, "conflict_diffs") == [(2, 1, 2, "we stand [-together-] {+united+}")]
    assert _rows(db, "unresolved_conflicts") == [
        (2, "conflict.wording", "error", WORDING, "c.s1 c.s2")
    ]


def test_rows_of_coverage_ignores_numbered_from_one(db: sqlite3.Connection) -> None:
    assert _rows(db, "coverage_ignores") == [(1, "doc", "2012", "a year"), (2, "src", "x", "y")]


def test_rows_of_views_joining_quotes_sources_claims_and_subjects(db: sqlite3.Connection) -> None:
    assert _rows(db, "claim_quotes")[:2] == [
        ("c.a", "count", "active", "e.one", "p", 1, "src", "A title", "State", "2011-03",
         "five", 0, 4),
        ("c.a", "count", "active", "e.one", "p", 2, "doc", "Doc", None, None, "5", 2, 3),
    ]  # fmt: skip
    assert _rows(db, "claim_subjects")[1:3] == [
        ("c.b", "e.one", "One", "entity"),
        ("c.m", "src", "A title", "source"),
    ]


def test_declared_column_types_and_claims_foreign_keys(db: sqlite3.Connection) -> None:
    """Text, integer (true/false too) and numeric (decimals) columns; the claims table's own
    references: its successor a claim, a quotation's speaker an entity."""
    types = {row[1]: row[2] for row in db.execute("PRAGMA table_info(claims)")}
    assert {name: types[name] for name in ("id", "kind", "value_amount", "value_value")} == {
        "id": "TEXT",
        "kind": "TEXT",
        "value_amount": "NUMERIC",
        "value_value": "NUMERIC",
    }
    assert {name: types[name] for name in ("value_start", "heading", "qualifier_fiscal_years")} == {
        "value_start": "INTEGER",
        "heading": "INTEGER",
        "qualifier_fiscal_years": "TEXT",
    }
    assert sorted(row[2:5] for row in db.execute("PRAGMA foreign_key_list(claims)")) == [
        ("claims", "superseded_by", "id"),
        ("entities", "value_speaker", "id"),
    ]
    assert db.execute("PRAGMA user_version").fetchall() == [(1,)]


@pytest.mark.parametrize("column", ["heading", "derived", "qualifier_cumulative"])
def test_true_false_columns_hold_only_0_and_1(column: str) -> None:
    db = _open(to_sqlite_bytes(Dataset()))
    try:
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
            db.execute(f'INSERT INTO claims (id, "{column}") VALUES (?, 2)', ("c.x",))
        db.execute(f'INSERT INTO claims (id, "{column}") VALUES (?, 1)', ("c.x",))
    finally:
        db.close()


@pytest.mark.parametrize(
    ("amount", "stored"),
    [("9223372036854775807", 2**63 - 1), ("-9223372036854775808", -(2**63)), ("3.0", 3)],
)
def test_whole_amounts_within_64_bits_are_integers(amount: str, stored: int) -> None:
    """SQLite's integers are 64-bit: the largest and the smallest are stored exactly."""
    big = attrs.evolve(N, value=Money(Decimal(amount)))
    db = _open(to_sqlite_bytes(attrs.evolve(DATASET, claims=(big,), resolutions=())))
    try:
        row = db.execute("SELECT value_amount, typeof(value_amount) FROM claims").fetchall()
    finally:
        db.close()
    assert row == [(stored, "integer")]


@pytest.mark.parametrize("amount", ["9223372036854775808", "-9223372036854775809", "1E+20"])
def test_a_whole_amount_beyond_64_bits_is_refused(amount: str) -> None:
    """A whole number SQLite cannot hold as an integer is refused with ExportError (the
    command's exit 2 and message), not an OverflowError from the sqlite3 module."""
    big = attrs.evolve(N, value=Money(Decimal(amount)))
    with pytest.raises(ExportError) as caught:
        to_sqlite_bytes(attrs.evolve(DATASET, claims=(big,), resolutions=()))
    assert str(caught.value) == (
        f"number {Decimal(amount)} is beyond SQLite's 64-bit integers and cannot be exported"
    )


def test_a_non_finite_amount_is_refused() -> None:
    bad = attrs.evolve(N, value=Money(Decimal("Infinity")))
    with pytest.raises(ExportError, match=r"^non-finite number Infinity cannot be exported$"):
        to_sqlite_bytes(attrs.evolve(DATASET, claims=(bad,)))


@pytest.mark.parametrize(
    ("claim", "where"),
    [
        (attrs.evolve(M, superseded_by="c.zz"),
         "claims.superseded_by names 'c.zz', which is not in claims"),
        (attrs.evolve(N, subject="src", provenance=(Provenance("nope", "$3", 0, 2),)),
         "provenance.source names 'nope', which is not in sources"),
    ],
)  # fmt: skip
def test_a_dangling_reference_is_refused_naming_it(claim: Claim, where: str) -> None:
    with pytest.raises(ExportError) as caught:
        to_sqlite_bytes(attrs.evolve(DATASET, claims=(A, B, claim), resolutions=()))
    assert str(caught.value) == (
        f"the dataset cannot be exported as a database: {where}; "
        "run `carsi-claims validate` and fix the references"
    )


def test_write_sqlite_writes_the_database_bytes(tmp_path: Path) -> None:
    target = tmp_path / "out.sqlite"
    write_sqlite(DATASET, target)
    assert target.read_bytes() == to_sqlite_bytes(DATASET)


def test_the_schema_a_reader_sees_is_the_pinned_one(db: sqlite3.Connection) -> None:
    """Every table, column, declared type, key, check, index and view, exactly as the file's
    ``sqlite_master`` shows them to a reader (tests/sqlite_schema.sql).  A change to the
    database's shape has to change that file: review it, and raise ``PRAGMA user_version``
    when the change breaks a reader's queries."""
    made = db.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")
    pinned = Path(__file__).with_name("sqlite_schema.sql").read_text(encoding="utf-8")
    assert "".join(f"{sql};\n" for (sql,) in made) == pinned


def test_each_record_is_turned_into_cells_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The work of the export grows with the records, not with records times columns: a
    source, an entity and a piece of evidence are turned into cells once each, a claim
    three times (its own fields, its value, its qualifiers)."""
    from carsi_claims.output import flat, sqlite

    expected = to_sqlite_bytes(DATASET)
    calls: list[object] = []

    def counted(record: object, prefix: str = "") -> dict[str, Any]:
        calls.append(record)
        return flat.cells(record, prefix)

    monkeypatch.setattr(sqlite, "cells", counted)
    assert to_sqlite_bytes(DATASET) == expected
    assert len(calls) == 2 + 2 + 3 * 6 + 2
