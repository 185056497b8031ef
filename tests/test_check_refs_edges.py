"""check-refs at its edges: places over many lines, the longest id, the binary sniff, a BOM."""

from __future__ import annotations

from pathlib import Path

from _mini import MINI_SEEDS, where
from carsi_claims import load
from carsi_claims.citing.refs import Reference, check_refs, find_references
from carsi_claims.dataset import Dataset
from carsi_claims.findings import Location
from conftest import TmpDataset
from test_cite import RETRACTED_YAML


def test_places_over_many_lines_and_several_on_a_line() -> None:
    """Each reference's line and column, counted from the last line break before it."""
    text = "carsi:a\n\n  carsi:b carsi:c\nx\ny carsi:d\r\ncarsi:e"
    assert list(find_references(text)) == [
        Reference(name, *where(text, f"carsi:{name}")) for name in "abcde"
    ]
    assert [(r.line, r.column) for r in find_references(text)] == [
        (1, 1),
        (3, 3),
        (3, 11),
        (5, 3),
        (6, 1),
    ]


def test_an_id_of_80_characters_is_read_and_one_of_81_is_malformed() -> None:
    """The longest id is 80 characters; a longer one is a malformed reference, shown whole."""
    longest, longer = "a" * 80, "a" * 81
    assert list(find_references(f"carsi:{longest}")) == [Reference(longest, 1, 1)]
    assert list(find_references(f"carsi:{longer}")) == [
        Reference(f"carsi:{longer}", 1, 1, malformed=True)
    ]


def test_a_malformed_reference_is_shown_without_trailing_separators() -> None:
    """What is quoted of a malformed reference stops at the first character that cannot be in
    an id, and drops the separators it ends with."""
    [ref] = find_references("see carsi:Five-_. then")
    assert ref == Reference("carsi:Five", 1, 5, malformed=True)
    [ref] = find_references("carsi:Ünïcode-x")
    assert ref == Reference("carsi:Ünïcode-x", 1, 1, malformed=True)


def _ds(tmp_dataset: TmpDataset) -> Dataset:
    return load(tmp_dataset(RETRACTED_YAML, MINI_SEEDS).claims)


def test_a_nul_byte_past_the_first_8192_bytes_is_read_as_text(
    tmp_dataset: TmpDataset, tmp_path: Path
) -> None:
    """Only the first 8192 bytes are sniffed for NUL: a later NUL is text, references counted;
    a NUL at byte 8191 makes the file binary."""
    ds = _ds(tmp_dataset)
    late = tmp_path / "late.txt"
    late.write_bytes(b"x" * 8192 + b"\x00 carsi:carsi.nope\n")
    report = check_refs([late], ds)
    assert [(f.code, f.location) for f in report.findings] == [
        ("refs.unknown", Location(str(late), 1, 8195))
    ]
    assert (report.files, report.references) == (1, 1)
    early = tmp_path / "early.txt"
    early.write_bytes(b"x" * 8191 + b"\x00 carsi:carsi.nope\n")
    report = check_refs([early], ds)
    assert [(f.code, f.severity.value) for f in report.findings] == [("refs.binary", "info")]
    assert (report.files, report.references) == (1, 0)
    assert report.ok


def test_a_byte_order_mark_is_no_column(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """The UTF-8 byte-order mark is dropped: a reference opening the file is at column 1."""
    doc = tmp_path / "bom.md"
    doc.write_bytes(b"\xef\xbb\xbfcarsi:carsi.nope\n")
    report = check_refs([doc], _ds(tmp_dataset))
    assert [(f.code, f.claim, f.location) for f in report.findings] == [
        ("refs.unknown", "carsi.nope", Location(str(doc), 1, 1))
    ]


def test_the_report_counts_files_and_references(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """Every file read and every reference found is counted, good or bad; a folder's hidden
    subfolders are skipped, its files read in name order."""
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / ".hidden").mkdir()
    (tmp_path / "docs" / ".hidden" / "a.md").write_text("carsi:carsi.nope\n", encoding="utf-8")
    (tmp_path / "docs" / "b.md").write_text("carsi:carsi.goals carsi:x.y\n", encoding="utf-8")
    (tmp_path / "docs" / "a.md").write_text("carsi:carsi.nope\n", encoding="utf-8")
    (tmp_path / "docs" / "sub" / "c.md").write_text("carsi:carsi.goals-old\n", encoding="utf-8")
    report = check_refs([tmp_path / "docs"], _ds(tmp_dataset))
    assert (report.files, report.references) == (3, 4)
    assert [(f.code, Path(f.location.file).name) for f in report.findings if f.location] == [
        ("refs.unknown", "a.md"),
        ("refs.unknown", "b.md"),
        ("refs.retracted", "c.md"),
    ]
    assert not report.ok
    assert report.unreadable == ()
