"""Atomic writes, step by step: the temporary file's name and place, what a failure leaves,
which signals are held back when, where the write may run from, and the folder lock."""

from __future__ import annotations

import errno
import os
import re
import secrets
import signal
import stat
import threading
from pathlib import Path
from typing import Any

import pytest

from carsi_claims._atomic import UnwritableTarget, exclusive, write_bytes, write_text

posix_only = pytest.mark.skipif(os.name != "posix", reason="signal masks and flock: POSIX")


def test_a_new_file_under_umask_0_is_readable_and_writable_by_all(tmp_path: Path) -> None:
    """The temporary file is created 0o666: with no umask the new file is rw-rw-rw-."""
    old = os.umask(0)
    try:
        write_text(tmp_path / "out.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.txt").stat().st_mode) == 0o666


def test_the_temporary_file_is_hidden_beside_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the bytes are written, the only new file is ``.NAME.<12 hex digits>.tmp`` in the
    target's folder, holding the new content; the target keeps the old until the rename."""
    target = tmp_path / "out.json"
    target.write_text("old\n", encoding="utf-8")
    seen: list[tuple[list[str], str]] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if not seen:
            seen.append(
                (sorted(p.name for p in tmp_path.iterdir()), target.read_text(encoding="utf-8"))
            )
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_text(target, "new\n")
    [(names, during)] = seen
    assert during == "old\n"
    assert len(names) == 2
    assert names[1] == "out.json"
    assert re.fullmatch(r"\.out\.json\.[0-9a-f]{12}\.tmp", names[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
    assert target.read_text(encoding="utf-8") == "new\n"


def test_a_taken_temporary_name_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A temporary name that exists already (another writer's) is left alone; another is tried."""
    names = iter(["aaaaaaaaaaaa", "bbbbbbbbbbbb"])
    monkeypatch.setattr(secrets, "token_hex", lambda n: next(names))
    taken = tmp_path / ".out.txt.aaaaaaaaaaaa.tmp"
    taken.write_text("someone else's\n", encoding="utf-8")
    write_text(tmp_path / "out.txt", "mine\n")
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "mine\n"
    assert taken.read_text(encoding="utf-8") == "someone else's\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [taken.name, "out.txt"]


def test_when_every_temporary_name_is_taken_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(secrets, "token_hex", lambda n: "cccccccccccc")
    taken = tmp_path / ".out.txt.cccccccccccc.tmp"
    taken.write_text("someone else's\n", encoding="utf-8")
    with pytest.raises(FileExistsError) as info:
        write_text(tmp_path / "out.txt", "mine\n")
    assert str(info.value) == f"no free temporary name beside {tmp_path / 'out.txt'}"
    assert sorted(p.name for p in tmp_path.iterdir()) == [taken.name]
    assert taken.read_text(encoding="utf-8") == "someone else's\n"


def _open_fds() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("failing", ["write", "fsync"])
def test_a_failed_write_keeps_the_old_file_and_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """A write or fsync that fails (disk full): the error is raised, the target keeps its old
    content, the temporary file is removed and its descriptor closed."""
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")

    def full(*args: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    before = _open_fds()
    monkeypatch.setattr(os, failing, full)
    with pytest.raises(OSError, match="No space left on device") as info:
        write_text(target, "new\n")
    monkeypatch.undo()
    assert info.value.errno == errno.ENOSPC
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    assert _open_fds() == before


def test_the_folder_is_synced_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is fsynced before the rename, its folder after (the rename made durable)."""
    target = tmp_path / "out.txt"
    synced: list[tuple[bool, str]] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        folder = stat.S_ISDIR(os.fstat(fd).st_mode)
        synced.append((folder, target.read_text(encoding="utf-8") if target.exists() else ""))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_text(target, "new\n")
    assert synced == [(False, ""), (True, "new\n")]


def test_a_folder_that_refuses_fsync_does_not_fail_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some file systems refuse to fsync a folder (EINVAL): the file is written all the same."""
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_text(tmp_path / "out.txt", "new\n")
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "new\n"


def test_a_temporary_file_that_cannot_be_removed_does_not_hide_the_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the write fails and the temporary file cannot be removed either, the write's own
    error is the one raised."""

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    def refuse(self: Path, missing_ok: bool = False) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(os, "fsync", full)
    monkeypatch.setattr(Path, "unlink", refuse)
    with pytest.raises(OSError, match="No space left on device") as info:
        write_text(tmp_path / "out.txt", "new\n")
    assert info.value.errno == errno.ENOSPC


def test_a_write_from_another_thread(tmp_path: Path) -> None:
    """Signal handlers can be set only in the main thread: another thread writes all the same."""
    errors: list[BaseException] = []

    def work() -> None:
        try:
            write_text(tmp_path / "out.txt", "from a thread\n")
        except BaseException as exc:  # reported below
            errors.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=60)
    assert errors == []
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "from a thread\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_dash_writes_the_bytes_to_standard_output_after_what_was_printed(
    capfdbinary: pytest.CaptureFixture[bytes],
) -> None:
    print("text first, ", end="")
    write_bytes("-", b"then the bytes\n")
    assert capfdbinary.readouterr().out == b"text first, then the bytes\n"
    assert not Path("-").exists()


@posix_only
def test_signals_are_held_back_while_the_temporary_file_is_made_and_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGINT, SIGTERM and SIGHUP are blocked around the creation and the rename (so no
    temporary file is left unnamed or renamed and not forgotten), not while the bytes are
    written; the process's mask is as it was afterwards."""
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    masks: list[tuple[str, set[int]]] = []

    def now() -> set[int]:
        return set(signal.pthread_sigmask(signal.SIG_BLOCK, [])) & held

    real_open, real_write, real_replace = os.open, os.write, os.replace

    def open_(path: Any, flags: int, mode: int = 0o777) -> int:
        masks.append(("open", now()))
        return real_open(path, flags, mode)

    def write(fd: int, data: Any) -> int:
        masks.append(("write", now()))
        return real_write(fd, data)

    def replace(src: Any, dst: Any) -> None:
        masks.append(("replace", now()))
        real_replace(src, dst)

    before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(os, "replace", replace)
    write_text(tmp_path / "out.txt", "new\n")
    monkeypatch.undo()
    assert masks == [("open", held), ("write", set()), ("replace", held), ("open", set())]
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == before


@posix_only
def test_default_fatal_handlers_are_replaced_only_during_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """During a write, a SIGTERM or SIGHUP left at its default gets a handler (to clean up
    first); a handler the program set is left in place; all are as they were afterwards."""

    def mine(signum: int, frame: object) -> None:
        raise AssertionError("not sent")

    old_term = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    old_hup = signal.signal(signal.SIGHUP, mine)
    try:
        during: list[tuple[object, object]] = []
        real_fsync = os.fsync

        def fsync(fd: int) -> None:
            during.append((signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)))
            real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync)
        write_text(tmp_path / "out.txt", "new\n")
        monkeypatch.undo()
        [(term, hup), _] = during
        assert callable(term)
        assert term is not mine
        assert hup is mine
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
        assert signal.getsignal(signal.SIGHUP) is mine
    finally:
        signal.signal(signal.SIGTERM, old_term)
        signal.signal(signal.SIGHUP, old_hup)


@pytest.mark.skipif(os.name != "posix", reason="flock: POSIX")
def test_exclusive_holds_a_lock_on_the_folder_until_the_end(tmp_path: Path) -> None:
    """Inside ``exclusive(path)`` another taker of the folder's lock must wait; after, not."""
    import fcntl

    def try_lock() -> bool:
        fd = os.open(tmp_path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        else:
            return True
        finally:
            os.close(fd)

    with exclusive(tmp_path / "claims.lock"):
        assert not try_lock()
        write_text(tmp_path / "claims.lock", "locked\n")
    assert try_lock()
    assert (tmp_path / "claims.lock").read_text(encoding="utf-8") == "locked\n"


def _opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Record every ``os.open``: the path and the flags asked for."""
    opened: list[tuple[str, int]] = []
    real_open = os.open

    def spy(path: Any, flags: int, mode: int = 0o777) -> int:
        opened.append((os.fspath(path), flags))
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", spy)
    return opened


@posix_only
def test_a_device_is_opened_write_only_never_as_controlling_terminal_nor_inherited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A device or FIFO is opened with O_WRONLY | O_NOCTTY | O_CLOEXEC: a terminal written to
    must not become the process's controlling terminal (its hang-ups and keyboard signals
    would then reach the process) and the descriptor must not leak into child processes.
    On Linux a write-only open never takes a terminal and Python marks descriptors
    non-inheritable itself, so only the flags asked for show it: other systems differ."""
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    opened = _opened(monkeypatch)
    write_text(link, "discarded\n")
    monkeypatch.undo()
    assert opened == [("/dev/null", os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)]


@pytest.mark.skipif(os.name != "posix", reason="flock: POSIX")
def test_the_folder_lock_is_opened_read_only_and_not_inherited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lock's descriptor is not inherited by child processes (a child would hold the
    lock after the parent released it)."""
    opened = _opened(monkeypatch)
    with exclusive(tmp_path / "claims.lock"):
        pass
    monkeypatch.undo()
    assert opened == [(str(tmp_path), os.O_RDONLY | os.O_CLOEXEC)]


@posix_only
def test_a_device_replaced_by_a_file_while_being_opened_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A target that was a device when looked at but is a regular file once opened (it was
    swapped in between) is refused, nothing written to it."""
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    real_fstat = os.fstat

    def swapped(fd: int) -> os.stat_result:
        found = real_fstat(fd)
        return os.stat_result((stat.S_IFREG | 0o644, *found[1:10]))

    monkeypatch.setattr(os, "fstat", swapped)
    with pytest.raises(UnwritableTarget) as info:
        write_text(link, "x")
    monkeypatch.undo()
    assert str(info.value) == (
        "/dev/null changed while it was being opened: refusing to write to it"
    )


def test_short_writes_are_continued_until_every_byte_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``os.write`` may write fewer bytes than given (a pipe, a signal, a quota): the rest
    is written by the next calls, in order, each starting where the last one stopped."""
    data = bytes(range(256)) * 4
    calls: list[int] = []
    real_write = os.write

    def short(fd: int, chunk: Any) -> int:
        calls.append(len(chunk))
        if len(calls) > len(data):  # the same bytes offered again and again: stop
            raise AssertionError("the write does not advance")
        return real_write(fd, bytes(chunk[:100]))

    monkeypatch.setattr(os, "write", short)
    write_bytes(tmp_path / "out.bin", data)
    monkeypatch.undo()
    assert (tmp_path / "out.bin").read_bytes() == data
    assert calls == [len(data) - 100 * n for n in range(11)]


@posix_only
def test_a_sigterm_during_a_write_cleans_up_then_ends_the_process_by_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-process view of what the child-process tests see from outside: a SIGTERM while the
    bytes are written removes the temporary file, puts the default handler back and sends
    the process the same signal again (here ``os.kill`` only records it)."""
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    killed: list[tuple[int, int]] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        signal.raise_signal(signal.SIGTERM)
        real_fsync(fd)

    def kill(pid: int, signum: int) -> None:
        killed.append((pid, signum))

    old = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "kill", kill)
        with pytest.raises(BaseException) as info:  # noqa: PT011 - the private _Signalled
            write_text(target, "new\n")
        monkeypatch.undo()
        assert type(info.value).__name__ == "_Signalled"
        assert killed == [(os.getpid(), signal.SIGTERM)]
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
        assert target.read_text(encoding="utf-8") == "old\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    finally:
        signal.signal(signal.SIGTERM, old)
