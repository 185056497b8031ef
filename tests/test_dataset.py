"""The dataset: loading, lookups, filters and locations."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import carsi_claims
from _mini import MINI_SEEDS, MINI_YAML, DatasetPaths, mutate, where
from carsi_claims.errors import LoadError, RetractedClaimWarning, UnknownClaimError
from carsi_claims.findings import Location
from carsi_claims.model import ClaimKind

TmpDataset = Callable[..., DatasetPaths]


def test_load_default_is_the_shipped_dataset() -> None:
    """load() with no path reads the shipped dataset."""
    dataset = carsi_claims.load()
    assert len(dataset) > 0
    assert dataset.file is not None
    assert dataset.file.endswith("claims.yaml")


def test_lookups_and_filters(tmp_dataset: TmpDataset) -> None:
    """get, iteration, membership and filter by kind and source work on a loaded file."""
    dataset = carsi_claims.load(tmp_dataset(MINI_YAML, MINI_SEEDS).claims)
    assert dataset.get("carsi.goals").value.value == 5  # type: ignore[union-attr]
    assert [c.id for c in dataset][:2] == ["carsi.funding", "carsi.funding-years"]
    assert "carsi.share" in dataset
    assert [c.id for c in dataset.filter(kind=ClaimKind.PERCENTAGE)] == ["carsi.share"]
    assert len(dataset.filter(source="src-a")) == 6
    assert dataset.filter(source="nope") == []


def test_unknown_id_suggests_the_closest(tmp_dataset: TmpDataset) -> None:
    """get of an unknown id raises UnknownClaimError naming the closest id."""
    dataset = carsi_claims.load(tmp_dataset(MINI_YAML, MINI_SEEDS).claims)
    with pytest.raises(UnknownClaimError) as info:
        dataset.get("carsi.gaols")
    assert str(info.value) == "no claim with id 'carsi.gaols'; did you mean 'carsi.goals'?"


def test_retracted_claim_warns_and_current_follows(tmp_dataset: TmpDataset) -> None:
    """get warns for a retracted claim; current follows superseded_by."""
    text = mutate(
        "    property: goal-count\n",
        "    property: goal-count\n    status: retracted\n    reason: miscounted\n"
        "    superseded_by: carsi.share\n",
    )
    dataset = carsi_claims.load(tmp_dataset(text, MINI_SEEDS).claims)
    with pytest.warns(RetractedClaimWarning, match="miscounted; superseded by 'carsi.share'"):
        dataset.get("carsi.goals")
    assert dataset.current("carsi.goals").id == "carsi.share"


def test_locate_nodes(tmp_dataset: TmpDataset) -> None:
    """locate gives the line and column of a record and of nodes under it."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    dataset = carsi_claims.load(paths.claims)
    claim = dataset.get("carsi.goals")
    file = dataset.file
    assert file is not None
    assert dataset.locate(claim) == Location(file, *where(MINI_YAML, "id: carsi.goals"))
    assert dataset.locate(claim, "provenance", 0, "quote") == Location(
        file, *where(MINI_YAML, '"Five Goals"')
    )


def test_strict_load_raises_every_problem(tmp_dataset: TmpDataset) -> None:
    """A strict load raises LoadError with every schema problem; a lenient one keeps them."""
    text = mutate("currency: USD", "currency: USD, colour: red")
    text = mutate("cumulative: true", "cumulative: on", text)
    paths = tmp_dataset(text, MINI_SEEDS)
    with pytest.raises(LoadError) as info:
        carsi_claims.load(paths.claims)
    assert sorted((f.code, f.location.line) for f in info.value.findings if f.location) == [
        ("schema.type", where(text, "cumulative: on")[0]),
        ("schema.unknown-key", where(text, "colour")[0]),
    ]
    lenient = carsi_claims.load(paths.claims, strict=False)
    assert len(lenient.problems) == 2
    assert "carsi.funding" not in lenient
    assert len(lenient) == 5
