"""check-refs findings as tools read them: code, severity, message, claim and location."""

from __future__ import annotations

import json
from pathlib import Path

from _mini import MINI_SEEDS, cli, where
from conftest import TmpDataset
from test_cite import RETRACTED_YAML

_MALFORMED = (
    "is not a claim reference: expected 'carsi:' and then a claim id of lowercase ASCII "
    "letters and digits joined by '-', '.' or '_' (at most 80 characters)"
)


def _check(tmp_dataset: TmpDataset, tmp_path: Path, text: str) -> tuple[int, object]:
    claims = tmp_dataset(RETRACTED_YAML, MINI_SEEDS).claims
    doc = tmp_path / "doc.md"
    doc.write_text(text, encoding="utf-8")
    code, out, err = cli("check-refs", "--claims", str(claims), "--format", "json", str(doc))
    assert err == ""
    return code, json.loads(out)


def _finding(
    code: str, message: str, claim: str | None, file: str, at: tuple[int, int]
) -> dict[str, object]:
    return {
        "code": code,
        "severity": "error",
        "message": message,
        "claim": claim,
        "location": {"file": file, "line": at[0], "column": at[1]},
    }


def test_malformed_references_are_findings_at_their_place(
    tmp_dataset: TmpDataset, tmp_path: Path
) -> None:
    """``carsi:`` before a capital, an id run into a capital, and an id longer than 80
    characters are each a refs.malformed error at the reference, quoting what was written."""
    long_id = "a" * 120  # shown cut to 100 characters, "carsi:" included
    text = f"See carsi:Five.\nAnd (carsi:carsi.five-Goals) or carsi:{long_id}\n"
    code, report = _check(tmp_dataset, tmp_path, text)
    doc = str(tmp_path / "doc.md")
    assert code == 1
    assert report == {
        "ok": False,
        "findings": [
            _finding("refs.malformed", f"'carsi:Five' {_MALFORMED}", None, doc, (1, 5)),
            _finding(
                "refs.malformed",
                f"'carsi:carsi.five-Goals' {_MALFORMED}",
                None,
                doc,
                where(text, "carsi:carsi.five"),
            ),
            _finding(
                "refs.malformed",
                f"'carsi:{long_id[:94]}' {_MALFORMED}",
                None,
                doc,
                where(text, f"carsi:{long_id}"),
            ),
        ],
    }


def test_an_unknown_id_with_no_close_match_gets_no_suggestion(
    tmp_dataset: TmpDataset, tmp_path: Path
) -> None:
    """An id like no claim's is a refs.unknown error with no "did you mean" hint."""
    code, report = _check(tmp_dataset, tmp_path, "x\n  carsi:zzzzqqq\n")
    doc = str(tmp_path / "doc.md")
    assert (code, report) == (
        1,
        {
            "ok": False,
            "findings": [
                _finding("refs.unknown", "no such claim in the dataset", "zzzzqqq", doc, (2, 3))
            ],
        },
    )


def test_a_retracted_claim_without_successor_says_so(
    tmp_dataset: TmpDataset, tmp_path: Path
) -> None:
    """Citing a retracted claim that nothing supersedes: refs.retracted, with its reason."""
    yaml_text = RETRACTED_YAML.replace("    superseded_by: carsi.goals\n", "")
    assert yaml_text != RETRACTED_YAML
    claims = tmp_dataset(yaml_text, MINI_SEEDS).claims
    doc = tmp_path / "doc.md"
    doc.write_text("carsi:carsi.goals-old\n", encoding="utf-8")
    code, out, err = cli("check-refs", "--claims", str(claims), "--format", "json", str(doc))
    assert (code, err) == (1, "")
    assert json.loads(out)["findings"] == [
        _finding(
            "refs.retracted",
            "retracted (counted twice); no claim supersedes it: remove the reference or cite "
            "another claim",
            "carsi.goals-old",
            str(doc),
            (1, 1),
        )
    ]
