"""The coverage findings pinned: how a long mention is shortened (at 60 characters), the
claim that overlaps it only in part, the place and severity of each finding, and their
order (uncovered mentions, then stale ignores); no seeds, no coverage finding."""

from __future__ import annotations

from pathlib import Path

import attrs

from carsi_claims.analysis.coverage import CoverageReport, Mention, StaleIgnore
from carsi_claims.analysis.figures import Figure, FigureKind
from carsi_claims.checks.base import Context
from carsi_claims.checks.coverage import check_coverage, coverage_findings, uncovered_message
from carsi_claims.dataset import Dataset
from carsi_claims.findings import Location, Severity
from carsi_claims.model import CoverageIgnore, Source

TAIL = (
    "is not covered by any claim's quote: “the context”{}; add a claim whose provenance "
    "quotes it, or a coverage_ignores entry (source, quote, reason)"
)


def _mention(text: str, partly_by: str | None = None) -> Mention:
    figure = Figure(FigureKind.QUOTATION, None, 7, 7 + len(text), text)
    return Mention("src-a", "seeds/a.txt", figure, 3, 9, "the context", partly_by=partly_by)


def test_a_mention_of_60_characters_is_shown_whole_and_a_longer_one_shortened() -> None:
    """Up to 60 characters the mention is shown as it is; past that, its first 57 and
    '...'."""
    sixty = "x" * 59 + "y"
    assert uncovered_message(_mention(sixty)) == (
        f"quotation {sixty!r} (offsets 7..67 of source src-a) " + TAIL.format("")
    )
    longer = "a" * 56 + "bcdef"
    assert uncovered_message(_mention(longer)) == (
        f"quotation {'a' * 56 + 'b...'!r} (offsets 7..68 of source src-a) " + TAIL.format("")
    )


def test_a_claim_overlapping_the_mention_in_part_is_named() -> None:
    """The claim whose quote overlaps the mention only in part is named after the context."""
    assert uncovered_message(_mention("Five Goals", partly_by="carsi.goals")) == (
        "quotation 'Five Goals' (offsets 7..17 of source src-a) "
        + TAIL.format("; the quote of claim carsi.goals overlaps it only in part")
    )


def test_the_findings_of_a_report_in_order_at_their_places() -> None:
    """Every uncovered mention (at its source file, line and column; covered ones are no
    finding), then every stale ignore (at its quote in the claims file): all errors."""
    covered = attrs.evolve(_mention("Ten"), covered_by="c")
    first, second = _mention("One"), attrs.evolve(_mention("Two"), line=4, column=1)
    ignore = CoverageIgnore("src-a", "Three", "why")
    report = CoverageReport(
        (first, covered, second), stale=(StaleIgnore(5, ignore, "no figure mention"),)
    )
    found = list(coverage_findings(report, Dataset(coverage_ignores=(ignore,))))
    assert [(f.code, f.severity, f.claim, f.location) for f in found] == [
        ("coverage.uncovered", Severity.ERROR, None, Location("seeds/a.txt", 3, 9)),
        ("coverage.uncovered", Severity.ERROR, None, Location("seeds/a.txt", 4, 1)),
        ("coverage.stale-ignore", Severity.ERROR, None, None),
    ]
    assert [f.message for f in found] == [
        uncovered_message(first),
        uncovered_message(second),
        "coverage_ignores entry 5 (source src-a) is stale: no figure mention",
    ]


def test_without_seeds_the_coverage_check_finds_nothing(tmp_path: Path) -> None:
    """A dataset with no seeds folder: its sources cannot be scanned, so no finding here
    (the seeds are reported by validate); with the folder, an uncovered figure is found."""
    source = Source("src-a", "a.txt", "0" * 64, "A", "fact-sheet")
    (tmp_path / "a.txt").write_text("It cost $5 million.\n", encoding="utf-8")
    assert list(check_coverage(Context(Dataset(sources=(source,)), None))) == []
    with_seeds = Context.of(Dataset(sources=(source,)), tmp_path)
    assert [f.code for f in check_coverage(with_seeds)] == ["coverage.uncovered"]
