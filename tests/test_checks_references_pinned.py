"""The reference checks, each kind of reference pinned: the code, the node it stands at,
the claim it names and the wording (with its did-you-mean hint)."""

from __future__ import annotations

from collections.abc import Callable

from _mini import MINI_SEEDS, DatasetPaths, mutate, report_of, where

TmpDataset = Callable[..., DatasetPaths]


def _refs(paths: DatasetPaths) -> list[tuple[str, int, int, str | None, str]]:
    return [f for f in report_of(paths) if f[0].startswith("ref.")]


def _at(
    text: str, needle: str, code: str, claim: str | None, message: str
) -> tuple[str, int, int, str | None, str]:
    return (code, *where(text, needle), claim, message)


def test_every_kind_of_reference_is_checked_at_its_node(tmp_dataset: TmpDataset) -> None:
    """A source's relation, a provenance entry's voice, a claim's voice, its mentions (by
    index), an inference's claim, a resolution's preferred claim and evidence claim and a
    coverage ignore's source: each unknown name is one finding at the name."""
    text = mutate(
        "    title: A shared partnership\n",
        "    title: A shared partnership\n    relations:\n"
        "      - {kind: companion_of, source: src-b, note: same series}\n",
    )
    text = mutate(
        "    property: goal-count\n",
        "    property: goal-count\n    voice: clintn\n    mentions: [clinton, clintom]\n",
        text,
    )
    text = mutate(
        "    property: goal-share\n",
        '    property: goal-share\n    qualifiers:\n      as_of: "2011-03-14"\n'
        "      inferred:\n        - {qualifier: as_of, basis: dateline, claim: carsi.dat}\n",
        text,
    )
    text = mutate(
        '      - source: src-a\n        quote: "Up to 95%"',
        '      - source: src-a\n        voice: clinten\n        quote: "Up to 95%"',
        text,
    )
    text += (
        "resolutions:\n"
        "  - id: res.x\n"
        "    claims: [carsi.goals, carsi.share]\n"
        "    kind: wording_variant\n"
        "    rationale: two wordings\n"
        "    preferred: carsi.goal\n"
        "    evidence:\n"
        "      - {title: Outside}\n"
        "      - {claim: carsi.shar}\n"
        "coverage_ignores:\n"
        '  - {source: src-c, quote: "Five", reason: words}\n'
    )
    assert _refs(tmp_dataset(text, MINI_SEEDS)) == [
        _at(
            text,
            "src-b",
            "ref.unknown-source",
            None,
            "unknown source 'src-b'; did you mean 'src-a'?",
        ),
        _at(
            text,
            "carsi.dat}",
            "ref.unknown-claim",
            "carsi.share",
            "unknown claim 'carsi.dat'; did you mean 'carsi.date'?",
        ),
        _at(
            text,
            "clinten",
            "ref.unknown-entity",
            "carsi.share",
            "unknown entity 'clinten'; did you mean 'clinton'?",
        ),
        _at(
            text,
            "clintn",
            "ref.unknown-entity",
            "carsi.goals",
            "unknown entity 'clintn'; did you mean 'clinton'?",
        ),
        _at(
            text,
            "clintom",
            "ref.unknown-entity",
            "carsi.goals",
            "unknown entity 'clintom'; did you mean 'clinton'?",
        ),
        _at(
            text,
            "carsi.goal\n",
            "ref.unknown-claim",
            None,
            "unknown claim 'carsi.goal'; did you mean 'carsi.goals'?",
        ),
        _at(
            text,
            "carsi.shar}",
            "ref.unknown-claim",
            None,
            "unknown claim 'carsi.shar'; did you mean 'carsi.share'?",
        ),
        _at(
            text,
            "src-c",
            "ref.unknown-source",
            None,
            "unknown source 'src-c'; did you mean 'src-a'?",
        ),
    ]


def test_known_references_of_every_kind_are_no_finding(tmp_dataset: TmpDataset) -> None:
    """The same references naming records that exist: no reference finding at all (a
    subject may be a source as well as an entity)."""
    text = mutate(
        "    title: A shared partnership\n",
        "    title: A shared partnership\n    relations:\n"
        "      - {kind: companion_of, source: src-b, note: same series}\n",
    )
    text = mutate(
        "entities:\n",
        "  - id: src-b\n    path: a.txt\n    sha256: "
        + text.split("sha256: ", 1)[1].split("\n", 1)[0]
        + '\n    title: Again\n    kind: fact-sheet\n    published: "2011-03-14"\n'
        "entities:\n",
        text,
    )
    text = mutate(
        "    property: goal-count\n",
        "    property: goal-count\n    voice: clinton\n    mentions: [clinton]\n",
        text,
    )
    text = mutate(
        "subject: carsi\n    property: goal-share", "subject: src-b\n    property: goal-share", text
    )
    text = mutate(
        "    property: goal-share\n",
        '    property: goal-share\n    qualifiers:\n      as_of: "2011-03-14"\n'
        "      inferred:\n        - {qualifier: as_of, basis: dateline, claim: carsi.date}\n",
        text,
    )
    text = mutate(
        '      - source: src-a\n        quote: "Up to 95%"',
        '      - source: src-b\n        voice: clinton\n        quote: "Up to 95%"',
        text,
    )
    text += (
        "resolutions:\n"
        "  - id: res.x\n"
        "    claims: [carsi.goals, carsi.share]\n"
        "    kind: wording_variant\n"
        "    rationale: two wordings\n"
        "    preferred: carsi.goals\n"
        "    evidence:\n"
        "      - {claim: carsi.share}\n"
        "coverage_ignores:\n"
        '  - {source: src-b, quote: "Five", reason: words}\n'
    )
    assert _refs(tmp_dataset(text, MINI_SEEDS)) == []


def test_a_list_named_by_a_list_item_is_known(tmp_dataset: TmpDataset) -> None:
    """A count of a list that a list item names is no unknown list; the item itself names
    no list to check."""
    item = (
        "  - id: carsi.goal-one\n"
        "    kind: list_item\n"
        "    subject: carsi\n"
        "    property: goal\n"
        "    value: {text: Five Goals, list: carsi-goals, ordinal: 1}\n"
        "    provenance:\n"
        "      - source: src-a\n"
        '        quote: "Five Goals"\n'
        f"        start: {MINI_SEEDS['a.txt'].index('Five Goals')}\n"
        f"        end: {MINI_SEEDS['a.txt'].index('Five Goals') + 10}\n"
    )
    text = mutate("claims:\n", "claims:\n" + item)
    text = mutate("value: {value: 5}", "value: {value: 5, list: carsi-goals}", text)
    assert _refs(tmp_dataset(text, MINI_SEEDS)) == []
    text = mutate(
        "value: {value: 5, list: carsi-goals}", "value: {value: 5, list: carsi-goal}", text
    )
    assert _refs(tmp_dataset(text, MINI_SEEDS)) == [
        _at(
            text,
            "carsi-goal}",
            "ref.unknown-list",
            "carsi.goals",
            "unknown list 'carsi-goal'; did you mean 'carsi-goals'?",
        ),
    ]


def test_names_of_records_left_out_for_a_schema_problem_are_no_unknown_reference(
    tmp_dataset: TmpDataset,
) -> None:
    """A source, an entity and a claim that stand in the file but failed the schema: naming
    them is no second mistake, and they are not offered as suggestions."""
    text = mutate(
        "entities:\n",
        "  - id: src-b\n    title: no path\n    kind: fact-sheet\nentities:\n",
    )
    text = mutate(
        "claims:\n",
        "  - id: carsi-b\n    name: no type\n    type: nonsense\n"
        "claims:\n  - id: carsi.broken\n    kind: count\n",
        text,
    )
    text = mutate(
        "subject: carsi\n    property: goal-count",
        "subject: carsi-b\n    property: goal-count",
        text,
    )
    text = mutate(
        '      - source: src-a\n        quote: "Up to 95%"',
        '      - source: src-b\n        quote: "Up to 95%"',
        text,
    )
    text = mutate(
        "    property: goal-share\n",
        "    property: goal-share\n    voice: carsi-b\n    status: retracted\n    reason: wrong\n"
        "    superseded_by: carsi.broken\n",
        text,
    )
    text = mutate("speaker: clinton", "speaker: carsi-c", text)
    found = _refs(tmp_dataset(text, MINI_SEEDS))
    assert found == [
        _at(
            text,
            "carsi-c",
            "ref.unknown-entity",
            "carsi.clinton-together",
            "unknown entity 'carsi-c'; did you mean 'carsi'?",
        ),
    ]
