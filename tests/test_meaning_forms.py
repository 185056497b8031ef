"""The canonical form of every kind of field, its hash, and what it refuses."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

import attrs
import pytest

from carsi_claims.analysis import meaning
from carsi_claims.analysis.meaning import (
    canonical_form,
    canonical_json,
    describe_changes,
    fingerprint,
    fingerprint_of_form,
    meaning_changes,
)
from carsi_claims.model import (
    Basis,
    Bound,
    Claim,
    ClaimKind,
    Count,
    FiscalYears,
    Inference,
    Money,
    PartialDate,
    Provenance,
    QualifierName,
    Qualifiers,
    Quotation,
    Status,
)


def _claim(**changes: Any) -> Claim:
    base = Claim(
        id="x.one",
        kind=ClaimKind.QUOTATION,
        subject="carsi",
        property="said",
        value=Quotation("Señor, “yes”", "clinton", role="secretary"),
        provenance=(Provenance("s2", "b", 5, 6), Provenance("s1", "a", 0, 1, voice="x")),
        qualifiers=Qualifiers(
            as_of=PartialDate(2011, 3),
            fiscal_years=FiscalYears(2008, 2010),
            cumulative=True,
            inferred=(Inference(QualifierName.AS_OF, Basis.DATELINE, "d.one", note="n"),),
        ),
        status=Status.RETRACTED,
        superseded_by="x.two",
        reason="r",
        note="a note",
        mentions=("clinton",),
        heading=True,
        derived=True,
    )
    return attrs.evolve(base, **changes)


_FORM = {
    "derived": True,
    "kind": "quotation",
    "property": "said",
    "provenance": [{"quote": "a", "source": "s1", "voice": "x"}, {"quote": "b", "source": "s2"}],
    "qualifiers": {
        "as_of": "2011-03",
        "cumulative": True,
        "fiscal_years": {"end": 2010, "start": 2008},
        "inferred": [{"basis": "dateline", "claim": "d.one", "qualifier": "as_of"}],
    },
    "subject": "carsi",
    "value": {"role": "secretary", "speaker": "clinton", "text": "Señor, “yes”"},
}


def test_every_kind_of_field_has_its_form() -> None:
    """Enumerations by value, dates as text, whole numbers as numbers, booleans as booleans,
    records as objects without their excluded and defaulted fields, provenance sorted."""
    assert canonical_form(_claim()) == _FORM


def test_the_fingerprint_is_the_sha256_of_the_canonical_json() -> None:
    """``m1:`` and the SHA-256 of the JSON with sorted keys, no spaces, characters as such."""
    text = json.dumps(_FORM, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert canonical_json(_FORM) == text
    assert "Señor" in text
    expected = "m1:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert fingerprint(_claim()) == expected
    assert fingerprint_of_form(_FORM) == expected


def test_numbers_keep_their_kind() -> None:
    """A count is a JSON number, an amount a string of plain digits, a bound its value."""
    count = _claim(kind=ClaimKind.COUNT, value=Count(5, Bound.AT_LEAST, tolerance=1))
    assert canonical_form(count)["value"] == {"bound": "at_least", "tolerance": 1, "value": 5}
    money = _claim(kind=ClaimKind.MONEY, value=Money(Decimal("2.50"), "EUR"))
    assert canonical_form(money)["value"] == {"amount": "2.5", "currency": "EUR"}


def test_a_non_finite_number_has_no_form() -> None:
    """Infinity and NaN are refused, naming the number."""
    money = _claim(kind=ClaimKind.MONEY, value=Money(Decimal("Infinity")))
    refused = r"^a non-finite number \(Infinity\) has no canonical form$"
    with pytest.raises(ValueError, match=refused):
        canonical_form(money)


def test_a_value_of_no_known_type_has_no_form() -> None:
    """Anything that is not a record, text, number, date, enumeration or tuple is refused."""
    with pytest.raises(TypeError, match=r"^no canonical form for float$"):
        canonical_form(_claim(subject=1.5))
    with pytest.raises(TypeError, match=r"^no canonical form for list$"):
        canonical_form(_claim(mentions=["a"], subject=["b"]))


def test_a_field_with_a_factory_default_is_left_out_at_that_default() -> None:
    """A field whose default is made by a factory is left out when it equals what the factory
    makes; a factory taking self has no default to compare with, so the field is kept."""
    record = attrs.make_class(
        "Record",
        {
            "tags": attrs.field(factory=tuple),
            "other": attrs.field(default=attrs.Factory(lambda self: (), takes_self=True)),
        },
        frozen=True,
    )
    assert meaning._canonical(record()) == {"other": []}
    assert meaning._canonical(record(tags=("a",))) == {"tags": ["a"], "other": []}


def test_meaning_changes_walks_objects_and_lists() -> None:
    """Each leaf that differs, by its path (lists by index), absent leaves as None; an empty
    object or list is a leaf of its own."""
    old = {"a": {"b": [1, 2]}, "c": "x", "e": {}, "f": []}
    new = {"a": {"b": [1, 3, 4]}, "d": True, "e": [], "f": []}
    assert meaning_changes(old, new) == [
        ("a.b[1]", 2, 3),
        ("a.b[2]", None, 4),
        ("c", "x", None),
        ("d", None, True),
        ("e", {}, []),
    ]
    assert describe_changes(old, new) == (
        'a.b[1]: 2 -> 3; a.b[2]: (absent) -> 4; c: "x" -> (absent); d: (absent) -> true; '
        "e: {} -> []"
    )
    assert describe_changes({"t": "é"}, {"t": "è"}) == 't: "é" -> "è"'
    assert meaning_changes(old, old) == []


def test_meaning_changes_paths_start_empty_at_the_top() -> None:
    """A top-level list's leaves are at [i]; two plain values differ at the empty path."""
    assert meaning_changes([1, 2], [1, 3]) == [("[1]", 2, 3)]
    assert meaning_changes("a", "b") == [("", "a", "b")]
    assert meaning_changes("a", {"k": 1}) == [("", "a", None), ("k", None, 1)]
    assert describe_changes([1], [2]) == "[0]: 1 -> 2"
