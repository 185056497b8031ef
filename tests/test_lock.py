"""Tests for the lock file: published claim ids never disappear from the dataset."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from _mini import MINI_SEEDS, MINI_YAML, cli, mutate, report_of, where
from carsi_claims import load, validate
from carsi_claims.analysis.meaning import fingerprints
from carsi_claims.citing.lock import HEADER, LockedId, read_lock, render_lock
from carsi_claims.dataset import default_paths
from conftest import TmpDataset

DATE_CLAIM = MINI_YAML[MINI_YAML.index("  - id: carsi.date\n") :]
CLAIMS_PART = MINI_YAML[MINI_YAML.index("claims:\n") :]
MINI_IDS = sorted(line.split("id: ")[1] for line in CLAIMS_PART.splitlines() if "  - id: " in line)


def _line_of(lock_file: Path, claim_id: str) -> int:
    """The 1-based line of ``claim_id``'s entry in a format-2 lock."""
    lines = lock_file.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(f"claim {claim_id} "))


def _locked(tmp_dataset: TmpDataset, claims: str = MINI_YAML) -> Path:
    """Write the mini dataset, lock it, and return the lock file's path."""
    paths = tmp_dataset(claims, MINI_SEEDS)
    code, _, err = cli("lock", str(paths.claims))
    assert (code, err) == (0, "")
    return paths.claims.with_name("claims.lock")


def test_shipped_lock_lists_every_shipped_id() -> None:
    """data/claims.lock exists, is in canonical form, and holds every shipped claim id and
    every correction of the claims file."""
    claims_file, _ = default_paths()
    lock_file = claims_file.with_name("claims.lock")
    text = lock_file.read_text(encoding="utf-8")
    dataset = load()
    ids = {c.id for c in dataset}
    lock = read_lock(lock_file)
    assert lock is not None
    entries = [LockedId(i, 0, fp, form) for i, (fp, form) in fingerprints(dataset).items()]
    assert text == render_lock(entries, lock.corrections)
    assert lock.problems == ()
    assert lock.id_set == ids
    recorded = {(c.id, c.old, c.new) for c in lock.corrections}
    assert recorded == {(c.claim, c.old, c.new) for c in dataset.corrections}


def test_lock_creates_a_sorted_file_with_a_header(tmp_dataset: TmpDataset) -> None:
    """The first ``lock`` writes the header, then every id with its meaning, sorted, one a line."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    code, out, err = cli("lock", str(paths.claims))
    lock_file = paths.claims.with_name("claims.lock")
    assert (code, err) == (0, "")
    assert out.startswith(f"{lock_file.as_posix()}: added 6 claim id(s), 6 locked\n")
    meanings = fingerprints(load(paths.claims))
    assert lock_file.read_text(encoding="utf-8") == HEADER + "".join(
        f"claim {i} {meanings[i][0]} {meanings[i][1]}\n" for i in MINI_IDS
    )
    assert HEADER.endswith("\ncarsi-claims-lock 2\n")


def test_lock_adds_new_ids_and_is_then_up_to_date(tmp_dataset: TmpDataset) -> None:
    """A new claim's id is added; a second run changes nothing and says so."""
    lock_file = _locked(tmp_dataset)
    extra = DATE_CLAIM.replace("id: carsi.date", "id: carsi.date-again")
    paths = tmp_dataset(MINI_YAML + extra, MINI_SEEDS)
    code, out, _ = cli("lock", str(paths.claims))
    assert code == 0
    assert out == f"{lock_file.as_posix()}: added 1 claim id(s), 7 locked\n  + carsi.date-again\n"
    assert "\nclaim carsi.date-again m1:" in lock_file.read_text(encoding="utf-8")
    assert cli("lock", str(paths.claims))[1] == (
        f"{lock_file.as_posix()}: up to date, 7 claim id(s) locked\n"
    )


def test_deleting_a_locked_id_fails_validate(tmp_dataset: TmpDataset) -> None:
    """A locked id missing from the dataset is an error at its line of the lock file."""
    lock_file = _locked(tmp_dataset)
    paths = tmp_dataset(MINI_YAML.replace(DATE_CLAIM, ""), MINI_SEEDS)
    line = _line_of(lock_file, "carsi.date")
    found = [f for f in report_of(paths) if f[0] == "id.lock-missing"]
    assert found == [
        (
            "id.lock-missing",
            line,
            1,
            "carsi.date",
            f"claim id 'carsi.date' is locked in {lock_file} (line {line}) but missing from the "
            "dataset: a published id never disappears; restore the claim, and to withdraw it set "
            "status: retracted with a reason (and superseded_by); did you mean 'carsi.share'?",
        )
    ]
    code, out, _ = cli("validate", str(paths.claims))
    assert code == 1
    assert f"{lock_file}:{line}:1: error[id.lock-missing]: claim carsi.date: " in out


def test_lock_refuses_to_drop_an_id(tmp_dataset: TmpDataset) -> None:
    """``lock`` exits 1 naming the missing id and its line, and leaves the lock unchanged."""
    lock_file = _locked(tmp_dataset)
    before = lock_file.read_bytes()
    paths = tmp_dataset(MINI_YAML.replace(DATE_CLAIM, ""), MINI_SEEDS)
    line = _line_of(lock_file, "carsi.date")
    code, out, err = cli("lock", str(paths.claims))
    assert (code, out) == (1, "")
    assert err.startswith(
        f"{lock_file}:{line}:1: error[id.lock-missing]: claim carsi.date: claim id 'carsi.date' "
        f"is locked in {lock_file} (line {line}) but missing from the dataset: a published id "
        "never disappears; restore the claim, and to withdraw it set status: retracted with a "
        "reason (and superseded_by); did you mean 'carsi.share'?\n"
        "carsi-claims lock: refusing to drop 1 locked claim id(s): a published id never "
        "disappears;"
    )
    assert lock_file.read_bytes() == before


def test_a_retracted_locked_id_is_fine(tmp_dataset: TmpDataset) -> None:
    """Retracting a locked claim (kept in the file) satisfies the lock."""
    _locked(tmp_dataset)
    retracted = mutate(
        "    property: statement-date\n",
        "    property: statement-date\n    status: retracted\n    reason: a duplicate\n",
    )
    paths = tmp_dataset(retracted, MINI_SEEDS)
    assert [f for f in report_of(paths) if f[0].startswith(("id.", "lock."))] == []


def test_malformed_and_duplicate_lock_lines_are_reported(tmp_dataset: TmpDataset) -> None:
    """A line that is not an entry is an error, a repeated id a warning, each at its line."""
    lock_file = _locked(tmp_dataset)
    text = lock_file.read_text(encoding="utf-8")
    goals = text.splitlines()[_line_of(lock_file, "carsi.goals") - 1]
    text += f"  Carsi.Date  \n{goals}\n"
    lock_file.write_text(text, encoding="utf-8")
    n = text.count("\n")
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    found = [f[:3] for f in report_of(paths) if f[0].startswith("lock.")]
    assert found == [("lock.malformed", n - 1, 3), ("lock.duplicate", n, 1)]


def test_a_lock_that_is_not_utf8_is_reported(tmp_dataset: TmpDataset) -> None:
    """Undecodable bytes in the lock are an error at their line and column, not a crash."""
    lock_file = _locked(tmp_dataset)
    lock_file.write_bytes(b"# header\ncarsi.goals\nab\xffc\n")
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    found = [f[:3] for f in report_of(paths) if f[0].startswith("lock.")]
    assert found == [("lock.unreadable", 3, 3)]


def test_no_lock_file_means_nothing_published(tmp_dataset: TmpDataset) -> None:
    """Without a lock beside the claims file the lock check is silent."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    assert validate(load(paths.claims)).ok


def test_lock_write_is_atomic(tmp_dataset: TmpDataset, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the final rename fails the old lock stays whole and no temporary file is left."""
    lock_file = _locked(tmp_dataset)
    before = lock_file.read_bytes()
    paths = tmp_dataset(MINI_YAML + DATE_CLAIM.replace("id: carsi.date", "id: carsi.x"), MINI_SEEDS)

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    code, out, err = cli("lock", str(paths.claims))
    monkeypatch.undo()
    assert (code, out) == (2, "")
    assert err == f"carsi-claims lock: cannot write {lock_file}: No space left on device\n"
    assert lock_file.read_bytes() == before
    assert sorted(p.name for p in lock_file.parent.iterdir()) == ["claims.lock", "claims.yaml"]


def test_a_lock_that_is_not_utf8_is_placed_by_code_points(tmp_dataset: TmpDataset) -> None:
    """The bad byte's column counts code points, and the message gives the byte's value."""
    lock_file = _locked(tmp_dataset)
    lock_file.write_bytes(b"# header\n\xc3\xa9\xc3\xa9\xff\n")
    lock = read_lock(lock_file)
    assert lock is not None
    [problem] = lock.problems
    assert problem.location is not None
    assert (problem.code, problem.location.line, problem.location.column) == (
        "lock.unreadable",
        2,
        3,
    )
    assert problem.message == f"{lock.file} is not UTF-8 (byte 13, 0xff: invalid start byte)"


def test_a_lock_that_cannot_be_written_is_named(
    tmp_dataset: TmpDataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed write exits 2 with a message naming the lock file."""
    import carsi_claims._atomic

    def refuse(path: object, text: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(carsi_claims._atomic, "write_text", refuse)
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    lock_file = paths.claims.with_name("claims.lock")
    assert cli("lock", str(paths.claims)) == (
        2,
        "",
        f"carsi-claims lock: cannot write {lock_file}: Permission denied\n",
    )


def test_lock_refuses_a_malformed_claim_id(tmp_dataset: TmpDataset) -> None:
    """``lock`` reports a malformed claim id as the id check does, and writes nothing."""
    claims = MINI_YAML + DATE_CLAIM.replace("id: carsi.date", "id: Carsi.Bad")
    paths = tmp_dataset(claims, MINI_SEEDS)
    code, out, err = cli("lock", str(paths.claims))
    line, column = where(claims, "Carsi.Bad")
    assert (code, out) == (1, "")
    assert err.startswith(
        f"{paths.claims}:{line}:{column}: error[id.malformed]: claim Carsi.Bad: claim id "
        "'Carsi.Bad' is not well formed: expected lowercase ASCII letters and digits joined by "
        "'-', '.' or '_', at most 80 characters\n"
    )
    assert not paths.claims.with_name("claims.lock").exists()
