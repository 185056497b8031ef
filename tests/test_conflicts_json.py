"""The JSON of ``carsi-claims conflicts --format json``: the keys and values tools read."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

from carsi_claims.cli.main import run

_SEED = "90% 97%\n"
_CLAIMS = """\
sources:
  - {id: s1, path: s1.txt, sha256: "%s", title: One, kind: news}
entities:
  - {id: carsi, name: CARSI}
claims:
  - id: a
    kind: percentage
    subject: carsi
    property: share
    value: {value: 90}
    qualifiers: {as_of: "2011"}
    provenance: [{source: s1, quote: "90%%", start: 0, end: 3}]
  - id: b
    kind: percentage
    subject: carsi
    property: share
    value: {value: 97}
    provenance: [{source: s1, quote: "97%%", start: 4, end: 7}]
resolutions:
%s
"""


def _conflicts_json(tmp_path: Path, resolutions: str) -> tuple[int, dict[str, object]]:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "s1.txt").write_text(_SEED, encoding="utf-8")
    (tmp_path / "data").mkdir()
    claims = tmp_path / "data" / "claims.yaml"
    sha = hashlib.sha256(_SEED.encode()).hexdigest()
    claims.write_text(_CLAIMS % (sha, resolutions), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = run(["conflicts", str(claims), "--format", "json"], out, err)
    assert err.getvalue() == ""
    report: dict[str, object] = json.loads(out.getvalue())
    return code, report


def _pinned(conflict: object) -> dict[str, object]:
    """The keys pinned exactly; ``detail`` is prose for people: only what each claim says."""
    assert isinstance(conflict, dict)
    detail = conflict["detail"]
    assert isinstance(detail, str)
    assert "a (s1) says 90%" in detail
    assert "b (s1) says 97%" in detail
    assert sorted(conflict) == [
        "claims", "code", "detail", "diffs", "kind", "kind_problem", "leans_on_inference",
        "question", "reason", "resolution", "severity", "sources", "status", "undetermined",
        "variants",
    ]  # fmt: skip
    for variant in conflict["variants"]:
        assert sorted(variant) == ["claims", "says", "scope", "sources", "text", "when"]
    keys = ("kind", "code", "severity", "claims", "undetermined", "sources")
    return {key: conflict[key] for key in (*keys, "status", "resolution")}


_CONFLICT = {
    "kind": "value",
    "code": "conflict.value",
    "severity": "error",
    "claims": ["a", "b"],
    "undetermined": True,
    "sources": {"a": ["s1"], "b": ["s1"]},
}


def test_the_report_has_exactly_its_documented_keys(tmp_path: Path) -> None:
    """The top level of the report: ok, conflicts, resolutions, stale (and nothing else)."""
    _, report = _conflicts_json(tmp_path, "  []")
    assert sorted(report) == ["conflicts", "ok", "resolutions", "stale"]


def test_an_unresolved_conflict(tmp_path: Path) -> None:
    """Exit 1; ok false; the conflict with its kind, code, severity, claims, a detail,
    whether its time is undetermined, the sources of each claim, and status unresolved."""
    code, report = _conflicts_json(tmp_path, "  []")
    assert code == 1
    assert (report["ok"], report["resolutions"], report["stale"]) == (False, {}, [])
    assert isinstance(report["conflicts"], list)
    assert [_pinned(c) for c in report["conflicts"]] == [
        {**_CONFLICT, "status": "unresolved", "resolution": None}
    ]


def test_a_resolved_conflict_names_its_resolution_and_evidence(tmp_path: Path) -> None:
    """Exit 0; the conflict names its resolution, described under ``resolutions`` by kind
    and evidence (an outside document, flagged as not verifiable)."""
    resolution = (
        "  - id: r1\n"
        "    kind: different_as_of\n"
        "    claims: [a, b]\n"
        "    rationale: the 2011 share was revised\n"
        "    evidence:\n"
        "      - {title: Outside report, publisher: An office, date: '2012'}\n"
    )
    code, report = _conflicts_json(tmp_path, resolution)
    assert code == 0
    assert (report["ok"], report["stale"]) == (True, [])
    assert isinstance(report["conflicts"], list)
    assert [_pinned(c) for c in report["conflicts"]] == [
        {**_CONFLICT, "status": "resolved", "resolution": "r1"}
    ]
    assert report["resolutions"] == {
        "r1": {
            "kind": "different_as_of",
            "evidence": [
                {
                    "title": "Outside report",
                    "publisher": "An office",
                    "date": "2012",
                    "identifier": None,
                    "url": None,
                    "quote": None,
                    "verifiable": False,
                    "note": "not verifiable against local text",
                }
            ],
        }
    }
