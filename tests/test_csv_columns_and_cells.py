"""The CSV export's contract: its columns in order, and how each kind of cell is written."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from carsi_claims.dataset import Dataset
from carsi_claims.model import (
    Basis,
    Bound,
    Claim,
    ClaimKind,
    Count,
    FiscalYears,
    Inference,
    Money,
    PartialDate,
    Provenance,
    QualifierName,
    Qualifiers,
    Source,
    Statement,
    Status,
)
from carsi_claims.output.csv import CSV_COLUMNS, to_csv
from carsi_claims.output.flat import cells, columns, typed_columns
from carsi_claims.output.interchange import ExportError

#: The documented columns, in order (a spreadsheet or a script reads them by name or place).
COLUMNS = (
    "claim_id",
    "kind",
    "status",
    "superseded_by",
    "subject",
    "property",
    "value_amount",
    "value_currency",
    "value_bound",
    "value_tolerance",
    "value_precision",
    "value_value",
    "value_list",
    "value_date",
    "value_start",
    "value_end",
    "value_text",
    "value_speaker",
    "value_role",
    "value_ordinal",
    "qualifier_as_of",
    "qualifier_fiscal_years",
    "qualifier_cumulative",
    "qualifier_scope",
    "qualifier_inferred",
    "voice",
    "mentions",
    "heading",
    "derived",
    "provenance_index",
    "source",
    "source_title",
    "source_publisher",
    "source_published",
    "source_url",
    "quote",
    "start",
    "end",
    "reason",
    "note",
)

SOURCE = Source(
    "s1",
    "a.txt",
    "0" * 64,
    "A fact sheet",
    "fact_sheet",
    publisher="State",
    published=PartialDate(2011, 3),
    url="https://example.org/a",
)
BARE_SOURCE = Source("s2", "b.txt", "1" * 64, "Bare", "speech")


def _claim(**changes: object) -> Claim:
    fields: dict[str, object] = {
        "id": "c.one",
        "kind": ClaimKind.MONEY,
        "subject": "carsi",
        "property": "funding",
        "value": Money(Decimal("260000000")),
        "provenance": (Provenance("s1", "$260 million", 10, 22),),
    }
    fields.update(changes)
    return Claim(**fields)  # type: ignore[arg-type]


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_columns_are_the_documented_ones_in_order() -> None:
    """CSV_COLUMNS and the header line are exactly the documented columns."""
    assert CSV_COLUMNS == COLUMNS
    text = to_csv(Dataset())
    assert text == ",".join(COLUMNS) + "\r\n"


def test_a_money_claim_row_with_its_source() -> None:
    """Every cell of a money claim's row: value fields, flattened qualifiers, the source's
    title, publisher, date and address, the quote and its offsets; CRLF line ends."""
    claim = _claim(
        qualifiers=Qualifiers(
            as_of=PartialDate(2011, 3, 14),
            fiscal_years=FiscalYears(2008, 2010),
            cumulative=True,
            inferred=(Inference(QualifierName.AS_OF, Basis.DATELINE, claim="s1.published"),),
        ),
        value=Money(Decimal("1.5E+7"), bound=Bound.UP_TO, tolerance=Decimal("0.25")),
        mentions=("mexico", "méxico"),
        voice="obama",
        note="n",
    )
    text = to_csv(Dataset(sources=(SOURCE,), claims=(claim,)))
    assert text.count("\r\n") == 2
    (row,) = _rows(text)
    assert row == {
        "claim_id": "c.one",
        "kind": "money",
        "status": "active",
        "superseded_by": "",
        "subject": "carsi",
        "property": "funding",
        "value_amount": "15000000",
        "value_currency": "USD",
        "value_bound": "up_to",
        "value_tolerance": "0.25",
        "value_precision": "",
        "value_value": "",
        "value_list": "",
        "value_date": "",
        "value_start": "",
        "value_end": "",
        "value_text": "",
        "value_speaker": "",
        "value_role": "",
        "value_ordinal": "",
        "qualifier_as_of": "2011-03-14",
        "qualifier_fiscal_years": "2008-2010",
        "qualifier_cumulative": "true",
        "qualifier_scope": "",
        "qualifier_inferred": (
            '[{"qualifier": "as_of", "basis": "dateline", "claim": "s1.published", "note": null}]'
        ),
        "voice": "obama",
        "mentions": '["mexico", "méxico"]',
        "heading": "false",
        "derived": "false",
        "provenance_index": "1",
        "source": "s1",
        "source_title": "A fact sheet",
        "source_publisher": "State",
        "source_published": "2011-03",
        "source_url": "https://example.org/a",
        "quote": "$260 million",
        "start": "10",
        "end": "22",
        "reason": "",
        "note": "n",
    }


def test_one_row_per_provenance_entry_counted_from_one() -> None:
    """Each provenance entry has its row, numbered from 1, with its own source's columns
    (empty for what the source does not state, and for a source that does not exist)."""
    claim = _claim(
        provenance=(
            Provenance("s1", "a", 0, 1),
            Provenance("s2", "b", 1, 2),
            Provenance("gone", "c", 2, 3),
        )
    )
    rows = _rows(to_csv(Dataset(sources=(SOURCE, BARE_SOURCE), claims=(claim,))))
    picked = [
        (r["provenance_index"], r["source"], r["source_title"], r["source_publisher"], r["quote"])
        for r in rows
    ]
    assert picked == [
        ("1", "s1", "A fact sheet", "State", "a"),
        ("2", "s2", "Bare", "", "b"),
        ("3", "gone", "", "", "c"),
    ]
    assert [r["source_published"] for r in rows] == ["2011-03", "", ""]
    assert [r["source_url"] for r in rows] == ["https://example.org/a", "", ""]


def test_a_claim_without_provenance_still_has_a_row() -> None:
    """A retracted claim with no provenance: one row, its provenance columns empty."""
    claim = _claim(
        provenance=(),
        status=Status.RETRACTED,
        reason="wrong",
        value=Statement("said"),
        kind=ClaimKind.STATEMENT,
        heading=True,
    )
    (row,) = _rows(to_csv(Dataset(sources=(SOURCE,), claims=(claim,))))
    assert (row["status"], row["reason"], row["value_text"], row["heading"]) == (
        "retracted",
        "wrong",
        "said",
        "true",
    )
    for column in ("provenance_index", "source", "source_title", "quote", "start", "end"):
        assert row[column] == ""
    assert row["value_amount"] == ""


def test_a_count_and_its_list() -> None:
    """A count's value, list and precision fill the shared value columns."""
    claim = _claim(
        kind=ClaimKind.COUNT, value=Count(5, list="goals", precision=1, bound=Bound.EXACT)
    )
    (row,) = _rows(to_csv(Dataset(sources=(SOURCE,), claims=(claim,))))
    assert (row["value_value"], row["value_list"], row["value_precision"]) == ("5", "goals", "1")
    assert (row["value_bound"], row["value_amount"]) == ("exact", "")


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity"])
def test_a_non_finite_tolerance_is_refused(bad: str) -> None:
    """Any non-finite number, not only an amount, is refused with ExportError."""
    claim = _claim(value=Money(Decimal("5"), tolerance=Decimal(bad)))
    with pytest.raises(ExportError, match=f"^non-finite number {bad} cannot be exported$"):
        to_csv(Dataset(claims=(claim,)))


def test_for_spreadsheet_neutralises_text_cells_only() -> None:
    """--for-spreadsheet: a byte-order mark, then text cells starting a formula get an
    apostrophe (quote, note, subject), numbers and their digits stay as they are."""
    claim = _claim(
        value=Money(Decimal("-5")),
        subject="=cmd",
        note="@SUM(A1)",
        provenance=(Provenance("s1", "-$5 lost", 3, 11),),
    )
    text = to_csv(Dataset(sources=(SOURCE,), claims=(claim,)), for_spreadsheet=True)
    assert text.startswith("\ufeffclaim_id,kind,")
    (row,) = _rows(text[1:])
    assert (row["subject"], row["note"], row["quote"]) == ("'=cmd", "'@SUM(A1)", "'-$5 lost")
    assert (row["value_amount"], row["start"], row["claim_id"]) == ("-5", "3", "c.one")
    exact = _rows(to_csv(Dataset(sources=(SOURCE,), claims=(claim,))))[0]
    assert (exact["subject"], exact["quote"]) == ("=cmd", "-$5 lost")


# -- flattening (shared with the SQLite export) ----------------------------------------------


def test_columns_flatten_records_and_keep_dates_and_spans_whole() -> None:
    """A record field is flattened with its name as prefix; a date or span is one column;
    skipped fields are left out."""
    assert columns(Qualifiers, "q_") == [
        "q_as_of",
        "q_fiscal_years",
        "q_cumulative",
        "q_scope",
        "q_inferred",
    ]
    assert columns(Provenance, skip=frozenset({"quote", "voice"})) == ["source", "start", "end"]
    names = columns(Claim, skip=frozenset({"value", "provenance"}))
    assert names[:4] == ["id", "kind", "subject", "property"]
    assert "qualifiers_as_of" in names
    assert "qualifiers" not in names


def test_typed_columns_give_each_cell_type() -> None:
    """Each column's cell type: int, bool, Decimal, or str for the rest (dates, enums, lists)."""
    assert typed_columns(Money, "v_") == [
        ("v_amount", Decimal),
        ("v_currency", str),
        ("v_bound", str),
        ("v_tolerance", Decimal),
        ("v_precision", Decimal),
    ]
    assert typed_columns(Count) == [
        ("value", int),
        ("bound", str),
        ("tolerance", int),
        ("list", str),
        ("precision", int),
    ]
    typed = dict(typed_columns(Claim, "c_", skip=frozenset({"value", "provenance"})))
    assert typed["c_qualifiers_cumulative"] is bool
    assert typed["c_qualifiers_as_of"] is str
    assert typed["c_heading"] is bool
    assert "c_value" not in typed


def test_cells_keep_their_types() -> None:
    """Cells stay typed: Decimal, int, bool, None; enums their word; dates their ISO text;
    a span 2008-2010; a tuple its JSON text; a missing sub-record empty cells."""
    claim = _claim(
        qualifiers=Qualifiers(fiscal_years=FiscalYears(2009, 2009), as_of=PartialDate(2010)),
        mentions=("a",),
    )
    got = cells(claim, "c_", skip=frozenset({"provenance", "value"}))
    assert cells(claim.value, "v_") == {
        "v_amount": Decimal("260000000"),
        "v_currency": "USD",
        "v_bound": "exact",
        "v_tolerance": None,
        "v_precision": None,
    }
    assert cells(Count(3), skip=frozenset({"list"}))["value"] == 3
    assert got["c_qualifiers_fiscal_years"] == "2009-2009"
    assert got["c_qualifiers_as_of"] == "2010"
    assert got["c_qualifiers_cumulative"] is None
    assert got["c_qualifiers_inferred"] == "[]"
    assert got["c_mentions"] == '["a"]'
    assert got["c_heading"] is False
    assert "c_provenance" not in got
    assert "c_value" not in got
    assert cells(SOURCE)["published"] == "2011-03"
    assert cells(BARE_SOURCE, "s_")["s_published"] is None
