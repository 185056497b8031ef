"""check-refs pinned where mutation testing found it loose: places, quoting, walks, skips."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pytest

from _mini import MINI_SEEDS
from carsi_claims import load
from carsi_claims.citing.refs import Reference, check_refs, find_references
from carsi_claims.dataset import Dataset
from carsi_claims.findings import Finding, Location
from conftest import TmpDataset
from test_cite import RETRACTED_YAML

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs: POSIX")


def _ds(tmp_dataset: TmpDataset, claims: str = RETRACTED_YAML) -> Dataset:
    return load(tmp_dataset(claims, MINI_SEEDS).claims)


def _found(findings: Iterable[Finding]) -> list[tuple[str, str, str, Location | None, str | None]]:
    return [(f.code, f.severity.value, f.message, f.location, f.claim) for f in findings]


def test_a_line_break_opening_the_text_is_counted() -> None:
    """A reference after a text's very first character, a line break, is on line 2."""
    assert list(find_references("\ncarsi:a")) == [Reference("a", 2, 1)]
    assert list(find_references("\n\n carsi:a carsi:b")) == [
        Reference("a", 3, 2),
        Reference("b", 3, 10),
    ]


def test_a_malformed_reference_is_quoted_up_to_its_last_letter() -> None:
    """Only trailing separators are dropped from what a malformed reference quotes; its
    letters (an ``X`` as any other) stay."""
    assert list(find_references("carsi:FIX")) == [Reference("carsi:FIX", 1, 1, malformed=True)]
    assert list(find_references("a carsi:Five-X.")) == [
        Reference("carsi:Five-X", 1, 3, malformed=True)
    ]


def test_a_binary_file_is_noted_at_its_start(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """A file with a NUL byte is skipped: refs.binary, info, at 1:1, with its fixed message."""
    blob = tmp_path / "blob.bin"
    blob.write_bytes(b"carsi:carsi.nope\x00")
    report = check_refs([blob], _ds(tmp_dataset))
    assert _found(report.findings) == [
        (
            "refs.binary",
            "info",
            "skipped: a binary file (it holds NUL bytes), not text",
            Location(str(blob), 1, 1),
            None,
        )
    ]
    assert (report.files, report.references, report.ok) == (1, 0, True)


def test_a_retracted_claim_without_a_reason_says_none_was_given(
    tmp_dataset: TmpDataset, tmp_path: Path
) -> None:
    """Citing a retracted claim that records no reason: the message says so."""
    claims = RETRACTED_YAML.replace("    reason: counted twice\n", "")
    assert claims != RETRACTED_YAML
    doc = tmp_path / "doc.md"
    doc.write_text("carsi:carsi.goals-old\n", encoding="utf-8")
    report = check_refs([doc], _ds(tmp_dataset, claims))
    assert _found(report.findings) == [
        (
            "refs.retracted",
            "error",
            "retracted (no reason given); cite its successor carsi:carsi.goals instead",
            Location(str(doc), 1, 1),
            "carsi.goals-old",
        )
    ]


@posix_only
def test_a_fifo_found_by_the_walk_is_skipped_and_the_walk_goes_on(
    tmp_dataset: TmpDataset, tmp_path: Path
) -> None:
    """A FIFO in a folder is refs.skipped (info, at 1:1), not unreadable; the files after it
    are still read."""
    docs = tmp_path / "docs"
    docs.mkdir()
    os.mkfifo(docs / "a.pipe")
    (docs / "b.md").write_text("carsi:carsi.nope\n", encoding="utf-8")
    report = check_refs([docs], _ds(tmp_dataset))
    assert _found(report.findings) == [
        (
            "refs.skipped",
            "info",
            "skipped: it is a FIFO (named pipe), not a regular file",
            Location(str(docs / "a.pipe"), 1, 1),
            None,
        ),
        (
            "refs.unknown",
            "error",
            "no such claim in the dataset; did you mean carsi:carsi.date?",
            Location(str(docs / "b.md"), 1, 1),
            "carsi.nope",
        ),
    ]
    assert (report.files, report.references, report.unreadable) == (1, 1, ())


def test_a_named_dangling_link_is_unreadable_and_the_next_path_is_read(
    tmp_dataset: TmpDataset, tmp_path: Path
) -> None:
    """A link to nothing, named: refs.unreadable at its line 1 with the system's reason (it
    exists as a link); the path named after it is still checked."""
    link = tmp_path / "gone.md"
    link.symlink_to(tmp_path / "nowhere.md")
    doc = tmp_path / "doc.md"
    doc.write_text("carsi:carsi.nope\n", encoding="utf-8")
    report = check_refs([link, doc], _ds(tmp_dataset))
    unreadable = (
        "refs.unreadable",
        "error",
        "cannot read it: No such file or directory",
        Location(str(link), 1, 1),
        None,
    )
    assert _found(report.findings) == [
        (
            "refs.unknown",
            "error",
            "no such claim in the dataset; did you mean carsi:carsi.date?",
            Location(str(doc), 1, 1),
            "carsi.nope",
        ),
        unreadable,
    ]
    assert _found(report.unreadable) == [unreadable]
    assert (report.files, report.references, report.ok) == (1, 1, False)


@pytest.mark.parametrize(
    ("errno", "strerror", "reason"),
    [(13, "Permission denied", "Permission denied"), (None, None, "OSError")],
)
def test_a_folder_the_walk_cannot_open_is_unreadable(
    tmp_dataset: TmpDataset,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errno: int | None,
    strerror: str | None,
    reason: str,
) -> None:
    """A subfolder that cannot be listed is refs.unreadable at its line 1, with the system's
    reason (or, with none, the error's type); the rest of the walk is read."""
    docs = tmp_path / "docs"
    (docs / "locked").mkdir(parents=True)
    (docs / "locked" / "x.md").write_text("carsi:carsi.nope\n", encoding="utf-8")
    (docs / "z.md").write_text("carsi:carsi.goals\n", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path).name == "locked":
            raise OSError(errno, strerror, str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = check_refs([docs], _ds(tmp_dataset))
    expected = [
        (
            "refs.unreadable",
            "error",
            f"cannot read it: {reason}",
            Location(str(docs / "locked"), 1, 1),
            None,
        )
    ]
    assert _found(report.findings) == expected
    assert _found(report.unreadable) == expected
    assert (report.files, report.references) == (1, 1)
