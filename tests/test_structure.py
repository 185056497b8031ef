"""Structuring: the schema decides types, and every problem is located."""

from __future__ import annotations

from decimal import Decimal

import pytest

from carsi_claims.model import Money, PartialDate, Qualifiers
from carsi_claims.read.structure import Problem, structure_one


@pytest.mark.parametrize(
    ("raw", "cls", "expected"),
    [
        ({"amount": "260000000"}, Money, Money(Decimal(260000000))),
        ({"amount": "12.5", "currency": "EUR"}, Money, Money(Decimal("12.5"), "EUR")),
        (
            {"cumulative": "true", "as_of": "2011-03"},
            Qualifiers,
            Qualifiers(as_of=PartialDate(2011, 3), cumulative=True),
        ),
        ({"scope": "no"}, Qualifiers, Qualifiers(scope="no")),
    ],
)
def test_scalars_take_the_schema_type(
    raw: dict[str, str], cls: type[object], expected: object
) -> None:
    """Strings become the field's type: digits a Decimal, 'true' a bool, 'no' stays text."""
    assert structure_one(raw, cls, ()) == (expected, [])


@pytest.mark.parametrize(
    ("raw", "cls", "problem"),
    [
        (
            {"ammount": "1"},
            Money,
            Problem(
                ("ammount",),
                "schema.unknown-key",
                "unknown key 'ammount' in Money; expected one of amount, currency, bound, "
                "tolerance, precision; "
                "did you mean 'amount'?",
                at_key=True,
                meant="amount",
            ),
        ),
        (
            {"amount": "1e6"},
            Money,
            Problem(
                ("amount",),
                "schema.type",
                "expected a decimal number such as 260000000 or 12.5, found '1e6'; "
                "write the number out in digits (1e6 is written 1000000)",
            ),
        ),
        (
            {"cumulative": "no"},
            Qualifiers,
            Problem(
                ("cumulative",),
                "schema.type",
                "expected true or false, found 'no'; write true or false "
                "('no' is not read as a yes/no here)",
            ),
        ),
        (
            {"as_of": "2011-02-30"},
            Qualifiers,
            Problem(
                ("as_of",),
                "schema.date",
                "'2011-02-30' is not a real calendar date: day 30 is out of range 1..28 "
                "for 2011-02; "
                "use an ISO date in quotes: '2011-03-14' (or '2011-03', '2011')",
            ),
        ),
    ],
)
def test_refused_scalars(raw: dict[str, str], cls: type[object], problem: Problem) -> None:
    """Typos, exponents, YAML 1.1 booleans and unreal dates are refused with a hint and a path."""
    result, problems = structure_one(raw, cls, ())
    assert result is None
    assert problem in problems


def test_misspelled_key_is_not_also_a_missing_key() -> None:
    """``ammount`` for ``amount`` is one problem: the unknown key, not also ``amount`` missing."""
    _, problems = structure_one({"ammount": "1"}, Money, ("v",))
    assert [(p.path, p.code, p.meant) for p in problems] == [
        (("v", "ammount"), "schema.unknown-key", "amount")
    ]


def test_all_problems_of_a_record_are_reported() -> None:
    """Two bad fields of one record give two problems, not just the first."""
    _, problems = structure_one({"amount": "x", "currency": None}, Money, ("v",))
    assert sorted(p.path for p in problems) == [("v", "amount"), ("v", "currency")]
