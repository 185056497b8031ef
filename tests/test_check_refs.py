"""Tests for check-refs: carsi:<claim-id> references in other projects' files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from _mini import MINI_SEEDS, cli, where
from carsi_claims.checks.ids import is_valid_id
from carsi_claims.citing.refs import find_references
from conftest import TmpDataset
from test_cite import RETRACTED_YAML

ROOT = Path(__file__).resolve().parents[1]

SAMPLE = """\
# Notes on CARSI funding

Funding was $260 million (carsi:carsi.funding). The goals count is carsi:carsi.goals.
An old count, carsi:carsi.goals-old, was retracted; a typo: carsi:carsi.fundng, and
*carsi:carsi.share*, `carsi:carsi.date`; carsi:carsi.nope.
"""


def _paths(tmp_dataset: TmpDataset) -> Path:
    return tmp_dataset(RETRACTED_YAML, MINI_SEEDS).claims


def test_sample_document_reports_exactly_the_bad_ids(
    tmp_dataset: TmpDataset, tmp_path: Path
) -> None:
    """Good ids pass; the unknown and retracted ones are reported at file:line:col."""
    claims = _paths(tmp_dataset)
    doc = tmp_path / "notes.md"
    doc.write_text(SAMPLE, encoding="utf-8")
    code, out, err = cli("check-refs", "--claims", str(claims), str(doc))
    assert (code, err) == (1, "")
    old, typo, nope = (
        where(SAMPLE, f"carsi:carsi.{name}") for name in ("goals-old", "fundng", "nope")
    )
    assert out == (
        f"{doc}:{old[0]}:{old[1]}: error[refs.retracted]: claim carsi.goals-old: retracted "
        "(counted twice); cite its successor carsi:carsi.goals instead\n"
        f"{doc}:{typo[0]}:{typo[1]}: error[refs.unknown]: claim carsi.fundng: no such claim in "
        "the dataset; did you mean carsi:carsi.funding?\n"
        f"{doc}:{nope[0]}:{nope[1]}: error[refs.unknown]: claim carsi.nope: no such claim in "
        "the dataset; did you mean carsi:carsi.date?\n"
        "check-refs FAILED: 7 claim reference(s) in 1 file(s), 3 unknown, retracted or malformed\n"
    )


def test_good_references_exit_0(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """A file whose every reference is an active claim passes with exit 0."""
    claims = _paths(tmp_dataset)
    doc = tmp_path / "ok.rst"
    doc.write_text("See carsi:carsi.goals, and carsi:carsi.funding.\n", encoding="utf-8")
    assert cli("check-refs", "--claims", str(claims), str(doc)) == (
        0,
        "check-refs ok: 2 claim reference(s) in 1 file(s), 0 unknown, retracted or malformed\n",
        "",
    )


def test_prose_punctuation_is_not_part_of_the_id() -> None:
    """A full stop, comma, bracket, quote or emphasis mark after an id ends the reference."""
    text = "(carsi:a.b), carsi:c-d. “carsi:e_f” *carsi:g* _carsi:h_ carsi:i.\ncarsi:j;"
    expected = [
        (name, *where(text, f"carsi:{name}")) for name in ("a.b", "c-d", "e_f", "g", "h", "i", "j")
    ]
    assert [(r.id, r.line, r.column) for r in find_references(text)] == expected


def test_not_references_and_malformed_ones() -> None:
    """``carsi:`` in a word or URL is no reference; one not followed by an id is malformed."""
    text = "mycarsi:x http://h/carsi:y CARSI: z carsi: w carsi:Five carsi:five-Goals"
    assert [(r.id, r.column, r.malformed) for r in find_references(text)] == [
        ("carsi:Five", 46, True),
        ("carsi:five-Goals", 57, True),
    ]


ids = st.from_regex(r"[a-z0-9]{1,8}(?:[-._][a-z0-9]{1,8}){0,3}", fullmatch=True)


@given(
    claim_id=ids,
    after=st.sampled_from([".", ",", ";", ":", ")", "]", "”", "'", "!", "?", "\n", " ", ""]),
)
def test_any_id_followed_by_punctuation_is_read_whole(claim_id: str, after: str) -> None:
    """Any well-formed id, then any prose punctuation, is read back exactly."""
    assert is_valid_id(claim_id)
    refs = list(find_references(f"see carsi:{claim_id}{after} more"))
    assert [(r.id, r.column, r.malformed) for r in refs] == [(claim_id, 5, False)]


def test_folders_notebooks_hidden_and_binary_files(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """Folders are walked (hidden ones skipped); a notebook is read as text; binaries are noted."""
    claims = _paths(tmp_dataset)
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / ".git").mkdir()
    (project / ".git" / "old.md").write_text("carsi:carsi.nope\n", encoding="utf-8")
    notebook = {"cells": [{"cell_type": "markdown", "source": ["Cite carsi:carsi.goals-old.\n"]}]}
    nb_text = json.dumps(notebook, indent=1)
    (project / "docs" / "analysis.ipynb").write_text(nb_text, encoding="utf-8")
    (project / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00carsi:carsi.nope")
    (project / "latin1.txt").write_bytes(b"ok\ncaf\xe9 carsi:carsi.nope\n")
    (project / "code.py").write_text('REF = "carsi:carsi.funding"\n', encoding="utf-8")
    code, out, _ = cli("check-refs", "--claims", str(claims), "--format", "json", str(project))
    assert code == 1
    found = [
        (f["code"], f["severity"], Path(f["location"]["file"]).name, f["location"]["line"],
         f["location"]["column"])
        for f in json.loads(out)["findings"]
    ]  # fmt: skip
    line, column = where(nb_text, "carsi:")
    assert found == [
        ("refs.retracted", "error", "analysis.ipynb", line, column),
        ("refs.undecodable", "warning", "latin1.txt", 2, 4),
        ("refs.binary", "info", "logo.png", 1, 1),
    ]


def test_unreadable_path_exits_2(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """A path that does not exist is an error finding with exit 2, the others still checked."""
    claims = _paths(tmp_dataset)
    good = tmp_path / "good.md"
    good.write_text("carsi:carsi.goals\n", encoding="utf-8")
    missing = tmp_path / "missing.md"
    code, out, err = cli("check-refs", "--claims", str(claims), str(good), str(missing))
    assert (code, err) == (2, "")
    assert out == (
        f"error[refs.unreadable]: cannot read {missing}: not found\n"
        "check-refs FAILED: 1 claim reference(s) in 1 file(s), 0 unknown, retracted or "
        "malformed, 1 unreadable path(s)\n"
    )


def test_unreadable_path_in_every_format(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """JSON output lists an unreadable path as an error and is not ok; the exit stays 2."""
    claims = _paths(tmp_dataset)
    missing = tmp_path / "missing.md"
    code, out, _ = cli("check-refs", "--claims", str(claims), "--format", "json", str(missing))
    assert code == 2
    data = json.loads(out)
    assert data["ok"] is False
    assert [(f["code"], f["severity"], f["location"], f["message"]) for f in data["findings"]] == [
        ("refs.unreadable", "error", None, f"cannot read {missing}: not found")
    ]


def test_unreadable_existing_file_is_located(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """A path that exists but is no regular file or folder is an error at its line 1, column 1."""
    import os

    claims = _paths(tmp_dataset)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, out, _ = cli("check-refs", "--claims", str(claims), "--format", "json", str(fifo))
    assert code == 2
    assert [(f["code"], f["location"], f["message"]) for f in json.loads(out)["findings"]] == [
        (
            "refs.unreadable",
            {"file": str(fifo), "line": 1, "column": 1},
            "cannot read it: it is a FIFO (named pipe), not a regular file",
        )
    ]


def test_shipped_dataset_is_the_default(tmp_path: Path) -> None:
    """Without --claims the shipped dataset's ids are the known ones."""
    doc = tmp_path / "a.md"
    doc.write_text(
        "carsi:carsi.five-goals.count and carsi:carsi.five-goal.count\n", encoding="utf-8"
    )
    code, out, _ = cli("check-refs", str(doc))
    assert code == 1
    assert "did you mean carsi:carsi.five-goals.count?" in out


def test_pre_commit_hook_definition() -> None:
    """The shipped pre-commit hook runs check-refs on text files, installed as a Python package."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [{k: h[k] for k in ("id", "entry", "language", "types")} for h in hooks] == [
        {
            "id": "carsi-claims-check-refs",
            "entry": "carsi-claims check-refs",
            "language": "python",
            "types": ["text"],
        }
    ]


def test_undecodable_column_counts_code_points(tmp_dataset: TmpDataset, tmp_path: Path) -> None:
    """A bad byte after accented letters (and a BOM) is placed by code points, its byte named."""
    claims = _paths(tmp_dataset)
    doc = tmp_path / "accents.txt"
    doc.write_bytes(b"\xef\xbb\xbfok\n\xc3\xa9\xc3\xa9 \xff carsi:carsi.nope\n")
    code, out, _ = cli("check-refs", "--claims", str(claims), "--format", "json", str(doc))
    assert code == 0
    [finding] = json.loads(out)["findings"]
    assert (finding["code"], finding["location"]["line"], finding["location"]["column"]) == (
        "refs.undecodable",
        2,
        4,
    )
    assert finding["message"] == ("skipped: not UTF-8 text (byte 11, 0xff: invalid start byte)")


def test_paths_are_shown_relative_to_the_working_folder(
    tmp_dataset: TmpDataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file given by its absolute path inside the working folder is shown relative to it."""
    claims = _paths(tmp_dataset)
    (tmp_path / "docs").mkdir()
    doc = tmp_path / "docs" / "a.md"
    doc.write_text("x carsi:carsi.nope\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("check-refs", "--claims", str(claims), str(doc))
    assert code == 1
    assert out.startswith(f"{Path('docs', 'a.md')}:1:3: error[refs.unknown]: ")
