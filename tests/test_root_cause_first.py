"""One mistake gives one error, and the cause comes first.

A record with a schema problem is left out of the dataset's tuples, but it
still stands in the file: its id counts as present for ids, references, the
lock and coverage, so nothing that names it reports a consequence as if it
were a cause.  On 0.1.0, ``ammount:`` for ``amount:`` gave six errors, the
first an ``id.lock-missing`` at claims.lock.
"""

from __future__ import annotations

from pathlib import Path

from _mini import MINI_SEEDS, MINI_YAML, cli, mutate, report_of, where
from carsi_claims import validate
from carsi_claims.analysis.meaning import fingerprints
from carsi_claims.citing.lock import write_lock
from carsi_claims.dataset import load
from carsi_claims.read.lockfile import LockedId
from conftest import TmpDataset

# carsi.date, retracted in favour of carsi.funding: a reference to the broken claim.
RETRACTED = """\
    status: retracted
    reason: superseded for the test
    superseded_by: carsi.funding
"""


def _write(tmp_dataset: TmpDataset, text: str, *, gone: bool = False) -> Path:
    """The claims ``text``, with a lock pinning every id of the valid mini dataset.

    With ``gone``, the lock also pins an id the dataset does not have.
    """
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    pins = fingerprints(load(paths.claims).claims)
    entries = [LockedId(i, 0, fingerprint, form) for i, (fingerprint, form) in pins.items()]
    if gone:
        fingerprint, form = pins["carsi.goals"]
        entries.append(LockedId("carsi.gone", 0, fingerprint, form))
    write_lock(paths.claims.with_name("claims.lock"), entries)
    return tmp_dataset(text, MINI_SEEDS).claims


def test_misspelled_key_is_one_error_even_when_locked_and_referenced(
    tmp_dataset: TmpDataset,
) -> None:
    """``ammount:`` in a locked claim another claim names: one ``schema.unknown-key``."""
    text = mutate("{amount: 260000000", "{ammount: 260000000") + RETRACTED
    claims = _write(tmp_dataset, text)
    line, column = where(text, "ammount")
    code, out, _ = cli("validate", str(claims))
    assert code == 1
    assert out == (
        f"{claims}:{line}:{column}: error[schema.unknown-key]: claim carsi.funding: unknown key "
        "'ammount' in Money; expected one of amount, currency, bound, tolerance, precision; did "
        "you mean "
        "'amount'?\n"
        f"{claims}: FAILED: 5 claims, 1 error(s), 0 other finding(s)\n"
    )


def test_broken_claim_still_covers_its_figures(tmp_dataset: TmpDataset) -> None:
    """The figure a broken claim quotes is not also reported uncovered."""
    text = mutate("    value: {value: 5}", "    value: {vaule: 5}")
    claims = _write(tmp_dataset, text)
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    assert [(c, li, co) for c, li, co, _, _ in found] == [
        ("schema.unknown-key", *where(text, "vaule"))
    ]
    assert load(claims, strict=False).broken_ids == {"claims": frozenset({"carsi.goals"})}


def test_broken_entity_and_source_still_count_for_references(tmp_dataset: TmpDataset) -> None:
    """A misspelled key in an entity or a source is one error, not one per reference to it."""
    for old, new, key in (
        ("    name: Hillary Rodham Clinton", "    nmae: Hillary Rodham Clinton", "nmae"),
        ("    title: A shared partnership", "    titel: A shared partnership", "titel"),
    ):
        text = mutate(old, new)
        found = report_of(tmp_dataset(text, MINI_SEEDS))
        assert [(c, li, co) for c, li, co, _, _ in found] == [
            ("schema.unknown-key", *where(text, key))
        ]


def test_claims_file_findings_come_before_other_files(tmp_dataset: TmpDataset) -> None:
    """A finding in claims.yaml comes before one in claims.lock (whose name sorts first)."""
    text = mutate("        start: 115", "        start: 116")  # Five Goals, one off
    claims = _write(tmp_dataset, text, gone=True)
    lock = claims.with_name("claims.lock")
    report = validate(load(claims))
    assert [(f.code, f.location.file if f.location else None) for f in report.findings] == [
        ("provenance.quote-mismatch", str(claims)),
        ("id.lock-missing", str(lock)),
    ]


def test_missing_seeds_folder_is_one_finding_exit_2(tmp_dataset: TmpDataset) -> None:
    """``--seeds`` naming a missing folder: one ``seeds.unreadable`` naming it, exit 2."""
    claims = _write(tmp_dataset, MINI_YAML)
    missing = claims.parent / "no-such-folder"
    code, out, _ = cli("validate", str(claims), "--seeds", str(missing))
    assert code == 2
    assert out.splitlines()[0] == (
        f"error[seeds.unreadable]: the seeds folder {missing} does not exist; give the folder "
        "of the source documents with --seeds DIR"
    )
    assert len(out.splitlines()) == 2  # the finding and the summary line
    code, out, err = cli("coverage", str(claims), "--seeds", str(missing))
    assert (code, out) == (2, "")
    assert err == (
        f"error[seeds.unreadable]: the seeds folder {missing} does not exist; give the folder "
        "of the source documents with --seeds DIR\n"
    )


def test_seeds_path_that_is_a_file_is_one_finding(tmp_dataset: TmpDataset) -> None:
    """``--seeds`` naming a file: one finding saying it is not a folder, exit 2."""
    claims = _write(tmp_dataset, MINI_YAML)
    code, out, _ = cli("validate", str(claims), "--seeds", str(claims), "--format", "json")
    assert code == 2
    assert '"seeds.unreadable"' in out
    assert "is a regular file, not a folder" in out
