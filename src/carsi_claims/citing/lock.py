"""The lock file: every claim id ever published, so that none silently disappears.

The lock is ``claims.lock`` beside the claims file (``data/claims.lock`` for
the shipped dataset).  Its format is line-oriented, to diff and review well:

- lines that start with ``#`` are comments, blank lines are ignored;
- every other line is one claim id (the grammar of
  :data:`carsi_claims.checks.ids.ID_PATTERN`), with no other text;
- :func:`write_lock` writes the ids sorted, one per line, after a fixed
  header comment, so adding ids shows as added lines only.

An id in the lock must stay in the dataset: a claim that is withdrawn is
kept with ``status: retracted`` (and ``reason``, and ``superseded_by`` when
another claim replaces it), never deleted.  ``carsi-claims lock`` adds the
dataset's new ids and refuses to drop any.  A claims file with no lock file
beside it has published nothing yet: the lock check is then silent.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Final

import attrs

from carsi_claims._paths import display_path
from carsi_claims.checks.base import Context
from carsi_claims.checks.ids import check_ids
from carsi_claims.dataset import Dataset
from carsi_claims.findings import Finding, Severity
from carsi_claims.model import is_valid_id
from carsi_claims.read.lockfile import LOCK_NAME, Lock, LockedId, lock_path, read_lock

__all__ = [
    "LOCK_NAME",
    "Lock",
    "LockUpdate",
    "LockedId",
    "lock_path",
    "read_lock",
    "render_lock",
    "update_lock",
    "write_lock",
]

HEADER: Final = """\
# carsi-claims lock file: every published claim id, one per line, sorted.
# A claim id listed here must stay in the claims file beside it; to withdraw a
# claim, keep it with `status: retracted`, a `reason` and, where one exists,
# `superseded_by`. Add new ids with `carsi-claims lock`; never delete a line.
"""


def render_lock(ids: Iterable[str]) -> str:
    """The text of a lock file: the header, then the ids sorted, one per line."""
    return HEADER + "".join(f"{i}\n" for i in sorted(set(ids)))


def write_lock(path: str | os.PathLike[str], ids: Iterable[str]) -> None:
    """Write a lock file atomically (temp file beside it, then ``os.replace``)."""
    from carsi_claims._atomic import write_text

    write_text(path, render_lock(ids))


@attrs.frozen
class LockUpdate:
    """What :func:`update_lock` found: the ids it added, or why it refused."""

    path: Path
    added: tuple[str, ...] = ()
    missing: tuple[LockedId, ...] = ()
    problems: tuple[Finding, ...] = ()
    total: int = 0

    @property
    def ok(self) -> bool:
        return not self.missing and not any(p.severity is Severity.ERROR for p in self.problems)


def update_lock(dataset: Dataset) -> LockUpdate:
    """Add the dataset's new claim ids to its lock, refusing to drop any locked id.

    Writes nothing when a locked id is missing from the dataset, when the
    lock cannot be read, or when a claim id is malformed; the returned
    :class:`LockUpdate` says why.  Writes nothing either when no id is new.
    """
    path = lock_path(dataset.file)
    if path is None:
        raise ValueError("the dataset was not read from a file: there is no lock beside it")
    lock = read_lock(path) or Lock(display_path(path))
    problems = list(lock.problems)
    present = dataset.claims_by_id
    missing = tuple(entry for entry in lock.ids if entry.id not in present)
    problems += (
        f
        for f in check_ids(Context(dataset, None))
        if f.code == "id.malformed" and f.claim is not None
    )
    locked = lock.id_set
    added = tuple(sorted(i for i in present if i not in locked and is_valid_id(i)))
    update = LockUpdate(path, added, missing, tuple(problems), len(locked) + len(added))
    if update.ok and (added or not path.exists()):
        write_lock(path, locked | set(added))
    return update
