"""Flattening any record into columns: optional sub-records, unions and unusual field types."""

from __future__ import annotations

import enum
import typing
from decimal import Decimal

import attrs

from carsi_claims.model import Bound, Claim, Money, Provenance
from carsi_claims.output.flat import cells, columns, typed_columns


@attrs.frozen
class _Holder:
    """A record with an optional sub-record, a two-type union and a float."""

    name: str
    money: Money | None = None
    either: int | str = 0
    ratio: float = 0.5


@attrs.frozen
class _OldStyle:
    """The same optional sub-record written with typing.Optional (a typing.Union)."""

    money: Money | None = None
    count: int | None = None


# Written as objects, not strings: typing.Optional is not in the model's namespace.
_OldStyle.__annotations__.update(money=typing.Optional[Money], count=typing.Optional[int])  # noqa: UP045

MONEY_COLUMNS = ["money_amount", "money_currency", "money_bound", "money_tolerance"]


def test_an_optional_sub_record_is_flattened() -> None:
    """``Money | None`` is flattened like Money; absent, its columns are all empty."""
    assert columns(_Holder) == ["name", *MONEY_COLUMNS, "money_precision", "either", "ratio"]
    assert cells(_Holder("a")) == {
        "name": "a",
        "money_amount": None,
        "money_currency": None,
        "money_bound": None,
        "money_tolerance": None,
        "money_precision": None,
        "either": 0,
        "ratio": "0.5",
    }
    full = cells(_Holder("a", Money(Decimal("5"), bound=Bound.AT_LEAST), "x", 0.25))
    assert full["money_amount"] == Decimal("5")
    assert full["money_bound"] == "at_least"
    assert (full["either"], full["ratio"]) == ("x", "0.25")


def test_typing_optional_is_unwrapped_as_well() -> None:
    """``Optional[Money]`` flattens as ``Money | None`` does; ``Optional[int]`` is an int."""
    assert columns(_OldStyle) == [*MONEY_COLUMNS, "money_precision", "count"]
    assert typed_columns(_OldStyle)[-1] == ("count", int)
    assert cells(_OldStyle())["money_amount"] is None


def test_typed_columns_of_a_union_of_two_types_is_text() -> None:
    """A field of two possible types (not counting None) is a text column; a float too."""
    typed = dict(typed_columns(_Holder))
    assert (typed["either"], typed["ratio"], typed["money_amount"]) == (str, str, Decimal)
    assert typed_columns(Claim)[4] == ("value", str)


def test_typed_columns_keep_every_column_in_order() -> None:
    """The typed columns are the columns, in the same order, however records nest."""
    skip = frozenset({"value", "provenance"})
    assert [name for name, _ in typed_columns(Claim, "c_", skip)] == columns(Claim, "c_", skip)
    assert [name for name, _ in typed_columns(_Holder)] == columns(_Holder)
    assert [name for name, _ in typed_columns(Provenance)] == [
        "source",
        "quote",
        "start",
        "end",
        "voice",
    ]


class _Colour(enum.Enum):
    RED = 1


@attrs.frozen
class _Painted:
    """A record with a plain (not string) enum field."""

    colour: _Colour = _Colour.RED


_Painted.__annotations__.update(colour=_Colour)


def test_a_plain_enum_cell_is_its_value_as_text() -> None:
    """An enum that is not a string enum is written as its value's text."""
    assert cells(_Painted()) == {"colour": "1"}
    assert typed_columns(_Painted) == [("colour", str)]
