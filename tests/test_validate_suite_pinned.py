"""validate() pinned: the checks it runs and in what order, the checks given instead, a
seeds folder given as a str or a path, a missing one reported once (the checks that read
sources then skipped), the schema problems of a lenient load, and the claims file's
findings before those in the sources."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from _mini import MINI_SEEDS, MINI_YAML, SEED, SEED_SHA256, mutate
from carsi_claims import load
from carsi_claims.checks import (
    conflicts,
    coverage,
    curation,
    ids,
    lock,
    meaning,
    provenance,
    records,
    references,
    values,
)
from carsi_claims.checks.base import Context
from carsi_claims.checks.suite import DEFAULT_CHECKS, validate
from carsi_claims.dataset import Dataset
from carsi_claims.findings import Finding
from conftest import TmpDataset


def test_the_default_checks_in_their_order() -> None:
    """Records and ids first (their findings are the root causes), curation last."""
    assert (
        records.check_records,
        ids.check_ids,
        lock.check_lock,
        meaning.check_meaning,
        references.check_references,
        provenance.check_provenance,
        values.check_values,
        coverage.check_coverage,
        conflicts.check_conflicts,
        curation.check_curation,
    ) == DEFAULT_CHECKS


def test_only_the_checks_given_are_run(tmp_dataset: TmpDataset) -> None:
    """With ``checks``, those run (each once) and no other."""
    paths = tmp_dataset(mutate("amount: 260000000", "amount: 265000000"), MINI_SEEDS)
    dataset = load(paths.claims)
    assert [f.code for f in validate(dataset).findings] == ["value.mismatch"]
    assert validate(dataset, checks=[ids.check_ids]).findings == ()
    seen: list[Dataset] = []

    def spy(ctx: Context) -> list[Finding]:
        seen.append(ctx.dataset)
        return []

    assert validate(dataset, checks=(spy, values.check_values, spy)).findings == (
        validate(dataset).findings
    )
    assert seen == [dataset, dataset]


@pytest.mark.parametrize("as_type", [str, Path])
def test_a_seeds_folder_given_as_a_str_or_a_path(
    tmp_dataset: TmpDataset, tmp_path: Path, as_type: type
) -> None:
    """The seeds given are the ones read: elsewhere than beside the claims, they still
    cover and match."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    other = tmp_path / "other"
    paths.seeds.rename(other)
    dataset = load(paths.claims, strict=False)
    assert validate(dataset, seeds=as_type(other)).findings == ()
    assert [f.code for f in validate(dataset).findings] == ["seeds.unreadable"]


def test_a_missing_seeds_folder_is_one_finding_and_no_source_is_read(
    tmp_dataset: TmpDataset, tmp_path: Path
) -> None:
    """One seeds.unreadable (no place, naming the folder); the checks that read the sources
    are skipped; the other checks still run."""
    text = mutate("id: carsi.goals", "id: carsi.share")
    dataset = load(tmp_dataset(text, MINI_SEEDS).claims, strict=False)
    missing = tmp_path / "missing"
    found = validate(dataset, seeds=missing).findings
    assert [(f.code, f.location is None) for f in found] == [
        ("seeds.unreadable", True),
        ("id.duplicate", False),
    ]
    assert str(missing) in found[0].message


def test_schema_problems_of_a_lenient_load_are_in_the_report(tmp_dataset: TmpDataset) -> None:
    """A record left out for a schema problem: its problem is a finding of validate."""
    text = mutate("    property: statement-date\n", "")
    dataset = load(tmp_dataset(text, MINI_SEEDS).claims, strict=False)
    assert dataset.problems
    assert [f for f in validate(dataset).findings if f.code.startswith("schema.")] == list(
        dataset.problems
    )


def test_the_claims_files_findings_come_before_the_sources(tmp_path: Path) -> None:
    """A claims file whose path sorts after the seeds: its findings are listed first all
    the same, then those located in the sources."""
    seed = SEED + "Another 12 goals.\n"
    (tmp_path / "a-seeds").mkdir()
    (tmp_path / "a-seeds" / "a.txt").write_text(seed, encoding="utf-8")
    (tmp_path / "z-data").mkdir()
    claims = tmp_path / "z-data" / "claims.yaml"
    text = MINI_YAML.replace(SEED_SHA256, hashlib.sha256(seed.encode()).hexdigest())
    claims.write_text(mutate("id: carsi.goals", "id: carsi.share", text), encoding="utf-8")
    found = validate(load(claims), seeds=tmp_path / "a-seeds").findings
    assert [(f.code, f.location.file if f.location else None) for f in found] == [
        ("id.duplicate", str(claims)),
        ("coverage.uncovered", str(tmp_path / "a-seeds" / "a.txt")),
    ]


def test_checks_that_are_not_functions_are_refused() -> None:
    """A string, bytes or a sequence holding something not callable is a TypeError."""
    for checks in ("ids", b"ids", [ids.check_ids, 3]):
        with pytest.raises(TypeError, match=r"^validate\(\): checks must be a sequence"):
            validate(Dataset(), checks=checks)  # type: ignore[arg-type]
