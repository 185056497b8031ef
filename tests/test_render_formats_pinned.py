"""The github and sarif formats, field by field: what code scanning and the Actions runner read.

Pins the SARIF rule descriptors, the v1 fingerprints (an alert keeps its
identity across releases only if the fingerprint scheme stays), the paths made
relative to the repository root, the step summary's tables and the formats as
:func:`render_findings` writes them.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import subprocess
from importlib.metadata import version as dist_version
from pathlib import Path
from typing import Any

import pytest

from carsi_claims.findings import Finding, Location, Severity
from carsi_claims.output.render import (
    append_text,
    github_annotation,
    github_summary,
    render_findings,
    repository_root,
    to_sarif,
)
from carsi_claims.output.rules import DOCS_URL, RULES, help_uri


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative paths in these tests are relative to the temporary folder (the root)."""
    monkeypatch.chdir(tmp_path)


def _results(log: dict[str, Any]) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = log["runs"][0]["results"]
    return results


def _rules(log: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}


def _uri(result: dict[str, Any]) -> dict[str, Any]:
    location: dict[str, Any] = result["locations"][0]["physicalLocation"]["artifactLocation"]
    return location


# -- sarif: the rules -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "level"),
    [("record.range", "error"), ("lock.duplicate", "warning"), ("provenance.unverified", "note")],
)
def test_a_rule_descriptor_has_every_field(tmp_path: Path, code: str, level: str) -> None:
    """A rule: id and name are the code; descriptions, help (text and Markdown), helpUri, and
    the default level from the rule's severity."""
    r = RULES[code]
    uri = f"{DOCS_URL}#{code}"
    assert _rules(to_sarif([], version="1", root=tmp_path))[code] == {
        "id": code,
        "name": code,
        "shortDescription": {"text": r.short},
        "fullDescription": {"text": r.full},
        "helpUri": uri,
        "help": {
            "text": f"{r.full} How to fix it: {r.fix} ({uri})",
            "markdown": f"{r.full}\n\n**How to fix it:** {r.fix}\n\n[`{code}`]({uri})",
        },
        "defaultConfiguration": {"level": level},
    }


def test_an_unlisted_code_gets_a_generic_rule_after_the_listed_ones(tmp_path: Path) -> None:
    """Codes not in RULES follow them in sorted order, each once, and results index them."""
    findings = [Finding(code, Severity.ERROR, "m") for code in ("zz.b", "zz.a", "zz.b")]
    log = to_sarif(findings, version="1", root=tmp_path)
    ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert ids == [*RULES, "zz.a", "zz.b"]
    assert [r["ruleIndex"] for r in _results(log)] == [len(RULES) + 1, len(RULES), len(RULES) + 1]
    assert _rules(log)["zz.a"]["defaultConfiguration"] == {"level": "error"}


# -- sarif: the run ---------------------------------------------------------------------------


def test_the_driver_names_the_tool_and_its_installed_version(tmp_path: Path) -> None:
    """Without a version given, the driver carries the installed distribution's version."""
    driver = to_sarif([], root=tmp_path)["runs"][0]["tool"]["driver"]
    assert driver["name"] == "carsi-claims"
    assert driver["version"] == dist_version("carsi-claims")
    assert driver["informationUri"] == "https://pypi.org/project/carsi-claims/"


def test_an_empty_version_is_left_out(tmp_path: Path) -> None:
    """An empty version string gives no version key (SARIF wants a non-empty one)."""
    assert "version" not in to_sarif([], version="", root=tmp_path)["runs"][0]["tool"]["driver"]


def test_no_command_no_automation_details_and_no_claim_no_properties(tmp_path: Path) -> None:
    """automationDetails only with a command; properties only for a finding about a claim."""
    log = to_sarif([Finding("c.d", Severity.WARNING, "m")], version="1", root=tmp_path)
    run = log["runs"][0]
    assert "automationDetails" not in run
    (result,) = run["results"]
    assert "properties" not in result
    assert result["level"] == "warning"


def test_a_finding_without_location_or_subject_points_at_claims_yaml(tmp_path: Path) -> None:
    """With neither a location nor a subject, the result is at claims.yaml line 1, column 1."""
    (result,) = _results(to_sarif([Finding("c.d", Severity.INFO, "m")], root=tmp_path))
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "claims.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 2},
    }


def test_a_subject_locates_only_the_findings_without_a_location(tmp_path: Path) -> None:
    """The subject gives line 1 to location-less findings; a finding's own location wins."""
    findings = [
        Finding("c.d", Severity.ERROR, "m"),
        Finding("c.d", Severity.ERROR, "n", location=Location("other.md", 4, 7)),
    ]
    log = to_sarif(findings, version="1", root=tmp_path, subject="docs/x.md")
    regions = [r["locations"][0]["physicalLocation"] for r in _results(log)]
    assert [(p["artifactLocation"]["uri"], p["region"]["startLine"]) for p in regions] == [
        ("docs/x.md", 1),
        ("other.md", 4),
    ]
    assert regions[1]["region"]["startColumn"] == 7


def test_an_absolute_path_outside_the_root_is_a_file_uri(tmp_path: Path) -> None:
    """A file outside the root: an absolute file: URI and no uriBaseId."""
    root = tmp_path / "repo"
    root.mkdir()
    outside = tmp_path / "elsewhere" / "a b.yaml"
    finding = Finding("c.d", Severity.ERROR, "m", location=Location(str(outside), 1, 1))
    (result,) = _results(to_sarif([finding], version="1", root=root))
    assert _uri(result) == {"uri": outside.as_uri()}
    assert _uri(result)["uri"].endswith("/elsewhere/a%20b.yaml")


def test_the_root_itself_is_not_a_file_inside_it(tmp_path: Path) -> None:
    """A finding located at the root folder gets its absolute URI, never an empty path."""
    finding = Finding("c.d", Severity.ERROR, "m", location=Location(str(tmp_path), 1, 1))
    (result,) = _results(to_sarif([finding], version="1", root=tmp_path))
    assert _uri(result) == {"uri": tmp_path.as_uri()}


def test_a_name_starting_with_two_dots_is_inside_the_root(tmp_path: Path) -> None:
    """``..notes.md`` inside the root is a relative path, not taken for a parent folder."""
    finding = Finding("c.d", Severity.ERROR, "m", location=Location(str(tmp_path / "..a.md"), 1, 1))
    (result,) = _results(to_sarif([finding], version="1", root=tmp_path))
    assert _uri(result) == {"uri": "..a.md", "uriBaseId": "%SRCROOT%"}


def test_a_file_name_that_is_not_utf8_is_percent_encoded_by_its_bytes(tmp_path: Path) -> None:
    """A name the OS handed over undecoded (surrogate escapes) becomes its bytes %-encoded."""
    name = os.fsdecode(b"caf\xe9 #1.yaml")
    finding = Finding("c.d", Severity.ERROR, "m", location=Location(name, 2, 1))
    (result,) = _results(to_sarif([finding], version="1", root=os.getcwd()))
    assert _uri(result) == {"uri": "caf%E9%20%231.yaml", "uriBaseId": "%SRCROOT%"}


# -- sarif: fingerprints ---------------------------------------------------------------------


def _fingerprint(result: dict[str, Any]) -> str:
    prints = result["partialFingerprints"]
    assert prints["primaryLocationLineHash"] == prints["carsiClaimsFinding/v1"]
    value: str = prints["carsiClaimsFinding/v1"]
    return value


def test_the_v1_fingerprint_is_the_documented_hash(tmp_path: Path) -> None:
    """v1: the first 32 hex digits of SHA-256 over code, claim, URI and message (line numbers
    as N), NUL-separated, then ``:`` and the occurrence; fixed so alerts keep their identity."""
    finding = Finding(
        "refs.unknown",
        Severity.ERROR,
        "first defined on line 12, column 3",
        claim="carsi.goal",
        location=Location("docs/a.md", 40, 2),
    )
    (result,) = _results(to_sarif([finding], version="1", root=tmp_path))
    identity = "refs.unknown\x00carsi.goal\x00docs/a.md\x00first defined on line N, column N"
    expected = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32] + ":1"
    assert _fingerprint(result) == expected
    assert expected == "ac18f73583c581a55146677dccde659b:1"
    no_claim = Finding("refs.unknown", Severity.ERROR, "m", location=Location("docs/a.md", 1, 1))
    (result,) = _results(to_sarif([no_claim], version="1", root=tmp_path))
    plain = hashlib.sha256(b"refs.unknown\x00\x00docs/a.md\x00m").hexdigest()[:32]
    assert _fingerprint(result) == plain + ":1"


def test_a_message_holding_undecodable_bytes_has_a_fingerprint(tmp_path: Path) -> None:
    """A message naming a file whose name is not UTF-8 (surrogate escapes) is hashed by the
    name's bytes."""
    message = "cannot read " + os.fsdecode(b"caf\xe9.md")
    finding = Finding("refs.unreadable", Severity.ERROR, message, location=Location("a", 1, 1))
    (result,) = _results(to_sarif([finding], version="1", root=tmp_path))
    identity = b"refs.unreadable\x00\x00a\x00cannot read caf\xe9.md"
    assert _fingerprint(result) == hashlib.sha256(identity).hexdigest()[:32] + ":1"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("first defined on line 12", "first defined on line 80"),
        ("see lines 3 and 4", "see lines 9 and 4"),
        ("at column 7", "at column 70"),
        ("at columns 7", "at columns 1"),
        ("at col 2", "at col 9"),
    ],
)
def test_line_and_column_numbers_in_a_message_do_not_change_the_fingerprint(
    tmp_path: Path, before: str, after: str
) -> None:
    """A finding whose message names a line that moved keeps its fingerprint."""
    one, two = (
        _fingerprint(r)
        for r in _results(
            to_sarif(
                [
                    Finding("c.d", Severity.ERROR, m, location=Location("a", 1, 1))
                    for m in (before, after)
                ],
                version="1",
                root=tmp_path,
            )
        )
    )
    assert one.split(":")[0] == two.split(":")[0]
    assert two.endswith(":2")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("found 195", "found 196"),
        ("underline 1", "underline 2"),
        ("lineage 5", "lineage 6"),
        ("outline 5", "outline 6"),
    ],
)
def test_other_numbers_in_a_message_change_the_fingerprint(
    tmp_path: Path, before: str, after: str
) -> None:
    """Only the number after the word line, lines, column, columns or col is left out."""
    findings = [
        Finding("c.d", Severity.ERROR, m, location=Location("a", 1, 1)) for m in (before, after)
    ]
    one, two = (_fingerprint(r) for r in _results(to_sarif(findings, version="1", root=tmp_path)))
    assert one != two
    assert one.endswith(":1")
    assert two.endswith(":1")


def test_the_fingerprint_depends_on_code_claim_and_file(tmp_path: Path) -> None:
    """Findings differing only in code, claim or file get different fingerprints."""
    base = Finding("c.d", Severity.ERROR, "m", claim="x", location=Location("a", 1, 1))
    others = [
        base,
        Finding("c.e", Severity.ERROR, "m", claim="x", location=Location("a", 1, 1)),
        Finding("c.d", Severity.ERROR, "m", claim="y", location=Location("a", 1, 1)),
        Finding("c.d", Severity.ERROR, "m", claim="x", location=Location("b", 1, 1)),
    ]
    prints = [_fingerprint(r) for r in _results(to_sarif(others, version="1", root=tmp_path))]
    assert len(set(prints)) == 4
    assert all(p.endswith(":1") and len(p) == 34 for p in prints)


# -- paths -----------------------------------------------------------------------------------


def test_repository_root_outside_git_is_the_folder_itself(tmp_path: Path) -> None:
    """Outside a git work tree (or in a folder that does not exist) the folder is the root."""
    env_check = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], cwd=tmp_path, capture_output=True, check=False
    )
    if env_check.returncode == 0:
        pytest.skip("the temporary folder lies inside a git work tree")
    assert repository_root(tmp_path) == tmp_path
    assert repository_root(str(tmp_path)) == tmp_path
    assert repository_root(tmp_path / "gone") == tmp_path / "gone"


@pytest.mark.parametrize("name", ["repo", "repo X", "repo x "])
def test_repository_root_inside_git_is_the_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """From a subfolder of a work tree, given or as the working folder, the root is the top,
    its name whole (a trailing space or letter X kept: only git's newline is removed)."""
    top = tmp_path / name
    sub = top / "data" / "deep"
    sub.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    real_top = Path(os.path.realpath(top))
    assert repository_root(sub) == real_top
    assert str(repository_root(str(sub))).endswith(name)
    monkeypatch.chdir(sub)
    assert repository_root() == real_top


def test_github_file_is_relative_to_the_root_or_absolute(tmp_path: Path) -> None:
    """With a root, the annotation's file is relative to it, or absolute when outside it."""
    inside = Finding("c.d", Severity.ERROR, "m", location=Location(str(tmp_path / "d/x.md"), 2, 3))
    assert github_annotation(inside, root=tmp_path) == (
        "::error file=d/x.md,line=2,col=3,title=c.d::m"
    )
    root = tmp_path / "d"
    outside = Finding("c.d", Severity.ERROR, "m", location=Location("../y.md", 1, 1))
    line = github_annotation(outside, root=root)
    assert line == f"::error file={os.path.abspath('../y.md')},line=1,col=1,title=c.d::m"


def test_github_annotation_uses_the_subject_for_a_finding_without_location(
    tmp_path: Path,
) -> None:
    """A location-less finding is annotated on line 1 of the subject."""
    finding = Finding("file.unreadable", Severity.ERROR, "cannot read", claim="a.b")
    line = github_annotation(finding, root=tmp_path, subject=str(tmp_path / "claims.yaml"))
    assert line == (
        "::error file=claims.yaml,line=1,col=1,title=file.unreadable::cannot read (claim a.b)"
    )


# -- the step summary ------------------------------------------------------------------------


def test_the_summary_counts_by_severity_and_code(tmp_path: Path) -> None:
    """Heading, the counts (singular for one), the codes by count then name, and every row."""
    findings = [
        Finding("b.two", Severity.WARNING, "w1", location=Location(str(tmp_path / "f"), 1, 2)),
        Finding("a.one", Severity.ERROR, "e1", claim="c.x"),
        Finding("b.two", Severity.WARNING, "w2"),
        Finding("c.three", Severity.INFO, "i1"),
        Finding("a.zero", Severity.INFO, "i2"),
    ]
    text = github_summary(findings, root=tmp_path, subject="claims.yaml")
    assert (
        text
        == "\n".join(
            [
                "### carsi-claims: FAILED",
                "",
                "5 finding(s): 1 error, 2 warnings, 2 infos.",
                "",
                "| code | severity | findings |",
                "|---|---|---:|",
                f"| [`b.two`]({help_uri('b.two')}) | warning | 2 |",
                f"| [`a.one`]({help_uri('a.one')}) | error | 1 |",
                f"| [`a.zero`]({help_uri('a.zero')}) | info | 1 |",
                f"| [`c.three`]({help_uri('c.three')}) | info | 1 |",
                "",
                "| severity | code | where | claim | message |",
                "|---|---|---|---|---|",
                "| warning | `b.two` | f:1:2 |  | w1 |",
                "| error | `a.one` | claims.yaml:1:1 | c.x | e1 |",
                "| warning | `b.two` | claims.yaml:1:1 |  | w2 |",
                "| info | `c.three` | claims.yaml:1:1 |  | i1 |",
                "| info | `a.zero` | claims.yaml:1:1 |  | i2 |",
            ]
        )
        + "\n\n"
    )


def test_a_summary_without_errors_is_ok_and_without_subject_has_no_place() -> None:
    """Warnings alone are ok; a finding without location or subject has an empty where."""
    text = github_summary([Finding("w.x", Severity.WARNING, "careful")])
    assert text.startswith("### carsi-claims: ok\n\n1 finding(s): 0 errors, 1 warning, 0 infos.\n")
    assert text.rstrip("\n").splitlines()[-1] == "| warning | `w.x` |  |  | careful |"


def test_past_summary_rows_the_summary_ends_with_the_count_of_the_rest() -> None:
    """With 7 findings more than SUMMARY_ROWS, the last row is the 200th, then a blank line
    and how many more there are."""
    from carsi_claims.output.render import SUMMARY_ROWS

    many = [Finding("x.y", Severity.INFO, f"n{i}") for i in range(SUMMARY_ROWS + 7)]
    lines = github_summary(many).split("\n")
    assert lines[-5:] == [
        f"| info | `x.y` |  |  | n{SUMMARY_ROWS - 1} |",
        "",
        "7 more finding(s) are in the step's log.",
        "",
        "",
    ]


def test_summary_cells_escape_ampersands_and_backslashes() -> None:
    """& becomes &amp; and a backslash is doubled, so a cell shows the text as written."""
    finding = Finding("x.y", Severity.ERROR, "a & b \\ c &amp;")
    row = github_summary([finding]).rstrip("\n").splitlines()[-1]
    assert row == "| error | `x.y` |  |  | a &amp; b \\\\ c &amp;amp; |"


def test_exactly_summary_rows_findings_need_no_more_line() -> None:
    """At exactly SUMMARY_ROWS findings, all are listed and no 'more' line is added."""
    from carsi_claims.output.render import SUMMARY_ROWS

    many = [Finding("x.y", Severity.INFO, f"n{i}") for i in range(SUMMARY_ROWS)]
    text = github_summary(many)
    assert "more finding(s)" not in text
    assert text.rstrip("\n").splitlines()[-1] == f"| info | `x.y` |  |  | n{SUMMARY_ROWS - 1} |"


def test_append_text_creates_then_appends(tmp_path: Path) -> None:
    """A new file is created readable by all (mode 644 less the umask); later text is appended."""
    target = tmp_path / "summary.md"
    append_text(target, "é one\n")
    append_text(str(target), "two\n")
    assert target.read_bytes() == "é one\ntwo\n".encode()
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644 & ~umask


def test_append_text_writes_everything_even_in_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the OS writes fewer bytes than asked, the rest is written, in order."""
    real_write = os.write

    def short_write(fd: int, data: bytes) -> int:
        return real_write(fd, bytes(data[:3]))

    monkeypatch.setattr(os, "write", short_write)
    append_text(tmp_path / "s.md", "abcdefgh")
    monkeypatch.undo()
    assert (tmp_path / "s.md").read_text(encoding="utf-8") == "abcdefgh"


# -- render_findings ---------------------------------------------------------------------------


def test_render_findings_github_writes_annotations_and_the_summary(tmp_path: Path) -> None:
    """github: one annotation per finding relative to the root, and the summary appended."""
    findings = [
        Finding("a.b", Severity.ERROR, "e", location=Location(str(tmp_path / "x.yaml"), 3, 4)),
        Finding("a.c", Severity.WARNING, "w"),
    ]
    summary = tmp_path / "summary.md"
    summary.write_text("before\n", encoding="utf-8")
    out = io.StringIO()
    render_findings(
        findings,
        "github",
        out,
        command="coverage",
        root=tmp_path,
        subject=str(tmp_path / "claims.yaml"),
        summary=summary,
    )
    assert out.getvalue() == (
        "::error file=x.yaml,line=3,col=4,title=a.b::e\n"
        "::warning file=claims.yaml,line=1,col=1,title=a.c::w\n"
    )
    expected = github_summary(
        findings, command="coverage", root=tmp_path, subject=str(tmp_path / "claims.yaml")
    )
    assert summary.read_text(encoding="utf-8") == "before\n" + expected
    assert expected.startswith("### carsi-claims coverage: FAILED\n")
    assert "| error | `a.b` | x.yaml:3:4 |" in expected


def test_render_findings_github_defaults_to_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """github without a root: paths relative to the git work tree of the working folder."""
    top = tmp_path / "repo"
    (top / "data").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    monkeypatch.chdir(top / "data")
    out = io.StringIO()
    finding = Finding("a.b", Severity.ERROR, "e", location=Location("claims.yaml", 1, 2))
    render_findings(iter([finding]), "github", out)
    assert out.getvalue() == "::error file=data/claims.yaml,line=1,col=2,title=a.b::e\n"


def test_render_findings_sarif_is_the_log_of_to_sarif(tmp_path: Path) -> None:
    """sarif: the JSON of to_sarif with the same command, root and subject."""
    findings = [Finding("a.b", Severity.ERROR, "e", claim="k")]
    out = io.StringIO()
    render_findings(
        iter(findings), "sarif", out, command="validate", root=tmp_path, subject="s.yaml"
    )
    log = json.loads(out.getvalue())
    assert log == to_sarif(findings, command="validate", root=tmp_path, subject="s.yaml")
    assert log["runs"][0]["automationDetails"] == {"id": "carsi-claims/validate/"}
    assert _uri(_results(log)[0]) == {"uri": "s.yaml", "uriBaseId": "%SRCROOT%"}


def test_render_findings_json_is_ok_without_errors() -> None:
    """json: ok is true when only warnings and infos are found; findings in the given order."""
    findings = [Finding("w.x", Severity.WARNING, "w"), Finding("i.x", Severity.INFO, "i")]
    out = io.StringIO()
    render_findings(iter(findings), "json", out)
    assert json.loads(out.getvalue()) == {"ok": True, "findings": [f.to_dict() for f in findings]}


def test_render_findings_text_from_an_iterator() -> None:
    """text: every finding of a one-pass iterator, one line each, in order."""
    findings = [Finding("w.x", Severity.WARNING, "w"), Finding("i.x", Severity.INFO, "i")]
    out = io.StringIO()
    render_findings(iter(findings), "text", out)
    assert out.getvalue() == "warning[w.x]: w\ninfo[i.x]: i\n"
