"""_reading: what each kind of file is called, sizes in messages, reads that outgrow the limit.

The words of ``file_kind`` and ``_size`` reach users in every "cannot read"
message (claims file, lock, sources, written targets); ``reason`` picks the
words shown after a path; ``read_regular`` must stop at its limit even when a
file is longer than its size says.
"""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from carsi_claims._reading import NotRegularFile, TooLarge, file_kind, read_regular, reason


@pytest.mark.parametrize(
    ("mode", "kind"),
    [
        (stat.S_IFREG | 0o644, "a regular file"),
        (stat.S_IFDIR | 0o755, "a folder"),
        (stat.S_IFIFO | 0o600, "a FIFO (named pipe)"),
        (stat.S_IFCHR | 0o666, "a character device"),
        (stat.S_IFBLK | 0o660, "a block device"),
        (stat.S_IFSOCK | 0o777, "a socket"),
        (stat.S_IFLNK | 0o777, "not a regular file"),
        (0, "not a regular file"),
    ],
)
def test_file_kind_in_words(mode: int, kind: str) -> None:
    """Each kind of file system node has its name in messages."""
    assert file_kind(mode) == kind


def test_a_socket_is_refused_saying_so(tmp_path: Path) -> None:
    """A Unix socket cannot even be opened: it is refused as a socket, not as a missing file."""
    path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(NotRegularFile) as info:
            read_regular(path)
    finally:
        server.close()
    assert str(info.value) == "it is a socket, not a regular file"
    assert isinstance(info.value, OSError)


def test_a_folder_is_refused_saying_so(tmp_path: Path) -> None:
    """A folder is refused before any read, as a folder."""
    with pytest.raises(NotRegularFile) as info:
        read_regular(tmp_path)
    assert str(info.value) == "it is a folder, not a regular file"


def test_a_missing_file_raises_file_not_found(tmp_path: Path) -> None:
    """Nothing at the path: FileNotFoundError as open raises it."""
    with pytest.raises(FileNotFoundError) as info:
        read_regular(tmp_path / "missing")
    assert info.value.filename == str(tmp_path / "missing")


def test_a_regular_file_that_cannot_be_opened_raises_the_open_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A regular file the open refuses (permissions): the open's own error, not NotRegularFile."""
    target = tmp_path / "f"
    target.write_text("x")

    def refuse(path: object, flags: int, mode: int = 0o777) -> int:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(PermissionError) as info:
        read_regular(target)
    assert type(info.value) is PermissionError
    assert reason(info.value) == "Permission denied"


@pytest.mark.parametrize(
    ("limit", "shown"),
    [
        (1024 * 1024 - 1, "1048575 bytes"),
        (1024 * 1024, "1.0 MiB"),
        (1024 * 1024 + 1024 * 1024 // 4, "1.2 MiB"),
        (0, "0 bytes"),
    ],
)
def test_sizes_in_bytes_below_a_mebibyte_and_in_mebibytes_from_one(
    tmp_path: Path, limit: int, shown: str
) -> None:
    """The limit is named in bytes below 1 MiB, in MiB with one decimal from 1 MiB."""
    big = tmp_path / "big"
    with big.open("wb") as handle:
        handle.truncate(limit + 1)
    with pytest.raises(TooLarge) as info:
        read_regular(big, limit=limit)
    assert str(info.value).endswith(f", larger than the limit of {shown}")
    assert (info.value.size, info.value.limit) == (limit + 1, limit)


def test_a_file_longer_than_its_size_is_stopped_at_the_limit() -> None:
    """A file whose size says 0 but that reads on (/proc) is cut at limit + 1 and refused."""
    status = Path("/proc/self/status")
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("needs /proc")
    with pytest.raises(TooLarge) as info:
        read_regular(status, limit=10)
    assert str(info.value) == "it grew past the limit of 10 bytes while being read"
    assert (info.value.size, info.value.limit) == (11, 10)


def test_a_file_longer_than_its_size_is_read_whole_within_the_limit() -> None:
    """Such a file is read to its end when it fits the limit."""
    status = Path("/proc/self/status")
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("needs /proc")
    data = read_regular(status)
    assert data.startswith(b"Name:\t")
    assert data.endswith(b"\n")


def test_a_file_larger_than_one_read_is_read_whole(tmp_path: Path) -> None:
    """A file of several MiB (several reads) comes back whole and in order."""
    data = bytes(range(256)) * (3 * 4096 + 7)
    (tmp_path / "f").write_bytes(data)
    assert read_regular(tmp_path / "f") == data
    assert read_regular(tmp_path / "f", limit=len(data)) == data


def test_an_empty_file_is_empty_bytes(tmp_path: Path) -> None:
    """An empty regular file reads as b""."""
    (tmp_path / "f").write_bytes(b"")
    assert read_regular(tmp_path / "f") == b""


@pytest.mark.parametrize(
    ("exc", "words"),
    [
        (OSError(2, "No such file or directory"), "No such file or directory"),
        (
            NotRegularFile("it is a folder, not a regular file"),
            "it is a folder, not a regular file",
        ),
        (OSError(), "OSError"),
        (PermissionError(), "PermissionError"),
    ],
)
def test_reason_gives_the_system_words_then_the_message_then_the_type(
    exc: OSError, words: str
) -> None:
    """The strerror when there is one, else the message, else the exception's type."""
    assert reason(exc) == words


def _size_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``fstat`` say 0 bytes, as for a file that grows after it is looked at."""
    real = os.fstat

    def fstat(fd: int) -> os.stat_result:
        found = real(fd)
        return os.stat_result((*found[:6], 0, *found[7:10]))

    monkeypatch.setattr(os, "fstat", fstat)


def test_a_file_that_grew_past_the_limit_over_several_reads_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bytes of every read count: a file that grew to 3 MiB is stopped at 2 MiB + 6."""
    (tmp_path / "f").write_bytes(b"x" * (3 * 1024 * 1024))
    _size_unknown(monkeypatch)
    limit = 2 * 1024 * 1024 + 5
    with pytest.raises(TooLarge) as info:
        read_regular(tmp_path / "f", limit=limit)
    assert (info.value.size, info.value.limit) == (limit + 1, limit)
    assert str(info.value) == "it grew past the limit of 2.0 MiB while being read"


def test_a_file_that_grew_up_to_the_limit_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = bytes(range(256)) * (9 * 1024 + 1)
    (tmp_path / "f").write_bytes(data)
    _size_unknown(monkeypatch)
    assert read_regular(tmp_path / "f", limit=len(data)) == data
    with pytest.raises(TooLarge) as info:
        read_regular(tmp_path / "f", limit=len(data) - 1)
    assert (info.value.size, info.value.limit) == (len(data), len(data) - 1)


def test_a_file_past_the_default_limit_names_both_sizes_in_mebibytes(tmp_path: Path) -> None:
    """The default limit is 64 MiB, and a file just past it is named as 64.0 MiB too."""
    big = tmp_path / "big"
    with big.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024 + 1)
    with pytest.raises(TooLarge) as info:
        read_regular(big)
    assert str(info.value) == "it is 64.0 MiB, larger than the limit of 64.0 MiB"
    assert (info.value.size, info.value.limit) == (64 * 1024 * 1024 + 1, 64 * 1024 * 1024)
