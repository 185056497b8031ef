"""Property: a claims file the JSON Schema accepts passes ``validate`` or fails only with codes
the schema cannot express (``carsi_claims.output.jsonschema.NOT_EXPRESSIBLE``)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from _mini import MINI_SEEDS, MINI_YAML, DatasetPaths
from carsi_claims import load, validate
from carsi_claims.output.jsonschema import NOT_EXPRESSIBLE, claims_schema

TmpDataset = Callable[..., DatasetPaths]

VALIDATOR = jsonschema.Draft202012Validator(claims_schema())
BASE: dict[str, Any] = yaml.safe_load(MINI_YAML)

#: The typed leaves to vary: (claim index, path inside the claim).
LEAVES: list[tuple[int, tuple[str | int, ...]]] = [
    (0, ("value", "amount")),
    (0, ("qualifiers", "fiscal_years", "start")),
    (0, ("qualifiers", "fiscal_years", "end")),
    (0, ("qualifiers", "as_of")),
    (0, ("qualifiers", "cumulative")),
    (0, ("provenance", 0, "start")),
    (0, ("provenance", 0, "end")),
    (2, ("value", "value")),
    (3, ("value", "value")),
    (5, ("value", "date")),
]

NUMBERS = st.one_of(
    st.integers(-5, 5000),
    st.from_regex(r"-?[0-9]{1,4}(\.[0-9]{1,2})?", fullmatch=True),
    st.sampled_from(["0", "-0", "100", "007"]),
)
DATES = st.from_regex(
    r"(19|20)[0-9]{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?", fullmatch=True
)
FLAGS = st.sampled_from([True, False, "true", "false"])


def _strategy(path: tuple[str | int, ...]) -> st.SearchStrategy[Any]:
    if path[-1] in ("as_of", "date"):
        return DATES
    if path[-1] == "cumulative":
        return FLAGS
    return NUMBERS


def _set(tree: Any, path: tuple[str | int, ...], value: object) -> None:
    for step in path[:-1]:
        tree = tree[step]
    tree[path[-1]] = value


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    for index, path in LEAVES:
        if draw(st.booleans()):
            _set(doc["claims"][index], path, draw(_strategy(path)))
    return doc


def _with(path: tuple[str | int, ...], value: object, index: int = 0) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    _set(doc["claims"][index], path, value)
    return doc


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents())
@example(_with(("qualifiers", "as_of"), "1900-02-30"))  # a day February lacks: schema.date
def test_schema_accepted_files_fail_only_with_inexpressible_codes(
    tmp_dataset: TmpDataset, doc: dict[str, Any]
) -> None:
    """Whatever the schema accepts, validate reports only codes of NOT_EXPRESSIBLE; a
    record.range among them is an order between two fields, never a sign or a bound."""
    assume(VALIDATOR.is_valid(doc))
    paths = tmp_dataset(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), MINI_SEEDS)
    dataset = load(Path(paths.claims), strict=False)
    findings = [*dataset.problems, *validate(dataset).findings]
    for finding in findings:
        assert finding.code in NOT_EXPRESSIBLE, finding.render()
        if finding.code == "record.range":
            assert finding.message.startswith(
                ("offsets must satisfy 0 <= start <= end, found start", "fiscal-year span")
            ), finding.render()
            assert "found start -" not in finding.message, finding.render()


def test_the_unchanged_file_is_accepted_by_both(tmp_dataset: TmpDataset) -> None:
    """The base of the property test is valid for the schema and for validate."""
    assert VALIDATOR.is_valid(BASE)
    paths = tmp_dataset(yaml.safe_dump(BASE, allow_unicode=True, sort_keys=False), MINI_SEEDS)
    assert validate(load(paths.claims)).findings == ()
