"""Safe file writes: a regular file is replaced atomically, a pipe or device is streamed to.

What a write does depends on what the target is (symbolic links are followed
first, so a link keeps pointing at the file, which gets the new content):

- a regular file, or nothing yet: the bytes go to a temporary file in the
  *same folder* (so the final rename stays on one file system), are flushed
  and fsynced, and the temporary file is renamed over the target with
  :func:`os.replace`.  A reader sees the old file or the new one, never half.
- a FIFO or a character device (``/dev/stdout``, ``/dev/null``, a terminal),
  or ``-`` (standard output): the bytes are written to it directly; the node
  itself is never replaced.
- anything else (a folder, a block device, a socket): refused with
  :class:`UnwritableTarget` (an :class:`OSError`), nothing written.

No temporary file survives a failure, ``KeyboardInterrupt`` (SIGINT), SIGTERM
or SIGHUP: while a temporary file exists, a SIGTERM or SIGHUP whose handler
is the default one (which would kill the process on the spot) is turned into
an exception, the temporary file is removed, and the signal is then raised
again with its default handler, so the process still ends as it was told to.
(Signal handlers can be set only from the main thread; in other threads a
write still cleans up after exceptions, not after these two signals.)

A read-modify-write of a shared file (``claims.lock``) runs inside
:func:`exclusive`, an advisory lock that serialises the processes that take it.

Use it for every file the library or the command line writes::

    from carsi_claims._atomic import write_text
    write_text(path, text)
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Final

from carsi_claims._reading import file_kind

__all__ = ["UnwritableTarget", "exclusive", "write_bytes", "write_text"]

#: The path that means standard output.
STDOUT: Final = "-"

# Signals whose default action kills the process without running any cleanup.
_FATAL: Final = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
_BLOCKABLE: Final = hasattr(signal, "pthread_sigmask")


class UnwritableTarget(OSError):
    """A write target that is neither a regular file nor a FIFO or character device."""


class _Signalled(BaseException):
    """A fatal signal arrived during a write; raised to run the cleanup."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _create_temp(target: Path) -> tuple[int, Path]:
    """Create a new, empty temporary file beside ``target``; its descriptor and path.

    It is created with mode 0o666, so the kernel applies the umask, as for any
    new file (reading the umask would mean changing it, which races with threads).
    """
    for _ in range(100):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable, where the platform allows it (not on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


@contextlib.contextmanager
def _blocked() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP held back (delivered on exit), where the platform can."""
    if not _BLOCKABLE:
        yield
        return
    held = {signal.SIGINT, *_FATAL}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextlib.contextmanager
def _fatal_signals_raise() -> Iterator[None]:
    """Within the block, a default-handled SIGTERM or SIGHUP raises :class:`_Signalled`.

    On the way out the handlers are restored and a signal that arrived is
    raised again, so the process ends by it, after the cleanup has run.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise _Signalled(signum)

    replaced: dict[int, object] = {}
    try:
        for signum in _FATAL:  # inside the try: a signal right after this is handled too
            if signal.getsignal(signum) is signal.SIG_DFL:
                replaced[signum] = signal.signal(signum, handler)
        yield
    except _Signalled as exc:
        for signum, old in replaced.items():
            signal.signal(signum, old)  # type: ignore[arg-type]
        replaced.clear()
        os.kill(os.getpid(), exc.signum)  # default handler: the process ends here
        raise  # pragma: no cover - only if the signal did not end the process
    finally:
        for signum, old in replaced.items():
            signal.signal(signum, old)  # type: ignore[arg-type]


def _replace(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target`` and rename it over ``target``."""
    with _fatal_signals_raise():
        fd: int | None = None
        tmp: Path | None = None
        try:
            with _blocked():  # no signal between creating the file and knowing its name
                fd, tmp = _create_temp(target)
            _write_all(fd, data)
            os.fsync(fd)
            os.close(fd)
            fd = None
            with contextlib.suppress(FileNotFoundError):  # a new file keeps its umask mode
                os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
            with _blocked():  # renamed and forgotten together
                os.replace(tmp, target)
                tmp = None
        finally:
            if fd is not None:
                os.close(fd)
            if tmp is not None:
                with contextlib.suppress(OSError):
                    tmp.unlink()
    _fsync_dir(target.parent)


def _stream(path: Path, data: bytes) -> None:
    """Write ``data`` into an existing FIFO or character device (never replacing it)."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)  # a FIFO waits here for its reader
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):  # changed since it was looked at
            raise UnwritableTarget(
                f"{path} changed while it was being opened: refusing to write to it"
            )
        _write_all(fd, data)
    finally:
        os.close(fd)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path``: atomically for a file, streamed to a FIFO or device.

    ``-`` means standard output.  Raises :class:`UnwritableTarget` for a
    folder, a block device or a socket, and :class:`OSError` when the folder
    does not exist or cannot be written; the target is then untouched and no
    temporary file is left.
    """
    if os.fspath(path) == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    given = Path(path)
    target = Path(os.path.realpath(given)) if given.is_symlink() else given
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is None or stat.S_ISREG(mode):
        _replace(target, data)
    elif stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        _stream(target, data)
    else:
        raise UnwritableTarget(
            f"{given} is {file_kind(mode)}: refusing to replace it; give the path of a file"
        )


def write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` (see :func:`write_bytes`); line endings are written as given."""
    write_bytes(path, text.encode(encoding))


@contextlib.contextmanager
def exclusive(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold an advisory lock for ``path`` (read, change, write it) against other processes.

    The lock is taken on the *folder* that holds ``path`` (``flock`` on the
    folder's descriptor): the file itself is replaced by a rename on every
    write, so a lock on it would lock an old copy, and a lock file beside it
    would be left behind.  A second process taking it waits until the first
    one is done.  Where ``flock`` is missing (Windows) it does nothing.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(Path(path).parent, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
