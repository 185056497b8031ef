"""Findings: what a check reports, with a stable code and a frozen location."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

__all__ = ["Finding", "Location", "Report", "Severity"]


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


@attrs.frozen
class Finding:
    """One problem or observation, set once when it is made."""

    code: str
    severity: Severity
    message: str
    claim: str | None = None
    location: Location | None = None

    def render(self) -> str:
        """``file:line:col: severity[code]: claim ID: message``.

        The location is left out when unknown, the claim when the finding is
        not about one claim.
        """
        where = f"{self.location}: " if self.location else ""
        about = f"claim {self.claim}: " if self.claim else ""
        return f"{where}{self.severity.value}[{self.code}]: {about}{self.message}"

    def to_json(self) -> dict[str, object]:
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


def _sort_key(f: Finding) -> tuple[str, int, int, str, str]:
    loc = f.location
    if loc is None:
        return ("", 0, 0, f.code, f.message)
    return (loc.file, loc.line, loc.column, f.code, f.message)


@attrs.frozen
class Report:
    """The findings of one validation run, in file order."""

    findings: tuple[Finding, ...]

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Report:
        return cls(tuple(sorted(findings, key=_sort_key)))

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict[str, object]:
        return {"ok": self.ok, "findings": [f.to_json() for f in self.findings]}
