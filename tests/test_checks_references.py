"""Reference checks: every named source, entity, claim and list exists."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from _mini import MINI_SEEDS, MINI_YAML, DatasetPaths, mutate, report_of, where

TmpDataset = Callable[..., DatasetPaths]


@pytest.mark.parametrize(
    ("old", "new", "bad", "code", "claim", "message"),
    [
        (
            '      - source: src-a\n        quote: "Five Goals"',
            '      - source: src-b\n        quote: "Five Goals"',
            "src-b",
            "ref.unknown-source",
            "carsi.goals",
            "unknown source 'src-b'; did you mean 'src-a'?",
        ),
        (
            "subject: carsi\n    property: goal-count",
            "subject: carsy\n    property: goal-count",
            "carsy",
            "ref.unknown-entity",
            "carsi.goals",
            "unknown entity 'carsy'; did you mean 'carsi'?",
        ),
        (
            "speaker: clinton",
            "speaker: clinton-h",
            "clinton-h",
            "ref.unknown-entity",
            "carsi.clinton-together",
            "unknown entity 'clinton-h'; did you mean 'clinton'?",
        ),
        (
            "value: {value: 5}",
            "value: {value: 5, list: goals}",
            "goals}",
            "ref.unknown-list",
            "carsi.goals",
            "unknown list 'goals'",
        ),
    ],
)
def test_unknown_reference(
    tmp_dataset: TmpDataset, old: str, new: str, bad: str, code: str, claim: str, message: str
) -> None:
    """An unknown reference is reported at the referring node, with a did-you-mean hint."""
    text = mutate(old, new)
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, bad)
    assert (code, line, col, claim, message) in found


def test_unknown_superseded_by(tmp_dataset: TmpDataset) -> None:
    """superseded_by must name an existing claim."""
    text = mutate(
        "    property: goal-count\n",
        "    property: goal-count\n    status: retracted\n    reason: wrong\n"
        "    superseded_by: carsi.gaols\n",
    )
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, "carsi.gaols")
    assert (
        "ref.unknown-claim",
        line,
        col,
        "carsi.goals",
        "unknown claim 'carsi.gaols'; did you mean 'carsi.goals'?",
    ) in found


def test_resolution_naming_unknown_claim(tmp_dataset: TmpDataset) -> None:
    """A resolution's claims must exist; the finding stands at the bad entry."""
    text = MINI_YAML + (
        "resolutions:\n"
        "  - id: res.x\n"
        "    claims: [carsi.goals, carsi.nope]\n"
        "    kind: wording_variant\n"
        "    rationale: two wordings\n"
    )
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, "carsi.nope")
    assert ("ref.unknown-claim", line, col) in [f[:3] for f in found]
