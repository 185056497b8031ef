"""Safe file reads: only regular files, never more than a set number of bytes.

Every file the project reads (a claims file, ``claims.lock``, a source in
``seeds/``, a file ``check-refs`` finds) goes through :func:`read_regular`.
It opens without blocking (a FIFO with no writer does not hang the open),
looks at what it opened, and refuses anything but a regular file (a FIFO, a
character device such as ``/dev/zero``, a socket, a folder) before reading a
byte; a file larger than the limit is refused from its size, so a read never
hangs and never runs out of memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final

__all__ = ["MAX_BYTES", "NotRegularFile", "TooLarge", "file_kind", "read_regular", "reason"]

#: The largest file read, in bytes (the shipped claims file is about 0.1 MiB).
MAX_BYTES: Final = 64 * 1024 * 1024

_FLAGS: Final = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class NotRegularFile(OSError):
    """The path names a FIFO, a device, a socket or a folder, not a regular file."""


class TooLarge(OSError):
    """The file is larger than the limit; ``size`` and ``limit`` in bytes."""

    def __init__(self, message: str, size: int, limit: int) -> None:
        super().__init__(message)
        self.size = size
        self.limit = limit


def file_kind(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words: ``a FIFO``, ``a character device``..."""
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB" if n >= 1024 * 1024 else f"{n} bytes"


def read_regular(path: str | os.PathLike[str], limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file at ``path`` (links followed), at most ``limit`` of them.

    Raises :class:`NotRegularFile` for anything but a regular file,
    :class:`TooLarge` past ``limit``, and :class:`OSError` as ``open`` does
    (``FileNotFoundError``, ``PermissionError``...).  Each message is a
    reason to show after the path: ``it is a FIFO (named pipe), not a regular
    file``.
    """
    target = Path(path)
    try:
        fd = os.open(target, _FLAGS)
    except OSError as exc:  # a socket cannot be opened at all, a folder not on every system
        try:
            mode = os.stat(target).st_mode
        except OSError:
            raise exc from None
        if stat.S_ISREG(mode):
            raise
        raise NotRegularFile(f"it is {file_kind(mode)}, not a regular file") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(f"it is {file_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise TooLarge(
                f"it is {_size(info.st_size)}, larger than the limit of {_size(limit)}",
                info.st_size,
                limit,
            )
        chunks: list[bytes] = []
        total = 0
        while True:  # the size may have changed since fstat: read to the end, within limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge(
                    f"it grew past the limit of {_size(limit)} while being read", total, limit
                )
        return b"".join(chunks)
    finally:
        os.close(fd)


def reason(exc: OSError) -> str:
    """Why a read failed, in words to show after the path."""
    return exc.strerror or str(exc) or type(exc).__name__
