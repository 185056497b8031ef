"""The JSON interchange shape (schema_version 2) and the YAML a maintainer would write."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from carsi_claims.dataset import Dataset
from carsi_claims.model import (
    Bound,
    Claim,
    ClaimKind,
    Correction,
    Entity,
    EntityType,
    FiscalYears,
    Money,
    PartialDate,
    Provenance,
    Qualifiers,
    Source,
)
from carsi_claims.output.interchange import (
    SCHEMA_VERSION,
    ExportError,
    dump_yaml,
    to_interchange,
    to_json,
    unstructure,
)

SOURCE = Source("s1", "a.txt", "0" * 64, "A fact sheet", "fact_sheet")


def _claim(**changes: object) -> Claim:
    fields: dict[str, object] = {
        "id": "c.one",
        "kind": ClaimKind.MONEY,
        "subject": "carsi",
        "property": "funding",
        "value": Money(Decimal("1.5E+7"), tolerance=Decimal("0.50"), bound=Bound.UP_TO),
        "provenance": (Provenance("s1", "$260 millón", 10, 22),),
        "qualifiers": Qualifiers(as_of=PartialDate(2011, 3), fiscal_years=FiscalYears(2008, 2010)),
    }
    fields.update(changes)
    return Claim(**fields)  # type: ignore[arg-type]


def test_numbers_are_integers_when_whole_else_floats() -> None:
    """A whole amount is a JSON integer (15000000, not 1.5E+7 or 15000000.0); a fraction a
    float; dates their ISO text; enums their word; unknown fields null."""
    value = unstructure(_claim().value)
    assert value == {
        "amount": 15000000,
        "currency": "USD",
        "bound": "up_to",
        "tolerance": 0.5,
        "precision": None,
    }
    assert type(value["amount"]) is int
    assert type(value["tolerance"]) is float
    assert type(unstructure(Money(Decimal("5.00")))["amount"]) is int
    assert unstructure(PartialDate(2011, 3)) == "2011-03"
    assert unstructure(Entity("mx", "Mexico", type=EntityType.COUNTRY))["type"] == "country"


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity", "sNaN"])
def test_non_finite_numbers_are_refused(bad: str) -> None:
    """NaN and infinities raise ExportError naming the number, for JSON and plain data."""
    claim = _claim(value=Money(Decimal("5"), tolerance=Decimal(bad)))
    with pytest.raises(ExportError, match=f"^non-finite number {bad} cannot be exported$"):
        to_json(Dataset(claims=(claim,)))
    with pytest.raises(ValueError, match="non-finite"):
        unstructure(claim)


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity"])
def test_dump_yaml_refuses_non_finite_numbers(bad: str) -> None:
    """The YAML form refuses NaN and infinities too, as every export does (it used to write
    them out as 'NaN' and 'Infinity')."""
    claim = _claim(value=Money(Decimal(bad)))
    with pytest.raises(ExportError, match=f"^non-finite number {bad} cannot be exported$"):
        dump_yaml(Dataset(claims=(claim,)))


def test_the_interchange_document_has_every_section_in_order() -> None:
    """schema_version first, then sources, entities, claims, resolutions, coverage_ignores."""
    data = to_interchange(Dataset(sources=(SOURCE,), claims=(_claim(),)))
    assert list(data) == [
        "schema_version",
        "sources",
        "entities",
        "claims",
        "resolutions",
        "coverage_ignores",
    ]
    assert data["schema_version"] == SCHEMA_VERSION == 2
    assert data["sources"] == [unstructure(SOURCE)]
    assert data["claims"] == [unstructure(_claim())]
    assert data["entities"] == data["resolutions"] == data["coverage_ignores"] == []
    assert json.loads(to_json(Dataset(sources=(SOURCE,), claims=(_claim(),)))) == data


def test_dump_yaml_writes_what_a_maintainer_would() -> None:
    """Fields at their default left out, amounts as digits (never exponents), Unicode as
    itself, sections in file order, lines folded at 100 columns, corrections last."""
    note = "x" * 91 + " y z"  # folds before z at 100 columns (at 101: after z, at 99: before y)
    reason = "w" * 88 + " y z"  # folds nowhere at 100 columns (at 99: before z)
    dataset = Dataset(
        sources=(SOURCE,),
        claims=(_claim(note=note, reason=reason),),
        corrections=(Correction("c.one", "a" * 8, "b" * 8, "typo"),),
    )
    assert dump_yaml(dataset) == (
        "sources:\n"
        "- id: s1\n"
        "  path: a.txt\n"
        f"  sha256: '{'0' * 64}'\n"
        "  title: A fact sheet\n"
        "  kind: fact_sheet\n"
        "entities: []\n"
        "claims:\n"
        "- id: c.one\n"
        "  kind: money\n"
        "  subject: carsi\n"
        "  property: funding\n"
        "  value:\n"
        "    amount: '15000000'\n"
        "    bound: up_to\n"
        "    tolerance: '0.50'\n"
        "  provenance:\n"
        "  - source: s1\n"
        "    quote: $260 millón\n"
        "    start: 10\n"
        "    end: 22\n"
        "  qualifiers:\n"
        "    as_of: 2011-03\n"
        "    fiscal_years:\n"
        "      start: 2008\n"
        "      end: 2010\n"
        f"  reason: {reason}\n"
        f"  note: {'x' * 91} y\n"
        "    z\n"
        "resolutions: []\n"
        "coverage_ignores: []\n"
        "corrections:\n"
        "- claim: c.one\n"
        "  old: aaaaaaaa\n"
        "  new: bbbbbbbb\n"
        "  reason: typo\n"
    )


def test_dump_yaml_without_corrections_has_no_corrections_section() -> None:
    """An empty corrections list is left out (the key is optional in the claims file)."""
    text = dump_yaml(Dataset(claims=(_claim(),)))
    assert "corrections" not in text
    assert text.endswith("resolutions: []\ncoverage_ignores: []\n")
