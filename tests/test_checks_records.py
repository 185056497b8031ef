"""Record checks: ranges, real dates, currency codes, empty texts, status, resolutions."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from _mini import MINI_SEEDS, MINI_YAML, DatasetPaths, mutate, report_of, where

TmpDataset = Callable[..., DatasetPaths]


def test_the_mini_dataset_is_valid(tmp_dataset: TmpDataset) -> None:
    """The unmutated mini dataset has no finding at all."""
    assert report_of(tmp_dataset(MINI_YAML, MINI_SEEDS)) == []


def test_percent_above_100(tmp_dataset: TmpDataset) -> None:
    """A percentage above 100 is a record.range error at the value, naming the claim."""
    text = mutate("{value: 95, bound: up_to,", "{value: 195, bound: up_to,")
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, "195")
    assert (
        "record.range",
        line,
        col,
        "carsi.share",
        "percentage must be within 0..100, found 195",
    ) in found


def test_negative_amount(tmp_dataset: TmpDataset) -> None:
    """A negative amount of money is a record.range error at the amount."""
    text = mutate("amount: 260000000", "amount: -260000000")
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, "-260000000")
    assert (
        "record.range",
        line,
        col,
        "carsi.funding",
        "amount must be a finite, non-negative number, found -260000000",
    ) in found


def test_negative_amount_value_mismatch_is_reported_without_crash(
    tmp_dataset: TmpDataset,
) -> None:
    """The value check describes an amount it cannot render instead of crashing."""
    text = mutate("amount: 260000000", "amount: -5")
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, '"$260 million"')
    mismatch = [f for f in found if f[0] == "value.mismatch"]
    assert [f[1:4] for f in mismatch] == [(line, col, "carsi.funding")]
    assert "amount=-5" in mismatch[0][4]
    assert "'$260 million'" in mismatch[0][4]


def test_fiscal_year_start_after_end(tmp_dataset: TmpDataset) -> None:
    """A fiscal-year span that starts after it ends is a record.range error at the span."""
    text = mutate("value: {start: 2008, end: 2010}", "value: {start: 2010, end: 2008}")
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, "{start: 2010, end: 2008}")
    assert (
        "record.range",
        line,
        col,
        "carsi.funding-years",
        "fiscal-year span starts after it ends: 2010 > 2008",
    ) in found


def test_qualifier_fiscal_year_start_after_end(tmp_dataset: TmpDataset) -> None:
    """The fiscal-year qualifier is range-checked too, at the qualifier."""
    text = mutate(
        "fiscal_years: {start: 2008, end: 2010}", "fiscal_years: {start: 2011, end: 2010}"
    )
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, "{start: 2011")
    assert ("record.range", line, col, "carsi.funding") in [f[:4] for f in found]


def test_unknown_currency(tmp_dataset: TmpDataset) -> None:
    """A currency that is not an ISO 4217 code is a record.currency error at the currency."""
    text = mutate("currency: USD", "currency: USX")
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, "USX")
    assert (
        "record.currency",
        line,
        col,
        "carsi.funding",
        "expected an ISO 4217 currency code such as USD, found 'USX'",
    ) in found


def test_empty_quote(tmp_dataset: TmpDataset) -> None:
    """An empty quote is a record.empty error at the quote, and nothing crashes."""
    text = mutate('quote: "Five Goals"', 'quote: ""')
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, 'quote: ""')
    assert [f for f in found if not f[0].startswith("coverage.")] == [
        ("record.empty", line, col + len("quote: "), "carsi.goals", "quote must not be empty")
    ]


def test_negative_offsets(tmp_dataset: TmpDataset) -> None:
    """Offsets with end before start are a record.range error at the provenance entry."""
    text = mutate("start: 115\n        end: 125", "start: 125\n        end: 115")
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, "source: src-a", 3)
    assert (
        "record.range",
        line,
        col,
        "carsi.goals",
        "offsets must satisfy 0 <= start <= end, found start 125, end 115",
    ) in found


def test_empty_quotation_text(tmp_dataset: TmpDataset) -> None:
    """A quotation whose text is blank is a record.empty error at the text."""
    text = mutate('text: "We stand together"', 'text: "  "')
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, '"  "')
    assert ("record.empty", line, col, "carsi.clinton-together", "text must not be empty") in found


def test_bad_sha256_format(tmp_dataset: TmpDataset) -> None:
    """A source's sha256 that is not 64 lowercase hex digits is a record.sha256 error."""
    text = mutate("sha256: ", "sha256: ABC")
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, "ABC")
    assert ("record.sha256", line, col, None) in [f[:4] for f in found]


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("status: retracted\n", "a retracted claim needs a reason"),
        (
            "superseded_by: carsi.share\n",
            "superseded_by and reason belong to retracted claims; set status: retracted",
        ),
    ],
)
def test_status_rules(tmp_dataset: TmpDataset, status: str, message: str) -> None:
    """Retraction needs a reason, and superseded_by needs status: retracted."""
    text = mutate("    property: goal-count\n", f"    property: goal-count\n    {status}")
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    codes = [(f[0], f[3], f[4]) for f in found]
    assert ("record.status", "carsi.goals", message) in codes


def test_resolution_needs_two_claims_and_a_rationale(tmp_dataset: TmpDataset) -> None:
    """A resolution naming one claim, with a blank rationale, gets both findings at their lines."""
    text = MINI_YAML + (
        "resolutions:\n"
        "  - id: res.one\n"
        "    claims: [carsi.goals]\n"
        "    kind: wording_variant\n"
        '    rationale: " "\n'
    )
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    assert ("record.resolution", where(text, "[carsi.goals]")[0]) in [(f[0], f[1]) for f in found]
    assert ("record.empty", where(text, '" "')[0]) in [(f[0], f[1]) for f in found]
