"""Coverage checks: every figure a source mentions is covered by a claim or ignored.

``coverage.uncovered`` (error) stands at the mention in the *source* file
(``seeds/...txt:line:col``), since that is where the figure is;
``coverage.stale-ignore`` (error) stands at the ignore entry in the claims
file.  Sources that cannot be read are reported by the provenance checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from carsi_claims.checks.base import Context
from carsi_claims.dataset import Dataset
from carsi_claims.findings import Finding, Location, Severity

if TYPE_CHECKING:  # imported when the check runs: coverage needs figures, costly to import
    from carsi_claims.analysis.coverage import CoverageReport, Mention, StaleIgnore

__all__ = [
    "check_coverage",
    "coverage_findings",
    "stale_finding",
    "uncovered_finding",
    "uncovered_message",
]


def uncovered_message(mention: Mention) -> str:
    """What is uncovered, where it stands in its text, and how to fix it."""
    f = mention.figure
    shown = f.text if len(f.text) <= 60 else f.text[:57] + "..."
    partly = (
        f"; the quote of claim {mention.partly_by} overlaps it only in part"
        if mention.partly_by
        else ""
    )
    return (
        f"{f.kind.value} {shown!r} (offsets {f.start}..{f.end} of source {mention.source}) "
        f"is not covered by any claim's quote: “{mention.context}”{partly}; add a claim whose "
        "provenance quotes it, or a coverage_ignores entry (source, quote, reason)"
    )


def uncovered_finding(mention: Mention) -> Finding:
    """``coverage.uncovered`` at the mention in its source file."""
    return Finding(
        "coverage.uncovered",
        Severity.ERROR,
        uncovered_message(mention),
        location=Location(mention.file, mention.line, mention.column),
    )


def stale_finding(stale: StaleIgnore, dataset: Dataset) -> Finding:
    """``coverage.stale-ignore`` at the ignore entry's quote in the claims file."""
    return Finding(
        "coverage.stale-ignore",
        Severity.ERROR,
        f"coverage_ignores entry {stale.index} (source {stale.ignore.source}) is stale: "
        f"{stale.why}",
        location=dataset.locate(stale.ignore, "quote"),
    )


def coverage_findings(report: CoverageReport, dataset: Dataset) -> Iterator[Finding]:
    """The findings of a coverage report: uncovered mentions, then stale ignores."""
    for mention in report.uncovered:
        yield uncovered_finding(mention)
    for stale in report.stale:
        yield stale_finding(stale, dataset)


def check_coverage(ctx: Context) -> Iterator[Finding]:
    """Every mention lies inside a claim's quote or an ignore; every ignore does some work."""
    from carsi_claims.analysis.coverage import coverage

    if ctx.seeds is not None:
        yield from coverage_findings(coverage(ctx.dataset, ctx.seeds), ctx.dataset)
