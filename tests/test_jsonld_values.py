"""The JSON-LD export of values the shipped and pinned datasets do not hold.

A decimal is written in plain positional form (``xsd:decimal`` has no exponent), a
non-finite number is refused, a bounded count carries its bound, and a value of a kind
added to the model is exported generically: its fields as ``schema:PropertyValue``
nodes, each literal by its type.
"""

from __future__ import annotations

import enum
import json
from decimal import Decimal
from fractions import Fraction
from typing import Any, cast

import attrs
import pytest

from carsi_claims.dataset import Dataset
from carsi_claims.model import Bound, Claim, ClaimKind, Count, Money, Percentage
from carsi_claims.output.interchange import ExportError
from carsi_claims.output.jsonld import to_jsonld_text

CLAIM = Claim("x.value", ClaimKind.COUNT, "x", "value", Count(1), ())


def _value_node(value: object) -> Any:
    """The ``schema:value`` of the claim's ``value`` property, for a claim holding ``value``."""
    claim = attrs.evolve(CLAIM, value=cast(Any, value))  # any kind, a new one too
    (node,) = json.loads(to_jsonld_text(Dataset(claims=(claim,))))["@graph"]
    (prop,) = (p for p in node["schema:additionalProperty"] if p["schema:propertyID"] == "value")
    return prop["schema:value"]


@pytest.mark.parametrize(
    ("amount", "written"),
    [("0.0000001", "0.0000001"), ("0.000000000012", "0.000000000012"), ("1E+3", "1000")],
)
def test_a_decimal_is_written_without_an_exponent(amount: str, written: str) -> None:
    """Decimals that Python would print with an exponent (1E-7) are written positionally."""
    node = _value_node(Money(Decimal(amount)))
    assert node["schema:value"] == {"@value": written, "@type": "xsd:decimal"}


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity", "sNaN"])
def test_a_non_finite_number_is_refused_with_export_error(bad: str) -> None:
    """NaN or an infinity, in an amount or a percentage, is an ExportError naming it."""
    for value in (Money(Decimal(bad)), Percentage(Decimal(bad))):
        claim = attrs.evolve(CLAIM, value=value)
        with pytest.raises(ExportError) as info:
            to_jsonld_text(Dataset(claims=(claim,)))
        assert str(info.value) == f"non-finite number {Decimal(bad)} cannot be exported"


@pytest.mark.parametrize(
    ("bound", "key"), [(Bound.AT_LEAST, "schema:minValue"), (Bound.UP_TO, "schema:maxValue")]
)
def test_a_bounded_count_carries_its_bound(bound: Bound, key: str) -> None:
    """'At least 300' is a minValue of 300, 'up to 300' a maxValue, besides the value."""
    assert _value_node(Count(300, bound=bound)) == {
        "@type": "schema:QuantitativeValue",
        "schema:value": 300,
        key: 300,
        "schema:additionalProperty": [
            {
                "@type": "schema:PropertyValue",
                "schema:propertyID": "bound",
                "schema:value": str(bound),
            }
        ],
    }


class _Colour(enum.Enum):
    """An enum whose values are not text."""

    RED = 1


@attrs.frozen
class _Span:
    """A value kind the exporter does not know (one added to the model later)."""

    low: Decimal
    colour: _Colour
    ratio: Fraction
    unset: str | None = None


def test_a_value_of_a_new_kind_is_exported_generically() -> None:
    """Its set fields, by name: a decimal typed, an enum as its value's text, any other
    object as its text."""
    assert _value_node(_Span(Decimal("1.5"), _Colour.RED, Fraction(1, 3))) == {
        "@type": "schema:StructuredValue",
        "schema:additionalProperty": [
            {
                "@type": "schema:PropertyValue",
                "schema:propertyID": "low",
                "schema:value": {"@value": "1.5", "@type": "xsd:decimal"},
            },
            {"@type": "schema:PropertyValue", "schema:propertyID": "colour", "schema:value": "1"},
            {"@type": "schema:PropertyValue", "schema:propertyID": "ratio", "schema:value": "1/3"},
        ],
    }
