"""carsi-claims diff: what changed between two claims files, or two git revisions of one."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from _mini import MINI_SEEDS, MINI_YAML, SEED, cli, mutate
from carsi_claims import load
from carsi_claims.analysis.meaning import fingerprint
from carsi_claims.citing.diff import diff
from carsi_claims.dataset import default_paths
from conftest import TmpDataset

GOALS = MINI_YAML[
    MINI_YAML.index("  - id: carsi.goals\n") : MINI_YAML.index("  - id: carsi.clinton")
]

FIVE = SEED.index("Five Goals")


def _pair(tmp_dataset: TmpDataset, old: str, new: str) -> tuple[Path, Path]:
    """Write ``new`` as the claims file and ``old`` beside it; (old, new) paths."""
    paths = tmp_dataset(new, MINI_SEEDS)
    old_file = paths.claims.with_name("old.yaml")
    old_file.write_text(old, encoding="utf-8")
    return old_file, paths.claims


def test_the_shipped_dataset_against_itself_is_empty() -> None:
    """diff of a file with itself finds nothing and exits 0, in every format."""
    claims = str(default_paths()[0])
    code, out, err = cli("diff", claims, claims)
    assert (code, err) == (0, "")
    assert out == f"carsi-claims diff {load().file} -> {load().file}: no changes\n"
    code, out, _ = cli("diff", claims, claims, "--format", "markdown")
    assert (code, out) == (
        0,
        f"**carsi-claims diff** `{load().file}` -> `{load().file}`: no changes\n",
    )
    code, out, _ = cli("diff", claims, claims, "--format", "json")
    data = json.loads(out)
    assert (code, data["summary"], data["claims"], data["resolutions"]) == (0, "no changes", [], [])
    assert data["coverage"]["newly_uncovered"] == []


def test_added_removed_and_coverage(tmp_dataset: TmpDataset) -> None:
    """A removed claim exits 1; its figure becomes uncovered; the other way it is added."""
    old, new = _pair(tmp_dataset, MINI_YAML, MINI_YAML.replace(GOALS, ""))
    code, out, err = cli("diff", str(old), str(new))
    assert (code, err) == (1, "")
    assert out == (
        f"carsi-claims diff {old} -> {new}: 1 claim(s) removed, uncovered figure mentions 0 -> 1\n"
        "\n"
        "Claims removed:\n"
        "  carsi.goals\n"
        "      - count carsi / goal-count\n"
        '      - value: {"value": 5}\n'
        '      - quote (src-a): "Five Goals"\n'
        "\n"
        "Coverage: 5 -> 5 figure mention(s), 0 -> 1 uncovered:\n"
        f"  src-a {FIVE}-{FIVE + len('Five Goals')}\n"
        '      newly uncovered: "Five Goals"\n'
    )
    code, out, _ = cli("diff", str(new), str(old))
    assert code == 0
    assert out.splitlines()[:4] == [
        f"carsi-claims diff {new} -> {old}: 1 claim(s) added, uncovered figure mentions 1 -> 0",
        "",
        "Claims added:",
        "  carsi.goals",
    ]


def test_retracted_superseded_reinstated_and_edited(tmp_dataset: TmpDataset) -> None:
    """Status changes and a note are reported as such; none of them exits 1."""
    retract = mutate(
        "    property: goal-count\n",
        "    property: goal-count\n    status: retracted\n    reason: a duplicate\n",
    )
    supersede = mutate(
        "    property: statement-date\n",
        "    property: statement-date\n    status: retracted\n    reason: see the other\n"
        "    superseded_by: carsi.share\n",
        retract,
    )
    noted = mutate(
        "    property: goal-share\n", "    property: goal-share\n    note: checked\n", supersede
    )
    old, new = _pair(tmp_dataset, MINI_YAML, noted)
    result = diff(load(old), load(new))
    assert [(c.id, c.changes) for c in result.claims] == [
        ("carsi.date", ("superseded",)),
        ("carsi.goals", ("retracted",)),
        ("carsi.share", ("edited",)),
    ]
    code, out, _ = cli("diff", str(old), str(new))
    assert code == 0
    assert out.splitlines()[0] == (
        f"carsi-claims diff {old} -> {new}: 1 claim(s) retracted, 1 claim(s) superseded, "
        "1 claim(s) edited (meaning unchanged)"
    )
    assert "      status: active -> retracted (see the other, superseded by carsi.share)\n" in out
    back = diff(load(new), load(old))
    assert [(c.id, c.changes) for c in back.claims] == [
        ("carsi.date", ("reinstated",)),
        ("carsi.goals", ("reinstated",)),
        ("carsi.share", ("edited",)),
    ]


def test_a_meaning_change_with_a_correction_is_corrected(tmp_dataset: TmpDataset) -> None:
    """A change that the new file's corrections accept is 'corrected', with its reason; exit 0."""
    old_text = MINI_YAML
    changed = MINI_YAML.replace("role: Secretary of State", "role: U.S. Secretary of State")
    old, new = _pair(tmp_dataset, old_text, changed)
    before = fingerprint(load(old).claims_by_id["carsi.clinton-together"])
    after = fingerprint(load(new).claims_by_id["carsi.clinton-together"])
    new.write_text(
        changed + "corrections:\n  - claim: carsi.clinton-together\n"
        f'    old: "{before}"\n    new: "{after}"\n    reason: as the source gives it\n',
        encoding="utf-8",
    )
    code, out, _ = cli("diff", str(old), str(new), "--format", "markdown")
    assert code == 0
    assert out.splitlines()[0] == (
        f"**carsi-claims diff** `{old}` -> `{new}`: 1 claim(s) corrected"
    )
    assert "  correction: as the source gives it\n" in out
    assert f"  meaning {before} -> {after}\n" in out
    assert "  ```diff\n" in out


def test_json_lists_every_change_with_both_sides(tmp_dataset: TmpDataset) -> None:
    """The JSON form has the summary, the breaking ids and each claim before and after."""
    changed = MINI_YAML.replace("    value: {value: 5}\n", "    value: {value: 6}\n")
    old, new = _pair(tmp_dataset, MINI_YAML, changed)
    code, out, _ = cli("diff", str(old), str(new), "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["breaking"] == ["carsi.goals"]
    [claim] = data["claims"]
    assert claim["changes"] == ["changed-meaning"]
    assert claim["before"]["meaning"]["value"] == {"value": 5}
    assert claim["after"]["meaning"]["value"] == {"value": 6}
    assert data["counts"]["claims"]["changed-meaning"] == 1


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_dataset: TmpDataset) -> Path:
    """A git repository whose first commit holds the mini dataset, the second one claim fewer."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    _git(paths.root, "init", "-q")
    _git(paths.root, "add", ".")
    _git(paths.root, "commit", "-qm", "one")
    paths.claims.write_text(MINI_YAML.replace(GOALS, ""), encoding="utf-8")
    _git(paths.root, "commit", "-qam", "two")
    return paths.claims


def test_rev_reads_both_revisions_with_git(repo: Path) -> None:
    """--rev A..B compares the file as committed at A and B, named REV:path."""
    code, out, err = cli("diff", "--rev", "HEAD~1..HEAD", str(repo))
    assert (code, err) == (1, "")
    assert out.splitlines()[0] == (
        "carsi-claims diff HEAD~1:data/claims.yaml -> HEAD:data/claims.yaml: "
        "1 claim(s) removed, uncovered figure mentions 0 -> 1"
    )


def test_rev_with_no_second_revision_uses_the_file_as_it_is(repo: Path) -> None:
    """--rev A.. compares revision A with the working file."""
    repo.write_text(MINI_YAML, encoding="utf-8")
    code, out, _ = cli("diff", "--rev", "HEAD..", str(repo))
    assert code == 0
    assert out.splitlines()[0] == (
        f"carsi-claims diff HEAD:data/claims.yaml -> {repo}: 1 claim(s) added, "
        "uncovered figure mentions 1 -> 0"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--rev", "HEAD"], "expected --rev A..B (or A.. for the file as it is now), found 'HEAD'"),
        (
            ["--rev", "A...B"],
            "expected --rev A..B (or A.. for the file as it is now), found 'A...B'",
        ),
        (
            ["--rev", "nope..HEAD"],
            "git show nope:data/claims.yaml: fatal: invalid object name 'nope'.",
        ),
    ],
)
def test_a_bad_revision_exits_2(repo: Path, argv: list[str], message: str) -> None:
    """A --rev that is not A..B, or names no revision, is refused with git's own words."""
    assert cli("diff", *argv, str(repo)) == (2, "", f"carsi-claims diff: {message}\n")


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    """One file without --rev, or a file outside any repository with --rev: exit 2."""
    assert cli("diff", "a.yaml") == (
        2,
        "",
        "carsi-claims diff: give two claims files (OLD NEW), or --rev A..B [CLAIMS_FILE]\n",
    )
    outside = tmp_path / "claims.yaml"
    outside.write_text(MINI_YAML, encoding="utf-8")
    code, out, err = cli("diff", "--rev", "HEAD..", str(outside))
    assert (code, out) == (2, "")
    assert err.startswith("carsi-claims diff: git rev-parse --show-toplevel: fatal: not a git")


def test_an_unreadable_file_exits_2(tmp_path: Path) -> None:
    """A claims file that is not YAML is reported with its location, exit 2."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("claims: [\n", encoding="utf-8")
    code, out, err = cli("diff", str(bad), str(bad))
    assert (code, out) == (2, "")
    assert err.endswith("carsi-claims diff: the claims file cannot be read\n")


def test_markdown_fences_outgrow_backticks_in_a_quote() -> None:
    """A quote holding ``` gets a longer fence, so the comment's layout holds."""
    import io

    from carsi_claims import Claim, ClaimKind, Dataset, Provenance, Statement
    from carsi_claims.citing.diff import render_diff

    text = "use ``` to fence"
    claim = Claim(
        "c.one", ClaimKind.STATEMENT, "s", "p", Statement(text), (Provenance("src", text, 0, 16),)
    )
    out = io.StringIO()
    render_diff(diff(Dataset(), Dataset(claims=(claim,))), "markdown", out)
    assert out.getvalue() == (
        "**carsi-claims diff** `old` -> `new`: 1 claim(s) added\n"
        "\n"
        "### Claims added\n"
        "\n"
        "- `c.one`\n"
        "\n"
        "  ````diff\n"
        "  + statement s / p\n"
        '  + value: {"text": "use ``` to fence"}\n'
        '  + quote (src): "use ``` to fence"\n'
        "  ````\n"
        "\n"
    )
