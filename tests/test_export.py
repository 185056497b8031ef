"""Exports: JSON interchange, CSV exact or for spreadsheets, atomic --output."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _mini import MINI_SEEDS, MINI_YAML, DatasetPaths, cli, mutate
from carsi_claims import Claim, Dataset, Money, load
from carsi_claims._atomic import write_text
from carsi_claims.output.csv import CSV_COLUMNS, inert_cell, to_csv
from carsi_claims.output.interchange import SCHEMA_VERSION, ExportError, to_json

TmpDataset = Callable[..., DatasetPaths]


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_json_export_carries_schema_version_and_provenance() -> None:
    """The JSON export starts with schema_version, and every provenance entry has its keys."""
    data = json.loads(to_json(load()))
    assert next(iter(data)) == "schema_version"
    assert data["schema_version"] == SCHEMA_VERSION == 2
    for claim in data["claims"]:
        for entry in claim["provenance"]:
            assert set(entry) == {"source", "quote", "start", "end", "voice"}


def test_json_export_carries_the_schema_2_fields() -> None:
    """Voice, mentions, heading, derived, inferred qualifiers, precision, entity types and
    ISO codes, and source relations are in the JSON export (schema_version 2)."""
    data = json.loads(to_json(load()))
    claims = {c["id"]: c for c in data["claims"]}
    assert {"voice", "mentions", "heading", "derived"} <= set(claims["carsi.five-goals.count"])
    share = claims["central-america.cocaine-flow-share.up-to-95"]
    assert share["voice"] == "william-brownfield"
    assert share["value"]["precision"] == 1
    money = claims["carsi.assistance-committed.260m"]
    assert money["value"]["precision"] == 1_000_000
    assert money["qualifiers"]["inferred"] == [
        {
            "qualifier": "as_of",
            "basis": "dateline",
            "claim": "fs-2011-03-14-citizen-safety.published",
            "note": money["qualifiers"]["inferred"][0]["note"],
        }
    ]
    assert claims["carsi.assistance-programming.count"]["derived"] is True
    assert claims["carsi.five-goals.count"]["heading"] is True
    assert claims["barack-obama.regional-partner-1.mexico"]["mentions"] == ["mexico"]
    entities = {e["id"]: e for e in data["entities"]}
    assert (entities["mexico"]["type"], entities["mexico"]["iso3166"]) == ("country", "MX")
    assert entities["european-union"]["iso3166"] is None
    sources = {s["id"]: s for s in data["sources"]}
    [relation] = sources["news-separate-from-plan-merida-165m"]["relations"]
    assert (relation["kind"], relation["source"]) == ("version_of", "fs-2011-03-14-citizen-safety")


def test_csv_has_one_row_per_claim_and_provenance_entry() -> None:
    """The shipped dataset's CSV has the documented columns and a row per provenance entry."""
    dataset = load()
    text = to_csv(dataset)
    assert text.splitlines()[0].split(",") == list(CSV_COLUMNS)
    rows = _rows(text)
    assert len(rows) == sum(max(1, len(c.provenance)) for c in dataset.claims)
    first = dataset.claims[0]
    row = rows[0]
    assert row["claim_id"] == first.id
    assert row["quote"] == first.provenance[0].quote
    assert (row["start"], row["end"]) == (
        str(first.provenance[0].start),
        str(first.provenance[0].end),
    )


def test_csv_money_row(tmp_dataset: TmpDataset) -> None:
    """A money claim's row has its amount in digits and its flattened qualifiers."""
    rows = _rows(to_csv(load(tmp_dataset(MINI_YAML, MINI_SEEDS).claims)))
    row = next(r for r in rows if r["claim_id"] == "carsi.funding")
    assert row["value_amount"] == "260000000"
    assert row["value_currency"] == "USD"
    assert row["qualifier_fiscal_years"] == "2008-2010"
    assert row["qualifier_cumulative"] == "true"
    assert row["qualifier_as_of"] == "2011-03-14"
    assert row["quote"] == "$260 million"


def test_csv_formula_cells_are_inert_only_for_spreadsheets(tmp_dataset: TmpDataset) -> None:
    """By default a note starting with = is exact; --for-spreadsheet gives it an apostrophe.

    A negative amount stays the number -5 either way.
    """
    text = mutate("amount: 260000000", "amount: -5")
    text = mutate(
        "    property: funding\n", '    property: funding\n    note: "=HYPERLINK(1)"\n', text
    )
    dataset = load(tmp_dataset(text, MINI_SEEDS).claims)
    exact = next(r for r in _rows(to_csv(dataset)) if r["claim_id"] == "carsi.funding")
    assert exact["note"] == "=HYPERLINK(1)"
    assert exact["value_amount"] == "-5"
    sheet_text = to_csv(dataset, for_spreadsheet=True)
    assert sheet_text.startswith("\ufeffclaim_id,")
    sheet = next(r for r in _rows(sheet_text[1:]) if r["claim_id"] == "carsi.funding")
    assert sheet["note"] == "'=HYPERLINK(1)"
    assert sheet["value_amount"] == "-5"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-5", "-5"),
        ("-0.25", "-0.25"),
        ("12", "12"),
        ("plain", "plain"),
        ("-", "'-"),
    ],
)
def test_inert_cell(cell: str, expected: str) -> None:
    """Formula starts get an apostrophe; plain numbers, negative ones included, stay as they are."""
    assert inert_cell(cell) == expected


@given(st.text())
def test_inert_cell_never_leaves_a_formula(text: str) -> None:
    """No inert cell starts a formula, unless it is a plain number."""
    cell = inert_cell(text)
    if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
        float(cell)  # a plain number: raises otherwise


def _nan_dataset() -> Dataset:
    claim = load().claims[0]
    bad = attrs.evolve(claim, value=Money(Decimal("NaN")))
    assert isinstance(bad, Claim)
    return Dataset(claims=(bad,))


def test_nan_never_reaches_json_or_csv() -> None:
    """A NaN amount is refused by the JSON and CSV exports with ExportError."""
    with pytest.raises(ExportError, match=r"non-finite number NaN cannot be exported"):
        to_json(_nan_dataset())
    with pytest.raises(ExportError, match=r"non-finite number NaN cannot be exported"):
        to_csv(_nan_dataset())


@pytest.mark.parametrize("fmt", ["json", "csv", "jsonld", "jsonschema"])
def test_export_output_file_equals_stdout(tmp_path: Path, fmt: str) -> None:
    """export --output writes exactly what stdout would get, and leaves no temp file."""
    code, out, _ = cli("export", "--format", fmt)
    assert code == 0
    target = tmp_path / f"out.{fmt}"
    assert cli("export", "--format", fmt, "--output", str(target)) == (0, "", "")
    assert target.read_bytes() == out.encode("utf-8")
    assert os.listdir(tmp_path) == [target.name]


def test_export_output_to_a_missing_folder(tmp_path: Path) -> None:
    """Writing into a missing folder is exit 2 with a message naming the file, no traceback."""
    target = tmp_path / "nope" / "out.json"
    code, out, err = cli("export", "--output", str(target))
    assert (code, out) == (2, "")
    assert err == f"carsi-claims export: cannot write {target}: No such file or directory\n"


def test_atomic_write_keeps_the_old_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the final rename fails, the target keeps its old content and no temp file remains."""
    target = tmp_path / "f.txt"
    write_text(target, "old")

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space left on device"):
        write_text(target, "new")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["f.txt"]


def test_atomic_write_keeps_permissions(tmp_path: Path) -> None:
    """Replacing a file keeps its permission bits."""
    target = tmp_path / "f.txt"
    write_text(target, "old")
    target.chmod(0o640)
    write_text(target, "new")
    assert (target.stat().st_mode & 0o777, target.read_text()) == (0o640, "new")


def test_a_fraction_beyond_a_floats_range_is_refused_not_written_as_infinity() -> None:
    """A whole amount of any size is an exact JSON integer; a fraction is a float, and one
    past a float's range would become Infinity, which JSON cannot carry: ExportError."""
    claim = load().claims[0]
    whole = attrs.evolve(claim, value=Money(Decimal("9" * 400)))
    assert isinstance(whole, Claim)
    assert ("9" * 400) in to_json(Dataset(claims=(whole,)))
    huge = attrs.evolve(claim, value=Money(Decimal("9" * 400 + ".5")))
    assert isinstance(huge, Claim)
    beyond = r"^number 9+\.5 is beyond what JSON's numbers can carry$"
    with pytest.raises(ExportError, match=beyond):
        to_json(Dataset(claims=(huge,)))
