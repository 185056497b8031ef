"""Access to the pinned source documents, confined to the seeds folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

import attrs

from carsi_claims._paths import display_path
from carsi_claims._reading import file_kind, read_regular, reason
from carsi_claims._records import Record
from carsi_claims._sha256 import sha256_hex
from carsi_claims.findings import Finding, Severity

__all__ = ["SeedError", "SeedText", "Seeds", "seeds_folder_finding"]


class SeedError(ValueError):
    """A source path that is unsafe or unreadable; ``code`` names the finding."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@attrs.frozen(repr=False, eq=False)
class SeedText(Record):
    """The bytes of one source file, its sha256 and its decoded text."""

    data: bytes
    sha256: str
    text: str


@attrs.define
class Seeds:
    """The seeds folder.  Paths may not leave it, by ``..``, absolute paths or links."""

    root: Path
    _cache: dict[str, SeedText] = attrs.field(factory=dict, init=False, repr=False)

    def resolve(self, relative: str) -> Path:
        """The file a source path names; SeedError when it is unsafe or missing."""
        pure = PurePosixPath(relative)
        if not relative or relative != relative.strip() or "\\" in relative or "\x00" in relative:
            raise SeedError(
                "provenance.path", f"source path {relative!r} is not a plain relative path"
            )
        if pure.is_absolute() or any(part in ("..", "") for part in relative.split("/")):
            raise SeedError(
                "provenance.path-escapes",
                f"source path {relative!r} must stay inside the seeds folder "
                "(no absolute path, no '..')",
            )
        root = self.root.resolve()
        target = (self.root / relative).resolve()
        if not target.is_relative_to(root):
            raise SeedError(
                "provenance.path-escapes",
                f"source path {relative!r} leads outside the seeds folder {str(self.root)!r} "
                "through a link",
            )
        if target.exists() and not target.is_file():
            raise SeedError(
                "provenance.unreadable",
                f"cannot read source file {relative!r}: "
                f"it is {file_kind(target.stat().st_mode)}, not a regular file",
            )
        if not target.is_file():
            raise SeedError(
                "provenance.missing-file",
                f"source file {relative!r} not found in the seeds folder {str(self.root)!r}",
            )
        return target

    def read(self, relative: str) -> SeedText:
        """Read, hash and decode a source file (cached); SeedError when it cannot be."""
        cached = self._cache.get(relative)
        if cached is not None:
            return cached
        path = self.resolve(relative)
        try:
            data = read_regular(path)
        except OSError as exc:
            raise SeedError(
                "provenance.unreadable", f"cannot read source file {relative!r}: {reason(exc)}"
            ) from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SeedError(
                "provenance.not-utf8",
                f"source file {relative!r} is not UTF-8 (byte {exc.start}: {exc.reason})",
            ) from None
        seed = SeedText(data, sha256_hex(data), text)
        self._cache[relative] = seed
        return seed


def seeds_folder_finding(root: Path) -> Finding | None:
    """``seeds.unreadable`` when the seeds folder is missing, not a folder or unreadable.

    One finding naming the folder, instead of one per source that cannot be
    found in it; the command line exits 2 on it (the input cannot be read).
    """
    shown = display_path(root)
    hint = "; give the folder of the source documents with --seeds DIR"
    try:
        mode = os.stat(root).st_mode
        if not stat.S_ISDIR(mode):
            why = f"is {file_kind(mode)}, not a folder"
        else:
            os.listdir(root)
            return None
    except FileNotFoundError:
        why = "does not exist"
    except OSError as exc:
        why = f"cannot be read: {reason(exc)}"
    return Finding("seeds.unreadable", Severity.ERROR, f"the seeds folder {shown} {why}{hint}")
