"""Atomic writes: old file or new file, never half; permissions as a user expects."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from carsi_claims._atomic import UnwritableTarget, write_bytes, write_text


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    """A new file is created 0o666 less the process umask, and the umask is left as it was."""
    old = os.umask(0o027)
    try:
        write_text(tmp_path / "out.json", "{}\n")
        assert os.umask(0o027) == 0o027  # unchanged by the write
    finally:
        os.umask(old)
    assert _mode(tmp_path / "out.json") == 0o640
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == "{}\n"


def test_replacing_keeps_the_old_files_mode(tmp_path: Path) -> None:
    """Overwriting a file keeps its permission bits and replaces its content whole."""
    target = tmp_path / "claims.lock"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    write_bytes(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert _mode(target) == 0o600


def test_folder_target_leaves_target_and_no_temporary_file(tmp_path: Path) -> None:
    """A folder as the target is refused; it and its content are left as they were."""
    target = tmp_path / "out"
    target.mkdir()
    (target / "inside.txt").write_text("kept\n", encoding="utf-8")
    with pytest.raises(UnwritableTarget):
        write_text(target, "new\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert (target / "inside.txt").read_text(encoding="utf-8") == "kept\n"


def test_missing_folder_is_an_oserror(tmp_path: Path) -> None:
    """Writing into a folder that does not exist raises FileNotFoundError and creates nothing."""
    with pytest.raises(FileNotFoundError):
        write_text(tmp_path / "nope" / "out.txt", "x")
    assert list(tmp_path.iterdir()) == []
