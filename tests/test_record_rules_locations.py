"""Record checks the other record tests leave out: each rule's code, message and the node
it names, and the boundary on each side of it."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

from _mini import MINI_SEEDS, MINI_YAML, SEED, DatasetPaths, mutate, report_of, where
from carsi_claims import load
from carsi_claims.checks.base import Context
from carsi_claims.checks.records import check_records
from carsi_claims.dataset import Dataset
from carsi_claims.model import Count, DateValue, PartialDate, Value

TmpDataset = Callable[..., DatasetPaths]
Found = tuple[str, int, int, str | None, str]

_GOALS = SEED.index("Five Goals")
_GOALS_ENTRY = (
    "    provenance:\n"
    "      - source: src-a\n"
    '        quote: "Five Goals"\n'
    f"        start: {_GOALS}\n"
    f"        end: {_GOALS + 10}\n"
)


def _records(paths: DatasetPaths) -> list[Found]:
    return [f for f in report_of(paths) if f[0].startswith("record.")]


def _checked(ds: Dataset) -> list[tuple[str, tuple[int, int] | None, str | None, str]]:
    """check_records over a dataset: (code, (line, column), claim, message) of each finding."""
    return [
        (
            f.code,
            (f.location.line, f.location.column) if f.location else None,
            f.claim,
            f.message,
        )
        for f in check_records(Context(ds, None))
    ]


def _with_claim_value(ds: Dataset, claim_id: str, value: Value) -> Dataset:
    """``ds`` with one claim's value replaced in code, still located where it stood."""
    old = ds.get(claim_id)
    new = attrs.evolve(old, value=value)
    claims = tuple(new if c is old else c for c in ds.claims)
    return attrs.evolve(ds, claims=claims, paths={**ds.paths, id(new): ds.paths[id(old)]})


# -- provenance --------------------------------------------------------------------------


def test_a_claim_without_provenance_is_reported_at_its_provenance(
    tmp_dataset: TmpDataset,
) -> None:
    """An empty provenance list is record.no-provenance at the list, naming the claim."""
    text = mutate(_GOALS_ENTRY, "    provenance: []\n")
    line, col = where(text, "[]")
    assert _records(tmp_dataset(text, MINI_SEEDS)) == [
        (
            "record.no-provenance",
            line,
            col,
            "carsi.goals",
            "a claim needs at least one provenance entry (source, quote, start, end)",
        )
    ]


def test_a_negative_start_is_out_of_range(tmp_dataset: TmpDataset) -> None:
    """start below 0 is a record.range error at the provenance entry."""
    text = mutate(f"start: {_GOALS}\n", "start: -1\n")
    line, col = where(text, "source: src-a", 3)
    assert _records(tmp_dataset(text, MINI_SEEDS)) == [
        (
            "record.range",
            line,
            col,
            "carsi.goals",
            f"offsets must satisfy 0 <= start <= end, found start -1, end {_GOALS + 10}",
        )
    ]


def test_a_quote_at_the_very_start_of_the_source_is_in_range(tmp_dataset: TmpDataset) -> None:
    """start 0 is the first character of the source: no record finding."""
    claim = (
        "  - id: carsi.title\n"
        "    kind: statement\n"
        "    subject: carsi\n"
        "    property: title\n"
        "    value: {text: CARSI}\n"
        "    provenance:\n"
        "      - source: src-a\n"
        "        quote: CARSI\n"
        "        start: 0\n"
        "        end: 5\n"
    )
    assert SEED.startswith("CARSI")
    assert _records(tmp_dataset(MINI_YAML + claim, MINI_SEEDS)) == []


def test_an_empty_span_with_start_equal_to_end_is_only_an_empty_quote(
    tmp_dataset: TmpDataset,
) -> None:
    """start == end satisfies 0 <= start <= end: an empty quote there is record.empty alone."""
    text = mutate(
        f'quote: "Five Goals"\n        start: {_GOALS}\n        end: {_GOALS + 10}',
        f'quote: ""\n        start: {_GOALS}\n        end: {_GOALS}',
    )
    line, col = where(text, 'quote: ""')
    assert _records(tmp_dataset(text, MINI_SEEDS)) == [
        ("record.empty", line, col + len("quote: "), "carsi.goals", "quote must not be empty")
    ]


# -- status ------------------------------------------------------------------------------


def test_a_retraction_without_reason_is_reported_at_the_status(tmp_dataset: TmpDataset) -> None:
    """status: retracted with no reason is a record.status error at the status value."""
    text = mutate("    property: goal-count\n", "    property: goal-count\n    status: retracted\n")
    line, col = where(text, "status: retracted")
    assert _records(tmp_dataset(text, MINI_SEEDS)) == [
        (
            "record.status",
            line,
            col + len("status: "),
            "carsi.goals",
            "a retracted claim needs a reason",
        )
    ]


def test_a_reason_on_an_active_claim_is_reported_at_its_status(tmp_dataset: TmpDataset) -> None:
    """With status: active written out, the record.status error stands at that status value."""
    text = mutate(
        "    property: goal-count\n",
        "    property: goal-count\n    status: active\n    reason: x\n",
    )
    line, col = where(text, "status: active")
    assert _records(tmp_dataset(text, MINI_SEEDS)) == [
        (
            "record.status",
            line,
            col + len("status: "),
            "carsi.goals",
            "superseded_by and reason belong to retracted claims; set status: retracted",
        )
    ]


# -- qualifiers --------------------------------------------------------------------------


def test_a_qualifier_inferred_twice_is_reported_at_the_second_entry(
    tmp_dataset: TmpDataset,
) -> None:
    """The second inference of the same qualifier is record.inference at that entry."""
    text = mutate(
        '      as_of: "2011-03-14"\n',
        '      as_of: "2011-03-14"\n'
        "      inferred:\n"
        "        - {qualifier: as_of, basis: dateline}\n"
        "        - {qualifier: as_of, basis: context}\n",
    )
    line, col = where(text, "{qualifier: as_of, basis: context}")
    assert _records(tmp_dataset(text, MINI_SEEDS)) == [
        (
            "record.inference",
            line,
            col,
            "carsi.funding",
            "qualifier as_of is listed as inferred twice",
        )
    ]


def test_two_different_qualifiers_inferred_once_each_are_well_formed(
    tmp_dataset: TmpDataset,
) -> None:
    """Inferring as_of and cumulative, once each, is no record finding."""
    text = mutate(
        '      as_of: "2011-03-14"\n',
        '      as_of: "2011-03-14"\n'
        "      inferred:\n"
        "        - {qualifier: as_of, basis: dateline}\n"
        "        - {qualifier: cumulative, basis: context}\n",
    )
    assert _records(tmp_dataset(text, MINI_SEEDS)) == []


# -- values ------------------------------------------------------------------------------


def test_a_one_year_fiscal_span_is_in_range(tmp_dataset: TmpDataset) -> None:
    """A span that starts and ends in the same fiscal year is well formed."""
    text = mutate("value: {start: 2008, end: 2010}", "value: {start: 2008, end: 2008}")
    assert _records(tmp_dataset(text, MINI_SEEDS)) == []


def test_a_value_of_another_kind_is_a_kind_mismatch_at_the_value(
    tmp_dataset: TmpDataset,
) -> None:
    """A claim built in code with a value of the wrong type is record.kind-mismatch at the
    value, and none of the kind's own rules is applied to it."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    ds = _with_claim_value(load(paths.claims), "carsi.funding", Count(-5))
    line, col = where(MINI_YAML, "{amount: 260000000")
    assert _checked(ds) == [
        (
            "record.kind-mismatch",
            (line, col),
            "carsi.funding",
            "claim of kind money carries a Count value",
        )
    ]


def test_a_date_value_that_is_no_real_date_is_reported_at_the_date(
    tmp_dataset: TmpDataset,
) -> None:
    """A date claim built in code with 30 February is record.date at the claim's date."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    ds = _with_claim_value(load(paths.claims), "carsi.date", DateValue(PartialDate(2011, 2, 30)))
    line, col = where(MINI_YAML, '"2011-03-14"}')
    assert _checked(ds) == [
        (
            "record.date",
            (line, col),
            "carsi.date",
            "2011-02-30 is not a real calendar date: day 30 is out of range 1..28 for 2011-02",
        )
    ]


@pytest.mark.parametrize(
    "value", [DateValue(PartialDate(2011, 2, 28)), DateValue(PartialDate(2011))]
)
def test_a_real_date_value_is_well_formed(tmp_dataset: TmpDataset, value: DateValue) -> None:
    """A real day, or a year alone, is no record finding."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    assert _checked(_with_claim_value(load(paths.claims), "carsi.date", value)) == []


@pytest.mark.parametrize(
    ("old", "new", "claim", "shown"),
    [
        ("precision: 1000000}", "precision: 0}", "carsi.funding", "0"),
        ("precision: 1}", "precision: -1}", "carsi.share", "-1"),
    ],
)
def test_a_precision_of_zero_or_less_is_out_of_range(
    tmp_dataset: TmpDataset, old: str, new: str, claim: str, shown: str
) -> None:
    """Precision is a unit, so it must be above zero: 0 or less is record.range at it."""
    text = mutate(old, new)
    line, col = where(text, new)
    assert _records(tmp_dataset(text, MINI_SEEDS)) == [
        (
            "record.range",
            line,
            col + len("precision: "),
            claim,
            f"precision is the unit a figure is stated to and must be positive, found {shown}",
        )
    ]


# -- sources -----------------------------------------------------------------------------


def test_a_malformed_sha256_is_reported_with_what_was_found(tmp_dataset: TmpDataset) -> None:
    """A sha256 that is not 64 lowercase hex digits is record.sha256 at it, quoting it."""
    sha = MINI_YAML.split("sha256: ", 1)[1].split("\n", 1)[0]
    text = mutate(f"sha256: {sha}", f"sha256: {sha.upper()}")
    line, col = where(text, sha.upper())
    assert _records(tmp_dataset(text, MINI_SEEDS)) == [
        (
            "record.sha256",
            line,
            col,
            None,
            f"expected 64 lowercase hex digits, found {sha.upper()!r}",
        )
    ]


def test_a_relation_with_a_blank_note_is_reported_at_its_note(tmp_dataset: TmpDataset) -> None:
    """A source relation needs a note giving its evidence: a blank one is record.empty at the
    note of that relation (the second here; both also relate the source to itself)."""
    text = mutate(
        '    published: "2011-03-14"\n',
        '    published: "2011-03-14"\n'
        "    relations:\n"
        "      - {kind: version_of, source: src-a, note: a later edition}\n"
        '      - {kind: reprint_of, source: src-a, note: " "}\n',
    )
    first, second = where(text, "src-a, note: a later"), where(text, 'src-a, note: " "')
    blank = where(text, '" "}')
    assert _records(tmp_dataset(text, MINI_SEEDS)) == [
        ("record.relation", *first, None, "source 'src-a' cannot be version_of itself"),
        ("record.relation", *second, None, "source 'src-a' cannot be reprint_of itself"),
        ("record.empty", *blank, None, "a source relation needs a note giving its evidence"),
    ]


# -- resolutions -------------------------------------------------------------------------


def test_a_resolution_naming_one_claim_twice_with_a_blank_rationale(
    tmp_dataset: TmpDataset,
) -> None:
    """The same claim twice is not two claims (record.resolution at the list), and a blank
    rationale is record.empty at it."""
    text = MINI_YAML + (
        "resolutions:\n"
        "  - id: res.twice\n"
        "    claims: [carsi.goals, carsi.goals]\n"
        "    kind: wording_variant\n"
        '    rationale: " "\n'
    )
    assert _records(tmp_dataset(text, MINI_SEEDS)) == [
        (
            "record.resolution",
            *where(text, "[carsi.goals, carsi.goals]"),
            None,
            "a resolution names at least two different claims",
        ),
        ("record.empty", *where(text, '" "'), None, "a resolution needs a rationale"),
    ]
