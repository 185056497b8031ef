"""What every check sees, pinned: the lock read once (None without a file or a lock),
the seeds folder given or the dataset's own, and where a finding stands and whose
claim it names."""

from __future__ import annotations

from pathlib import Path

from _mini import MINI_SEEDS, MINI_YAML, cli, where
from carsi_claims import load
from carsi_claims.checks.base import Context, run
from carsi_claims.dataset import Dataset
from carsi_claims.findings import Finding, Location, Severity
from conftest import TmpDataset


def test_the_lock_is_read_once_and_kept(tmp_dataset: TmpDataset) -> None:
    """The lock beside the claims file is read on first use; removing the file after
    does not change what the context holds."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    assert cli("lock", str(paths.claims))[0] == 0
    ctx = Context.of(load(paths.claims))
    lock = ctx.lock()
    assert lock is not None
    assert lock.file == str(paths.claims.with_name("claims.lock"))
    paths.claims.with_name("claims.lock").unlink()
    assert ctx.lock() is lock


def test_no_lock_without_a_lock_file_or_a_claims_file(tmp_dataset: TmpDataset) -> None:
    """No lock beside the claims file, or a dataset not read from a file: no lock."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    assert Context.of(load(paths.claims)).lock() is None
    assert Context.of(Dataset()).lock() is None


def test_the_seeds_folder_given_wins_over_the_datasets_own(
    tmp_dataset: TmpDataset, tmp_path: Path
) -> None:
    """Context.of uses the folder given, else the dataset's seeds folder, else none."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    dataset = load(paths.claims)
    own = Context.of(dataset).seeds
    assert own is not None
    assert own.root == dataset.seeds_dir == paths.seeds
    given = Context.of(dataset, tmp_path).seeds
    assert given is not None
    assert given.root == tmp_path
    assert Context.of(Dataset()).seeds is None


def test_a_finding_stands_at_its_record_and_names_a_claim_only(
    tmp_dataset: TmpDataset,
) -> None:
    """At the record (and the node under it); a claim names itself, a source names no
    claim unless one is given; errors by default, or the severity given; with no
    record, no place."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    dataset = load(paths.claims)
    ctx = Context.of(dataset)
    claim, source = dataset.claims[1], dataset.sources[0]
    file = str(paths.claims)
    assert ctx.finding("x.y", "m", claim, "provenance", 0, "quote") == Finding(
        "x.y",
        Severity.ERROR,
        "m",
        claim="carsi.funding-years",
        location=Location(file, *where(MINI_YAML, '"Fiscal Years 2008-2010"')),
    )
    assert ctx.finding("x.y", "m", source) == Finding(
        "x.y",
        Severity.ERROR,
        "m",
        claim=None,
        location=Location(file, *where(MINI_YAML, "id: src-a")),
    )
    assert ctx.finding("x.y", "m", source, "title", claim="c", severity=Severity.INFO) == (
        Finding(
            "x.y",
            Severity.INFO,
            "m",
            claim="c",
            location=Location(file, *where(MINI_YAML, "A shared partnership")),
        )
    )
    assert ctx.finding("x.y", "m") == Finding("x.y", Severity.ERROR, "m")


def test_run_yields_every_finding_of_every_check_in_check_order() -> None:
    """The checks run in the order given, each one's findings in its order."""
    ctx = Context.of(Dataset())

    def first(_: Context) -> list[Finding]:
        return [ctx.finding("a.one", "1"), ctx.finding("a.two", "2")]

    def second(_: Context) -> list[Finding]:
        return [ctx.finding("b.one", "3")]

    assert [f.code for f in run(ctx, [second, first, second])] == [
        "b.one",
        "a.one",
        "a.two",
        "b.one",
    ]
