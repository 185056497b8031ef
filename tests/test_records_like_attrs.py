"""Records share one repr, == and hash (``_records.Record``) instead of attrs generating
them per class: they must behave as the attrs-generated methods do."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carsi_claims import model
from carsi_claims._records import Record


@attrs.frozen
class Generated:
    amount: Any
    currency: Any = "USD"
    note: Any = attrs.field(default=None, repr=False, eq=False)


@attrs.frozen(repr=False, eq=False)
class Shared(Record):
    amount: Any
    currency: Any = "USD"
    note: Any = attrs.field(default=None, repr=False, eq=False)


VALUES = st.one_of(
    st.none(),
    st.integers(-3, 3),
    st.text(max_size=3),
    st.sampled_from([Decimal("1"), Decimal("1.0"), Decimal("NaN"), float("nan"), 1.0, True]),
)


@given(VALUES, VALUES, VALUES, VALUES, VALUES, VALUES)
def test_repr_eq_and_hash_are_those_attrs_generates(
    a1: Any, c1: Any, n1: Any, a2: Any, c2: Any, n2: Any
) -> None:
    g1, g2 = Generated(a1, c1, n1), Generated(a2, c2, n2)
    s1, s2 = Shared(a1, c1, n1), Shared(a2, c2, n2)
    assert repr(s1) == repr(g1).replace("Generated", "Shared")
    assert (s1 == s2) == (g1 == g2)
    assert (s1 != s2) == (g1 != g2)
    assert (s1 == s1) == (g1 == g1)  # a NaN field: not equal to itself, as attrs has it
    if s1 == s2:
        assert hash(s1) == hash(s2)


def test_other_classes_are_not_equal_and_compare_by_identity_of_class() -> None:
    assert Shared(1) != Generated(1)
    assert Shared(1).__eq__(Generated(1)) is NotImplemented
    assert Shared(1) == Shared(1, note="ignored: eq=False")
    assert hash(Shared(1)) == hash(Shared(1, note="other"))
    assert {Shared(1), Shared(1), Shared(2)} == {Shared(1), Shared(2)}


@pytest.mark.parametrize(
    "record",
    [
        model.Money(Decimal(260000000), "USD", model.Bound.UP_TO),
        model.Qualifiers(as_of=model.PartialDate(2011, 3), cumulative=True),
        model.Provenance("src-a", "quote", 0, 5),
    ],
)
def test_model_records_read_as_attrs_would_write_them(record: Any) -> None:
    fields = ", ".join(f"{a.name}={getattr(record, a.name)!r}" for a in attrs.fields(type(record)))
    assert repr(record) == f"{type(record).__name__}({fields})"
    assert record == attrs.evolve(record)
    assert hash(record) == hash(attrs.evolve(record))
    assert isinstance(record, Record)


@pytest.mark.parametrize("year", [1900, 2000, 2008, 2011, 2100, 1, 9999])
def test_days_in_month_is_the_calendars(year: int) -> None:
    """``model.days_in_month`` answers as ``calendar.monthrange`` (which it replaces, so
    that a validation need not import calendar)."""
    import calendar

    for month in range(1, 13):
        assert model.days_in_month(year, month) == calendar.monthrange(year, month)[1]


def test_sha256_hex_is_hashlibs() -> None:
    import hashlib

    from carsi_claims._sha256 import sha256_hex

    for data in (b"", b"abc", "“Five Goals”".encode(), bytes(range(256)) * 300):
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
