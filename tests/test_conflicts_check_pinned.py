"""The conflicts check pinned: where an unresolved set stands (its first claim in file
order), the hint an error carries and a warning or info does not, a misfit resolution
at its kind (the sets after it still checked), and stale resolutions."""

from __future__ import annotations

import hashlib
from pathlib import Path

from carsi_claims import load
from carsi_claims.analysis.conflicts import find_conflicts
from carsi_claims.checks.suite import validate
from carsi_claims.findings import Location, Severity

SEED = "90% 97% 80% 85% We stand together. we stand together $5 EUR5\n"


def _claim(cid: str, kind: str, prop: str, value: str, quote: str) -> str:
    start = SEED.index(quote)
    return (
        f"  - id: {cid}\n"
        f"    kind: {kind}\n"
        "    subject: carsi\n"
        f"    property: {prop}\n"
        f"    value: {value}\n"
        f'    provenance: [{{source: s1, quote: "{quote}", start: {start}, '
        f"end: {start + len(quote)}}}]\n"
    )


CLAIMS = (
    "sources:\n"
    f'  - {{id: s1, path: s1.txt, sha256: "{hashlib.sha256(SEED.encode()).hexdigest()}", '
    "title: One, kind: news}\n"
    "entities:\n"
    "  - {id: carsi, name: CARSI}\n"
    "claims:\n"
    + _claim("b", "percentage", "share", "{value: 97}", "97%")
    + _claim("a", "percentage", "share", "{value: 90}", "90%")
    + _claim("d", "percentage", "other-share", "{value: 85}", "85%")
    + _claim("c", "percentage", "other-share", "{value: 80}", "80%")
    + _claim("t2", "statement", "motto", "{text: we stand together}", "we stand together")
    + _claim("t1", "statement", "motto", "{text: We stand together.}", "We stand together.")
    + _claim("m1", "money", "grant", "{amount: 5, currency: USD}", "$5")
    + _claim("m2", "money", "grant", "{amount: 5, currency: EUR}", "EUR5")
    + "  - id: x\n    kind: count\n"
    + "resolutions:\n"
)


def _write(tmp_path: Path, resolutions: str) -> tuple[Path, str]:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "s1.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "data").mkdir()
    text = CLAIMS + resolutions
    f = tmp_path / "data" / "claims.yaml"
    f.write_text(text, encoding="utf-8")
    return f, text


def _at(f: Path, text: str, needle: str) -> Location:
    at = text.index(needle)
    line = text.count("\n", 0, at) + 1
    return Location(str(f), line, at - (text.rfind("\n", 0, at) + 1) + 1)


def _found(f: Path) -> list[tuple[str, Severity, str | None, Location | None, str]]:
    return [
        (x.code, x.severity, x.claim, x.location, x.message)
        for x in validate(load(f, strict=False)).findings
        if x.code.startswith(("conflict.", "resolution."))
    ]


def test_every_unresolved_set_at_its_first_claim_in_file_order(tmp_path: Path) -> None:
    """Each set is one finding at the claim that comes first in the file (not the first
    id); an error names the set's claims in its hint, a warning and an info do not."""
    f, text = _write(tmp_path, "  []\n")
    detail = {c.claims: c.detail for c in find_conflicts(load(f, strict=False))}
    hint = (
        "; if they differ on purpose, add a resolution naming every claim of the set ({}) "
        "with a rationale"
    )
    ab, cd = detail["a", "b"] + hint.format("a, b"), detail["c", "d"] + hint.format("c, d")
    assert _found(f) == [
        ("conflict.value", Severity.ERROR, "b", _at(f, text, "id: b"), ab),
        ("conflict.value", Severity.ERROR, "d", _at(f, text, "id: d"), cd),
        ("conflict.typography", Severity.INFO, "t2", _at(f, text, "id: t2"), detail["t1", "t2"]),
        ("conflict.currency", Severity.WARNING, "m1", _at(f, text, "id: m1"), detail["m1", "m2"]),
    ]  # fmt: skip


def test_a_misfit_resolution_is_reported_at_its_kind_and_later_sets_still_checked(
    tmp_path: Path,
) -> None:
    """A wording_variant resolving a difference of values: resolution.kind-mismatch at its
    kind (the set counts as resolved); the unresolved set after it is still reported."""
    f, text = _write(
        tmp_path,
        "  - id: r1\n    kind: wording_variant\n    claims: [a, b]\n    rationale: typo\n"
        "  - id: r2\n    kind: wording_variant\n    claims: [t1, t2]\n    rationale: same\n"
        "  - id: r3\n    kind: undetermined\n    claims: [m1, m2]\n    rationale: which\n",
    )
    found = _found(f)
    assert [(code, claim, where) for code, _, claim, where, _ in found] == [
        ("conflict.value", "d", _at(f, text, "id: d")),
        ("resolution.kind-mismatch", None, _at(f, text, "wording_variant\n    claims: [a, b]")),
    ]
    assert found[1][1] is Severity.ERROR
    assert found[1][4].startswith("resolution 'r1' has kind wording_variant, but ")


def test_a_stale_resolution_is_an_error_at_its_claims(tmp_path: Path) -> None:
    """A resolution of claims that do not conflict is resolution.stale at its claims list,
    naming them; one naming a claim left out for a schema problem is not reported (and
    does not stop the check of the resolutions after it)."""
    f, text = _write(
        tmp_path,
        "  - id: r2\n    kind: undetermined\n    claims: [a, x]\n    rationale: broken\n"
        "  - id: r1\n    kind: undetermined\n    claims: [a, c]\n    rationale: apart\n",
    )
    stale = [x for x in _found(f) if x[0] == "resolution.stale"]
    assert stale == [
        (
            "resolution.stale",
            Severity.ERROR,
            None,
            _at(f, text, "[a, c]"),
            "resolution 'r1' matches no conflict among its claims (a, c); remove it, or name "
            "every claim of the conflict it is for",
        )
    ]
