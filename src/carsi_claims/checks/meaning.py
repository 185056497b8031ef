"""Meaning checks: published claims keep their meaning; resolutions pin what they resolved.

- ``id.meaning-changed`` (error, at the claim): the claim's fingerprint is not
  the one ``claims.lock`` pinned when it was published, and no ``corrections``
  entry accounts for the change.  The message shows what changed, old and new
  (the lock keeps the canonical form of every pinned meaning).
- ``lock.outdated`` (warning, at the correction): a correction is due but the
  lock has not recorded it yet (run ``carsi-claims lock``).
- ``lock.format-1`` (warning, at the lock's first line): the lock is 0.1.0's
  plain id list, which pins no meaning (``carsi-claims lock`` migrates it).
- ``correction.unknown-claim``, ``correction.malformed``, ``correction.stale``
  (errors, at the correction), ``correction.lock-missing`` (error, at the
  lock's line): a corrections entry that names no claim, whose fingerprints
  are not fingerprints, that matches neither the lock nor the claim, or one
  the lock recorded that is gone from the claims file.
- ``resolution.stale`` (error, at the resolution's pins): a claim the
  resolution pinned has changed meaning since, or the pins do not name the
  resolution's claims; ``resolution.unpinned`` (error, once the dataset has a
  lock): a resolution pins nothing.  Review it, then ``carsi-claims pin``.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Iterable, Iterator, Mapping

from carsi_claims.analysis.meaning import describe_changes, fingerprints
from carsi_claims.checks.base import Context
from carsi_claims.dataset import Dataset
from carsi_claims.findings import Finding, Location, Severity
from carsi_claims.model import Correction, Resolution
from carsi_claims.read.lockfile import FINGERPRINT_PATTERN, Lock, LockedId

__all__ = [
    "changed_findings",
    "check_meaning",
    "correction_hint",
    "meaning_changed_message",
    "pinned_form",
    "stale_pins",
]

#: Each claim id to its fingerprint and canonical JSON.
Meanings = Mapping[str, tuple[str, str]]


def correction_hint(claim_id: str, old: str, new: str) -> str:
    """The corrections entry that would accept a change, to paste into the claims file."""
    return f"{{claim: {claim_id}, old: {old}, new: {new}, reason: ...}}"


def meaning_changed_message(
    entry: LockedId, lock_file: str, old: tuple[str, str], now: tuple[str, str]
) -> str:
    """``id.meaning-changed``'s message: what changed, the fingerprints, and the ways forward.

    ``old`` and ``now`` are (fingerprint, canonical JSON) as locked and as the claim is.
    """
    changes = describe_changes(json.loads(old[1]), json.loads(now[1]))
    return (
        f"changed meaning since it was published in {lock_file} "
        f"(line {entry.line}): {changes}; fingerprint {old[0]} is now {now[0]}. "
        "A published id never changes meaning: restore what it asserted, or retract it "
        "(status: retracted, a reason, superseded_by) and give the new meaning a new id; "
        "for a correction that keeps the meaning, add under corrections: "
        + correction_hint(entry.id, old[0], now[0])
    )


def changed_findings(
    dataset: Dataset, changed: Iterable[LockedId], lock_file: str
) -> Iterator[Finding]:
    """``id.meaning-changed`` for each locked id in ``changed``, at its claim."""
    ctx = Context(dataset, None)
    meanings = fingerprints(dataset.claims)
    for entry in changed:
        if entry.fingerprint is None or entry.form is None or entry.id not in meanings:
            continue
        message = meaning_changed_message(
            entry, lock_file, (entry.fingerprint, entry.form), meanings[entry.id]
        )
        yield ctx.finding("id.meaning-changed", message, dataset.claims_by_id[entry.id])


def pinned_form(lock: Lock | None, claim_id: str, fingerprint: str) -> str | None:
    """The canonical JSON the lock recorded for ``claim_id`` at ``fingerprint``, if it has it."""
    if lock is None:
        return None
    entry = lock.by_id.get(claim_id)
    if entry is not None and entry.fingerprint == fingerprint:
        return entry.form
    for fix in lock.corrections:
        if fix.id == claim_id and fix.old == fingerprint:
            return fix.old_form
    return None


def stale_pins(resolution: Resolution, meanings: Meanings, lock: Lock | None = None) -> list[str]:
    """Why ``resolution``'s pins no longer hold, one phrase per claim; empty when they hold.

    A pin is stale when its claim's meaning changed since; the pins are also
    stale when they name a claim the resolution does not, or miss one it does.
    """
    if not resolution.pins:
        return []
    named = set(resolution.claims)
    pinned = {pin.claim for pin in resolution.pins}
    reasons: list[str] = []
    for pin in resolution.pins:
        if pin.claim not in named:
            reasons.append(f"it pins {pin.claim!r}, which it does not name")
            continue
        now = meanings.get(pin.claim)
        if now is None or now[0] == pin.fingerprint:
            continue  # an unknown claim is the references check's business
        old_form = pinned_form(lock, pin.claim, pin.fingerprint)
        what = (
            ""
            if old_form is None
            else ": " + describe_changes(json.loads(old_form), json.loads(now[1]))
        )
        reasons.append(
            f"claim {pin.claim!r} changed meaning since it was pinned "
            f"({pin.fingerprint} is now {now[0]}{what})"
        )
    reasons += (
        f"claim {claim_id!r} is not pinned"
        for claim_id in resolution.claims
        if claim_id not in pinned
    )
    return reasons


def check_meaning(ctx: Context) -> Iterator[Finding]:
    """Published claims keep their meaning; corrections are due or recorded; pins hold."""
    ds = ctx.dataset
    lock = ctx.lock()
    published = lock is not None or ds.corrections or any(r.pins for r in ds.resolutions)
    meanings = fingerprints(ds.claims) if published else {}  # nothing to compare them with
    if lock is not None and lock.version == 1 and lock.ids:
        yield Finding(
            "lock.format-1",
            Severity.WARNING,
            f"{lock.file} is in format 1 (claim ids only): the meaning of published claims is "
            "not pinned; run `carsi-claims lock` to migrate it to format 2 (every id stays, "
            "pinned to its current meaning)",
            location=Location(lock.file, lock.ids[0].line, 1),
        )
    due = yield from _check_corrections(ctx, lock, meanings)
    if lock is not None:
        for entry in lock.ids:
            claim = ds.claims_by_id.get(entry.id)
            if claim is None or entry.fingerprint is None or entry.form is None:
                continue  # a missing id is the lock check's business; format 1 pins nothing
            now = meanings[entry.id]
            if now[0] == entry.fingerprint or (entry.id, entry.fingerprint, now[0]) in due:
                continue
            message = meaning_changed_message(
                entry, lock.file, (entry.fingerprint, entry.form), now
            )
            yield ctx.finding("id.meaning-changed", message, claim)
    yield from _check_pins(ctx, lock, meanings)


def _check_corrections(
    ctx: Context, lock: Lock | None, meanings: Meanings
) -> Generator[Finding, None, set[tuple[str, str, str]]]:
    """Every corrections entry is well formed, and due or recorded; returns the due ones."""
    recorded = {(c.id, c.old, c.new) for c in lock.corrections} if lock is not None else set()
    locked = lock.by_id if lock is not None else {}
    due: set[tuple[str, str, str]] = set()
    for fix in ctx.dataset.corrections:
        key = (fix.claim, fix.old, fix.new)
        problem = _malformed(fix)
        if problem is not None:
            yield ctx.finding("correction.malformed", problem[1], fix, problem[0], claim=fix.claim)
            continue
        now = meanings.get(fix.claim)
        if now is None:
            yield ctx.finding(
                "correction.unknown-claim",
                f"the correction names claim {fix.claim!r}, which is not in the dataset"
                + ctx.dataset.claim_ids.hint(fix.claim),
                fix,
                "claim",
                claim=fix.claim,
            )
            continue
        if key in recorded:
            continue
        entry = locked.get(fix.claim)
        if lock is not None and entry is not None and entry.fingerprint == fix.old == now[0]:
            continue  # written before the change it accepts: not due yet
        if lock is not None and entry is not None and (entry.fingerprint, now[0]) == key[1:]:
            due.add(key)
            yield ctx.finding(
                "lock.outdated",
                f"the correction of claim {fix.claim!r} ({fix.old} -> {fix.new}) is not "
                f"recorded in {lock.file} yet: run `carsi-claims lock`",
                fix,
                claim=fix.claim,
                severity=Severity.WARNING,
            )
            continue
        pinned = "nothing (the claim is not published)"
        if lock is not None and entry is not None:
            pinned = entry.fingerprint or "no fingerprint (format 1)"
        yield ctx.finding(
            "correction.stale",
            f"the correction of claim {fix.claim!r} from {fix.old} to {fix.new} matches neither "
            f"the lock, which pins {pinned}, nor the claim, whose fingerprint is {now[0]}: a "
            "correction's old is the fingerprint the lock pins, its new the claim's current one",
            fix,
            claim=fix.claim,
        )
    if lock is None:
        return due
    listed = {(c.claim, c.old, c.new) for c in ctx.dataset.corrections}
    for done in lock.corrections:
        if (done.id, done.old, done.new) not in listed:
            yield Finding(
                "correction.lock-missing",
                Severity.ERROR,
                f"{lock.file} (line {done.line}) recorded a correction of claim {done.id!r} "
                f"({done.old} -> {done.new}) that is gone from the claims file: a recorded "
                "correction stays, with its reason",
                claim=done.id,
                location=Location(lock.file, done.line, 1),
            )
    return due


def _malformed(fix: Correction) -> tuple[str, str] | None:
    """The field of a corrections entry that is not well formed, and why."""
    for name in ("old", "new"):
        value: str = getattr(fix, name)
        if not FINGERPRINT_PATTERN.fullmatch(value):
            return name, (
                f"expected a fingerprint ('m1:' and 64 lowercase hex digits) as {name}, "
                f"found {value!r}"
            )
    if fix.old == fix.new:
        return "new", f"old and new are the same fingerprint ({fix.old}): nothing is corrected"
    if not fix.reason.strip():
        return "reason", "a correction needs a reason: say why the change keeps the meaning"
    return None


def _check_pins(ctx: Context, lock: Lock | None, meanings: Meanings) -> Iterator[Finding]:
    for res in ctx.dataset.resolutions:
        if not res.pins:
            if lock is not None:
                yield ctx.finding(
                    "resolution.unpinned",
                    f"resolution {res.id!r} pins no fingerprints: once claims are published "
                    f"({lock.file}), a resolution records the meaning of the claims it was "
                    f"reviewed for; review it, then run `carsi-claims pin --resolution {res.id}`",
                    res,
                    "claims",
                )
            continue
        reasons = stale_pins(res, meanings, lock)
        if reasons:
            yield ctx.finding(
                "resolution.stale",
                f"resolution {res.id!r} no longer matches what it was reviewed for: "
                f"{'; '.join(reasons)}; review its rationale against the claims as they are "
                f"now, then re-pin it with `carsi-claims pin --resolution {res.id}`",
                res,
                "pins",
            )
