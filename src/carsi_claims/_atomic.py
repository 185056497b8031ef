"""Atomic file writes: a reader sees the old file or the new one, never half of one.

The bytes go to a temporary file in the *same folder* as the target (so that
the final rename stays on one file system), are flushed and fsynced, and the
temporary file is renamed over the target with :func:`os.replace`.  On any
failure the temporary file is removed and the target is left as it was.

Use it for every file the library or the command line writes::

    from carsi_claims._atomic import write_text
    write_text(path, text)
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

__all__ = ["write_bytes", "write_text"]


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


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temp file beside it, fsync, ``os.replace``).

    Raises :class:`OSError` when the folder does not exist or cannot be
    written; the target is then untouched and no temporary file is left.
    """
    target = Path(path)
    folder = target.parent
    fd, tmp = _create_temp(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):  # a new file keeps its umask mode
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


def write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically; line endings are written as given."""
    write_bytes(path, text.encode(encoding))
