"""The meaning fingerprint: the README's specification, recomputed independently of the code."""

from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from carsi_claims import Claim, Qualifiers, load
from carsi_claims.analysis import meaning
from carsi_claims.analysis.meaning import (
    EXCLUDED,
    canonical_form,
    canonical_json,
    describe_changes,
    fingerprint,
    fingerprints,
)
from carsi_claims.dataset import default_paths
from carsi_claims.model import VALUE_TYPES, Inference, Money, Percentage, Provenance
from carsi_claims.output.interchange import to_interchange
from carsi_claims.read.lockfile import read_lock

README = Path(__file__).resolve().parents[1] / "README.md"


def _spec() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("### The canonical form and its hash (`m1`)")
    return text[start : text.index("### The lock file", start)]


def _table_rows(section: str, header: str) -> list[list[str]]:
    """The rows of the Markdown table whose header line is ``header``."""
    lines = [line.strip() for line in section.splitlines()]
    at = lines.index(header)
    rows = []
    for line in lines[at + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def _ticked(cell: str) -> list[str]:
    return re.findall(r"`([^`]*)`", cell)


def _readme_exclusions() -> set[tuple[str, str]]:
    rows = _table_rows(_spec(), "| record | fields left out |")
    return {(_ticked(rec)[0], name) for rec, names in rows for name in _ticked(names)}


def _readme_defaults() -> dict[tuple[str, str], Any]:
    rows = _table_rows(_spec(), "| record | field | default |")
    return {
        (_ticked(rec)[0], _ticked(field)[0]): json.loads(_ticked(default)[0])
        for rec, field, default in rows
    }


def _meaning_records() -> list[type[Any]]:
    return [Claim, Qualifiers, Inference, Provenance, *VALUE_TYPES.values()]


def test_readme_lists_exactly_the_excluded_fields() -> None:
    """The README's table of fields left out is the code's, and each names a real field."""
    assert _readme_exclusions() == set(EXCLUDED)
    fields = {(cls.__name__, f.name) for cls in _meaning_records() for f in attrs.fields(cls)}
    assert set(EXCLUDED) <= fields


def test_readme_lists_every_default_that_is_not_null() -> None:
    """Every meaning field whose default is not null is in the README's table, as written."""
    found: dict[tuple[str, str], Any] = {}
    for cls in _meaning_records():
        for field in attrs.fields(cls):
            key = (cls.__name__, field.name)
            if key in EXCLUDED or field.default is attrs.NOTHING or field.default is None:
                continue
            found[key] = json.loads(canonical_json(meaning._canonical(field.default)))
    assert found == _readme_defaults()


# -- an independent implementation of the README's steps, from the JSON export ------

#: Decimal fields per value kind (README, step 3); every other number is whole.
DECIMALS = {
    "money": {"amount", "tolerance", "precision"},
    "percentage": {"value", "tolerance", "precision"},
}


def _plain(number: Any) -> str:
    text = format(Decimal(str(number)).normalize(), "f")
    return "0" if text == "-0" else text


def _drop(
    record: dict[str, Any], name: str, defaults: dict[tuple[str, str], Any]
) -> dict[str, Any]:
    left_out = {field for rec, field in _readme_exclusions() if rec == name}
    return {
        k: v
        for k, v in record.items()
        if k not in left_out and v is not None and defaults.get((name, k), object()) != v
    }


def _jcs(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _by_hand(claim: dict[str, Any]) -> str:
    """A claim of the JSON export to its fingerprint, by the README's words alone."""
    defaults = _readme_defaults()
    kind = claim["kind"]
    value_class = {"fiscal_years": "FiscalYears", "list_item": "ListItem", "date": "DateValue"}.get(
        kind, kind.capitalize()
    )
    value = {
        k: (_plain(v) if k in DECIMALS.get(kind, ()) and v is not None else v)
        for k, v in claim["value"].items()
    }
    form = _drop(dict(claim), "Claim", defaults)
    form["value"] = _drop(value, value_class, defaults)
    qualifiers = _drop(claim["qualifiers"], "Qualifiers", defaults)
    if "inferred" in qualifiers:
        qualifiers["inferred"] = [_drop(i, "Inference", defaults) for i in qualifiers["inferred"]]
    form["qualifiers"] = qualifiers
    if qualifiers == defaults[("Claim", "qualifiers")]:
        del form["qualifiers"]
    entries = [_drop(p, "Provenance", defaults) for p in claim["provenance"]]
    form["provenance"] = sorted(entries, key=_jcs)
    text = _jcs(form)
    return "m1:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_fingerprints_recomputed_from_the_json_export_by_the_readme() -> None:
    """Every shipped claim's fingerprint, recomputed from the export by the README's steps."""
    dataset = load()
    exported = json.loads(json.dumps(to_interchange(dataset)), parse_float=Decimal)
    by_hand = {c["id"]: _by_hand(c) for c in exported["claims"]}
    assert by_hand == {c.id: fingerprint(c) for c in dataset}
    lock = read_lock(default_paths()[0].with_name("claims.lock"))
    assert lock is not None
    assert {e.id: e.fingerprint for e in lock.ids} == by_hand


# -- the rules, one by one ------------------------------------------------------------


def _claim(**changes: Any) -> Claim:
    base = Claim(
        id="carsi.x",
        kind=VALUE_TYPES_KIND["money"],
        subject="carsi",
        property="funding",
        value=Money(Decimal("260000000")),
        provenance=(Provenance("src-a", "$260 million", 10, 22),),
    )
    return attrs.evolve(base, **changes)


VALUE_TYPES_KIND = {k.value: k for k in VALUE_TYPES}


def test_defaults_are_left_out_and_decimals_are_plain() -> None:
    """Money at its default currency and bound is just its amount, in plain digits."""
    assert canonical_json(canonical_form(_claim())) == (
        '{"kind":"money","property":"funding","provenance":[{"quote":"$260 million",'
        '"source":"src-a"}],"subject":"carsi","value":{"amount":"260000000"}}'
    )


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("12.50", "12.5"), ("1E+2", "100"), ("-0.0", "0"), ("0.000", "0"), ("7", "7")],
)
def test_equal_decimals_have_one_form(written: str, canonical: str) -> None:
    """A decimal is written the one way: no exponent, no trailing zeros, no minus zero."""
    claim = _claim(kind=VALUE_TYPES_KIND["percentage"], value=Percentage(Decimal(written)))
    assert canonical_form(claim)["value"] == {"value": canonical}


def test_a_defaulted_field_added_to_the_model_changes_no_fingerprint() -> None:
    """A new field at its default leaves the form as it was; set, it enters the form."""
    wider = attrs.make_class(
        "Claim",
        {
            **{f.name: attrs.field(default=f.default) for f in attrs.fields(Claim)},
            "audience": attrs.field(default=None),
        },
        frozen=True,
    )
    claim = _claim()
    fields = {f.name: getattr(claim, f.name) for f in attrs.fields(Claim)}
    assert meaning.fingerprint_of_form(meaning._canonical(wider(**fields))) == fingerprint(claim)
    spoken = meaning._canonical(wider(**fields, audience="congress"))
    assert spoken["audience"] == "congress"
    assert meaning.fingerprint_of_form(spoken) != fingerprint(claim)


def test_provenance_order_is_not_meaning() -> None:
    """The same quotes in another order have the same fingerprint."""
    two = (Provenance("src-b", "b", 0, 1), Provenance("src-a", "a", 5, 6))
    assert fingerprint(_claim(provenance=two)) == fingerprint(_claim(provenance=two[::-1]))


def test_describe_changes_names_each_changed_leaf() -> None:
    """The change description gives each changed path, old and new, absent ones as such."""
    old = canonical_form(_claim())
    new = canonical_form(_claim(subject="gangs", qualifiers=Qualifiers(scope="x")))
    assert describe_changes(old, new) == (
        'qualifiers.scope: (absent) -> "x"; subject: "carsi" -> "gangs"'
    )


def test_fingerprints_keep_the_first_claim_of_a_duplicated_id() -> None:
    """With a duplicated id (an error of its own) the first claim's meaning is the one used."""
    first, second = _claim(), _claim(subject="other")
    assert fingerprints([first, second]) == {
        "carsi.x": (fingerprint(first), canonical_json(canonical_form(first)))
    }
