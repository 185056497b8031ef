"""Reads: only regular files, never more than the limit; no hang, no MemoryError.

Whatever the project reads (a claims file, ``claims.lock``, a source, a file
``check-refs`` finds) may be a FIFO with no writer, a link to ``/dev/zero`` or
a huge file.  The tests that could hang on 0.1.0 run the command line in a
child process with a timeout, so a hang fails the test instead of stalling
the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from _mini import MINI_SEEDS, MINI_YAML, cli
from carsi_claims._reading import MAX_BYTES, NotRegularFile, TooLarge, read_regular
from conftest import TmpDataset

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and devices: POSIX")


def _cli_child(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``carsi-claims ARGV`` in a child process; a hang fails after 120 s instead of forever."""
    return subprocess.run(
        [sys.executable, "-m", "carsi_claims.cli", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _sparse(path: Path, size: int) -> None:
    """A file of ``size`` bytes that takes no room on disk (a hole)."""
    with open(path, "wb") as handle:
        handle.truncate(size)


# -- the reader itself ------------------------------------------------------------


@posix_only
def test_fifo_is_refused_before_any_read(tmp_path: Path) -> None:
    """A FIFO with no writer is refused at once (the open does not wait for a writer)."""
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(NotRegularFile) as info:
        read_regular(tmp_path / "pipe")
    assert str(info.value) == "it is a FIFO (named pipe), not a regular file"


@posix_only
def test_link_to_dev_zero_is_refused(tmp_path: Path) -> None:
    """A link to /dev/zero is a character device: refused, no endless read."""
    (tmp_path / "zero").symlink_to("/dev/zero")
    with pytest.raises(NotRegularFile) as info:
        read_regular(tmp_path / "zero")
    assert str(info.value) == "it is a character device, not a regular file"


def test_file_over_the_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    """A file past the limit is refused from its size, with both sizes in the message."""
    _sparse(tmp_path / "big", MAX_BYTES + 1)
    with pytest.raises(TooLarge) as info:
        read_regular(tmp_path / "big")
    assert str(info.value) == "it is 64.0 MiB, larger than the limit of 64.0 MiB"
    assert (info.value.size, info.value.limit) == (MAX_BYTES + 1, MAX_BYTES)


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    """Exactly ``limit`` bytes is still read, whole."""
    (tmp_path / "f").write_bytes(b"x" * 10)
    assert read_regular(tmp_path / "f", limit=10) == b"x" * 10
    with pytest.raises(TooLarge):
        read_regular(tmp_path / "f", limit=9)


# -- the claims file, the lock, the sources ------------------------------------------


@posix_only
def test_claims_file_that_is_a_fifo_exits_2(tmp_path: Path) -> None:
    """``validate PIPE`` refuses the FIFO with exit 2 and says what it is."""
    os.mkfifo(tmp_path / "claims.yaml")
    done = _cli_child("validate", "claims.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        "error[file.unreadable]: cannot read claims.yaml: it is a FIFO (named pipe), not a "
        "regular file\n"
        "carsi-claims validate: the claims file cannot be read\n"
    )


def test_claims_file_over_the_limit_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A claims file past the size limit is refused with exit 2, not read into memory."""
    monkeypatch.chdir(tmp_path)
    _sparse(tmp_path / "claims.yaml", MAX_BYTES + 5)
    code, out, err = cli("validate", "claims.yaml")
    assert code == 2
    assert out == ""
    assert err == (
        "error[file.unreadable]: cannot read claims.yaml: it is 64.0 MiB, larger than the "
        "limit of 64.0 MiB\n"
        "carsi-claims validate: the claims file cannot be read\n"
    )


@posix_only
def test_lock_that_is_a_fifo_is_a_finding_not_a_hang(tmp_dataset: TmpDataset) -> None:
    """``validate`` with ``claims.lock`` a FIFO: one ``lock.unreadable`` error, exit 1."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    os.mkfifo(paths.claims.with_name("claims.lock"))
    done = _cli_child("validate", "data/claims.yaml", "--format", "json", cwd=paths.root)
    assert done.returncode == 1
    findings = json.loads(done.stdout)["findings"]
    assert [(f["code"], f["message"]) for f in findings] == [
        (
            "lock.unreadable",
            "cannot read data/claims.lock: it is a FIFO (named pipe), not a regular file",
        )
    ]


@posix_only
def test_source_that_is_a_fifo_is_a_finding(tmp_dataset: TmpDataset) -> None:
    """A source file that is a FIFO: ``provenance.unreadable``, no hang."""
    paths = tmp_dataset(MINI_YAML, {})
    os.mkfifo(paths.seeds / "a.txt")
    done = _cli_child("validate", "data/claims.yaml", "--format", "json", cwd=paths.root)
    assert done.returncode == 1
    codes = {(f["severity"], f["code"], f["message"]) for f in json.loads(done.stdout)["findings"]}
    assert codes == {
        (
            "error",
            "provenance.unreadable",
            "cannot read source file 'a.txt': it is a FIFO (named pipe), not a regular file",
        ),
        (
            "info",
            "provenance.unverified",
            "cannot verify the quote: source 'src-a' (a.txt) cannot be read (a consequence of "
            "the error reported at the source)",
        ),
    }


# -- check-refs: named paths are refused, what a walk finds is skipped with a note ------------


@posix_only
def test_walk_skips_a_fifo_and_a_link_to_dev_zero(tmp_path: Path) -> None:
    """``check-refs DIR`` with a FIFO and a /dev/zero link in DIR: both noted, exit 0."""
    docs = tmp_path / "docs"
    docs.mkdir()
    os.mkfifo(docs / "pipe")
    (docs / "zero").symlink_to("/dev/zero")
    (docs / "note.md").write_text("see carsi:carsi.five-goals.count.\n", encoding="utf-8")
    done = _cli_child("check-refs", "docs", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    findings = json.loads(done.stdout)["findings"]
    assert [(f["code"], f["severity"], f["location"]["file"], f["message"]) for f in findings] == [
        (
            "refs.skipped",
            "info",
            "docs/pipe",
            "skipped: it is a FIFO (named pipe), not a regular file",
        ),
        (
            "refs.skipped",
            "info",
            "docs/zero",
            "skipped: it is a character device, not a regular file",
        ),
    ]


def test_walk_skips_a_file_over_the_limit_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A huge file found by the walk is skipped with a warning; named, it is an error (exit 2)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    _sparse(tmp_path / "docs" / "big.txt", MAX_BYTES + 1)
    code, out, _ = cli("check-refs", "docs")
    assert code == 0
    assert out.splitlines()[0] == (
        "docs/big.txt:1:1: warning[refs.skipped]: skipped: it is 64.0 MiB, larger than the "
        "limit of 64.0 MiB"
    )
    code, out, _ = cli("check-refs", "docs/big.txt")
    assert code == 2
    assert out.splitlines()[0] == (
        "docs/big.txt:1:1: error[refs.unreadable]: cannot read it: it is 64.0 MiB, larger "
        "than the limit of 64.0 MiB"
    )


@posix_only
def test_named_fifo_is_refused_exit_2(tmp_path: Path) -> None:
    """``check-refs PIPE`` names the FIFO and exits 2, without waiting for a writer."""
    os.mkfifo(tmp_path / "pipe")
    done = _cli_child("check-refs", "pipe", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout.splitlines()[0] == (
        "pipe:1:1: error[refs.unreadable]: cannot read it: it is a FIFO (named pipe), "
        "not a regular file"
    )
