"""GitHub Actions: annotations relative to the repository root, and the step summary table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from _mini import MINI_SEEDS, DatasetPaths, cli, mutate, where
from carsi_claims.findings import Finding, Location, Severity
from carsi_claims.output.render import SUMMARY_ROWS, github_summary
from carsi_claims.output.rules import help_uri

TmpDataset = Callable[..., DatasetPaths]


def test_summary_is_appended_to_the_step_summary(
    tmp_dataset: TmpDataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With GITHUB_STEP_SUMMARY set, a table of the findings is appended; what was there stays."""
    text = mutate("{value: 95, bound: up_to,", "{value: 195, bound: up_to,")
    paths = tmp_dataset(text, MINI_SEEDS)
    summary = tmp_path / "summary.md"
    summary.write_text("## an earlier step's summary\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    args = ("validate", str(paths.claims), "--root", str(paths.root), "--format", "github")
    code, out, _ = cli(*args)
    assert code == 1
    line, col = where(text, "195")
    assert out.startswith(f"::error file=data/claims.yaml,line={line},col={col},title=record.range")
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("## an earlier step's summary\n### carsi-claims validate: FAILED\n")
    assert f"| [`record.range`]({help_uri('record.range')}) | error | 1 |" in written
    assert (
        f"| error | `record.range` | data/claims.yaml:{line}:{col} | carsi.share "
        "| percentage must be within 0..100, found 195 |"
    ) in written.splitlines()
    cli(*args)  # a second run appends again
    assert summary.read_text(encoding="utf-8") == written + written.split("\n", 1)[1]


def test_no_summary_without_the_variable(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """Without GITHUB_STEP_SUMMARY nothing but the annotations is written."""
    paths = tmp_dataset(mutate("{value: 5}", "{value: 6}"), MINI_SEEDS)
    code, out, _ = cli("validate", str(paths.claims), "--format", "github")
    assert code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "seeds"]
    assert out.startswith("::error ")


def test_summary_cells_cannot_break_the_table_or_inject_html() -> None:
    """Pipes, newlines, backticks and HTML in a message stay inside their cell, as text."""
    finding = Finding(
        "refs.unknown",
        Severity.WARNING,
        "a | b\nc <script>alert(1)</script> `x`",
        location=Location("docs/a|b.md", 2, 3),
    )
    text = github_summary([finding], command="check-refs", root=Path.cwd())
    row = text.splitlines()[-2]
    assert row == (
        "| warning | `refs.unknown` | docs/a\\|b.md:2:3 |  "
        "| a \\| b c &lt;script&gt;alert(1)&lt;/script&gt; \\`x\\` |"
    )
    assert text.startswith("### carsi-claims check-refs: ok\n\n1 finding(s): 0 errors, 1 warning,")


def test_summary_lists_at_most_the_first_rows_and_counts_the_rest() -> None:
    """Past SUMMARY_ROWS findings the table stops and says how many more are in the log."""
    many = [
        Finding("coverage.uncovered", Severity.ERROR, f"figure {i}", location=Location("s", i, 1))
        for i in range(1, SUMMARY_ROWS + 6)
    ]
    text = github_summary(many, root=Path.cwd())
    assert sum(1 for line in text.splitlines() if line.startswith("| error |")) == SUMMARY_ROWS
    assert "5 more finding(s) are in the step's log." in text
    assert f"| {SUMMARY_ROWS + 5} |" in text  # the count by code covers all of them


def test_no_findings_summary() -> None:
    """A clean run's summary says ok and 0 findings, without tables."""
    assert github_summary([], command="validate", root=Path.cwd()) == (
        "### carsi-claims validate: ok\n\n0 finding(s): 0 errors, 0 warnings, 0 infos.\n\n"
    )


def test_a_summary_that_cannot_be_written_is_reported(
    tmp_dataset: TmpDataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GITHUB_STEP_SUMMARY naming a folder: the annotations are printed, the failure said on
    stderr, and the exit code is the validation's."""
    paths = tmp_dataset(mutate("{value: 5}", "{value: 6}"), MINI_SEEDS)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path))
    code, out, err = cli("validate", str(paths.claims), "--format", "github")
    assert code == 1
    assert out.startswith("::error ")
    assert err == (
        f"carsi-claims validate: cannot append to GITHUB_STEP_SUMMARY {tmp_path}: Is a directory\n"
    )
