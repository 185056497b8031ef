"""The lock check at its edges: a locked claim left out for a schema problem is not
missing, and every missing locked id is reported, each at its own line."""

from __future__ import annotations

from _mini import MINI_SEEDS, MINI_YAML, cli, mutate, report_of
from carsi_claims import load, validate
from carsi_claims.findings import Location, Severity
from conftest import TmpDataset


def _locked(tmp_dataset: TmpDataset) -> list[str]:
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    assert cli("lock", str(paths.claims))[0] == 0
    return paths.claims.with_name("claims.lock").read_text(encoding="utf-8").splitlines()


def _line(lines: list[str], claim_id: str) -> int:
    return next(n for n, line in enumerate(lines, 1) if line.startswith(f"claim {claim_id} "))


def test_a_locked_claim_with_a_schema_problem_is_not_missing(tmp_dataset: TmpDataset) -> None:
    """The claim still stands in the file (its schema problem is the finding): no
    id.lock-missing for it."""
    _locked(tmp_dataset)
    text = mutate("    property: statement-date\n", "")
    found = [f[0] for f in report_of(tmp_dataset(text, MINI_SEEDS))]
    assert "schema.missing-key" in found
    assert "id.lock-missing" not in found


def test_every_missing_locked_id_is_an_error_at_its_line(tmp_dataset: TmpDataset) -> None:
    """Two locked claims gone: two errors, each at column 1 of its line of the lock."""
    lines = _locked(tmp_dataset)
    text = MINI_YAML.replace("id: carsi.date", "id: carsi.day").replace(
        "id: carsi.goals", "id: carsi.aims"
    )
    paths = tmp_dataset(text, MINI_SEEDS)
    found = [f for f in validate(load(paths.claims)).findings if f.code == "id.lock-missing"]
    lock_file = str(paths.claims.with_name("claims.lock"))
    assert [(f.severity, f.claim, f.location) for f in found] == [
        (Severity.ERROR, "carsi.date", Location(lock_file, _line(lines, "carsi.date"), 1)),
        (Severity.ERROR, "carsi.goals", Location(lock_file, _line(lines, "carsi.goals"), 1)),
    ]
