"""Property: the JSON export carries every record whole: read back, it is the same dataset."""

from __future__ import annotations

import json

from hypothesis import given

from carsi_claims import load
from carsi_claims import strategies as cs
from carsi_claims.dataset import Dataset
from carsi_claims.output.interchange import SCHEMA_VERSION, to_json
from carsi_claims.read.strict_yaml import load_yaml
from carsi_claims.read.structure import structure_records

SECTIONS = ("sources", "entities", "claims", "resolutions", "coverage_ignores")


def _read_back(text: str) -> dict[str, tuple[object, ...]]:
    """The export read by the claims file's own reader (JSON is YAML), version aside."""
    root = dict(load_yaml(text.encode("utf-8"), "export.json").root)
    assert root.pop("schema_version") == str(SCHEMA_VERSION)  # the strict reader reads text
    records, problems = structure_records(root)
    assert problems == []
    return {section: tuple(r for _, r in records[section]) for section in SECTIONS}


def _records(dataset: Dataset) -> dict[str, tuple[object, ...]]:
    return {section: getattr(dataset, section) for section in SECTIONS}


def test_the_shipped_dataset_survives_its_json_export() -> None:
    """Every source, entity, claim, resolution and coverage ignore comes back equal, in order."""
    dataset = load()
    text = to_json(dataset)
    data = json.loads(text)
    assert list(data) == ["schema_version", *SECTIONS]
    assert data["schema_version"] == SCHEMA_VERSION
    assert _read_back(text) == _records(dataset)


@given(cs.datasets(max_claims=6))
def test_any_dataset_survives_its_json_export(dataset: Dataset) -> None:
    """A generated dataset exported as JSON and read back is the same dataset."""
    assert _read_back(to_json(dataset)) == _records(dataset)
