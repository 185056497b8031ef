"""The SQLite export: the dataset as a normalised database, with keys, indexes and views.

``carsi-claims export --format sqlite --output FILE`` writes it (atomically:
the database is built in memory and written with :mod:`carsi_claims._atomic`).

Tables (primary keys first; ``→`` a foreign key):

- ``sources`` (``id``; path, sha256, title, kind, publisher, published, url, note, and
  any other field of a source) and ``source_relations`` (``source`` → sources,
  ``position``; kind, ``related`` → sources, note)
- ``entities`` (``id``; name, note, type, iso3166, and any other field) and
  ``entity_aliases`` (``entity`` → entities, ``alias``), ``entity_roles``
  (``entity`` → entities, ``role``)
- ``claims`` (``id``; kind, status, ``superseded_by`` → claims, subject, property,
  the ``value_*`` and ``qualifier_*`` columns of :mod:`carsi_claims.output.flat`,
  any other field of a claim, reason, note)
- ``provenance`` (``claim`` → claims, ``position``; ``source`` → sources, quote,
  start, end)
- ``resolutions`` (``id``; kind, rationale, ``preferred`` → claims),
  ``resolution_claims`` (``resolution`` → resolutions, ``claim`` → claims),
  ``resolution_evidence`` (``resolution`` → resolutions, ``position``; ``claim`` →
  claims, title, publisher, date, identifier, url, quote)
- ``conflicts`` (``id``; kind, code, severity, question, reason, detail,
  undetermined, leans_on_inference, ``resolution`` → resolutions, null when
  unresolved), one row per disagreement (a set of claims answering one
  question); ``conflict_variants`` (``conflict`` → conflicts, ``variant``;
  says, text, when, scope), each distinct answer; ``conflict_claims``
  (``conflict`` → conflicts, ``claim`` → claims; ``variant``), which answer
  each claim gives; ``conflict_diffs`` (``conflict`` → conflicts,
  ``from_variant``, ``to_variant``; diff), the word diff between two variants
- ``coverage_ignores`` (``id``; ``source`` → sources, quote, reason)
- ``metadata`` (``key``; value): the interchange ``schema_version``.

Indexes on what people filter by: claims' kind, subject, property and status,
provenance's source, the claim side of the link tables, aliases.  Views for the
common joins: ``claim_quotes`` (a claim with each quote and its source's title,
publisher and date), ``claim_subjects`` (a claim with its subject's name),
``unresolved_conflicts`` (each unresolved conflict with its claim ids).

Decimal amounts and percentages are ``NUMERIC`` (SQLite stores whole numbers as
integers), true/false as 0/1, dates as ISO text, lists as JSON text.  A
dataset whose references do not resolve (an unknown source, say) is refused
with :class:`~carsi_claims.output.interchange.ExportError`: run ``validate``.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Final

from carsi_claims import _atomic
from carsi_claims.analysis.conflicts import Conflict
from carsi_claims.dataset import Dataset
from carsi_claims.model import VALUE_TYPES, Claim, Entity, Qualifiers, Source
from carsi_claims.output.flat import Cell, cells, typed_columns
from carsi_claims.output.interchange import SCHEMA_VERSION, ExportError

__all__ = ["CLAIM_COLUMNS", "SCHEMA", "to_sqlite_bytes", "write_sqlite"]

_SQL_TYPE: Final = {int: "INTEGER", bool: "INTEGER", Decimal: "NUMERIC", str: "TEXT"}

_CLAIM_OWN: Final = frozenset(
    {"id", "kind", "status", "superseded_by", "subject", "property", "value", "qualifiers"}
)
_CLAIM_SKIP: Final = _CLAIM_OWN | {"provenance", "reason", "note"}


def _claim_columns() -> list[tuple[str, type[Any]]]:
    value: dict[str, type[Any]] = {}
    for cls in VALUE_TYPES.values():
        for name, tp in typed_columns(cls, "value_"):
            value.setdefault(name, tp)
    return [
        ("kind", str),
        ("status", str),
        ("superseded_by", str),
        ("subject", str),
        ("property", str),
        *value.items(),
        *typed_columns(Qualifiers, "qualifier_"),
        *typed_columns(Claim, skip=_CLAIM_SKIP),
        ("reason", str),
        ("note", str),
    ]


#: The columns of the ``claims`` table after ``id``, with their Python cell types.
CLAIM_COLUMNS: Final = tuple(_claim_columns())
#: The columns of ``sources`` and ``entities`` after ``id`` (lists have tables of their own).
SOURCE_COLUMNS: Final = tuple(typed_columns(Source, skip=frozenset({"id", "relations"})))
ENTITY_COLUMNS: Final = tuple(typed_columns(Entity, skip=frozenset({"id", "aliases", "roles"})))


_DEFERRED: Final = "DEFERRABLE INITIALLY DEFERRED"
_EVIDENCE: Final = ("title", "publisher", "date", "identifier", "url", "quote")


def _column_sql(name: str, tp: type[Any]) -> str:
    """The declaration of a column of a record's field (type, true/false check, reference)."""
    sql = _SQL_TYPE[tp]
    if tp is bool:
        sql += f' CHECK ("{name}" IN (0, 1))'
    if name == "superseded_by":
        sql += f" REFERENCES claims(id) {_DEFERRED}"
    elif name == "value_speaker":
        sql += f" REFERENCES entities(id) {_DEFERRED}"
    return sql


def _ref(table: str, sql: str = "TEXT NOT NULL") -> str:
    return f"{sql} REFERENCES {table}(id) {_DEFERRED}"


def _fields(id_sql: str, columns: Iterable[tuple[str, type[Any]]]) -> tuple[tuple[str, str], ...]:
    return (("id", id_sql), *((n, _column_sql(n, t)) for n, t in columns))


#: Each table's columns in order, with their declarations, and then the table's own
#: constraints.  The ``CREATE TABLE`` statements and the ``INSERT`` statements are both
#: made from these, so a column is named in one place only.
_TABLES: Final[dict[str, tuple[tuple[tuple[str, str], ...], tuple[str, ...]]]] = {
    "metadata": ((("key", "TEXT PRIMARY KEY"), ("value", "TEXT NOT NULL")), ()),
    "sources": (_fields("TEXT PRIMARY KEY", SOURCE_COLUMNS), ()),
    "source_relations": (
        (
            ("source", _ref("sources")),
            ("position", "INTEGER NOT NULL"),
            ("kind", "TEXT NOT NULL"),
            ("related", _ref("sources")),
            ("note", "TEXT"),
        ),
        ("PRIMARY KEY (source, position)",),
    ),
    "entities": (_fields("TEXT PRIMARY KEY", ENTITY_COLUMNS), ()),
    "entity_aliases": (
        (("entity", _ref("entities")), ("alias", "TEXT NOT NULL")),
        ("PRIMARY KEY (entity, alias)",),
    ),
    "entity_roles": (
        (("entity", _ref("entities")), ("role", "TEXT NOT NULL")),
        ("PRIMARY KEY (entity, role)",),
    ),
    "claims": (_fields("TEXT PRIMARY KEY", CLAIM_COLUMNS), ()),
    "provenance": (
        (
            ("claim", _ref("claims")),
            ("position", "INTEGER NOT NULL CHECK (position >= 1)"),
            ("source", _ref("sources")),
            ("quote", "TEXT NOT NULL"),
            ("start", "INTEGER NOT NULL"),
            ("end", "INTEGER NOT NULL"),
        ),
        ("PRIMARY KEY (claim, position)",),
    ),
    "resolutions": (
        (
            ("id", "TEXT PRIMARY KEY"),
            ("kind", "TEXT NOT NULL"),
            ("rationale", "TEXT NOT NULL"),
            ("preferred", _ref("claims", "TEXT")),
        ),
        (),
    ),
    "resolution_claims": (
        (("resolution", _ref("resolutions")), ("claim", _ref("claims"))),
        ("PRIMARY KEY (resolution, claim)",),
    ),
    "resolution_evidence": (
        (
            ("resolution", _ref("resolutions")),
            ("position", "INTEGER NOT NULL"),
            ("claim", _ref("claims", "TEXT")),
            *((n, "TEXT") for n in _EVIDENCE),
        ),
        ("PRIMARY KEY (resolution, position)",),
    ),
    "conflicts": (
        (
            ("id", "INTEGER PRIMARY KEY"),
            ("kind", "TEXT NOT NULL"),
            ("code", "TEXT NOT NULL"),
            ("severity", "TEXT NOT NULL"),
            ("question", "TEXT NOT NULL"),
            ("reason", "TEXT NOT NULL"),
            ("detail", "TEXT NOT NULL"),
            ("undetermined", "INTEGER NOT NULL CHECK (undetermined IN (0, 1))"),
            ("leans_on_inference", "INTEGER NOT NULL CHECK (leans_on_inference IN (0, 1))"),
            ("resolution", _ref("resolutions", "TEXT")),
        ),
        (),
    ),
    "conflict_variants": (
        (
            ("conflict", _ref("conflicts", "INTEGER NOT NULL")),
            ("variant", "INTEGER NOT NULL"),
            ("says", "TEXT NOT NULL"),
            ("text", "TEXT"),
            ("when", "TEXT"),
            ("scope", "TEXT"),
        ),
        ("PRIMARY KEY (conflict, variant)",),
    ),
    "conflict_claims": (
        (
            ("conflict", _ref("conflicts", "INTEGER NOT NULL")),
            ("claim", _ref("claims")),
            ("variant", "INTEGER"),
        ),
        (
            "PRIMARY KEY (conflict, claim)",
            "FOREIGN KEY (conflict, variant) REFERENCES conflict_variants(conflict, variant)"
            f" {_DEFERRED}",
        ),
    ),
    "conflict_diffs": (
        (
            ("conflict", _ref("conflicts", "INTEGER NOT NULL")),
            ("from_variant", "INTEGER NOT NULL"),
            ("to_variant", "INTEGER NOT NULL"),
            ("diff", "TEXT NOT NULL"),
        ),
        ("PRIMARY KEY (conflict, from_variant, to_variant)",),
    ),
    "coverage_ignores": (
        (
            ("id", "INTEGER PRIMARY KEY"),
            ("source", _ref("sources")),
            ("quote", "TEXT NOT NULL"),
            ("reason", "TEXT NOT NULL"),
        ),
        (),
    ),
}


def _create_table(table: str, columns: tuple[tuple[str, str], ...], keys: tuple[str, ...]) -> str:
    lines = [f'"{name}" {sql}' for name, sql in columns] + list(keys)
    body = ",\n  ".join(lines)
    return f"CREATE TABLE {table} (\n  {body}\n);\n"


def _schema() -> str:
    tables = "".join(_create_table(t, c, k) for t, (c, k) in _TABLES.items())
    return tables + _INDEXES_AND_VIEWS


#: Indexes on what people filter by, and views for the common joins.
_INDEXES_AND_VIEWS: Final = """
CREATE INDEX claims_kind ON claims(kind);
CREATE INDEX claims_subject ON claims(subject);
CREATE INDEX claims_property ON claims(property);
CREATE INDEX claims_status ON claims(status);
CREATE INDEX provenance_source ON provenance(source);
CREATE INDEX entity_aliases_alias ON entity_aliases(alias);
CREATE INDEX source_relations_related ON source_relations(related);
CREATE INDEX resolution_claims_claim ON resolution_claims(claim);
CREATE INDEX conflict_claims_claim ON conflict_claims(claim);

CREATE VIEW claim_quotes AS
  SELECT c.id AS claim, c.kind, c.status, c.subject, c.property, p.position, p.source,
         s.title AS source_title, s.publisher AS source_publisher,
         s.published AS source_published, p.quote, p.start, p."end"
  FROM claims AS c
  JOIN provenance AS p ON p.claim = c.id
  JOIN sources AS s ON s.id = p.source;
CREATE VIEW claim_subjects AS
  SELECT c.id AS claim, c.subject, COALESCE(e.name, s.title) AS subject_name,
         CASE WHEN e.id IS NOT NULL THEN 'entity' WHEN s.id IS NOT NULL THEN 'source' END
           AS subject_kind
  FROM claims AS c
  LEFT JOIN entities AS e ON e.id = c.subject
  LEFT JOIN sources AS s ON s.id = c.subject;
CREATE VIEW unresolved_conflicts AS
  SELECT f.id AS conflict, f.code, f.severity, f.detail,
         (SELECT group_concat(claim, ' ') FROM
            (SELECT claim FROM conflict_claims WHERE conflict = f.id ORDER BY claim)) AS claims
  FROM conflicts AS f
  WHERE f.resolution IS NULL;
"""


#: The database's schema (tables, indexes, views) as SQL.
SCHEMA: Final = _schema()


def _sql_value(value: Cell) -> object:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ExportError(f"non-finite number {value} cannot be exported")
        if value != value.to_integral_value():
            return str(value)
        whole = int(value)
        if not -(2**63) <= whole < 2**63:  # sqlite3 raises OverflowError beyond them
            raise ExportError(
                f"number {value} is beyond SQLite's 64-bit integers and cannot be exported"
            )
        return whole
    return value


def _names(table: str) -> list[str]:
    """The columns of ``table``, in order."""
    return [name for name, _ in _TABLES[table][0]]


def _row(record: dict[str, Cell], names: Sequence[str]) -> list[Cell]:
    """The cells of ``record`` for the columns ``names`` (null where it has none)."""
    return [record.get(n) for n in names]


def _insert(db: sqlite3.Connection, table: str, rows: Iterable[Sequence[Any]]) -> None:
    """Insert ``rows``, each with a value for every column of ``table``, in order."""
    names = _names(table)
    quoted = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join("?" for _ in names)
    db.executemany(
        f"INSERT INTO {table} ({quoted}) VALUES ({marks})",
        ([_sql_value(v) for v in row] for row in rows),
    )


def _claim_variants(conflict: Conflict) -> Iterable[tuple[str, int | None]]:
    """Each claim of a conflict and the 1-based number of the variant it gives (or None)."""
    variant_of = {c: j for j, v in enumerate(conflict.variants, start=1) for c in v.claims}
    for claim in dict.fromkeys(conflict.claims):
        yield claim, variant_of.get(claim)


def _claim_cells(claim: Claim) -> dict[str, Cell]:
    """A claim's cells: its own fields, ``value_*`` for its value, ``qualifier_*``."""
    return {
        **cells(claim),
        **cells(claim.value, "value_"),
        **cells(claim.qualifiers, "qualifier_"),
    }


def _fill(db: sqlite3.Connection, dataset: Dataset) -> None:
    from carsi_claims.analysis.conflicts import find_conflicts
    from carsi_claims.analysis.resolutions import resolve

    _insert(db, "metadata", [("schema_version", str(SCHEMA_VERSION))])
    names = _names("sources")
    _insert(db, "sources", (_row(cells(s), names) for s in dataset.sources))
    _insert(
        db,
        "source_relations",
        (
            (s.id, i, r.kind.value, r.source, r.note)
            for s in dataset.sources
            for i, r in enumerate(s.relations, start=1)
        ),
    )
    names = _names("entities")
    _insert(db, "entities", (_row(cells(e), names) for e in dataset.entities))
    _insert(
        db,
        "entity_aliases",
        ((e.id, a) for e in dataset.entities for a in dict.fromkeys(e.aliases)),
    )
    _insert(
        db,
        "entity_roles",
        ((e.id, r) for e in dataset.entities for r in dict.fromkeys(e.roles)),
    )
    names = _names("claims")
    _insert(db, "claims", (_row(_claim_cells(c), names) for c in dataset.claims))
    _insert(
        db,
        "provenance",
        (
            (c.id, i, p.source, p.quote, p.start, p.end)
            for c in dataset.claims
            for i, p in enumerate(c.provenance, start=1)
        ),
    )
    _insert(
        db,
        "resolutions",
        ((r.id, r.kind.value, r.rationale, r.preferred) for r in dataset.resolutions),
    )
    _insert(
        db,
        "resolution_claims",
        ((r.id, c) for r in dataset.resolutions for c in dict.fromkeys(r.claims)),
    )
    _insert(
        db,
        "resolution_evidence",
        (
            (r.id, i, e.claim, *_row(cells(e), _EVIDENCE))
            for r in dataset.resolutions
            for i, e in enumerate(r.evidence, start=1)
        ),
    )
    matches, _ = resolve(find_conflicts(dataset), dataset.resolutions)
    _insert(
        db,
        "conflicts",
        (
            (
                i,
                m.conflict.kind.value,
                m.conflict.code,
                m.conflict.severity.value,
                m.conflict.question,
                m.conflict.reason,
                m.conflict.detail,
                m.conflict.undetermined,
                m.conflict.leans_on_inference,
                None if m.resolution is None else m.resolution.id,
            )
            for i, m in enumerate(matches, start=1)
        ),
    )
    _insert(
        db,
        "conflict_variants",
        (
            (i, j, v.says, v.text, v.when or None, v.scope)
            for i, m in enumerate(matches, start=1)
            for j, v in enumerate(m.conflict.variants, start=1)
        ),
    )
    _insert(
        db,
        "conflict_claims",
        (
            (i, claim, variant)
            for i, m in enumerate(matches, start=1)
            for claim, variant in _claim_variants(m.conflict)
        ),
    )
    _insert(
        db,
        "conflict_diffs",
        (
            (i, d.a + 1, d.b + 1, d.diff)
            for i, m in enumerate(matches, start=1)
            for d in m.conflict.diffs
        ),
    )
    _insert(
        db,
        "coverage_ignores",
        (
            (i, ig.source, ig.quote, ig.reason)
            for i, ig in enumerate(dataset.coverage_ignores, start=1)
        ),
    )


def _dangling(db: sqlite3.Connection) -> str | None:
    """The first foreign key that names a missing row, described; None when all resolve."""
    for table, rowid, parent, fk in db.execute("PRAGMA foreign_key_check"):
        (column,) = [
            row[3] for row in db.execute(f"PRAGMA foreign_key_list({table})") if row[0] == fk
        ]
        (value,) = db.execute(
            f'SELECT "{column}" FROM {table} WHERE rowid = ?', (rowid,)
        ).fetchone()
        return f"{table}.{column} names {value!r}, which is not in {parent}"
    return None


def to_sqlite_bytes(dataset: Dataset) -> bytes:
    """The database file's bytes (built in memory).

    Raises :class:`ExportError` when a reference does not resolve.
    """
    db = sqlite3.connect(":memory:")
    try:
        db.executescript(SCHEMA)
        with db:
            _fill(db, dataset)
        problem = _dangling(db)
        if problem is not None:
            raise ExportError(
                f"the dataset cannot be exported as a database: {problem}; "
                "run `carsi-claims validate` and fix the references"
            )
        db.execute("PRAGMA user_version = 1")
        return db.serialize()
    finally:
        db.close()


def write_sqlite(dataset: Dataset, path: str | os.PathLike[str]) -> None:
    """Write the database to ``path`` atomically (a reader sees the old file or the new one)."""
    _atomic.write_bytes(path, to_sqlite_bytes(dataset))
