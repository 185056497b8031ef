"""Lock format 2: migration from 0.1.0's id list, corrections, a corrupt or newer lock."""

from __future__ import annotations

from pathlib import Path

from _mini import MINI_SEEDS, MINI_YAML, cli, report_of, where
from _shipped import drop_corrections, shipped_copy
from carsi_claims import load, validate
from carsi_claims.analysis.meaning import fingerprint, fingerprints
from carsi_claims.read.lockfile import parse_lock, read_lock
from conftest import TmpDataset


def _mini_locked(tmp_dataset: TmpDataset, claims: str = MINI_YAML) -> Path:
    paths = tmp_dataset(claims, MINI_SEEDS)
    assert cli("lock", str(paths.claims))[0] == 0
    return paths.claims


def _v1_text(ids: list[str]) -> str:
    return "# carsi-claims lock file: every published claim id, one per line, sorted.\n" + "".join(
        f"{i}\n" for i in sorted(ids)
    )


def test_a_format_1_lock_warns_and_migrates_keeping_every_id(tmp_path: Path) -> None:
    """0.1.0's plain id list: validate warns; lock rewrites it in format 2, nothing lost."""
    claims = shipped_copy(tmp_path)
    drop_corrections(claims)
    lock_file = claims.with_name("claims.lock")
    ids = [c.id for c in load(claims)]
    lock_file.write_text(_v1_text(ids), encoding="utf-8")
    findings = validate(load(claims)).findings
    assert [(f.code, f.severity.value) for f in findings] == [("lock.format-1", "warning")]
    assert findings[0].message == (
        f"{lock_file} is in format 1 (claim ids only): the meaning of published claims is not "
        "pinned; run `carsi-claims lock` to migrate it to format 2 (every id stays, pinned to "
        "its current meaning)"
    )
    code, out, err = cli("lock", str(claims))
    assert (code, err) == (0, "")
    assert out == (
        f"{lock_file}: migrated from format 1 (claim ids only) to format 2: every locked id "
        "kept, each pinned to the fingerprint of its current meaning\n"
    )
    lock = read_lock(lock_file)
    assert lock is not None
    assert (lock.version, lock.problems) == (2, ())
    meanings = fingerprints(load(claims).claims)
    assert {e.id: (e.fingerprint, e.form) for e in lock.ids} == meanings
    assert validate(load(claims)).findings == ()


def test_a_format_1_lock_still_guards_its_ids(tmp_path: Path) -> None:
    """Before migration, an id of a format-1 lock that is gone is still id.lock-missing."""
    claims = shipped_copy(tmp_path)
    drop_corrections(claims)
    ids = [c.id for c in load(claims)]
    claims.with_name("claims.lock").write_text(_v1_text([*ids, "carsi.gone"]), encoding="utf-8")
    codes = sorted(f.code for f in validate(load(claims)).findings)
    assert codes == ["id.lock-missing", "lock.format-1"]


def test_a_correction_is_accepted_then_recorded_by_lock(tmp_dataset: TmpDataset) -> None:
    """A reasoned correction makes the change a warning until lock records it; then clean."""
    claims_file = _mini_locked(tmp_dataset)
    old = fingerprint(load(claims_file).claims_by_id["carsi.clinton-together"])
    changed = MINI_YAML.replace("role: Secretary of State", "role: U.S. Secretary of State")
    paths = tmp_dataset(changed, MINI_SEEDS)
    new = fingerprint(load(paths.claims).claims_by_id["carsi.clinton-together"])
    assert [f[0] for f in report_of(paths)] == ["id.meaning-changed"]
    correction = (
        "corrections:\n"
        "  - claim: carsi.clinton-together\n"
        f'    old: "{old}"\n'
        f'    new: "{new}"\n'
        "    reason: the role as the source gives it\n"
    )
    paths = tmp_dataset(changed + correction, MINI_SEEDS)
    lock_file = paths.claims.with_name("claims.lock")
    assert [(f[0], f[1]) for f in report_of(paths)] == [("lock.outdated", changed.count("\n") + 2)]
    code, out, err = cli("lock", str(paths.claims))
    assert (code, err) == (0, "")
    assert out == (
        f"{lock_file}: added 0 claim id(s), recorded 1 correction(s), 6 locked\n"
        "  ~ carsi.clinton-together (correction recorded)\n"
    )
    lock = read_lock(lock_file)
    assert lock is not None
    [recorded] = lock.corrections
    assert (recorded.id, recorded.old, recorded.new) == ("carsi.clinton-together", old, new)
    assert '"role":"Secretary of State"' in recorded.old_form
    assert lock.by_id["carsi.clinton-together"].fingerprint == new
    assert report_of(paths) == []
    # the recorded correction must stay in the claims file
    paths = tmp_dataset(changed, MINI_SEEDS)
    line = (
        lock_file.read_text(encoding="utf-8")
        .splitlines()
        .index(next(x for x in lock_file.read_text().splitlines() if x.startswith("correction ")))
    )
    assert [f[:3] for f in report_of(paths)] == [("correction.lock-missing", line + 1, 1)]


def test_a_correction_that_matches_nothing_is_stale(tmp_dataset: TmpDataset) -> None:
    """A correction whose fingerprints are neither the lock's nor the claim's is an error."""
    _mini_locked(tmp_dataset)
    fake = "m1:" + "0" * 64
    other = "m1:" + "1" * 64
    correction = (
        f'corrections:\n  - {{claim: carsi.goals, old: "{fake}", new: "{other}", reason: typo}}\n'
    )
    paths = tmp_dataset(MINI_YAML + correction, MINI_SEEDS)
    now = fingerprint(load(paths.claims).claims_by_id["carsi.goals"])
    found = report_of(paths)
    assert [f[0] for f in found] == ["correction.stale"]
    assert found[0][4] == (
        f"the correction of claim 'carsi.goals' from {fake} to {other} matches neither the "
        f"lock, which pins {now}, nor the claim, whose fingerprint is {now}: a correction's old "
        "is the fingerprint the lock pins, its new the claim's current one"
    )


def test_malformed_corrections_are_reported_at_their_field(tmp_dataset: TmpDataset) -> None:
    """Not a fingerprint, an unknown claim, no reason: each an error at the field."""
    _mini_locked(tmp_dataset)
    good = "m1:" + "a" * 64
    other = "m1:" + "b" * 64
    correction = (
        "corrections:\n"
        f'  - {{claim: carsi.goals, old: "sha:1", new: "{good}", reason: typo}}\n'
        f'  - {{claim: carsi.gaols, old: "{good}", new: "{other}", reason: typo}}\n'
        f'  - {{claim: carsi.goals, old: "{good}", new: "{other}", reason: " "}}\n'
    )
    text = MINI_YAML + correction
    paths = tmp_dataset(text, MINI_SEEDS)
    assert [f[:3] for f in report_of(paths)] == [
        ("correction.malformed", *where(text, '"sha:1"')),
        ("correction.unknown-claim", *where(text, "carsi.gaols")),
        ("correction.malformed", *where(text, '" "}')),
    ]
    messages = [f[4] for f in report_of(paths)]
    assert messages[0] == (
        "expected a fingerprint ('m1:' and 64 lowercase hex digits) as old, found 'sha:1'"
    )
    assert messages[1] == (
        "the correction names claim 'carsi.gaols', which is not in the dataset; "
        "did you mean 'carsi.goals'?"
    )
    assert messages[2] == "a correction needs a reason: say why the change keeps the meaning"


def test_a_corrupt_or_newer_lock_is_reported() -> None:
    """An edited canonical form, a bad line and a newer format are each reported at their line."""
    good = parse_lock("carsi-claims-lock 2\n", "claims.lock")
    assert (good.version, good.ids, good.problems) == (2, (), ())
    form = '{"kind":"count"}'
    text = (
        "# header\n"
        "carsi-claims-lock 2\n"
        f"claim carsi.a m1:{'0' * 64} {form}\n"
        "claim carsi.b\n"
        "pin carsi.c\n"
    )
    lock = parse_lock(text, "claims.lock")
    problems = [(p.code, p.location.line if p.location else 0) for p in lock.problems]
    assert problems == [("lock.corrupt", 3), ("lock.malformed", 4), ("lock.malformed", 5)]
    assert lock.problems[0].message == (
        "the canonical form recorded for claim 'carsi.a' does not hash to its fingerprint "
        f"m1:{'0' * 64}: the lock was edited by hand; restore it from version control "
        "(`git checkout -- claims.lock`) and run `carsi-claims lock`"
    )
    newer = parse_lock("carsi-claims-lock 3\nclaim x\n", "claims.lock")
    assert [(p.code, p.message) for p in newer.problems] == [
        (
            "lock.version",
            "expected lock format 1 or 2 after 'carsi-claims-lock', found '3': this lock was "
            "written by a newer carsi-claims; upgrade carsi-claims to read it",
        )
    ]


def test_lock_refuses_to_overwrite_a_newer_lock(tmp_dataset: TmpDataset) -> None:
    """A lock in an unknown format is left alone: lock exits 1 and writes nothing."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    lock_file = paths.claims.with_name("claims.lock")
    lock_file.write_text("carsi-claims-lock 3\nwhatever\n", encoding="utf-8")
    code, out, err = cli("lock", str(paths.claims))
    assert (code, out) == (1, "")
    assert err.endswith(f"carsi-claims lock: {lock_file} is unchanged\n")
    assert lock_file.read_text(encoding="utf-8") == "carsi-claims-lock 3\nwhatever\n"


def test_repin_pins_changed_meanings_and_says_which(tmp_dataset: TmpDataset) -> None:
    """lock --repin re-pins a changed meaning (for adopting fingerprints) and names it."""
    _mini_locked(tmp_dataset)
    changed = MINI_YAML.replace("role: Secretary of State", "role: U.S. Secretary of State")
    paths = tmp_dataset(changed, MINI_SEEDS)
    lock_file = paths.claims.with_name("claims.lock")
    code, out, err = cli("lock", "--repin", str(paths.claims))
    assert (code, err) == (0, "")
    assert out == (
        f"{paths.claims}: every resolution's pins are up to date\n"
        f"{lock_file}: added 0 claim id(s), re-pinned 1 claim(s), 6 locked\n"
        "  ! carsi.clinton-together (re-pinned to its current meaning)\n"
    )
    assert report_of(paths) == []
