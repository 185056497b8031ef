"""The CSV and SQLite exports, read back by their consumers: csv, sqlite3 and DuckDB.

DuckDB reads SQLite files through its sqlite_scanner extension, which the dev
dependency ``duckdb-extension-sqlite-scanner`` ships (no download needed).
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import duckdb
import pytest

from _mini import MINI_SEEDS, MINI_YAML, DatasetPaths, cli, mutate
from carsi_claims import load
from carsi_claims.analysis.conflicts import find_conflicts
from carsi_claims.dataset import Dataset
from carsi_claims.model import Money, Provenance
from carsi_claims.output.csv import CSV_COLUMNS, to_csv
from carsi_claims.output.interchange import SCHEMA_VERSION
from carsi_claims.output.sqlite import CLAIM_COLUMNS
from carsi_claims.read.seeds import Seeds

TmpDataset = Callable[..., DatasetPaths]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load()


def _source_text(dataset: Dataset, source_id: str) -> str:
    assert dataset.seeds_dir is not None
    return Seeds(dataset.seeds_dir).read(dataset.sources_by_id[source_id].path).text


def _duckdb() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(":memory:")


# -- CSV ----------------------------------------------------------------------------


def test_csv_quotes_are_exact_read_with_csv(tmp_path: Path, dataset: Dataset) -> None:
    """Every quote cell read back with csv equals the source text at the row's offsets
    (a quote starting with '-' or '=' included), and each row carries its source's title,
    publisher and date."""
    target = tmp_path / "claims.csv"
    assert cli("export", "--format", "csv", "--output", str(target)) == (0, "", "")
    with target.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == sum(len(c.provenance) for c in dataset.claims)
    for row in rows:
        text = _source_text(dataset, row["source"])
        assert text[int(row["start"]) : int(row["end"])] == row["quote"]
        source = dataset.sources_by_id[row["source"]]
        assert row["source_title"] == source.title
        assert row["source_publisher"] == (source.publisher or "")
        assert row["source_published"] == (
            "" if source.published is None else str(source.published)
        )


def test_csv_read_by_duckdb(tmp_path: Path, dataset: Dataset) -> None:
    """DuckDB reads the CSV with typed columns; its quotes are the source text."""
    target = tmp_path / "claims.csv"
    cli("export", "--format", "csv", "--output", str(target))
    con = _duckdb()
    rel = con.read_csv(str(target), header=True)
    assert rel.columns == list(CSV_COLUMNS)
    types = dict(zip(rel.columns, (str(t) for t in rel.types), strict=True))
    assert types["start"] == types["end"] == "BIGINT"
    rows = rel.select("source", "quote", "start", '"end"', "value_amount").fetchall()
    with target.open(encoding="utf-8", newline="") as f:
        assert len(rows) == len(list(csv.reader(f))) - 1
    for source, quote, start, end, _ in rows:
        assert _source_text(dataset, source)[start:end] == quote
    amounts = {a for *_, a in rows if a is not None}
    assert 260000000 in amounts


def test_csv_for_spreadsheet_has_a_bom_and_inert_cells(tmp_dataset: TmpDataset) -> None:
    """--for-spreadsheet: a UTF-8 BOM, formula-like text cells get an apostrophe; DuckDB still
    reads the header (the BOM is not part of the first column's name)."""
    text = mutate("    property: funding\n", '    property: funding\n    note: "=1+2"\n')
    paths = tmp_dataset(text, MINI_SEEDS)
    target = paths.root / "sheet.csv"
    code, _, _ = cli(
        "export", str(paths.claims), "--format", "csv", "--for-spreadsheet", "--output", str(target)
    )
    assert code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfclaim_id,")
    rel = _duckdb().read_csv(str(target), header=True)
    assert rel.columns[0] == "claim_id"
    notes = dict(rel.select("claim_id", "note").fetchall())
    assert notes["carsi.funding"] == "'=1+2"


def test_for_spreadsheet_is_only_for_csv() -> None:
    """--for-spreadsheet with another format is a usage error naming the rule."""
    assert cli("export", "--format", "json", "--for-spreadsheet") == (
        2,
        "",
        "carsi-claims export: --for-spreadsheet applies to --format csv only\n",
    )


# -- SQLite ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("db") / "claims.sqlite"
    assert cli("export", "--format", "sqlite", "--output", str(target)) == (0, "", "")
    return target


def _query(path: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def test_sqlite_tables_hold_every_record(database: Path, dataset: Dataset) -> None:
    """Each table has a row per record; provenance a row per quote."""
    counts = {
        "sources": len(dataset.sources),
        "entities": len(dataset.entities),
        "claims": len(dataset.claims),
        "provenance": sum(len(c.provenance) for c in dataset.claims),
        "resolutions": len(dataset.resolutions),
        "coverage_ignores": len(dataset.coverage_ignores),
        "conflicts": len(find_conflicts(dataset)),
        "entity_aliases": sum(len(set(e.aliases)) for e in dataset.entities),
        "source_relations": sum(len(s.relations) for s in dataset.sources),
    }
    assert counts["source_relations"] >= 1
    types = _query(database, "SELECT id, type, iso3166 FROM entities ORDER BY id")
    assert types == sorted(
        (e.id, None if e.type is None else e.type.value, e.iso3166) for e in dataset.entities
    )
    for table, n in counts.items():
        assert _query(database, f"SELECT count(*) FROM {table}") == [(n,)], table
    version = _query(database, "SELECT value FROM metadata WHERE key = 'schema_version'")
    assert version == [(str(SCHEMA_VERSION),)]


def test_sqlite_keys_and_indexes(database: Path) -> None:
    """Foreign keys hold (PRAGMA foreign_key_check is empty); filters use the indexes."""
    db = sqlite3.connect(database)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        fks = {row[2] for row in db.execute("PRAGMA foreign_key_list(provenance)")}
        assert fks == {"claims", "sources"}
        for column in ("kind", "subject", "property", "status"):
            plan = db.execute(
                f"EXPLAIN QUERY PLAN SELECT id FROM claims WHERE {column} = ?", ("x",)
            ).fetchall()
            assert f"USING INDEX claims_{column}" in " ".join(str(r[3]) for r in plan)
        plan = db.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM provenance WHERE source = 'x'"
        ).fetchall()
        assert "provenance_source" in " ".join(str(r[3]) for r in plan)
        db.execute("INSERT INTO provenance VALUES ('carsi.nope', 1, 'nope', 'q', 0, 1)")
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY constraint failed"):
            db.commit()  # the keys are checked when the transaction ends
    finally:
        db.close()


def test_sqlite_quotes_and_values(database: Path, dataset: Dataset) -> None:
    """The claim_quotes view joins claims, quotes and sources; every quote is exact; amounts
    are numbers."""
    rows = _query(
        database,
        'SELECT claim, source, source_title, quote, start, "end" FROM claim_quotes',
    )
    assert len(rows) == sum(len(c.provenance) for c in dataset.claims)
    for claim, source, title, quote, start, end in rows:
        assert _source_text(dataset, source)[start:end] == quote
        assert title == dataset.sources_by_id[source].title
        assert any(p.quote == quote for p in dataset.claims_by_id[claim].provenance)
    money = _query(
        database,
        "SELECT id, value_amount, typeof(value_amount), value_currency, qualifier_fiscal_years "
        "FROM claims WHERE kind = 'money' ORDER BY id",
    )
    expected = sorted(
        (c.id, int(c.value.amount), "integer", c.value.currency)
        for c in dataset.claims
        if isinstance(c.value, Money)
    )
    assert [(i, a, t, cur) for i, a, t, cur, _ in money] == expected


def test_sqlite_conflict_views(database: Path, dataset: Dataset) -> None:
    """Every conflict of the shipped dataset is resolved, so unresolved_conflicts is empty,
    and conflict_claims names claims that exist."""
    assert _query(database, "SELECT count(*) FROM unresolved_conflicts") == [(0,)]
    names = _query(database, "SELECT DISTINCT claim FROM conflict_claims")
    assert names
    assert all(name in dataset.claims_by_id for (name,) in names)
    subjects = dict(_query(database, "SELECT claim, subject_name FROM claim_subjects"))
    first = dataset.claims[0]
    entity = dataset.entities_by_id.get(first.subject)
    source = dataset.sources_by_id.get(first.subject)
    assert subjects[first.id] == (entity.name if entity else source.title if source else None)


def test_sqlite_conflicts_as_sets_of_variants(database: Path, dataset: Dataset) -> None:
    """Each conflict's claims are grouped into its variants, with the diffs between them,
    as find_conflicts gives them."""
    from carsi_claims.analysis.conflicts import find_conflicts

    conflicts = sorted(find_conflicts(dataset), key=lambda c: c.claims)
    rows = _query(
        database,
        "SELECT f.id, group_concat(k.claim || '=' || k.variant, ' ') FROM conflicts AS f "
        "JOIN (SELECT * FROM conflict_claims ORDER BY claim) AS k ON k.conflict = f.id "
        "GROUP BY f.id",
    )
    assert len(rows) == len(conflicts)
    expected = sorted(
        " ".join(
            f"{claim}={j}"
            for claim, j in sorted(
                (claim, j) for j, v in enumerate(c.variants, start=1) for claim in v.claims
            )
        )
        for c in conflicts
    )
    assert sorted(pairs for _, pairs in rows) == expected
    variants = _query(database, "SELECT count(*) FROM conflict_variants")
    assert variants == [(sum(len(c.variants) for c in conflicts),)]
    diffs = _query(database, "SELECT count(*) FROM conflict_diffs")
    assert diffs == [(sum(len(c.diffs) for c in conflicts),)]


def test_sqlite_read_by_duckdb(database: Path, dataset: Dataset) -> None:
    """DuckDB attaches the database and joins its tables and views."""
    ext = pytest.importorskip("duckdb_extension_sqlite_scanner")
    (extension,) = Path(ext.__file__).parent.glob("extensions/*/sqlite_scanner.duckdb_extension")
    con = _duckdb()
    con.load_extension(str(extension))
    con.execute(f"ATTACH '{database}' AS carsi (TYPE sqlite, READ_ONLY)")
    kinds = dict(con.sql("SELECT kind, count(*) FROM carsi.claims GROUP BY kind").fetchall())
    assert sum(kinds.values()) == len(dataset.claims)
    rows = con.sql(
        'SELECT q.claim, q.quote, q.start, q."end", s.sha256 FROM carsi.claim_quotes AS q '
        "JOIN carsi.sources AS s ON s.id = q.source"
    ).fetchall()
    assert len(rows) == sum(len(c.provenance) for c in dataset.claims)
    shas = {s.sha256 for s in dataset.sources}
    assert {sha for *_, sha in rows} <= shas


def test_sqlite_needs_an_output_and_is_written_atomically(tmp_path: Path) -> None:
    """Without --output it is a usage error; rewriting leaves no temporary file behind."""
    assert cli("export", "--format", "sqlite") == (
        2,
        "",
        "carsi-claims export: --format sqlite writes a database file: give --output FILE\n",
    )
    target = tmp_path / "c.sqlite"
    target.write_bytes(b"old")
    assert cli("export", "--format", "sqlite", "--output", str(target))[0] == 0
    assert target.read_bytes().startswith(b"SQLite format 3\x00")
    assert os.listdir(tmp_path) == ["c.sqlite"]


def test_sqlite_refuses_dangling_references(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """A quote naming an unknown source cannot become a row: exit 2, the reference named."""
    text = mutate("      - source: src-a\n", "      - source: src-b\n")
    paths = tmp_dataset(text, MINI_SEEDS)
    target = tmp_path / "out.sqlite"
    code, out, err = cli("export", str(paths.claims), "--format", "sqlite", "-o", str(target))
    assert (code, out) == (2, "")
    assert err == (
        "carsi-claims export: the dataset cannot be exported as a database: provenance.source "
        "names 'src-b', which is not in sources; run `carsi-claims validate` and fix the "
        "references\n"
    )
    assert not target.exists()
    assert MINI_YAML  # the unmutated dataset exports (covered by the shipped tests above)


def test_sqlite_reads_csv_like_rows_for_a_mini_dataset(tmp_dataset: TmpDataset) -> None:
    """The SQLite claims table and the CSV agree on every claim's flattened fields."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    target = paths.root / "mini.sqlite"
    assert cli("export", str(paths.claims), "--format", "sqlite", "-o", str(target))[0] == 0
    _, text, _ = cli("export", str(paths.claims), "--format", "csv")
    rows = {r["claim_id"]: r for r in csv.DictReader(io.StringIO(text, newline=""))}
    types = dict(CLAIM_COLUMNS)
    db = sqlite3.connect(target)
    db.row_factory = sqlite3.Row
    try:
        for record in db.execute("SELECT * FROM claims"):
            row = rows[record["id"]]
            for key in record.keys():  # noqa: SIM118 - iterating a Row gives its values
                if key == "id":
                    continue
                value = record[key]
                shown = "" if value is None else str(value)
                if types[key] is bool and value is not None:
                    shown = "true" if value else "false"
                assert shown == row[key], key
    finally:
        db.close()


def test_csv_quote_starting_with_a_formula_character_stays_exact(dataset: Dataset) -> None:
    """A verbatim quote that begins with '-' is exported as is by default (0.1.0's guard
    rewrote it), and with an apostrophe only for spreadsheets."""
    quote = "- Assistant Secretary spoke."
    claim = attrs.evolve(dataset.claims[0], provenance=(Provenance("src", quote, 0, len(quote)),))
    one = Dataset(sources=dataset.sources, entities=dataset.entities, claims=(claim,))
    (row,) = csv.DictReader(io.StringIO(to_csv(one), newline=""))
    assert row["quote"] == quote
    (sheet,) = csv.DictReader(io.StringIO(to_csv(one, for_spreadsheet=True)[1:], newline=""))
    assert sheet["quote"] == "'" + quote
