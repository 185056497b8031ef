"""Record checks at their boundaries: each rule's message and the node it names."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

from _mini import MINI_SEEDS, MINI_YAML, SEED, DatasetPaths, mutate, report_of, where
from carsi_claims import load
from carsi_claims.checks.base import Context
from carsi_claims.checks.records import check_records
from carsi_claims.model import PartialDate

TmpDataset = Callable[..., DatasetPaths]

_RESOLUTION = """\
resolutions:
  - id: res.goals
    claims: [carsi.goals, carsi.share]
    kind: different_scope
    rationale: a count and a share answer different questions
"""


def _records(paths: DatasetPaths) -> list[tuple[str, int, int, str | None, str]]:
    return [f for f in report_of(paths) if f[0].startswith("record.")]


def _list_item(ordinal: int) -> str:
    start = SEED.index("Five Goals")
    return (
        "  - id: carsi.goal-list\n"
        "    kind: list_item\n"
        "    subject: carsi\n"
        "    property: goals\n"
        f"    value: {{list: carsi-goals, ordinal: {ordinal}, text: Five Goals}}\n"
        "    provenance:\n"
        "      - source: src-a\n"
        '        quote: "Five Goals"\n'
        f"        start: {start}\n"
        f"        end: {start + len('Five Goals')}\n"
    )


def test_a_negative_count_is_out_of_range(tmp_dataset: TmpDataset) -> None:
    """A count below zero is a record.range error at the count's value."""
    text = mutate("value: {value: 5}", "value: {value: -5}")
    line, col = where(text, "-5}")
    assert _records(tmp_dataset(text, MINI_SEEDS)) == [
        ("record.range", line, col, "carsi.goals", "count must not be negative, found -5")
    ]


def test_a_count_of_zero_is_in_range(tmp_dataset: TmpDataset) -> None:
    """Zero is a count (the quote then disagrees with it, but the record is well formed)."""
    text = mutate("value: {value: 5}", "value: {value: 0}")
    assert _records(tmp_dataset(text, MINI_SEEDS)) == []


@pytest.mark.parametrize("ordinal", [0, -1])
def test_a_list_ordinal_below_one_is_out_of_range(tmp_dataset: TmpDataset, ordinal: int) -> None:
    """List items count from 1: an ordinal of 0 or less is a record.range error at the ordinal."""
    text = MINI_YAML + _list_item(ordinal)
    line, col = where(text, f"ordinal: {ordinal}")
    assert _records(tmp_dataset(text, MINI_SEEDS)) == [
        (
            "record.range",
            line,
            col + len("ordinal: "),
            "carsi.goal-list",
            f"list ordinal counts from 1, found {ordinal}",
        )
    ]


def test_a_list_ordinal_of_one_is_in_range(tmp_dataset: TmpDataset) -> None:
    """The first item of a list has ordinal 1."""
    assert _records(tmp_dataset(MINI_YAML + _list_item(1), MINI_SEEDS)) == []


@pytest.mark.parametrize("value", ["0", "100", "0.5", "99.99"])
def test_percentages_from_0_to_100_are_in_range(tmp_dataset: TmpDataset, value: str) -> None:
    """0% and 100% are percentages: the range is closed at both ends."""
    text = mutate("{value: 95, bound: up_to, precision: 1}", f"{{value: {value}, bound: up_to}}")
    assert _records(tmp_dataset(text, MINI_SEEDS)) == []


@pytest.mark.parametrize("value", ["-1", "-0.01", "100.01"])
def test_percentages_outside_0_to_100_are_out_of_range(tmp_dataset: TmpDataset, value: str) -> None:
    """Just below 0 or just above 100 is a record.range error at the percentage's value."""
    text = mutate("{value: 95, bound: up_to, precision: 1}", f"{{value: {value}, bound: up_to}}")
    line, col = where(text, f"{{value: {value}")
    assert _records(tmp_dataset(text, MINI_SEEDS)) == [
        (
            "record.range",
            line,
            col + len("{value: "),
            "carsi.share",
            f"percentage must be within 0..100, found {value}",
        )
    ]


def test_an_amount_of_zero_is_in_range(tmp_dataset: TmpDataset) -> None:
    """Nothing spent is an amount: only negative amounts are out of range."""
    text = mutate("amount: 260000000", "amount: 0")
    assert _records(tmp_dataset(text, MINI_SEEDS)) == []


@pytest.mark.parametrize(
    ("value", "node"),
    [
        ("{amount: 260000000, currency: USD, tolerance: -1}", "tolerance: -1"),
        ("{amount: 260000000, currency: USD, tolerance: 0}", None),
    ],
)
def test_a_negative_tolerance_is_out_of_range(
    tmp_dataset: TmpDataset, value: str, node: str | None
) -> None:
    """A tolerance below zero is a record.range error at the tolerance; zero is fine."""
    text = mutate("{amount: 260000000, currency: USD, precision: 1000000}", value)
    found = _records(tmp_dataset(text, MINI_SEEDS))
    if node is None:
        assert found == []
        return
    line, col = where(text, node)
    assert found == [
        (
            "record.range",
            line,
            col + len("tolerance: "),
            "carsi.funding",
            "tolerance must not be negative, found -1",
        )
    ]


def test_a_claim_cannot_supersede_itself(tmp_dataset: TmpDataset) -> None:
    """A retracted claim naming itself as its successor is a record.status error there."""
    text = mutate(
        "    property: goal-count\n",
        "    property: goal-count\n    status: retracted\n    reason: miscounted\n"
        "    superseded_by: carsi.goals\n",
    )
    line, col = where(text, "superseded_by: carsi.goals")
    found = _records(tmp_dataset(text, MINI_SEEDS))
    assert found == [
        (
            "record.status",
            line,
            col + len("superseded_by: "),
            "carsi.goals",
            "a claim cannot supersede itself",
        )
    ]


def test_a_retracted_claim_with_reason_and_successor_is_well_formed(
    tmp_dataset: TmpDataset,
) -> None:
    """status: retracted with a reason and another claim as successor is no record finding."""
    text = mutate(
        "    property: goal-count\n",
        "    property: goal-count\n    status: retracted\n    reason: miscounted\n"
        "    superseded_by: carsi.share\n",
    )
    assert _records(tmp_dataset(text, MINI_SEEDS)) == []


def test_a_retraction_reason_without_status_is_reported(tmp_dataset: TmpDataset) -> None:
    """A reason on an active claim is a record.status error at the status (where to fix it)."""
    text = mutate("    property: goal-count\n", "    property: goal-count\n    reason: old\n")
    line, col = where(text, "  - id: carsi.goals")
    assert _records(tmp_dataset(text, MINI_SEEDS)) == [
        (
            "record.status",
            line,
            col + len("  - "),
            "carsi.goals",
            "superseded_by and reason belong to retracted claims; set status: retracted",
        )
    ]


def test_the_preferred_claim_must_be_one_of_the_resolutions_claims(
    tmp_dataset: TmpDataset,
) -> None:
    """``preferred`` naming a claim outside the resolution is a record.resolution error there."""
    text = MINI_YAML + _RESOLUTION + "    preferred: carsi.date\n"
    line, col = where(text, "preferred: carsi.date")
    assert _records(tmp_dataset(text, MINI_SEEDS)) == [
        (
            "record.resolution",
            line,
            col + len("preferred: "),
            None,
            "preferred claim 'carsi.date' is not one of the resolution's claims",
        )
    ]


@pytest.mark.parametrize("preferred", ["", "    preferred: carsi.share\n"])
def test_a_preferred_claim_among_the_resolutions_claims_is_well_formed(
    tmp_dataset: TmpDataset, preferred: str
) -> None:
    """No preferred claim, or one of the resolution's own claims, is no record finding."""
    assert _records(tmp_dataset(MINI_YAML + _RESOLUTION + preferred, MINI_SEEDS)) == []


def test_evidence_without_claim_or_title_is_reported_at_its_entry(
    tmp_dataset: TmpDataset,
) -> None:
    """Each evidence entry naming neither a claim nor a title is a record.evidence error at it."""
    text = (
        MINI_YAML
        + _RESOLUTION
        + "    evidence:\n"
        + "      - claim: carsi.goals\n"
        + "      - title: A later report\n"
        + "      - publisher: Someone\n"
    )
    line, col = where(text, "publisher: Someone")
    assert _records(tmp_dataset(text, MINI_SEEDS)) == [
        (
            "record.evidence",
            line,
            col,
            None,
            "evidence names a claim, or an outside document by at least its title",
        )
    ]


def test_unreal_dates_built_in_code_are_reported_at_their_nodes(
    tmp_dataset: TmpDataset,
) -> None:
    """A dataset changed in code (the loader refuses unreal dates in the file) gets a
    record.date error at each unreal date: the as-of qualifier, a source's publication
    date, an evidence entry's date."""
    text = MINI_YAML + _RESOLUTION + "    evidence:\n      - title: A\n      - title: B\n"
    text += '        date: "2011-03"\n'
    paths = tmp_dataset(text, MINI_SEEDS)
    ds = load(paths.claims)
    unreal = PartialDate(2011, 2, 30)
    claim, source, res = ds.claims[0], ds.sources[0], ds.resolutions[0]
    new_claim = attrs.evolve(claim, qualifiers=attrs.evolve(claim.qualifiers, as_of=unreal))
    new_source = attrs.evolve(source, published=unreal)
    evidence = (res.evidence[0], attrs.evolve(res.evidence[1], date=unreal))
    new_res = attrs.evolve(res, evidence=evidence)
    moved = {id(new_claim): claim, id(new_source): source, id(new_res): res}
    changed = attrs.evolve(
        ds,
        claims=(new_claim, *ds.claims[1:]),
        sources=(new_source,),
        resolutions=(new_res,),
        paths={**ds.paths, **{new: ds.paths[id(old)] for new, old in moved.items()}},
    )
    found = [
        (f.code, f.location and (f.location.line, f.location.column), f.claim, f.message)
        for f in check_records(Context(changed, None))
    ]
    why = "2011-02-30 is not a real calendar date: day 30 is out of range 1..28 for 2011-02"
    published = where(text, '"2011-03-14"')
    as_of = where(text, '"2011-03-14"', 1)
    evidence_date = where(text, '"2011-03"\n', 0)
    assert found == [
        ("record.date", published, None, why),
        ("record.date", as_of, "carsi.funding", why),
        ("record.date", evidence_date, None, why),
    ]
