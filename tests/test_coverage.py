"""Tests for coverage: every figure mention in the sources is covered by a claim or ignored."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import attrs
import pytest

from _mini import MINI_SEEDS, MINI_YAML, SEED, SEED_NAME, cli, mutate, report_of, where
from carsi_claims import load
from carsi_claims.analysis.coverage import coverage, line_col, scan_text
from carsi_claims.dataset import Dataset
from conftest import TmpDataset

SHIPPED = load()
SHIPPED_COVERAGE = coverage(SHIPPED)
SEED_TEXTS = {
    s.id: (Path(str(SHIPPED.seeds_dir)) / s.path).read_text(encoding="utf-8")
    for s in SHIPPED.sources
}


def _ignores(*entries: tuple[str, str]) -> str:
    """A ``coverage_ignores`` section for the mini dataset: (quote, reason) pairs."""
    lines = ["coverage_ignores:"]
    for quote, reason in entries:
        lines += [f"  - source: src-a\n    quote: {json.dumps(quote)}\n    reason: {reason}"]
    return "\n".join(lines) + "\n"


def _without_goals_provenance() -> str:
    """The mini dataset with the 'Five Goals' claim quoting other text of its line."""
    return mutate('quote: "Five Goals"', 'quote: "goes to the"')


# -- the shipped dataset -----------------------------------------------------------


def test_shipped_dataset_is_fully_covered() -> None:
    """Every figure mention in the seeds lies inside a claim's quote or an ignore."""
    report = SHIPPED_COVERAGE
    assert report.mentions
    assert report.uncovered == ()
    assert report.stale == ()
    assert report.unscanned == ()
    assert report.complete


def test_coverage_command_on_the_shipped_dataset() -> None:
    """``carsi-claims coverage`` lists every mention as covered and exits 0."""
    code, out, err = cli("coverage")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == len(SHIPPED_COVERAGE.mentions) + 1
    assert "seeds/002_3f7f4decb38dff81.txt:38:5: money '$260 million': covered by claim" in out
    assert lines[-1].startswith("coverage complete: ")
    assert " 0 uncovered; 0 stale ignore(s)" in lines[-1]


def _naively_covered(dataset: Dataset, source_id: str, text: str, start: int, end: int) -> bool:
    """Whether some claim quotes text wholly containing [start, end) (a plain double loop)."""
    for claim in dataset.claims:
        for p in claim.provenance:
            verified = p.source == source_id and text[p.start : p.end] == p.quote
            if verified and p.start <= start and end <= p.end:
                return True
    return False


@pytest.mark.parametrize(
    "claim_id",
    sorted({m.covered_by for m in SHIPPED_COVERAGE.mentions if m.covered_by is not None}),
)
def test_removing_a_claims_provenance_lists_what_it_alone_covered(claim_id: str) -> None:
    """Without one claim's provenance, exactly the mentions no other claim quotes are listed."""
    claims = tuple(
        attrs.evolve(c, provenance=()) if c.id == claim_id else c for c in SHIPPED.claims
    )
    reduced = attrs.evolve(SHIPPED, claims=claims)
    report = coverage(reduced)
    expected = set()
    for source in SHIPPED.sources:
        text = SEED_TEXTS[source.id]
        for figure in scan_text(text):
            if not _naively_covered(reduced, source.id, text, figure.start, figure.end):
                line = text.count("\n", 0, figure.start) + 1
                column = figure.start - (text.rfind("\n", 0, figure.start) + 1) + 1
                expected.add((f"seeds/{source.path}", line, column, figure.text))
    found = {(m.file, m.line, m.column, m.figure.text) for m in report.uncovered}
    assert found == expected
    solely = [
        m
        for m in SHIPPED_COVERAGE.mentions
        if m.covered_by == claim_id
        and not _naively_covered(
            reduced, m.source, SEED_TEXTS[m.source], m.figure.start, m.figure.end
        )
    ]
    assert {(m.file, m.line, m.column, m.figure.text) for m in solely} == expected


def test_removing_the_five_goals_provenance_lists_every_five_goals() -> None:
    """The 'Five Goals' count claim alone quotes that heading: each of its five places is listed."""
    claim_id = "carsi.five-goals.count"
    claims = tuple(
        attrs.evolve(c, provenance=()) if c.id == claim_id else c for c in SHIPPED.claims
    )
    report = coverage(attrs.evolve(SHIPPED, claims=claims))
    assert [(m.file, m.line, m.column, m.figure.text) for m in report.uncovered] == [
        ("seeds/000_77f91eaba6701c47.txt", 23, 10, "Five Goals"),
        ("seeds/001_3d3af0dfbe168466.txt", 25, 5, "Five Goals"),
        ("seeds/002_3f7f4decb38dff81.txt", 22, 5, "Five Goals"),
        ("seeds/003_02463b66d5edab7f.txt", 15, 5, "Five Goals"),
        ("seeds/004_46e5efcb5eb697d6.txt", 21, 5, "Five Goals"),
    ]


# -- a small dataset ----------------------------------------------------------------


def test_removed_provenance_is_listed_with_its_line(tmp_dataset: TmpDataset) -> None:
    """The command names the uncovered mention at its line and column in the source file."""
    paths = tmp_dataset(_without_goals_provenance(), MINI_SEEDS)
    code, out, err = cli("coverage", str(paths.claims))
    line, column = where(SEED, "Five Goals")
    seed_file = paths.seeds / SEED_NAME
    assert (code, err) == (1, "")
    assert (
        f"{seed_file}:{line}:{column}: error[coverage.uncovered]: count 'Five Goals' (offsets "
        f"{SEED.index('Five Goals')}..{SEED.index('Five Goals') + 10} of source src-a) is not "
        "covered by any claim's quote: “Up to 95% of it goes to the Five Goals.”; add a claim "
        "whose provenance quotes it, or a coverage_ignores entry (source, quote, reason)\n"
    ) in out
    assert out.splitlines()[-1].startswith("coverage INCOMPLETE: ")


def test_validate_reports_an_uncovered_mention_at_the_source(tmp_dataset: TmpDataset) -> None:
    """``validate`` has the uncovered mention as an error located in the seed file."""
    paths = tmp_dataset(_without_goals_provenance(), MINI_SEEDS)
    coverage_findings = [f for f in report_of(paths) if f[0] == "coverage.uncovered"]
    assert [f[:4] for f in coverage_findings] == [
        ("coverage.uncovered", *where(SEED, "Five Goals"), None)
    ]


def test_mini_dataset_is_covered(tmp_dataset: TmpDataset) -> None:
    """The mini dataset covers its seed, so validate has no coverage finding."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    assert [f for f in report_of(paths) if f[0].startswith("coverage.")] == []
    assert cli("coverage", str(paths.claims))[0] == 0


def test_a_quote_at_wrong_offsets_still_covers(tmp_dataset: TmpDataset) -> None:
    """A quote whose offsets are wrong covers where it stands: one mistake, one finding."""
    start = SEED.index("Five Goals")
    paths = tmp_dataset(mutate(f"start: {start}\n", f"start: {start + 1}\n"), MINI_SEEDS)
    codes = [f[0] for f in report_of(paths)]
    assert "provenance.quote-mismatch" in codes
    assert "coverage.uncovered" not in codes


def test_an_ignore_covers_its_mention(tmp_dataset: TmpDataset) -> None:
    """A coverage_ignores entry whose quote holds the mention makes it ignored, not uncovered."""
    claims = _without_goals_provenance() + _ignores(("the Five Goals.", "a section heading"))
    paths = tmp_dataset(claims, MINI_SEEDS)
    code, out, _ = cli("coverage", str(paths.claims))
    assert code == 0
    assert "count 'Five Goals': ignored by coverage_ignores[0] (a section heading)" in out


def test_an_ignore_that_matches_nothing_is_stale(tmp_dataset: TmpDataset) -> None:
    """Ignore entries whose quote is absent or holds no mention are stale, at their quote."""
    claims = MINI_YAML + _ignores(("not in the text", "typo"), ("CARSI: a shared", "no figure"))
    paths = tmp_dataset(claims, MINI_SEEDS)
    found = [f for f in report_of(paths) if f[0].startswith("coverage.")]
    assert found == [
        (
            "coverage.stale-ignore",
            *where(claims, '"not in the text"'),
            None,
            f"coverage_ignores entry 0 (source src-a) is stale: its quote does not occur in "
            f"{paths.seeds / SEED_NAME}: copy the exact characters",
        ),
        (
            "coverage.stale-ignore",
            *where(claims, '"CARSI: a shared"'),
            None,
            "coverage_ignores entry 1 (source src-a) is stale: no figure mention lies inside "
            "its quote",
        ),
    ]


def test_an_ignore_of_a_claimed_mention_is_stale(tmp_dataset: TmpDataset) -> None:
    """An ignore whose every mention a claim already covers is dead weight, hence stale."""
    claims = MINI_YAML + _ignores(("the Five Goals", "heading"))
    paths = tmp_dataset(claims, MINI_SEEDS)
    code, out, _ = cli("coverage", str(paths.claims))
    assert code == 1
    line, column = where(claims, '"the Five Goals"')
    assert (
        f"{paths.claims}:{line}:{column}: error[coverage.stale-ignore]: coverage_ignores entry 0 "
        "(source src-a) is stale: every figure mention inside its quote is covered by a claim "
        "(carsi.goals)"
    ) in out


def test_an_ignore_covers_every_occurrence_of_its_quote(tmp_dataset: TmpDataset) -> None:
    """The same wording twice in a source is ignored at both places by one entry."""
    seed = SEED + "Again: the Five Goals.\n"
    old_sha = hashlib.sha256(SEED.encode()).hexdigest()
    new_sha = hashlib.sha256(seed.encode()).hexdigest()
    claims = _without_goals_provenance().replace(old_sha, new_sha)
    claims += _ignores(("the Five Goals.", "headings"))
    paths = tmp_dataset(claims, {SEED_NAME: seed})
    report = coverage(load(paths.claims))
    goals = [m for m in report.mentions if m.figure.text == "Five Goals"]
    assert [(m.line, m.ignored_by) for m in goals] == [(3, 0), (5, 0)]
    assert report.complete


def test_json_format_lists_mentions(tmp_dataset: TmpDataset) -> None:
    """``--format json`` gives every mention with its place and what covers it."""
    paths = tmp_dataset(_without_goals_provenance(), MINI_SEEDS)
    code, out, _ = cli("coverage", str(paths.claims), "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["ok"] is False
    assert data["summary"]["uncovered"] == 1
    goals = next(m for m in data["mentions"] if m["text"] == "Five Goals")
    line, column = where(SEED, "Five Goals")
    assert goals | {"file": None} == {
        "source": "src-a",
        "file": None,
        "line": line,
        "column": column,
        "start": SEED.index("Five Goals"),
        "end": SEED.index("Five Goals") + 10,
        "kind": "count",
        "text": "Five Goals",
        "context": "Up to 95% of it goes to the Five Goals.",
        "covered": False,
        "covered_by": None,
        "ignored_by": None,
        "partly_by": None,
    }
    assert [f["code"] for f in data["findings"]] == ["coverage.uncovered"]


def test_json_format_names_a_partly_overlapping_claim(tmp_dataset: TmpDataset) -> None:
    """A mention a claim's quote overlaps only in part names that claim as ``partly_by``."""
    paths = tmp_dataset(mutate('quote: "Five Goals"', 'quote: "the Five"'), MINI_SEEDS)
    code, out, _ = cli("coverage", str(paths.claims), "--format", "json")
    assert code == 1
    goals = next(m for m in json.loads(out)["mentions"] if m["text"] == "Five Goals")
    assert (goals["covered"], goals["partly_by"]) == (False, "carsi.goals")


def test_unreadable_source_exits_2(tmp_dataset: TmpDataset) -> None:
    """A source file that is missing makes coverage exit 2, naming it."""
    paths = tmp_dataset(MINI_YAML, {})
    code, _, err = cli("coverage", str(paths.claims))
    assert code == 2
    assert err.startswith("carsi-claims coverage: src-a: source file 'a.txt' not found")


def test_line_col_counts_code_points() -> None:
    """Lines and columns are 1-based; a column counts code points from the line start."""
    text = "ab\n“é”\n\nx"
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    assert [line_col(newlines, i) for i in (0, 2, 3, 5, 7, 8)] == [
        (1, 1), (1, 3), (2, 1), (2, 3), (3, 1), (4, 1)
    ]  # fmt: skip


@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_unreadable_source_is_a_finding_in_sarif_and_github(
    tmp_dataset: TmpDataset, fmt: str
) -> None:
    """An unscanned source is one error result at the source's path, not zero results."""
    paths = tmp_dataset(MINI_YAML, {})
    code, out, _ = cli("coverage", str(paths.claims), "--format", fmt)
    assert code == 2
    line, column = where(MINI_YAML, f"path: {SEED_NAME}")
    column += len("path: ")
    if fmt == "github":
        assert out.startswith(
            f"::error file={paths.claims},line={line},col={column},"
            "title=provenance.missing-file::source file 'a.txt' not found"
        )
        assert out.count("::error") == 1
    else:
        [result] = json.loads(out)["runs"][0]["results"]
        assert result["ruleId"] == "provenance.missing-file"
        assert result["level"] == "error"
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (line, column)
