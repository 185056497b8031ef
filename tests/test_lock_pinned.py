"""claims.lock written exactly: the text rendered, what update_lock reports, when it writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from _mini import MINI_SEEDS, MINI_YAML, mutate
from carsi_claims import load
from carsi_claims.citing.lock import (
    HEADER,
    LockedCorrection,
    LockedId,
    LockUpdate,
    read_lock,
    render_lock,
    update_lock,
    write_lock,
)
from carsi_claims.dataset import Dataset
from conftest import TmpDataset


def test_render_lock_sorts_ids_and_corrections_by_id_keeping_each_claims_order() -> None:
    """Ids sorted; corrections sorted by claim id, a claim's own corrections in the order given;
    the line numbers given are not written."""
    ids = [LockedId("b.x", 7, "m1:bb", '{"b"}'), LockedId("a.x", 3, "m1:aa", '{"a"}')]
    corrections = [
        LockedCorrection("b.x", "m1:b0", "m1:b1", '{"b0"}', 9),
        LockedCorrection("a.x", "m1:a2", "m1:a3", '{"a2"}', 1),
        LockedCorrection("a.x", "m1:a0", "m1:a1", '{"a0"}', 2),
    ]
    assert render_lock(ids, corrections) == HEADER + (
        'claim a.x m1:aa {"a"}\n'
        'claim b.x m1:bb {"b"}\n'
        'correction a.x m1:a2 m1:a3 {"a2"}\n'
        'correction a.x m1:a0 m1:a1 {"a0"}\n'
        'correction b.x m1:b0 m1:b1 {"b0"}\n'
    )
    assert render_lock([]) == HEADER


@pytest.mark.parametrize(
    "entry",
    [LockedId("a.x", 1), LockedId("a.x", 1, "m1:aa"), LockedId("a.x", 1, None, '{"a"}')],
)
def test_render_lock_refuses_an_id_without_fingerprint_or_form(entry: LockedId) -> None:
    """A format-1 entry (no fingerprint, no form, or only one of them) cannot be written."""
    with pytest.raises(ValueError, match="no fingerprint") as info:
        render_lock([LockedId("b.x", 2, "m1:bb", '{"b"}'), entry])
    assert str(info.value) == "claim id 'a.x' has no fingerprint to write"


def test_update_lock_needs_a_dataset_read_from_a_file() -> None:
    """A dataset built in memory has no lock beside it: a ValueError saying so."""
    with pytest.raises(ValueError, match="not read from a file") as info:
        update_lock(Dataset())
    assert str(info.value) == "the dataset was not read from a file: there is no lock beside it"


def test_update_lock_says_what_it_wrote(tmp_dataset: TmpDataset) -> None:
    """The first run adds every id and writes; a second run adds nothing and writes nothing."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    lock_file = paths.claims.with_name("claims.lock")
    dataset = load(paths.claims)
    ids = tuple(sorted(c.id for c in dataset.claims))
    first = update_lock(dataset)
    assert first == LockUpdate(lock_file, added=ids, total=6, written=True)
    assert first.ok
    text = lock_file.read_text(encoding="utf-8")
    again = update_lock(load(paths.claims))
    assert again == LockUpdate(lock_file, total=6)
    assert lock_file.read_text(encoding="utf-8") == text


def test_a_malformed_source_id_does_not_stop_the_lock(tmp_dataset: TmpDataset) -> None:
    """Only a malformed *claim* id stops the lock (its id would be published); a malformed
    source or entity id is the validator's business, and the lock is written."""
    claims = mutate("id: clinton\n", "id: Clinton\n")
    claims = mutate("speaker: clinton", "speaker: Clinton", claims)
    paths = tmp_dataset(claims, MINI_SEEDS)
    update = update_lock(load(paths.claims))
    assert (update.problems, update.ok, update.written, update.total) == ((), True, True, 6)


def test_write_lock_writes_the_ids_and_the_corrections(tmp_path: Path) -> None:
    """``write_lock`` writes exactly what ``render_lock`` renders, corrections included."""
    ids = [LockedId("a.x", 1, "m1:aa", '{"a"}')]
    corrections = [LockedCorrection("a.x", "m1:a0", "m1:aa", '{"a0"}', 2)]
    lock_file = tmp_path / "claims.lock"
    write_lock(lock_file, ids, corrections)
    assert lock_file.read_bytes().decode("utf-8") == render_lock(ids, corrections)
    assert lock_file.read_text(encoding="utf-8").endswith('\ncorrection a.x m1:a0 m1:aa {"a0"}\n')


def test_update_lock_refuses_a_changed_meaning_unless_asked_to_repin(
    tmp_dataset: TmpDataset,
) -> None:
    """By default a published claim whose meaning changed with no correction is refused (the
    locked entry returned, nothing written); ``repin=True`` pins it to its new meaning."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    lock_file = paths.claims.with_name("claims.lock")
    assert update_lock(load(paths.claims)).written
    lock = read_lock(lock_file)
    assert lock is not None
    [locked] = [e for e in lock.ids if e.id == "carsi.clinton-together"]
    tmp_dataset(mutate("role: Secretary of State", "role: U.S. Secretary of State"), MINI_SEEDS)
    before = lock_file.read_bytes()
    refused = update_lock(load(paths.claims))
    assert refused == LockUpdate(lock_file, total=6, changed=(locked,))
    assert not refused.ok
    assert lock_file.read_bytes() == before
    repinned = update_lock(load(paths.claims), repin=True)
    assert repinned == LockUpdate(
        lock_file, total=6, repinned=("carsi.clinton-together",), written=True
    )
    assert lock_file.read_bytes() != before
