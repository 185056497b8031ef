"""The generated JSON Schema: current, accepts the shipped dataset, rejects what the loader does."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _mini import MINI_SEEDS, MINI_YAML, DatasetPaths, mutate, where
from carsi_claims import LoadError, load
from carsi_claims.model import PartialDate
from carsi_claims.output.jsonschema import claims_schema, schema_json
from carsi_claims.read.strict_yaml import load_yaml
from carsi_claims.read.structure import SchemaError, structure_value

TmpDataset = Callable[..., DatasetPaths]
ROOT = Path(__file__).resolve().parents[1]
SCHEMA = claims_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def _tree(text: str) -> Any:
    return load_yaml(text.encode("utf-8"), "claims.yaml").root


def _paths(errors: Any) -> set[str]:
    found: set[str] = set()
    for error in errors:
        found.add(error.json_path)
        found |= _paths(error.context or ())
    return found


def _errors(instance: Any) -> list[str]:
    """Where the schema finds fault, under anyOf branches too."""
    return sorted(_paths(VALIDATOR.iter_errors(instance)))


def test_schema_is_valid_draft_2020_12() -> None:
    """The generated schema is itself a valid draft 2020-12 schema."""
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_committed_schema_is_up_to_date() -> None:
    """schema/claims.schema.json is what the model generates today (regenerate with export)."""
    committed = (ROOT / "schema" / "claims.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(), (
        "regenerate: carsi-claims export --format jsonschema --output schema/claims.schema.json"
    )


def test_shipped_dataset_is_valid() -> None:
    """The shipped data/claims.yaml, as the strict loader reads it, fits the schema."""
    assert _errors(_tree((ROOT / "data" / "claims.yaml").read_text(encoding="utf-8"))) == []


def test_mini_dataset_is_valid() -> None:
    """The mini dataset of the bad-input tests fits the schema."""
    assert _errors(_tree(MINI_YAML)) == []


def test_editor_view_with_numbers_and_booleans_is_valid() -> None:
    """A YAML 1.2 editor's view (plain numbers as numbers, true as a boolean) also fits."""
    tree = copy.deepcopy(_tree(MINI_YAML))
    money = tree["claims"][0]
    money["value"]["amount"] = 260000000
    money["qualifiers"]["cumulative"] = True
    money["qualifiers"]["fiscal_years"] = {"start": 2008, "end": 2010}
    for entry in money["provenance"]:
        entry["start"], entry["end"] = int(entry["start"]), int(entry["end"])
    tree["claims"][2]["value"]["value"] = 95.5
    tree["sources"][0]["published"] = 2011
    assert _errors(tree) == []


# (old text, new text, loader's finding code, where the loader points, schema's path)
REJECTED = [
    pytest.param(
        "    property: funding\n",
        "    property: funding\n    colour: red\n",
        "schema.unknown-key",
        "colour",
        "$.claims[0]",
        id="unknown-key",
    ),
    pytest.param(
        "bound: up_to", "bound: upto", "schema.enum", "upto", "$.claims[2].value.bound", id="enum"
    ),
    pytest.param(
        'as_of: "2011-03-14"',
        'as_of: "14 March 2011"',
        "schema.date",
        '"14 March 2011"',
        "$.claims[0].qualifiers.as_of",
        id="date",
    ),
    pytest.param(
        "amount: 260000000",
        "amount: 260 million",
        "schema.type",
        "260 million",
        "$.claims[0].value.amount",
        id="non-numeric-amount",
    ),
    pytest.param(
        "cumulative: true",
        "cumulative: yes",
        "schema.type",
        "yes",
        "$.claims[0].qualifiers.cumulative",
        id="yes-is-not-true",
    ),
    pytest.param(
        "fiscal_years: {start: 2008, end: 2010}",
        "fiscal_years: {start: 2008}",
        "schema.missing-key",
        "{start: 2008}",
        "$.claims[0].qualifiers.fiscal_years",
        id="missing-key",
    ),
    pytest.param(
        "    kind: money\n",
        "    kind: count\n",
        "schema.unknown-key",
        "amount",
        "$.claims[0].value",
        id="value-shape-follows-kind",
    ),
]


@pytest.mark.parametrize(("old", "new", "code", "at", "path"), REJECTED)
def test_schema_rejects_what_the_loader_rejects(
    tmp_dataset: TmpDataset, old: str, new: str, code: str, at: str, path: str
) -> None:
    """A type or shape problem fails both the strict loader (code, line) and the schema (path)."""
    text = mutate(old, new)
    paths = tmp_dataset(text, MINI_SEEDS)
    with pytest.raises(LoadError) as info:
        load(paths.claims)
    found = [(f.code, f.location.line if f.location else 0) for f in info.value.findings]
    assert (code, where(text, at)[0]) in found
    assert path in _errors(_tree(text))


def _accepts(schema: dict[str, Any], value: object) -> bool:
    return bool(jsonschema.Draft202012Validator(schema).is_valid(value))


def _loader_accepts(value: str, tp: type[Any]) -> bool:
    try:
        structure_value(value, tp)
    except SchemaError:
        return False
    return True


NUMBERISH = st.text(alphabet="0123456789-+.eE ,_x", max_size=24) | st.text(max_size=8)


@given(NUMBERISH)
def test_whole_number_pattern_matches_the_loader(value: str) -> None:
    """A string is a whole number to the schema exactly when the loader reads it as one."""
    start = SCHEMA["$defs"]["FiscalYears"]["properties"]["start"]
    assert _accepts(start, value) == _loader_accepts(value, int)


def _in_range(value: str, tp: type[Any], low: int, high: int | None = None) -> bool:
    if not _loader_accepts(value, tp):
        return False
    number = structure_value(value, tp)
    return bool(low <= number and (high is None or number <= high))


@given(NUMBERISH | st.integers(-3, 3).map(str) | st.sampled_from(["-0", "00", "-00.0", "0.0"]))
def test_ranges_match_the_loader_and_the_record_checks(value: str) -> None:
    """Offsets, counts, amounts, ordinals and percentages: the schema accepts a string exactly
    when the loader reads it and the record checks find it in range."""
    from decimal import Decimal

    defs = SCHEMA["$defs"]
    assert _accepts(defs["Provenance"]["properties"]["start"], value) == _in_range(value, int, 0)
    assert _accepts(defs["Count"]["properties"]["value"], value) == _in_range(value, int, 0)
    assert _accepts(defs["ListItem"]["properties"]["ordinal"], value) == _in_range(value, int, 1)
    amount = defs["Money"]["properties"]["amount"]
    assert _accepts(amount, value) == _in_range(value, Decimal, 0)
    percent = defs["Percentage"]["properties"]["value"]
    assert _accepts(percent, value) == _in_range(value, Decimal, 0, 100)


@pytest.mark.parametrize(
    ("definition", "field", "value"),
    [
        ("Provenance", "start", -5),
        ("Provenance", "end", 3032.5),
        ("Provenance", "start", "-5"),
        ("Money", "amount", "2.6e8"),
        ("Money", "amount", -1),
        ("Percentage", "value", 100.5),
        ("Count", "value", -1),
        ("ListItem", "ordinal", 0),
    ],
)
def test_schema_rejects_what_0_1_0_let_through(definition: str, field: str, value: object) -> None:
    """Negative offsets, fractional offsets, exponent forms and out-of-range figures."""
    assert not _accepts(SCHEMA["$defs"][definition]["properties"][field], value)


@given(st.sampled_from(["true", "false", "yes", "no", "True", "on", "1", ""]) | st.text(max_size=6))
def test_boolean_strings_match_the_loader(value: str) -> None:
    """Only the strings true and false are true/false, to the schema as to the loader."""
    cumulative = SCHEMA["$defs"]["Qualifiers"]["properties"]["cumulative"]
    assert _accepts(cumulative, value) == _loader_accepts(value, bool)


@given(
    st.from_regex(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", fullmatch=True)
    | st.text(alphabet="0123456789-/ ", max_size=12)
)
def test_date_pattern_accepts_every_date_the_loader_accepts(value: str) -> None:
    """Every date the loader accepts fits the schema; the schema is looser only on day counts."""
    as_of = SCHEMA["$defs"]["Qualifiers"]["properties"]["as_of"]
    if _loader_accepts(value, PartialDate):
        assert _accepts(as_of, value)
    elif _accepts(as_of, value):
        assert PartialDate(*map(int, value.split("-"))).problem() is not None
