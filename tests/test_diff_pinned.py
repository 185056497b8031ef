"""carsi-claims diff exactly: JSON keys, summary and counts, resolutions' changes, rendering."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import attrs
import pytest

from _mini import MINI_SEEDS, MINI_YAML, SEED
from carsi_claims import Claim, ClaimKind, Dataset, Provenance, Resolution, ResolutionKind, load
from carsi_claims.analysis.meaning import fingerprints
from carsi_claims.citing.diff import (
    ClaimDiff,
    ClaimState,
    CoverageDiff,
    DatasetDiff,
    ResolutionDiff,
    diff,
    render_diff,
    stale_resolutions,
)
from carsi_claims.model import Correction, Count, Pin, Qualifiers, Statement, Status
from conftest import TmpDataset

A = Claim("c.a", ClaimKind.COUNT, "s", "p", Count(5), (Provenance("src", "five", 0, 4),))
B = Claim("c.b", ClaimKind.COUNT, "s", "p", Count(6), (Provenance("src", "six", 0, 3),))
#: A and B disagree, so R (naming both) matches a conflict and is not stale.
R = Resolution("r.one", ("c.a", "c.b"), ResolutionKind.UNDETERMINED, "why")


def _fp(claim: Claim) -> str:
    return fingerprints([claim])[claim.id][0]


def _rendered(d: DatasetDiff, fmt: str) -> str:
    out = io.StringIO()
    render_diff(d, fmt, out)
    return out.getvalue()


def _corrected_and_superseded() -> tuple[Dataset, Dataset, Claim]:
    """c.a re-meant (a correction accepts it) and superseded by c.b; r.one's rationale edited,
    and it matches no conflict any more (a retracted claim is in none)."""
    a2 = attrs.evolve(
        A, value=Count(7), status=Status.RETRACTED, reason="wrong", superseded_by="c.b"
    )
    old = Dataset(claims=(A, B), resolutions=(R,))
    new = Dataset(
        claims=(a2, B),
        resolutions=(attrs.evolve(R, rationale="because"),),
        corrections=(Correction("c.a", _fp(A), _fp(a2), "a typo"),),
    )
    return old, new, a2


def test_json_names_every_field_of_each_change() -> None:
    """The JSON form: names, summary, breaking ids, every count, each claim's two states
    (status, successor, reason, fingerprint, meaning) and correction, each resolution's
    changes, fields and staleness; coverage null when no side has sources to read."""
    old, new, a2 = _corrected_and_superseded()
    meaning = {"kind": "count", "property": "p", "subject": "s"}
    quotes = [{"quote": "five", "source": "src"}]
    assert diff(old, new, old_name="v1", new_name="v2").to_json() == {
        "old": "v1",
        "new": "v2",
        "summary": "1 claim(s) superseded, 1 claim(s) corrected, "
        "1 resolution(s) went stale, 1 resolution(s) changed",
        "breaking": [],
        "counts": {
            "claims": {
                "changed-meaning": 0,
                "removed": 0,
                "added": 0,
                "retracted": 0,
                "superseded": 1,
                "reinstated": 0,
                "corrected": 1,
                "edited": 0,
            },
            "resolutions": {
                "went-stale": 1,
                "no-longer-stale": 0,
                "added": 0,
                "removed": 0,
                "changed": 1,
                "re-pinned": 0,
            },
        },
        "claims": [
            {
                "id": "c.a",
                "changes": ["corrected", "superseded"],
                "before": {
                    "status": "active",
                    "superseded_by": None,
                    "reason": None,
                    "fingerprint": _fp(A),
                    "meaning": {**meaning, "provenance": quotes, "value": {"value": 5}},
                },
                "after": {
                    "status": "retracted",
                    "superseded_by": "c.b",
                    "reason": "wrong",
                    "fingerprint": _fp(a2),
                    "meaning": {**meaning, "provenance": quotes, "value": {"value": 7}},
                },
                "correction": "a typo",
            }
        ],
        "resolutions": [
            {
                "id": "r.one",
                "changes": ["went-stale", "changed"],
                "fields": ["rationale"],
                "stale": "it matches no conflict",
            }
        ],
        "coverage": None,
    }


def test_an_added_or_removed_claim_has_null_on_its_missing_side() -> None:
    """In JSON the side a claim is absent from is null; a removed claim is breaking."""
    forth = diff(Dataset(claims=(A, B)), Dataset(claims=(B,)))
    assert [c.to_json()["after"] for c in forth.claims] == [None]
    assert forth.to_json()["breaking"] == ["c.a"]
    back = diff(Dataset(claims=(B,)), Dataset(claims=(A, B)))
    assert [(c.id, c.changes, c.to_json()["before"]) for c in back.claims] == [
        ("c.a", ("added",), None)
    ]
    assert back.breaking == ()


def test_text_and_markdown_of_a_corrected_superseded_claim_and_a_stale_resolution() -> None:
    """Each section under its heading, the claim's meaning before (-) and after (+), the
    correction and the status line; the resolution's other changes, fields and why stale."""
    old, new, a2 = _corrected_and_superseded()
    d = diff(old, new)
    detail = [
        f"meaning {_fp(A)} -> {_fp(a2)}",
        "- count s / p",
        '- value: {"value": 5}',
        '- quote (src): "five"',
        "+ count s / p",
        '+ value: {"value": 7}',
        '+ quote (src): "five"',
        "correction: a typo",
        "status: active -> retracted (wrong, superseded by c.b)",
    ]
    res = ["also changed", "fields: rationale", "stale: it matches no conflict"]
    summary = (
        "1 claim(s) superseded, 1 claim(s) corrected, "
        "1 resolution(s) went stale, 1 resolution(s) changed"
    )
    assert _rendered(d, "text") == (
        f"carsi-claims diff old -> new: {summary}\n"
        "\nClaims corrected:\n  c.a\n"
        + "".join(f"      {line}\n" for line in detail)
        + "\nResolutions went stale:\n  r.one\n"
        + "".join(f"      {line}\n" for line in res)
    )
    assert _rendered(d, "markdown") == (
        f"**carsi-claims diff** `old` -> `new`: {summary}\n"
        "\n### Claims corrected\n\n- `c.a`\n\n  ```diff\n"
        + "".join(f"  {line}\n" for line in detail)
        + "  ```\n\n"
        "\n### Resolutions went stale\n\n- `r.one`\n\n  ```diff\n"
        + "".join(f"  {line}\n" for line in res)
        + "  ```\n\n"
    )


def test_markdown_says_when_published_ids_changed_meaning() -> None:
    """A breaking diff's Markdown summary line opens with the verdict in bold; an item with
    no detail lines gets no fence."""
    a2 = attrs.evolve(A, value=Count(7))
    d = diff(Dataset(claims=(A,)), Dataset(claims=(a2,)))
    assert _rendered(d, "markdown").splitlines()[0] == (
        "**carsi-claims diff** `old` -> `new`: **published ids changed meaning**: "
        "1 claim(s) changed meaning"
    )
    bare = DatasetDiff("o", "n", resolutions=(ResolutionDiff("r.x", ("removed",)),))
    assert _rendered(bare, "markdown") == (
        "**carsi-claims diff** `o` -> `n`: 1 resolution(s) removed\n"
        "\n### Resolutions removed\n\n- `r.x`\n"
    )
    assert _rendered(bare, "text") == (
        "carsi-claims diff o -> n: 1 resolution(s) removed\n\nResolutions removed:\n  r.x\n"
    )


def test_a_meaning_is_described_with_qualifiers_and_its_other_fields_sorted() -> None:
    """Qualifiers on their own line, then the other fields of the meaning in name order,
    then one line per quote (in the canonical form's order); a reinstated claim's status
    line, no reason given."""
    rich = attrs.evolve(
        A,
        qualifiers=Qualifiers(scope="region"),
        voice="v",
        derived=True,
        provenance=(Provenance("src", "five", 0, 4), Provenance("doc", "5", 1, 2)),
    )
    retracted = attrs.evolve(B, status=Status.RETRACTED)
    d = diff(Dataset(claims=(retracted,)), Dataset(claims=(rich, B)))
    assert _rendered(d, "text") == (
        "carsi-claims diff old -> new: 1 claim(s) added, 1 claim(s) reinstated\n"
        "\nClaims added:\n  c.a\n"
        "      + count s / p\n"
        '      + value: {"value": 5}\n'
        '      + qualifiers: {"scope": "region"}\n'
        "      + derived: true\n"
        '      + voice: "v"\n'
        '      + quote (doc): "5"\n'
        '      + quote (src): "five"\n'
        "\nClaims reinstated:\n  c.b\n"
        "      status: retracted (no reason given) -> active\n"
    )


def test_a_change_of_successor_alone_is_shown_as_a_status_line() -> None:
    """A retracted claim given a successor: same status, the status line still shows both."""
    gone = attrs.evolve(B, status=Status.RETRACTED, reason="dup")
    moved = attrs.evolve(gone, superseded_by="c.a")
    d = diff(Dataset(claims=(A, gone)), Dataset(claims=(A, moved)))
    assert [(c.id, c.changes) for c in d.claims] == [("c.b", ("edited",))]
    assert _rendered(d, "text").splitlines()[2:] == [
        "Claims edited (meaning unchanged):",
        "  c.b",
        "      status: retracted (dup) -> retracted (dup, superseded by c.a)",
    ]


def test_a_claim_diff_with_no_sides_has_no_detail_lines() -> None:
    """A hand-made ClaimDiff with neither side renders its id alone."""
    d = DatasetDiff("o", "n", claims=(ClaimDiff("c.z", ("edited",), None, None),))
    assert _rendered(d, "text").splitlines()[2:] == ["Claims edited (meaning unchanged):", "  c.z"]


def _disagreeing(prop: str) -> tuple[Claim, Claim]:
    """Two claims that disagree on ``prop``: one conflict, for one resolution to match."""
    one = attrs.evolve(A, id=f"{prop}.1", property=prop)
    return one, attrs.evolve(B, id=f"{prop}.2", property=prop)


def _resolution(rid: str, prop: str, **changes: Any) -> Resolution:
    return attrs.evolve(R, id=rid, claims=(f"{prop}.1", f"{prop}.2"), **changes)


def test_resolutions_re_pinned_changed_added_removed_and_no_longer_stale() -> None:
    """Only the pins changed: re-pinned; other fields: changed, with the fields named in
    order; a resolution that matches a conflict again is no longer stale; the rest are
    added or removed; an unchanged one is not listed."""
    claims = (*_disagreeing("p1"), *_disagreeing("p2"), *_disagreeing("p3"), *_disagreeing("p4"))
    one, two = _disagreeing("p5")
    pins = (Pin("p1.1", _fp(claims[0])), Pin("p1.2", _fp(claims[1])))
    other = _resolution("r.other", "p3", kind=ResolutionKind.DIFFERENT_SCOPE, rationale="x")
    old = Dataset(
        claims=(*claims, one, attrs.evolve(two, value=one.value)),
        resolutions=(
            _resolution("r.pins", "p1"),
            _resolution("r.same", "p2"),
            other,
            _resolution("r.gone", "p4"),
            _resolution("r.lone", "p5"),
        ),
    )
    new = Dataset(
        claims=(*claims, one, two),
        resolutions=(
            _resolution("r.pins", "p1", pins=pins),
            _resolution("r.same", "p2"),
            attrs.evolve(other, kind=R.kind, rationale="y"),
            _resolution("r.lone", "p5"),
            _resolution("r.new", "p4"),
        ),
    )
    assert stale_resolutions(old) == {"r.lone": "it matches no conflict"}
    assert stale_resolutions(new) == {}
    d = diff(old, new)
    assert [(r.id, r.changes, r.fields, r.stale) for r in d.resolutions] == [
        ("r.gone", ("removed",), (), None),
        ("r.lone", ("no-longer-stale",), (), None),
        ("r.new", ("added",), (), None),
        ("r.other", ("changed",), ("kind", "rationale"), None),
        ("r.pins", ("re-pinned",), ("pins",), None),
    ]
    assert d.summary() == (
        "1 claim(s) changed meaning, 1 resolution(s) no longer stale, 1 resolution(s) added, "
        "1 resolution(s) removed, 1 resolution(s) changed, 1 resolution(s) re-pinned"
    )
    assert d.counts()["resolutions"] == {
        "went-stale": 0,
        "no-longer-stale": 1,
        "added": 1,
        "removed": 1,
        "changed": 1,
        "re-pinned": 1,
    }
    lines = _rendered(d, "text").splitlines()
    at = lines.index("Resolutions no longer stale:")
    assert lines[at - 1 :] == [
        "",
        "Resolutions no longer stale:",
        "  r.lone",
        "",
        "Resolutions added:",
        "  r.new",
        "",
        "Resolutions removed:",
        "  r.gone",
        "",
        "Resolutions changed:",
        "  r.other",
        "      fields: kind, rationale",
        "",
        "Resolutions re-pinned:",
        "  r.pins",
        "      fields: pins",
    ]
    back = diff(new, old)
    assert [(r.id, r.changes, r.stale) for r in back.resolutions][:3] == [
        ("r.gone", ("added",), None),
        ("r.lone", ("went-stale",), "it matches no conflict"),
        ("r.new", ("removed",), None),
    ]


def test_a_stale_resolution_gives_every_reason_joined() -> None:
    """Matching no conflict and pins that no longer hold: each reason, in that order, joined
    by '; '; a resolution whose pins hold and that matches a conflict is not stale."""
    a1, a2 = _disagreeing("p1")
    b1, b2 = _disagreeing("p2")
    held = _resolution("r.held", "p1", pins=(Pin("p1.1", _fp(a1)), Pin("p1.2", _fp(a2))))
    moved = _resolution("r.moved", "p2", pins=(Pin("p2.1", "m1:00"), Pin("p2.2", _fp(b2))))
    lone = Resolution(
        "r.lone", ("p1.1",), ResolutionKind.UNDETERMINED, "why", pins=(Pin("c.x", "m1:01"),)
    )
    dataset = Dataset(claims=(a1, a2, b1, b2), resolutions=(held, moved, lone))
    assert stale_resolutions(dataset) == {
        "r.lone": "it matches no conflict; it pins 'c.x', which it does not name; "
        "claim 'p1.1' is not pinned",
        "r.moved": f"claim 'p2.1' changed meaning since it was pinned (m1:00 is now {_fp(b1)})",
    }


def test_coverage_is_left_out_unless_both_sides_have_a_seeds_folder(tmp_path: Path) -> None:
    """No seeds folder, or one that does not exist, on either side: no coverage diff."""
    missing = tmp_path / "nowhere"
    with_dir = Dataset(seeds_dir=tmp_path)
    for old, new in [
        (Dataset(), Dataset()),
        (Dataset(seeds_dir=missing), Dataset(seeds_dir=missing)),
        (with_dir, Dataset(seeds_dir=missing)),
        (Dataset(), with_dir),
    ]:
        assert diff(old, new).coverage is None
    both = diff(with_dir, with_dir).coverage
    assert both == CoverageDiff((0, 0), (0, 0))
    assert both.empty


def test_a_coverage_diff_in_json_text_and_markdown() -> None:
    """Counts before and after, and each mention newly (or no longer) uncovered, by source,
    start, end and text; the summary gives the uncovered counts."""
    cov = CoverageDiff((4, 1), (5, 1), (("src-b", 3, 7, "five"),), (("src-a", 0, 2, "$5"),))
    d = DatasetDiff("o", "n", coverage=cov)
    assert not cov.empty
    assert not d.empty
    assert cov.to_json() == {
        "before": {"mentions": 4, "uncovered": 1},
        "after": {"mentions": 5, "uncovered": 1},
        "newly_uncovered": [{"source": "src-b", "start": 3, "end": 7, "text": "five"}],
        "no_longer_uncovered": [{"source": "src-a", "start": 0, "end": 2, "text": "$5"}],
    }
    assert d.to_json()["coverage"] == cov.to_json()
    assert d.summary() == "uncovered figure mentions 1 -> 1"
    assert _rendered(d, "text") == (
        "carsi-claims diff o -> n: uncovered figure mentions 1 -> 1\n"
        "\nCoverage: 4 -> 5 figure mention(s), 1 -> 1 uncovered:\n"
        "  src-b 3-7\n"
        '      newly uncovered: "five"\n'
        "  src-a 0-2\n"
        '      no longer uncovered: "$5"\n'
    )
    assert _rendered(d, "markdown") == (
        "**carsi-claims diff** `o` -> `n`: uncovered figure mentions 1 -> 1\n"
        "\n### Coverage: 4 -> 5 figure mention(s), 1 -> 1 uncovered\n\n"
        "- `src-b 3-7`\n\n  ```diff\n"
        '  newly uncovered: "five"\n  ```\n\n'
        "- `src-a 0-2`\n\n  ```diff\n"
        '  no longer uncovered: "$5"\n  ```\n\n'
    )


@pytest.mark.parametrize(
    ("cov", "empty"),
    [
        (CoverageDiff((3, 1), (3, 1)), True),
        (CoverageDiff((3, 1), (4, 1)), False),
        (CoverageDiff((3, 1), (3, 1), newly_uncovered=(("s", 0, 1, "x"),)), False),
        (CoverageDiff((3, 1), (3, 1), no_longer_uncovered=(("s", 0, 1, "x"),)), False),
    ],
)
def test_a_coverage_diff_is_empty_only_when_nothing_moved(cov: CoverageDiff, empty: bool) -> None:
    """Same counts and no mention listed: empty, and the whole diff with it (no summary
    part, no section)."""
    assert cov.empty is empty
    d = DatasetDiff("o", "n", coverage=cov)
    assert d.empty is empty
    assert (d.summary() == "no changes") is empty
    assert (_rendered(d, "text") == "carsi-claims diff o -> n: no changes\n") is empty


def test_an_empty_diff_has_only_its_summary_line() -> None:
    """No claims, resolutions or coverage: empty, 'no changes', and zero counts."""
    d = DatasetDiff("o", "n")
    assert d.empty
    assert d.summary() == "no changes"
    assert set(d.counts()["claims"].values()) == {0}
    assert _rendered(d, "markdown") == "**carsi-claims diff** `o` -> `n`: no changes\n"


def test_json_is_written_with_the_shared_writer() -> None:
    """render_diff json writes the to_json form as indented JSON ending with a line break."""
    import json

    d = DatasetDiff("o", "n", resolutions=(ResolutionDiff("r.x", ("added",)),))
    text = _rendered(d, "json")
    assert json.loads(text) == d.to_json()
    assert text.endswith("}\n")


def test_an_unknown_format_is_refused_naming_the_formats() -> None:
    with pytest.raises(ValueError, match=r"^unknown diff format") as caught:
        _rendered(DatasetDiff("o", "n"), "yaml")
    assert str(caught.value) == "unknown diff format 'yaml'; expected one of text, markdown, json"


def test_a_claim_state_keeps_status_successor_reason_and_meaning() -> None:
    """ClaimState.of takes the claim's status value, successor and reason, and the meaning
    pair; meaning() parses the canonical form back."""
    gone = attrs.evolve(B, status=Status.RETRACTED, reason="dup", superseded_by="c.a")
    state = ClaimState.of(gone, ("m1:ff", '{"k":1}'))
    assert state == ClaimState("retracted", "c.a", "dup", "m1:ff", '{"k":1}')
    assert state.meaning() == {"k": 1}


def test_quotes_and_values_keep_their_characters() -> None:
    """Text beyond ASCII (curly quotes, accents) is shown as itself, not as JSON escapes."""
    said = attrs.evolve(
        A,
        kind=ClaimKind.STATEMENT,
        value=Statement("“Juntos” en Centroamérica"),
        provenance=(Provenance("src", "“Juntos” en Centroamérica", 0, 25),),
    )
    d = diff(Dataset(), Dataset(claims=(said,)))
    assert _rendered(d, "text").splitlines()[5:] == [
        '      + value: {"text": "“Juntos” en Centroamérica"}',
        '      + quote (src): "“Juntos” en Centroamérica"',
    ]


def test_a_mention_covered_again_is_listed_as_no_longer_uncovered(
    tmp_dataset: TmpDataset,
) -> None:
    """A claim added for an uncovered figure: the mention moves to no_longer_uncovered (and
    the other way round to newly_uncovered), with its source, start, end and text."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    full = load(paths.claims)
    less = attrs.evolve(full, claims=tuple(c for c in full.claims if c.id != "carsi.goals"))
    five = SEED.index("Five Goals")
    mention = ("src-a", five, five + len("Five Goals"), "Five Goals")
    assert diff(less, full).coverage == CoverageDiff((5, 1), (5, 0), (), (mention,))
    assert diff(full, less).coverage == CoverageDiff((5, 0), (5, 1), (mention,), ())
