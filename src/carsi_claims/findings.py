"""Findings: what a check reports, with a stable code and a frozen location."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from typing import Final

import attrs

from carsi_claims._records import Record
from carsi_claims.text import printable

# LINE_BREAK and decode_error_location are for the library's own readers, not exported.
__all__ = ["Finding", "Location", "Report", "Severity"]

LINE_BREAK: Final = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks


class Severity(enum.StrEnum):
    """How much a finding matters: only errors fail validation."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen(order=True)
class Location:
    """A place in a file: 1-based line and column (column counts code points)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@attrs.frozen(repr=False, eq=False)
class Finding(Record):
    """One problem or observation, set once when it is made."""

    code: str
    severity: Severity
    message: str
    claim: str | None = None
    location: Location | None = None

    def render(self) -> str:
        """``file:line:col: severity[code]: claim ID: message``.

        The location is left out when unknown, the claim when the finding is
        not about one claim.  One line, safe for a terminal: what a terminal
        would not show as itself (an escape sequence, a line separator) is
        escaped (:func:`carsi_claims.text.printable`).
        """
        where = f"{self.location}: " if self.location else ""
        about = f"claim {self.claim}: " if self.claim else ""
        return printable(f"{where}{self.severity.value}[{self.code}]: {about}{self.message}")

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON: code, severity, message, claim, location (or None)."""
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "claim": self.claim,
            "location": (
                None if loc is None else {"file": loc.file, "line": loc.line, "column": loc.column}
            ),
        }

    def to_json(self) -> str:
        """The finding as JSON text (:meth:`to_dict`)."""
        from carsi_claims._json import dumps

        return dumps(self.to_dict())


def decode_error_location(data: bytes, exc: UnicodeDecodeError, file: str) -> Location:
    """Where the first byte of ``data`` that is not UTF-8 stands, column in code points.

    ``data`` is the bytes that were decoded (``exc.start`` indexes them, so a
    byte-order mark the codec skipped must be cut off first); lines end at
    ``\\r\\n``, ``\\r``, ``\\n``, U+0085, U+2028 or U+2029.
    """
    head = data[: exc.start].decode("utf-8")
    line, line_start = 1, 0
    for m in LINE_BREAK.finditer(head):
        line, line_start = line + 1, m.end()
    return Location(file, line, len(head) - line_start + 1)


_ROOT_CAUSES: Final = ("file.", "yaml.", "schema.")


def _sort_key(first_file: str | None) -> Callable[[Finding], tuple[object, ...]]:
    """File order: ``first_file`` first, then by file, line, column; a cause before the rest.

    At one place a problem reading the file (``yaml.``, ``schema.``) comes
    before what other checks say there.
    """

    def key(f: Finding) -> tuple[object, ...]:
        cause = 0 if f.code.startswith(_ROOT_CAUSES) else 1
        loc = f.location
        if loc is None:
            return (0, "", 0, 0, cause, f.code, f.message)
        return (
            1 if loc.file == first_file else 2,
            loc.file,
            loc.line,
            loc.column,
            cause,
            f.code,
            f.message,
        )

    return key


@attrs.frozen(repr=False, eq=False)
class Report(Record):
    """The findings of one validation run, in file order."""

    findings: tuple[Finding, ...]

    @classmethod
    def of(cls, findings: Iterable[Finding], *, first_file: str | None = None) -> Report:
        """The findings sorted: without a place first, then ``first_file``'s, then by file."""
        return cls(tuple(sorted(findings, key=_sort_key(first_file))))

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON: ``ok`` and every finding as :meth:`Finding.to_dict`."""
        return {"ok": self.ok, "findings": [f.to_dict() for f in self.findings]}

    def to_json(self) -> str:
        """The report as JSON text (:meth:`to_dict`; NaN and infinity refused)."""
        from carsi_claims._json import dumps

        return dumps(self.to_dict())
