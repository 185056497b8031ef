"""The value check at its edges: how a value it cannot write in words is named, and a
derived claim never stopping the check of the claims after it."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from _mini import MINI_SEEDS, MINI_YAML, SEED, DatasetPaths, mutate, report_of, where
from carsi_claims import load
from carsi_claims.checks.values import value_problem
from carsi_claims.model import DateValue, PartialDate

TmpDataset = Callable[..., DatasetPaths]


def test_an_invalid_amount_is_named_by_its_fields(tmp_dataset: TmpDataset) -> None:
    """A negative amount cannot be written in words: the mismatch names it by type and
    fields, comma-separated."""
    text = mutate("amount: 260000000", "amount: -5")
    found = [f for f in report_of(tmp_dataset(text, MINI_SEEDS)) if f[0] == "value.mismatch"]
    assert found == [
        (
            "value.mismatch",
            *where(text, '"$260 million"'),
            "carsi.funding",
            "the claim says 'Money(amount=-5, currency=USD, bound=exact, tolerance=None, "
            "precision=1000000)', but the quote says '$260 million' ($260 million)",
        )
    ]


def test_an_unreal_date_is_named_by_its_fields_as_written(tmp_dataset: TmpDataset) -> None:
    """A date value that is no real date (built in code) is named with the date as written,
    not taken apart into its year, month and day."""
    ds = load(tmp_dataset(MINI_YAML, MINI_SEEDS).claims)
    claim = attrs.evolve(ds.get("carsi.date"), value=DateValue(PartialDate(2011, 2, 30)))
    assert value_problem(claim, claim.provenance[0]) == (
        "the claim says 'DateValue(date=2011-02-30)', but the quote says 'March 14, 2011' "
        "(March 14, 2011)"
    )


def test_a_derived_claim_does_not_stop_the_value_check_of_later_claims(
    tmp_dataset: TmpDataset,
) -> None:
    """A derived count (not read from its quote) listed first: the claims after it are
    still held to their quotes."""
    goals = SEED.index("Five Goals")
    derived = (
        "  - id: carsi.goal-count\n"
        "    kind: count\n"
        "    subject: carsi\n"
        "    property: goal-list-count\n"
        "    derived: true\n"
        "    value: {value: 7, list: carsi-goals}\n"
        "    provenance:\n"
        "      - source: src-a\n"
        '        quote: "Five Goals"\n'
        f"        start: {goals}\n"
        f"        end: {goals + 10}\n"
    )
    text = mutate("claims:\n", "claims:\n" + derived)
    text = mutate("amount: 260000000", "amount: 265000000", text)
    found = [f[:4] for f in report_of(tmp_dataset(text, MINI_SEEDS)) if f[0] == "value.mismatch"]
    assert found == [("value.mismatch", *where(text, '"$260 million"'), "carsi.funding")]


def test_an_empty_quote_does_not_stop_the_value_check_of_later_entries(
    tmp_dataset: TmpDataset,
) -> None:
    """An empty quote (record.empty, not read for a value) before a quote that does not
    state the value: that later quote is still a value.mismatch, as are later claims."""
    empty = '      - source: src-a\n        quote: ""\n        start: 0\n        end: 0\n'
    text = mutate("    provenance:\n", "    provenance:\n" + empty)
    text = mutate("amount: 260000000", "amount: 265000000", text)
    text = mutate("value: {value: 5}", "value: {value: 6}", text)
    found = [f[:4] for f in report_of(tmp_dataset(text, MINI_SEEDS)) if f[0] == "value.mismatch"]
    assert found == [
        ("value.mismatch", *where(text, '"$260 million"'), "carsi.funding"),
        ("value.mismatch", *where(text, '"Five Goals"'), "carsi.goals"),
    ]


def test_what_a_figure_in_words_can_say_is_what_is_compared() -> None:
    """Amount, currency and bound of money; value and bound of a percentage or a count:
    a tolerance, a precision or a counted list are not in the words, so they may differ;
    a percentage is never a count; a date or a span is compared whole."""
    from decimal import Decimal as D

    from carsi_claims.checks.values import matches
    from carsi_claims.model import Bound, Count, FiscalYears, Money, Percentage

    money = Money(D(260), "USD", Bound.EXACT, None, D(1))
    assert matches(money, Money(D(260), "USD", Bound.EXACT, D(5), None))
    assert not matches(money, Money(D(261), "USD", Bound.EXACT, None, D(1)))
    assert not matches(money, Money(D(260), "EUR", Bound.EXACT, None, D(1)))
    assert not matches(money, Money(D(260), "USD", Bound.UP_TO, None, D(1)))
    share = Percentage(D(95), Bound.UP_TO, None, D(1))
    assert matches(share, Percentage(D(95), Bound.UP_TO, D(2), None))
    assert not matches(share, Percentage(D(96), Bound.UP_TO, None, D(1)))
    assert not matches(share, Percentage(D(95), Bound.EXACT, None, D(1)))
    count = Count(5, Bound.EXACT, None, "goals", None)
    assert matches(count, Count(5, Bound.EXACT, 1, None, 10))
    assert not matches(count, Count(6, Bound.EXACT, None, "goals", None))
    assert not matches(count, Count(5, Bound.UP_TO, None, "goals", None))
    assert not matches(Count(95), Percentage(D(95)))
    assert not matches(Percentage(D(95)), Count(95))
    day = DateValue(PartialDate(2011, 3, 14))
    assert matches(day, DateValue(PartialDate(2011, 3, 14)))
    assert not matches(day, DateValue(PartialDate(2011, 3)))
    assert matches(FiscalYears(2008, 2010), FiscalYears(2008, 2010))
    assert not matches(FiscalYears(2008, 2010), FiscalYears(2008, 2011))
    assert not matches(FiscalYears(2011, 2011), DateValue(PartialDate(2011)))


def test_a_quote_stating_the_figure_among_others_is_no_mismatch(tmp_dataset: TmpDataset) -> None:
    """A quote with several figures of the claim's kind: any one that says the value is
    enough; when none does, each is listed with what it says, in quote order."""
    line = "CARSI has received $260 million in Fiscal Years 2008-2010."
    text = mutate('quote: "$260 million"', f'quote: "{line}"')
    start = SEED.index(line)
    text = mutate(f"start: {SEED.index('$260 million')}\n", f"start: {start}\n", text)
    text = mutate(f"end: {SEED.index('$260 million') + 12}\n", f"end: {start + len(line)}\n", text)
    assert [f for f in report_of(tmp_dataset(text, MINI_SEEDS)) if f[0] == "value.mismatch"] == []
    ds = load(tmp_dataset(text, MINI_SEEDS).claims)
    claim = ds.get("carsi.date")
    quote = "March 14, 2011 or April 1, 2012"
    p = attrs.evolve(claim.provenance[0], quote=quote)
    wrong = attrs.evolve(claim, value=DateValue(PartialDate(2010, 1, 2)))
    assert value_problem(wrong, p) == (
        "the claim says 'January 2, 2010', but the quote says 'March 14, 2011' (March 14, 2011), "
        "'April 1, 2012' (April 1, 2012)"
    )
    assert value_problem(attrs.evolve(claim, value=DateValue(PartialDate(2012, 4, 1))), p) is None
