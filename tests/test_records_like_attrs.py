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


def test_a_nested_class_is_named_as_attrs_names_it() -> None:
    """A class made inside a function is shown by its own name, as attrs shows it: the part
    of the qualified name after the last ``<locals>.``; a class inside a class keeps its
    dotted name."""

    @attrs.frozen
    class Inner:
        x: Any

    @attrs.frozen(repr=False, eq=False)
    class Mine(Record):
        x: Any

    assert repr(Mine(1)) == repr(Inner(1)).replace("Inner", "Mine") == "Mine(x=1)"

    def deeper() -> tuple[type[Any], type[Any]]:
        @attrs.frozen
        class Inner2:
            x: Any

        @attrs.frozen(repr=False, eq=False)
        class Mine2(Record):
            x: Any

        return Inner2, Mine2

    inner2, mine2 = deeper()
    assert mine2.__qualname__.count("<locals>") == 2
    assert repr(mine2("a")) == repr(inner2("a")).replace("Inner2", "Mine2") == "Mine2(x='a')"
    assert repr(Holder.Kept(2)) == repr(Holder.Made(2)).replace("Made", "Kept")
    assert repr(Holder.Kept(2)) == "Holder.Kept(x=2)"


class Holder:
    @attrs.frozen
    class Made:
        x: Any

    @attrs.frozen(repr=False, eq=False)
    class Kept(Record):
        x: Any


@attrs.frozen(repr=False, eq=False)
class One(Record):
    only: Any


@attrs.frozen(repr=False, eq=False)
class NoneCompared(Record):
    shown: Any = attrs.field(eq=False)


@attrs.frozen(repr=False, eq=False)
class HashChosen(Record):
    compared_not_hashed: Any = attrs.field(hash=False)
    hashed_not_compared: Any = attrs.field(default=0, eq=False, hash=True)


def test_one_field_and_no_field_records() -> None:
    """A record of one compared field compares and hashes by it; one of none are all equal."""
    assert One(1) == One(1)
    assert One(1) != One(2)
    assert hash(One(1)) == hash(One(1))
    assert hash(One((1, 2))) == hash(One((1, 2)))
    assert repr(One(1)) == "One(only=1)"
    assert NoneCompared(1) == NoneCompared(2)
    assert hash(NoneCompared(1)) == hash(NoneCompared(2))
    assert repr(NoneCompared(1)) == "NoneCompared(shown=1)"


@given(st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3))
def test_hash_true_and_hash_false_fields_as_attrs_has_them(a: int, b: int, c: int, d: int) -> None:
    """``hash=False`` leaves a compared field out of the hash; ``hash=True`` puts an
    uncompared field in: the hash is attrs's (class, hashed fields), equality the compared
    fields."""
    assert (HashChosen(a, b) == HashChosen(c, d)) == (a == c)
    assert hash(HashChosen(a, b)) == hash((HashChosen, b))
    assert hash(One(a)) == hash((One, a))


def test_the_first_use_of_a_class_may_be_a_comparison_or_a_hash() -> None:
    """A class compared (or hashed) before it is ever shown learns its fields all the same."""

    @attrs.frozen(repr=False, eq=False)
    class Fresh(Record):
        a: Any
        b: Any

    assert Fresh(1, 2) == Fresh(1, 2)
    assert Fresh(1, 2) != Fresh(1, 3)

    @attrs.frozen(repr=False, eq=False)
    class Fresher(Record):
        a: Any
        b: Any

    assert hash(Fresher(1, 2)) == hash((Fresher, 1, 2))
    assert Fresher(1, 2) == Fresher(1, 2)
    assert repr(Fresher(1, 2)) == "Fresher(a=1, b=2)"


def test_a_classs_fields_are_read_once_on_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a class shows, compares and hashes is read from its attrs fields once, on its
    first use, and kept (reading them on every call would cost what the module saves)."""
    from carsi_claims import _records

    learned: list[type] = []
    real = _records._learn

    def counting(cls: type) -> None:
        learned.append(cls)
        real(cls)

    monkeypatch.setattr(_records, "_learn", counting)

    @attrs.frozen(repr=False, eq=False)
    class Once(Record):
        a: Any

    @attrs.frozen(repr=False, eq=False)
    class Twice(Record):
        a: Any

    for _ in range(3):
        assert Once(1) == Once(1)
        assert hash(Once(1)) == hash(Once(1))
        assert repr(Once(1)) == "Once(a=1)"
    for _ in range(3):
        assert hash(Twice(1)) == hash(Twice(1))
        assert Twice(1) != Twice(2)
    assert learned == [Once, Twice]
