"""Concurrent ``lock`` runs on one ``claims.lock`` never lose an id (real processes).

Two claims files share one folder, so one ``claims.lock``: each holds the
locked id and one new id of its own.  Run one after the other, the first adds
its id and the second refuses (the first's id would be dropped).  Run at the
same moment on 0.1.0, both read the old lock, both wrote "added 1 claim id",
and the lock kept only one of the two.  Each child loads its dataset first and
then waits for a shared start signal, so that the read-modify-write steps of
the two runs overlap.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from _mini import MINI_YAML, mutate
from carsi_claims import load
from carsi_claims.analysis.meaning import fingerprints
from carsi_claims.citing.lock import write_lock
from carsi_claims.read.lockfile import LockedId, read_lock

_CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from carsi_claims import load
    from carsi_claims.citing.lock import update_lock

    dataset = load(sys.argv[1])
    go = Path(sys.argv[2])
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.001)
    update = update_lock(dataset)
    print(" ".join(update.added) if update.ok else "refused")
    sys.exit(0 if update.ok else 1)
    """
)

TRIALS = 4


@pytest.mark.parametrize("trial", range(TRIALS))
def test_two_concurrent_lock_runs_lose_no_id(tmp_path: Path, trial: int) -> None:
    """Exactly one run adds its id, the other refuses; every id a run added is in the lock."""
    base = mutate("carsi.funding-years", "carsi.base", MINI_YAML)
    files = {}
    for new_id in ("carsi.new-a", "carsi.new-b"):
        path = tmp_path / f"{new_id}.yaml"
        path.write_text(mutate("carsi.date", new_id, base), encoding="utf-8")
        files[new_id] = path
    lock = tmp_path / "claims.lock"
    ids = ["carsi.funding", "carsi.base", "carsi.share", "carsi.goals", "carsi.clinton-together"]
    pins = fingerprints(c for c in load(files["carsi.new-a"]).claims if c.id in ids)
    write_lock(lock, [LockedId(i, 0, fingerprint, form) for i, (fingerprint, form) in pins.items()])
    go = tmp_path / "go"
    children = {
        new_id: subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(path), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for new_id, path in files.items()
    }
    for child in children.values():
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
    go.touch()
    results = {new_id: child.communicate(timeout=120) for new_id, child in children.items()}
    codes = {new_id: child.returncode for new_id, child in children.items()}
    read = read_lock(lock)
    assert read is not None
    assert read.problems == ()
    locked = {entry.id for entry in read.ids}
    added = {new_id for new_id, (out, _) in results.items() if out.split() == [new_id]}
    assert sorted(codes.values()) == [0, 1], results
    assert len(added) == 1
    assert locked == {*ids, *added}
