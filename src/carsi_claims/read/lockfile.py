"""Reading the lock file, ``claims.lock``: every claim id ever published.

The format is described in :mod:`carsi_claims.citing.lock`, which writes it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

import attrs

from carsi_claims._paths import display_path
from carsi_claims.findings import Finding, Location, Severity, decode_error_location
from carsi_claims.model import is_valid_id

__all__ = ["LOCK_NAME", "Lock", "LockedId", "lock_path", "read_lock"]

#: The file name of the lock, beside the claims file.
LOCK_NAME: Final = "claims.lock"


@attrs.frozen
class LockedId:
    """One id of the lock and the line (1-based) it stands on."""

    id: str
    line: int


@attrs.frozen
class Lock:
    """The ids of a lock file, in file order, and the problems of reading it."""

    file: str
    ids: tuple[LockedId, ...] = ()
    problems: tuple[Finding, ...] = ()

    @property
    def id_set(self) -> frozenset[str]:
        return frozenset(entry.id for entry in self.ids)


def lock_path(claims_file: str | os.PathLike[str] | None) -> Path | None:
    """``claims.lock`` beside a claims file; None for a dataset not read from a file."""
    if claims_file is None:
        return None
    return Path(claims_file).with_name(LOCK_NAME)


def read_lock(path: str | os.PathLike[str]) -> Lock | None:
    """The lock at ``path``; None when there is no such file.

    Lines that are not a well-formed id, duplicate ids, and a file that
    cannot be read or decoded are reported in ``Lock.problems``.
    """
    target = Path(path)
    shown = display_path(target)
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        problem = Finding("lock.unreadable", Severity.ERROR, f"cannot read {shown}: {reason}")
        return Lock(shown, problems=(problem,))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problem = Finding(
            "lock.unreadable",
            Severity.ERROR,
            f"{shown} is not UTF-8 (byte {exc.start}, {data[exc.start]:#04x}: {exc.reason})",
            location=decode_error_location(data, exc, shown),
        )
        return Lock(shown, problems=(problem,))
    ids: list[LockedId] = []
    problems: list[Finding] = []
    first: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        column = raw.index(entry) + 1
        where = Location(shown, number, column)
        if not is_valid_id(entry):
            problems.append(
                Finding(
                    "lock.malformed",
                    Severity.ERROR,
                    f"expected one claim id per line (lowercase ASCII letters and digits joined "
                    f"by '-', '.' or '_'), found {entry!r}; comments start with '#'",
                    location=where,
                )
            )
            continue
        if entry in first:
            problems.append(
                Finding(
                    "lock.duplicate",
                    Severity.WARNING,
                    f"claim id {entry!r} is listed twice (first on line {first[entry]})",
                    location=where,
                )
            )
            continue
        first[entry] = number
        ids.append(LockedId(entry, number))
    return Lock(shown, tuple(ids), tuple(problems))
