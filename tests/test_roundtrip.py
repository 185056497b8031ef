"""Round trips: structure/unstructure and YAML dump/load give back equal records."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

import carsi_claims
from carsi_claims import strategies as cs
from carsi_claims.checks.ids import check_ids
from carsi_claims.checks.provenance import check_provenance
from carsi_claims.checks.records import check_records
from carsi_claims.checks.references import check_references
from carsi_claims.checks.values import check_values
from carsi_claims.dataset import Dataset
from carsi_claims.model import Claim, Entity, Resolution, Source
from carsi_claims.output.interchange import dump_yaml, unstructure
from carsi_claims.read.strict_yaml import load_yaml
from carsi_claims.read.structure import structure_one

SECTIONS = ("sources", "entities", "claims", "resolutions", "coverage_ignores")


def _records(dataset: Dataset) -> dict[str, tuple[Any, ...]]:
    return {section: getattr(dataset, section) for section in SECTIONS}


def _restructure(record: Any, cls: type[Any]) -> Any:
    """Unstructure to JSON-ready data, write it as YAML, read it strictly, structure it."""
    text = yaml.safe_dump({"record": unstructure(record)}, allow_unicode=True)
    tree = load_yaml(text.encode("utf-8"), "record.yaml").root["record"]
    result, problems = structure_one(tree, cls, ("record",))
    assert problems == []
    return result


@given(st.data())
def test_records_survive_unstructure_and_structure(data: st.DataObject) -> None:
    """unstructure then structure gives back an equal source, entity, claim and resolution."""
    dataset = data.draw(cs.datasets(max_claims=6))
    for cls, records in (
        (Source, dataset.sources),
        (Entity, dataset.entities),
        (Claim, dataset.claims),
        (Resolution, dataset.resolutions),
    ):
        for record in records:
            assert _restructure(record, cls) == record


@given(cs.datasets(max_claims=8))
def test_dataset_survives_dump_yaml_and_load(dataset: Dataset) -> None:
    """dump_yaml then carsi_claims.load on a file gives back equal records in the same order."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.yaml"
        path.write_text(dump_yaml(dataset), encoding="utf-8")
        loaded = carsi_claims.load(path)
    assert _records(loaded) == _records(dataset)


@given(cs.seeded_datasets(max_claims=6))
def test_seeded_dataset_validates_after_round_trip(pair: tuple[Dataset, dict[str, str]]) -> None:
    """A generated dataset with its sources, dumped and loaded, passes the claim-level checks.

    Conflicts, coverage and the lock are dataset-level questions that random
    datasets need not settle; every check of a single record runs.
    """
    dataset, seeds = pair
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "data").mkdir()
        (Path(tmp) / "seeds").mkdir()
        for name, text in seeds.items():
            (Path(tmp) / "seeds" / name).write_bytes(text.encode("utf-8"))
        path = Path(tmp) / "data" / "claims.yaml"
        path.write_text(dump_yaml(dataset), encoding="utf-8")
        loaded = carsi_claims.load(path)
        checks = (check_records, check_ids, check_references, check_provenance, check_values)
        report = carsi_claims.validate(loaded, checks=checks)
    assert report.errors == ()
    assert _records(loaded) == _records(dataset)
