"""Lock check: every claim id in the lock file is still in the dataset.

``id.lock-missing`` (error) stands at the locked id's line in the lock file
and names the id; problems reading the lock (``lock.unreadable``,
``lock.malformed``, ``lock.duplicate``) are reported as they are found.
"""

from __future__ import annotations

from collections.abc import Iterator

from carsi_claims.checks.base import Context
from carsi_claims.dataset import Dataset
from carsi_claims.findings import Finding, Location, Severity
from carsi_claims.read.lockfile import LockedId

__all__ = ["check_lock", "lock_missing_finding"]


def lock_missing_finding(entry: LockedId, lock_file: str, dataset: Dataset) -> Finding:
    """``id.lock-missing``: a locked id gone from ``dataset``, at its line of the lock."""
    return Finding(
        "id.lock-missing",
        Severity.ERROR,
        f"claim id {entry.id!r} is locked in {lock_file} (line {entry.line}) but missing "
        "from the dataset: a published id never disappears; restore the claim, and to "
        "withdraw it set status: retracted with a reason (and superseded_by)"
        + dataset.claim_ids.hint(entry.id),
        claim=entry.id,
        location=Location(lock_file, entry.line, 1),
    )


def check_lock(ctx: Context) -> Iterator[Finding]:
    """No locked (published) claim id has disappeared from the dataset."""
    lock = ctx.lock()
    if lock is None:
        return
    yield from lock.problems
    present = ctx.dataset.claims_by_id
    broken = ctx.dataset.broken_ids.get("claims", frozenset())  # reported as schema problems
    for entry in lock.ids:
        if entry.id not in present and entry.id not in broken:
            yield lock_missing_finding(entry, lock.file, ctx.dataset)
