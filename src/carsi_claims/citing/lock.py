"""Writing claims.lock: every published id pinned to the fingerprint of its meaning.

The format is described in :mod:`carsi_claims.read.lockfile`.
:func:`update_lock` is what ``carsi-claims lock`` runs: it adds the
dataset's new ids with their fingerprints, records the corrections of the
claims file that are due, migrates a format-1 lock (ids only) by pinning
every id to its current meaning, and refuses, writing nothing, when a
locked id is gone, when a published claim changed meaning without a
correction, or when the lock cannot be read.  ``repin=True`` pins every
id to its current meaning whatever it was: for adopting fingerprints (or a
new canonical form) only, since it is exactly what the lock otherwise refuses.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Final

import attrs

from carsi_claims._atomic import exclusive
from carsi_claims._paths import display_path
from carsi_claims.analysis.meaning import fingerprints
from carsi_claims.checks.base import Context
from carsi_claims.checks.ids import check_ids
from carsi_claims.dataset import Dataset
from carsi_claims.findings import Finding, Severity
from carsi_claims.model import is_valid_id
from carsi_claims.read.lockfile import (
    LOCK_NAME,
    LOCK_VERSION,
    VERSION_HEADER,
    Lock,
    LockedCorrection,
    LockedId,
    lock_path,
    read_lock,
)

__all__ = [
    "HEADER",
    "LOCK_NAME",
    "Lock",
    "LockUpdate",
    "LockedCorrection",
    "LockedId",
    "lock_path",
    "read_lock",
    "render_lock",
    "update_lock",
    "write_lock",
]

HEADER: Final = f"""\
# carsi-claims lock file: every published claim id with the fingerprint of its
# meaning and the canonical form it hashes (README: "Meaning fingerprints").
# A claim id listed here must stay in the claims file beside it and keep its
# meaning. To withdraw a claim, keep it with `status: retracted`, a `reason`
# and, where one exists, `superseded_by`; to correct one without changing what
# it asserts, add a `corrections` entry. Update with `carsi-claims lock`; never
# edit by hand.
{VERSION_HEADER} {LOCK_VERSION}
"""


def render_lock(ids: Iterable[LockedId], corrections: Iterable[LockedCorrection] = ()) -> str:
    """The text of a format-2 lock: the header, the ids sorted, then the corrections.

    Corrections are sorted by claim id, each claim's in the order recorded.
    """
    lines = [HEADER]
    for entry in sorted(ids, key=lambda e: e.id):
        if entry.fingerprint is None or entry.form is None:
            raise ValueError(f"claim id {entry.id!r} has no fingerprint to write")
        lines.append(f"claim {entry.id} {entry.fingerprint} {entry.form}\n")
    for fix in sorted(corrections, key=lambda c: c.id):
        lines.append(f"correction {fix.id} {fix.old} {fix.new} {fix.old_form}\n")
    return "".join(lines)


def write_lock(
    path: str | os.PathLike[str],
    ids: Iterable[LockedId],
    corrections: Iterable[LockedCorrection] = (),
) -> None:
    """Write a lock file atomically (temp file beside it, then ``os.replace``)."""
    from carsi_claims._atomic import write_text

    write_text(path, render_lock(ids, corrections))


@attrs.frozen
class LockUpdate:
    """What :func:`update_lock` did: the ids it added, corrected or re-pinned, or why it refused.

    ``changed`` are published ids whose meaning changed with no correction
    (the lock then refuses); ``migrated`` says a format-1 lock was rewritten
    in format 2, every id pinned to its current meaning.
    """

    path: Path
    added: tuple[str, ...] = ()
    missing: tuple[LockedId, ...] = ()
    problems: tuple[Finding, ...] = ()
    total: int = 0
    corrected: tuple[str, ...] = ()
    changed: tuple[LockedId, ...] = ()
    repinned: tuple[str, ...] = ()
    migrated: bool = False
    written: bool = False

    @property
    def ok(self) -> bool:
        return (
            not self.missing
            and not self.changed
            and not any(p.severity is Severity.ERROR for p in self.problems)
        )


def update_lock(dataset: Dataset, *, repin: bool = False) -> LockUpdate:
    """Pin the dataset's new claim ids in its lock, refusing to drop or re-mean any locked id.

    A locked id whose meaning changed is re-pinned only when the dataset's
    ``corrections`` hold an entry from the locked fingerprint to the current
    one (the lock then records that correction), or with ``repin``.  Writes
    nothing when a locked id is missing or changed meaning, when the lock
    cannot be read, or when a claim id is malformed; the returned
    :class:`LockUpdate` says why.  Writes nothing either when nothing changed.
    Runs under an advisory lock (:func:`carsi_claims._atomic.exclusive`), so
    concurrent runs on one lock file never lose an id: the second reads what the
    first wrote.
    """
    path = lock_path(dataset.file)
    if path is None:
        raise ValueError("the dataset was not read from a file: there is no lock beside it")
    with exclusive(path):  # read, compare and write with no other run in between
        return _update(dataset, path, repin=repin)


def _update(dataset: Dataset, path: Path, *, repin: bool) -> LockUpdate:
    lock = read_lock(path) or Lock(display_path(path))
    problems = list(lock.problems)
    present = dataset.claims_by_id
    missing = tuple(entry for entry in lock.ids if entry.id not in present)
    problems += (
        f
        for f in check_ids(Context(dataset, None))
        if f.code == "id.malformed" and f.claim is not None
    )
    locked = lock.by_id
    due = {(c.claim, c.old, c.new) for c in dataset.corrections}
    current = fingerprints(c for c in dataset.claims if is_valid_id(c.id))
    entries: list[LockedId] = []
    corrections = list(lock.corrections)
    added: list[str] = []
    corrected: list[str] = []
    changed: list[LockedId] = []
    repinned: list[str] = []
    for claim_id, (fingerprint, form) in sorted(current.items()):
        old = locked.get(claim_id)
        if old is None:
            added.append(claim_id)
        elif (
            old.fingerprint is not None and old.form is not None and old.fingerprint != fingerprint
        ):
            if (claim_id, old.fingerprint, fingerprint) in due:
                corrected.append(claim_id)
                corrections.append(
                    LockedCorrection(claim_id, old.fingerprint, fingerprint, old.form, 0)
                )
            elif repin:
                repinned.append(claim_id)
            else:
                changed.append(old)
        entries.append(LockedId(claim_id, 0, fingerprint, form))
    update = LockUpdate(
        path,
        tuple(added),
        missing,
        tuple(problems),
        len(locked) + len(added),
        tuple(corrected),
        tuple(changed),
        tuple(repinned),
        migrated=lock.version == 1 and bool(lock.ids),
    )
    if not update.ok:
        return update
    text = render_lock(entries, corrections)
    try:
        before = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        before = None
    if text != before:
        from carsi_claims._atomic import write_text

        write_text(path, text)
        update = attrs.evolve(update, written=True)
    return update
