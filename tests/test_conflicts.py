"""The conflicts check and command: findings, locations, exit codes, the shipped dataset."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from _conflict_claims import claim
from carsi_claims import load
from carsi_claims.analysis.conflicts import detect, find_conflicts
from carsi_claims.analysis.resolutions import resolve
from carsi_claims.checks.suite import validate
from carsi_claims.cli.main import run
from carsi_claims.model import Count, ListItem

CLAIMS = """\
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

RES = """\
  - id: r1
    kind: source_error
    claims: [a, b]
    rationale: one of them is a typo
    evidence:
      - {title: Outside report}
"""


def _write(tmp_path: Path, resolutions: str) -> Path:
    import hashlib

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = "90% 97%\n"
    (seeds / "s1.txt").write_bytes(text.encode())
    data = tmp_path / "data"
    data.mkdir()
    f = data / "claims.yaml"
    f.write_text(CLAIMS % (hashlib.sha256(text.encode()).hexdigest(), resolutions))
    return f


def _cli(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue() + err.getvalue()


def test_unresolved_conflict_is_an_error_at_the_first_claim(tmp_path: Path) -> None:
    """An unresolved value conflict is conflict.value, located at the first claim's record."""
    f = _write(tmp_path, "  []")
    report = validate(load(f))
    [finding] = [x for x in report.findings if x.code.startswith("conflict")]
    assert finding.code == "conflict.value"
    assert finding.severity == "error"
    assert finding.claim == "a"
    assert finding.location is not None
    assert (finding.location.line, finding.location.column) == (6, 5)
    assert "a (s1) says 90%" in finding.message
    assert "b (s1) says 97%" in finding.message


def test_resolved_conflict_passes_and_command_exits_0(tmp_path: Path) -> None:
    """A resolution naming both claims resolves the conflict; the command says by which."""
    f = _write(tmp_path, RES)
    assert validate(load(f)).ok
    code, text = _cli("conflicts", str(f))
    assert code == 0
    assert text == (
        "conflict.value: resolved by r1 (source_error)\n"
        "  question: carsi share\n"
        "  variant 1: a\n"
        "    sources: s1\n"
        "    says: 90%\n"
        "  variant 2: b\n"
        "    sources: s1\n"
        "    says: 97%\n"
        "  why: the figures do not meet\n"
        "  evidence: 'Outside report' (not verifiable against local text)\n"
        "\n"
        "1 conflict(s): 0 unresolved error(s), 0 stale resolution(s), "
        "0 resolution(s) of a kind that does not fit\n"
    )


def test_unresolved_conflict_text_says_unresolved_error(tmp_path: Path) -> None:
    """An unresolved conflict set is headed '(error): UNRESOLVED' and the command exits 1."""
    f = _write(tmp_path, "  []")
    code, text = _cli("conflicts", str(f))
    assert code == 1
    assert text.startswith("conflict.value (error): UNRESOLVED\n  question: carsi share\n")
    assert text.endswith(
        "1 conflict(s): 1 unresolved error(s), 0 stale resolution(s), "
        "0 resolution(s) of a kind that does not fit\n"
    )


def test_command_exits_1_on_unresolved_and_json(tmp_path: Path) -> None:
    """The command exits 1 while a conflict is unresolved; json names it and its sources."""
    f = _write(tmp_path, "  []")
    code, text = _cli("conflicts", str(f), "--format", "json")
    assert code == 1
    data = json.loads(text)
    [c] = data["conflicts"]
    assert (c["kind"], c["claims"], c["status"]) == ("value", ["a", "b"], "unresolved")
    assert c["sources"] == {"a": ["s1"], "b": ["s1"]}


def test_stale_resolution(tmp_path: Path) -> None:
    """A resolution that matches no conflict is resolution.stale at the resolution."""
    f = _write(tmp_path, RES.replace("[a, b]", "[a, a]"))
    findings = validate(load(f)).findings
    stale = [x for x in findings if x.code == "resolution.stale"]
    assert len(stale) == 1
    assert "resolution 'r1' matches no conflict" in stale[0].message
    assert stale[0].location is not None
    assert (stale[0].location.line, stale[0].location.column) == (21, 13)


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    """A claims file that cannot be read exits 2."""
    code, text = _cli("conflicts", str(tmp_path / "missing.yaml"))
    assert code == 2
    assert "cannot read" in text


def test_count_against_list() -> None:
    """A count of a list must equal the items the same source gives for it."""
    count = claim("n", Count(5, list="goals"))
    items = [claim(f"g{i}", ListItem("goals", i, f"goal {i}"), prop=f"g{i}") for i in (1, 2, 3)]
    other = claim("x", ListItem("goals", 4, "goal 4"), prop="g4", source="src-b")
    [found] = detect([count, *items, other])
    assert found.code == "conflict.count-list"
    assert found.claims == ("g1", "g2", "g3", "n")
    assert "src-a gives 3 item(s)" in found.detail


def test_shipped_dataset_has_no_unresolved_conflict() -> None:
    """Every conflict set in the shipped dataset is resolved by a resolution of a fitting kind."""
    from carsi_claims.analysis.resolutions import kind_problem

    ds = load()
    matches, stale = resolve(find_conflicts(ds), ds.resolutions)
    assert [m.conflict.claims for m in matches if m.resolution is None] == []
    assert stale == []
    assert [
        (m.resolution.id, problem)
        for m in matches
        if m.resolution is not None and (problem := kind_problem(m.resolution, m.conflict))
    ] == []


def test_deleting_a_resolution_fails_validate() -> None:
    """Without a resolution, validate reports the conflict it covered."""
    import attrs

    ds = load()
    res = ds.resolutions[0]
    report = validate(attrs.evolve(ds, resolutions=ds.resolutions[1:]))
    assert not report.ok
    assert any(res.claims[0] in f.message for f in report.errors if f.code.startswith("conflict"))


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_shipped_dataset_command(fmt: str) -> None:
    """`carsi-claims conflicts` on the shipped dataset exits 0."""
    code, _ = _cli("conflicts", "--format", fmt)
    assert code == 0


def test_currency_conflict_keeps_undetermined_time() -> None:
    """Two currencies, an as-of date stated for one and not the other, are flagged undetermined."""
    from decimal import Decimal

    from carsi_claims.model import Money, PartialDate

    a = claim("a", Money(Decimal(1)), as_of=PartialDate(2011))
    b = claim("b", Money(Decimal(1), "EUR"), source="src-b")
    [found] = detect([a, b])
    assert (found.code, found.undetermined) == ("conflict.currency", True)
    assert found.reason.endswith("is given for one and not the other)")


def test_unrenderable_currency_is_described_readably() -> None:
    """A currency that figures cannot render is written as code and amount, bound words first."""
    from decimal import Decimal

    from carsi_claims.model import Bound, Money

    a = claim("a", Money(Decimal("1E+3"), "BRL", Bound.UP_TO))
    b = claim("b", Money(Decimal(1), "USD"), source="src-b")
    [found] = detect([a, b])
    assert "a (src-a) says up to BRL 1,000;" in found.detail
    assert "Money(" not in found.detail


@pytest.mark.parametrize("part", ["...", "—", "…"])
def test_part_without_words_is_no_excerpt(part: str) -> None:
    """A quotation with no words is not an excerpt of another, so the wording differs."""
    from carsi_claims.analysis.conflicts import is_excerpt
    from carsi_claims.model import Quotation

    assert not is_excerpt(part, "we are committed")
    a = claim("a", Quotation("we are committed", "clinton"))
    b = claim("b", Quotation(part, "clinton"), source="src-b")
    assert [f.kind for f in detect([a, b])] == ["wording"]


def test_shipped_goal_2_is_one_report_with_three_variants() -> None:
    """Goal 2's three wordings are one report: three variants, their sources, three diffs."""
    code, text = _cli("conflicts", "--format", "json")
    assert code == 0
    data = json.loads(text)
    [goal_2] = [c for c in data["conflicts"] if c["resolution"] == "res.goal-2.three-wordings"]
    assert goal_2["status"] == "resolved"
    assert goal_2["question"] == "carsi goal-2, item 2 of list carsi-five-goals"
    assert [(v["claims"], v["sources"]) for v in goal_2["variants"]] == [
        (
            ["carsi.goal-2.contraband-to-within-between"],
            [
                "fs-disrupt-criminals-contraband",
                "fs-enhanced-cooperation-coordination",
                "fs-state-presence-at-risk-communities",
            ],
        ),
        (["carsi.goal-2.contraband-within-between"], ["fs-2011-03-14-citizen-safety"]),
        (["carsi.goal-2.smuggling-within-between"], ["news-separate-from-plan-merida-165m"]),
    ]
    assert [(d["from"], d["to"]) for d in goal_2["diffs"]] == [(0, 1), (0, 2), (1, 2)]
    assert goal_2["diffs"][2]["diff"] == (
        "disrupt the movement of criminals and [-contraband-] {+smuggling+} within and between "
        "the nations of central america"
    )
    code, text = _cli("conflicts")
    assert "conflict.wording: resolved by res.goal-2.three-wordings (undetermined)\n" in text
    assert "(error)" not in text


TYPO = """\
sources:
  - {id: s1, path: s1.txt, sha256: "%s", title: One, kind: news}
entities:
  - {id: carsi, name: CARSI}
claims:
  - id: a
    kind: statement
    subject: carsi
    property: aim
    value: {text: "Strong, capable, and accountable governments."}
    provenance:
      - {source: s1, quote: "Strong, capable, and accountable governments.", start: 0, end: 45}
  - id: b
    kind: statement
    subject: carsi
    property: aim
    value: {text: "Strong, capable and accountable Governments."}
    provenance:
      - {source: s1, quote: "Strong, capable and accountable Governments.", start: 46, end: 90}
resolutions: []
"""


def test_typography_only_needs_no_resolution(tmp_path: Path) -> None:
    """A punctuation-and-case-only set is info: the command says so and exits 0."""
    import hashlib

    text = (
        "Strong, capable, and accountable governments.\n"
        "Strong, capable and accountable Governments.\n"
    )
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "s1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "data").mkdir()
    f = tmp_path / "data" / "claims.yaml"
    f.write_text(TYPO % hashlib.sha256(text.encode()).hexdigest(), encoding="utf-8")
    report = validate(load(f))
    assert report.ok
    [finding] = [x for x in report.findings if x.code.startswith("conflict")]
    assert (finding.code, finding.severity) == ("conflict.typography", "info")
    code, out = _cli("conflicts", str(f))
    assert code == 0
    assert out.startswith(
        "conflict.typography (info): not an error, no resolution needed\n  question: carsi aim\n"
    )
    assert "  diff 1 -> 2: strong, [-capable,-] {+capable+} and accountable governments.\n" in out
