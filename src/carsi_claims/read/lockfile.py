"""Reading claims.lock: every published claim id, with the fingerprint of its meaning.

Two formats are read.  Format 2 (written since 0.2.0; ``carsi_claims.citing.lock``
writes it) is line-oriented, to diff, review and merge well:

- lines that start with ``#`` are comments, blank lines are ignored;
- the first other line is the version header ``carsi-claims-lock 2``;
- ``claim ID FINGERPRINT FORM``: a published claim id, the fingerprint of its
  meaning (``m1:`` and 64 lowercase hex digits) and the canonical form it is
  the hash of (one line of JSON; README, "Meaning fingerprints");
- ``correction ID OLD NEW OLD-FORM``: a correction that the lock recorded
  (an entry of the claims file's ``corrections``): the claim's fingerprint
  before and after, and its canonical form before.

Format 1 (0.1.0) has no version header: every line is a claim id.  It is
read as ids without fingerprints; ``carsi-claims lock`` migrates it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Final

import attrs

from carsi_claims._paths import display_path
from carsi_claims._reading import read_regular, reason
from carsi_claims._records import Record
from carsi_claims._sha256 import sha256_hex
from carsi_claims.findings import Finding, Location, Severity, decode_error_location
from carsi_claims.model import is_valid_id

__all__ = [
    "FINGERPRINT_PATTERN",
    "LOCK_NAME",
    "LOCK_VERSION",
    "VERSION_HEADER",
    "Lock",
    "LockedCorrection",
    "LockedId",
    "lock_path",
    "parse_lock",
    "read_lock",
]

#: The file name of the lock, beside the claims file.
LOCK_NAME: Final = "claims.lock"
#: The format this version of carsi-claims writes.
LOCK_VERSION: Final = 2
#: The first line that is not a comment, in format 2 and later.
VERSION_HEADER: Final = "carsi-claims-lock"
#: A meaning fingerprint as written in the lock and the claims file.
FINGERPRINT_PATTERN: Final = re.compile(r"m1:[0-9a-f]{64}", re.ASCII)


@attrs.frozen(repr=False, eq=False)
class LockedId(Record):
    """One published id, the line (1-based) it stands on, and its pinned meaning.

    ``fingerprint`` and ``form`` (the canonical form's JSON text) are None in
    a format-1 lock, which pinned ids only.
    """

    id: str
    line: int
    fingerprint: str | None = None
    form: str | None = None

    def meaning(self) -> Any:
        """The pinned canonical form as plain data (None in format 1)."""
        return None if self.form is None else json.loads(self.form)


@attrs.frozen(repr=False, eq=False)
class LockedCorrection(Record):
    """A correction the lock recorded: the claim's meaning before and after."""

    id: str
    old: str
    new: str
    old_form: str
    line: int


@attrs.frozen(repr=False, eq=False)
class Lock(Record):
    """The entries of a lock file, in file order, and the problems of reading it."""

    file: str
    version: int = LOCK_VERSION
    ids: tuple[LockedId, ...] = ()
    corrections: tuple[LockedCorrection, ...] = ()
    problems: tuple[Finding, ...] = ()

    @property
    def id_set(self) -> frozenset[str]:
        return frozenset(entry.id for entry in self.ids)

    @property
    def by_id(self) -> dict[str, LockedId]:
        return {entry.id: entry for entry in self.ids}


def lock_path(claims_file: str | os.PathLike[str] | None) -> Path | None:
    """``claims.lock`` beside a claims file; None for a dataset not read from a file."""
    if claims_file is None:
        return None
    return Path(claims_file).with_name(LOCK_NAME)


def read_lock(path: str | os.PathLike[str]) -> Lock | None:
    """The lock at ``path``; None when there is no such file.

    Malformed lines, duplicate ids, an unknown format and a file that cannot
    be read or decoded are reported in ``Lock.problems``.
    """
    target = Path(path)
    shown = display_path(target)
    try:
        data = read_regular(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        problem = Finding("lock.unreadable", Severity.ERROR, f"cannot read {shown}: {reason(exc)}")
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
    return parse_lock(text, shown)


_CLAIM_LINE: Final = "claim ID FINGERPRINT FORM"
_CORRECTION_LINE: Final = "correction ID OLD-FINGERPRINT NEW-FINGERPRINT OLD-FORM"


class _Reader:
    """The state of reading one lock file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.version: int | None = None
        self.ids: list[LockedId] = []
        self.corrections: list[LockedCorrection] = []
        self.problems: list[Finding] = []
        self.first: dict[str, int] = {}

    def problem(self, code: str, message: str, where: Location, *, warn: bool = False) -> None:
        severity = Severity.WARNING if warn else Severity.ERROR
        self.problems.append(Finding(code, severity, message, location=where))

    def malformed(self, message: str, where: Location) -> None:
        self.problem("lock.malformed", message, where)

    def add_id(self, entry: LockedId, where: Location) -> None:
        if entry.id in self.first:
            self.problem(
                "lock.duplicate",
                f"claim id {entry.id!r} is listed twice (first on line {self.first[entry.id]})",
                where,
                warn=True,
            )
            return
        self.first[entry.id] = entry.line
        self.ids.append(entry)

    def header(self, entry: str, where: Location) -> bool:
        """Read the version header; False when reading must stop (an unknown format)."""
        words = entry.split()
        if words[0] != VERSION_HEADER:
            self.version = 1  # 0.1.0's format: ids only, no header
            return True
        if words[1:] == [str(LOCK_VERSION)]:
            self.version = LOCK_VERSION
            return True
        found = " ".join(words[1:]) or "nothing"
        self.problem(
            "lock.version",
            f"expected lock format 1 or {LOCK_VERSION} after {VERSION_HEADER!r}, found {found!r}: "
            "this lock was written by a newer carsi-claims; upgrade carsi-claims to read it",
            where,
        )
        return False

    def v1_line(self, entry: str, number: int, where: Location) -> None:
        if not is_valid_id(entry):
            self.malformed(
                f"expected one claim id per line (lowercase ASCII letters and digits joined "
                f"by '-', '.' or '_'), found {entry!r}; comments start with '#'",
                where,
            )
            return
        self.add_id(LockedId(entry, number), where)

    def v2_line(self, entry: str, number: int, where: Location) -> None:
        word, _, rest = entry.partition(" ")
        if word == "claim":
            parts = rest.split(" ", 2)
            if len(parts) == 3 and self.valid(parts[0], parts[1:2], parts[2], where):
                self.add_id(LockedId(parts[0], number, parts[1], parts[2]), where)
            elif len(parts) != 3:
                self.malformed(f"expected {_CLAIM_LINE!r}, found {_short(entry)!r}", where)
            return
        if word == "correction":
            parts = rest.split(" ", 3)
            if len(parts) == 4 and self.valid(parts[0], parts[1:3], parts[3], where):
                old, new = parts[1], parts[2]
                self.corrections.append(LockedCorrection(parts[0], old, new, parts[3], number))
            elif len(parts) != 4:
                self.malformed(f"expected {_CORRECTION_LINE!r}, found {_short(entry)!r}", where)
            return
        self.malformed(
            f"expected a line {_CLAIM_LINE!r} or {_CORRECTION_LINE!r}, found {_short(entry)!r}; "
            "comments start with '#'",
            where,
        )

    def valid(self, claim_id: str, fingerprints: list[str], form: str, where: Location) -> bool:
        if not is_valid_id(claim_id):
            self.malformed(f"expected a claim id, found {_short(claim_id)!r}", where)
            return False
        for fp in fingerprints:
            if not FINGERPRINT_PATTERN.fullmatch(fp):
                self.malformed(
                    f"expected a fingerprint ('m1:' and 64 lowercase hex digits) for claim "
                    f"{claim_id!r}, found {_short(fp)!r}",
                    where,
                )
                return False
        try:
            parsed = json.loads(form)
        except ValueError:
            parsed = None
        pinned = fingerprints[0]
        if not isinstance(parsed, dict) or _sha256(form) != pinned.removeprefix("m1:"):
            self.problem(
                "lock.corrupt",
                f"the canonical form recorded for claim {claim_id!r} does not hash to its "
                f"fingerprint {pinned}: the lock was edited by hand; restore it from version "
                "control (`git checkout -- claims.lock`) and run `carsi-claims lock`",
                where,
            )
            return False
        return True


def _sha256(text: str) -> str:
    return sha256_hex(text.encode("utf-8"))


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def parse_lock(text: str, file: str) -> Lock:
    """The lock in ``text`` (format 1 or 2), its problems located in ``file``."""
    reader = _Reader(file)
    for number, raw in enumerate(text.splitlines(), 1):
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        where = Location(file, number, raw.index(entry) + 1)
        if reader.version is None:
            if not reader.header(entry, where):
                break
            if reader.version == LOCK_VERSION:
                continue  # the header line itself
        if reader.version == 1:
            reader.v1_line(entry, number, where)
        elif entry.split()[0] != VERSION_HEADER:
            reader.v2_line(entry, number, where)
        else:
            reader.malformed("the version header may stand only once, first", where)
    version = reader.version or LOCK_VERSION
    return Lock(file, version, tuple(reader.ids), tuple(reader.corrections), tuple(reader.problems))
