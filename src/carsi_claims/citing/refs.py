"""Claim references in other projects' files, checked against the dataset.

The reference syntax
--------------------

A reference is ``carsi:`` (lowercase) followed at once by a claim id, for
example ``carsi:carsi.assistance-committed.260m``:

- the id has the grammar of :data:`carsi_claims.checks.ids.ID_PATTERN`:
  runs of lowercase ASCII letters and digits joined by single ``-``, ``.`` or
  ``_``;
- the reference ends at the first character that cannot continue the id.
  A ``-``, ``.`` or ``_`` belongs to the id only when a letter or digit
  follows it, so the full stop or comma of the surrounding prose is never
  part of it (``see carsi:carsi.five-goals.count.`` cites
  ``carsi.five-goals.count``), nor are brackets, quotes, backticks or
  Markdown emphasis (``*carsi:x*``, ``_carsi:x_``);
- ``carsi:`` counts only at the start of a word: not after a letter, a
  digit, ``-``, ``.`` or ``/`` (``mycarsi:x`` and ``http://h/carsi:x`` are
  not references);
- ``carsi:`` followed by a letter or digit that does not make a well-formed
  id, or an id run straight (or through one ``-``, ``.`` or ``_``) into an
  uppercase or non-ASCII letter (``carsi:Five``, ``carsi:five-Goals``), is a
  malformed reference.

Files are read as UTF-8 text whatever their kind (Markdown, reStructuredText,
Python, notebooks, ...); a leading byte-order mark is dropped.  Lines and
columns are 1-based; columns count code points.

Findings: ``refs.unknown`` (no such claim; the closest id is suggested),
``refs.retracted`` (the superseding id is suggested), ``refs.malformed``, all
errors; ``refs.binary`` (info) and ``refs.undecodable`` (warning) for files
that are skipped; ``refs.skipped`` for what a folder walk finds that is not
read: a FIFO, a device or a socket (info), a file larger than
:data:`carsi_claims._reading.MAX_BYTES` (warning).  Only regular files are
read, never more than that many bytes: named on the command line, anything
else is ``refs.unreadable``; ``refs.unreadable`` (error) for a path that cannot be read
at all (at its line 1 when it exists, else named in the message), also
returned apart as ``unreadable``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final

import attrs

from carsi_claims._paths import display_path
from carsi_claims._reading import NotRegularFile, TooLarge, read_regular, reason
from carsi_claims.checks.ids import ID_PATTERN, MAX_ID_LEN
from carsi_claims.dataset import Dataset
from carsi_claims.findings import Finding, Location, Report, Severity, decode_error_location
from carsi_claims.model import Status

__all__ = ["PREFIX", "REFERENCE", "Reference", "RefsReport", "check_refs", "find_references"]

#: What starts a reference.
PREFIX: Final = "carsi:"

#: A reference: ``id`` holds the claim id; ``tail`` a letter run straight into it.
REFERENCE: Final = re.compile(
    rf"(?<![^\W_])(?<![.\-/]){PREFIX}(?:(?P<id>{ID_PATTERN.pattern})(?P<tail>[-._]?[^\W_])?|(?P<bad>[^\W_]))"
)
_SNIFF: Final = 8192
_BOM: Final = b"\xef\xbb\xbf"


@attrs.frozen
class Reference:
    """One reference found in a text: the id (or the malformed text) and where."""

    id: str
    line: int
    column: int
    malformed: bool = False


def find_references(text: str) -> Iterator[Reference]:
    """Every reference in ``text``, in order, with its 1-based line and column."""
    line, line_start, counted = 1, 0, 0
    for m in REFERENCE.finditer(text):
        newlines = text.count("\n", counted, m.start())
        if newlines:
            line += newlines
            line_start = text.rfind("\n", counted, m.start()) + 1
        counted = m.start()
        column = m.start() - line_start + 1
        claim_id = m["id"]
        if claim_id is None or m["tail"] is not None or len(claim_id) > MAX_ID_LEN:
            shown = _word_at(text, m.start())
            yield Reference(shown, line, column, malformed=True)
        else:
            yield Reference(claim_id, line, column)


def _word_at(text: str, start: int) -> str:
    end = start + len(PREFIX)
    while end < len(text) and end - start < 100 and (text[end].isalnum() or text[end] in "-._"):
        end += 1
    return text[start:end].rstrip(".-_")


@attrs.frozen
class RefsReport:
    """What ``check-refs`` found: findings, how much it read, paths it could not read.

    ``unreadable`` holds the ``refs.unreadable`` findings, also in ``findings``.
    """

    findings: tuple[Finding, ...]
    files: int = 0
    references: int = 0
    unreadable: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)


def _unreadable(path: str | os.PathLike[str], reason: str) -> Finding:
    """``refs.unreadable``: at line 1 of a path that exists, else naming it in the message."""
    shown = display_path(Path(path))
    if os.path.lexists(path):
        where: Location | None = Location(shown, 1, 1)
        message = f"cannot read it: {reason}"
    else:
        where, message = None, f"cannot read {shown}: {reason}"
    return Finding("refs.unreadable", Severity.ERROR, message, location=where)


def _files(
    paths: Iterable[str | os.PathLike[str]], unreadable: list[Finding]
) -> Iterator[tuple[Path, bool]]:
    """The files named, and the files under the folders named (hidden folders skipped).

    Each comes with whether it was named (True) or found by the walk (False).
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():

            def report(exc: OSError) -> None:
                reason = exc.strerror or type(exc).__name__
                unreadable.append(_unreadable(exc.filename, reason))

            for folder, dirs, names in os.walk(path, onerror=report):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    yield Path(folder, name), False
        elif path.exists() or path.is_symlink():
            yield path, True
        else:
            unreadable.append(_unreadable(given, "not found"))


def _skipped(shown: str, exc: NotRegularFile | TooLarge) -> Finding:
    """``refs.skipped``: a file the walk found that is not read (a FIFO, a device, too big)."""
    return Finding(
        "refs.skipped",
        Severity.WARNING if isinstance(exc, TooLarge) else Severity.INFO,
        f"skipped: {exc}",
        location=Location(shown, 1, 1),
    )


def _decode(path: Path, data: bytes, shown: str) -> tuple[str | None, Finding | None]:
    if b"\x00" in data[:_SNIFF]:
        return None, Finding(
            "refs.binary",
            Severity.INFO,
            "skipped: a binary file (it holds NUL bytes), not text",
            location=Location(shown, 1, 1),
        )
    bom = len(_BOM) if data.startswith(_BOM) else 0
    try:
        return data[bom:].decode("utf-8"), None
    except UnicodeDecodeError as exc:
        offset = bom + exc.start
        return None, Finding(
            "refs.undecodable",
            Severity.WARNING,
            f"skipped: not UTF-8 text (byte {offset}, {data[offset]:#04x}: {exc.reason})",
            location=decode_error_location(data[bom:], exc, shown),
        )


def _judge(dataset: Dataset, ref: Reference, where: Location) -> Finding | None:
    if ref.malformed:
        return Finding(
            "refs.malformed",
            Severity.ERROR,
            f"{ref.id!r} is not a claim reference: expected '{PREFIX}' and then a claim id of "
            f"lowercase ASCII letters and digits joined by '-', '.' or '_' (at most {MAX_ID_LEN} "
            "characters)",
            location=where,
        )
    claim = dataset.claims_by_id.get(ref.id)
    if claim is None:
        close = dataset.closest_id(ref.id)
        hint = f"; did you mean {PREFIX}{close}?" if close else ""
        return Finding(
            "refs.unknown",
            Severity.ERROR,
            f"no such claim in the dataset{hint}",
            claim=ref.id,
            location=where,
        )
    if claim.status is Status.RETRACTED:
        current = dataset.current(ref.id)
        why = claim.reason or "no reason given"
        if current.id != claim.id:
            fix = f"cite its successor {PREFIX}{current.id} instead"
        else:
            fix = "no claim supersedes it: remove the reference or cite another claim"
        return Finding(
            "refs.retracted",
            Severity.ERROR,
            f"retracted ({why}); {fix}",
            claim=ref.id,
            location=where,
        )
    return None


def check_refs(paths: Iterable[str | os.PathLike[str]], dataset: Dataset) -> RefsReport:
    """Scan ``paths`` (files; folders recursively) for references, judged against ``dataset``.

    The findings come sorted by file, line and column.
    """
    unreadable: list[Finding] = []
    findings: list[Finding] = []
    files = references = 0
    for path, named in _files(paths, unreadable):
        shown = display_path(path)
        try:
            data = read_regular(path)
        except (NotRegularFile, TooLarge) as exc:
            if named:
                unreadable.append(_unreadable(path, str(exc)))
            else:
                findings.append(_skipped(shown, exc))
            continue
        except OSError as exc:
            unreadable.append(_unreadable(path, reason(exc)))
            continue
        files += 1
        text, problem = _decode(path, data, shown)
        if problem is not None:
            findings.append(problem)
        if text is None:
            continue
        for ref in find_references(text):
            references += 1
            finding = _judge(dataset, ref, Location(shown, ref.line, ref.column))
            if finding is not None:
                findings.append(finding)
    report = Report.of([*findings, *unreadable])
    return RefsReport(report.findings, files, references, tuple(unreadable))
