"""The meaning checks pinned where no other test pins them: an unpinned resolution once
the dataset is published, corrections that are malformed or stale with no lock, a
recorded correction gone from the claims file, a format-1 lock warned at its first id."""

from __future__ import annotations

import json

from _mini import MINI_SEEDS, MINI_YAML, cli, report_of, where
from carsi_claims import load, validate
from carsi_claims.analysis.meaning import fingerprint, fingerprints
from carsi_claims.checks.meaning import (
    changed_findings,
    meaning_changed_message,
    pinned_form,
    stale_pins,
)
from carsi_claims.dataset import Dataset
from carsi_claims.model import Pin, Resolution, ResolutionKind
from carsi_claims.read.lockfile import Lock, LockedCorrection, LockedId
from conftest import TmpDataset

RESOLUTION = (
    "resolutions:\n"
    "  - id: res.x\n"
    "    claims: [carsi.goals, carsi.share]\n"
    "    kind: wording_variant\n"
    "    rationale: two wordings\n"
)
GOOD = "m1:" + "a" * 64
OTHER = "m1:" + "b" * 64


Row = tuple[str, int, int, str | None, str]


def _meaning(report: list[Row]) -> list[Row]:
    """The findings of the meaning checks (and of no other check)."""
    return [f for f in report if f[0].startswith(("correction.", "lock.", "resolution.unpinned"))]


def test_a_resolution_without_pins_is_an_error_once_the_dataset_is_locked(
    tmp_dataset: TmpDataset,
) -> None:
    """resolution.unpinned at the resolution's claims, naming the lock and the command."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    assert cli("lock", str(paths.claims))[0] == 0
    text = MINI_YAML + RESOLUTION
    found = _meaning(report_of(tmp_dataset(text, MINI_SEEDS)))
    lock_file = paths.claims.with_name("claims.lock")
    assert found == [
        (
            "resolution.unpinned",
            *where(text, "[carsi.goals, carsi.share]"),
            None,
            f"resolution 'res.x' pins no fingerprints: once claims are published ({lock_file}), "
            "a resolution records the meaning of the claims it was reviewed for; review it, "
            "then run `carsi-claims pin --resolution res.x`",
        )
    ]


def test_malformed_new_and_unchanged_fingerprints(tmp_dataset: TmpDataset) -> None:
    """A new that is no fingerprint, and old and new the same: each at the field new."""
    text = MINI_YAML + (
        "corrections:\n"
        f'  - {{claim: carsi.goals, old: "{GOOD}", new: "m1:AB", reason: typo}}\n'
        f'  - {{claim: carsi.share, old: "{GOOD}", new: "{GOOD}", reason: typo}}\n'
    )
    found = _meaning(report_of(tmp_dataset(text, MINI_SEEDS)))
    assert found == [
        (
            "correction.malformed",
            *where(text, '"m1:AB"'),
            "carsi.goals",
            "expected a fingerprint ('m1:' and 64 lowercase hex digits) as new, found 'm1:AB'",
        ),
        (
            "correction.malformed",
            *where(text, f'"{GOOD}", reason', 0),
            "carsi.share",
            f"old and new are the same fingerprint ({GOOD}): nothing is corrected",
        ),
    ]


def test_a_correction_of_an_unpublished_claim_is_stale(tmp_dataset: TmpDataset) -> None:
    """No lock: nothing is published, so the correction matches nothing the lock pins."""
    text = MINI_YAML + (
        f'corrections:\n  - {{claim: carsi.goals, old: "{GOOD}", new: "{OTHER}", reason: x}}\n'
    )
    paths = tmp_dataset(text, MINI_SEEDS)
    now = fingerprint(load(paths.claims).claims_by_id["carsi.goals"])
    assert _meaning(report_of(paths)) == [
        (
            "correction.stale",
            *where(text, "{claim: carsi.goals"),
            "carsi.goals",
            f"the correction of claim 'carsi.goals' from {GOOD} to {OTHER} matches neither the "
            "lock, which pins nothing (the claim is not published), nor the claim, whose "
            f"fingerprint is {now}: a correction's old is the fingerprint the lock pins, its "
            "new the claim's current one",
        )
    ]


def test_a_format_1_lock_is_warned_at_its_first_id(tmp_dataset: TmpDataset) -> None:
    """The warning stands at the line of the first locked id, after the comments."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    lock_file = paths.claims.with_name("claims.lock")
    lock_file.write_text("# ids\n\ncarsi.date\ncarsi.goals\n", encoding="utf-8")
    found = [f for f in report_of(paths) if f[0] == "lock.format-1"]
    assert [f[:4] for f in found] == [("lock.format-1", 3, 1, None)]
    text = MINI_YAML + (
        f'corrections:\n  - {{claim: carsi.goals, old: "{GOOD}", new: "{OTHER}", reason: x}}\n'
    )
    stale = [f for f in report_of(tmp_dataset(text, MINI_SEEDS)) if f[0] == "correction.stale"]
    assert [f[4].split("which pins ")[1].split(", nor")[0] for f in stale] == [
        "no fingerprint (format 1)"
    ]


def _old_form(claim_id: str, dataset: Dataset) -> str:
    """A canonical form differing from the claim's own: the same with another property."""
    form = json.loads(fingerprints(dataset.claims)[claim_id][1])
    form["property"] = "was-" + form["property"]
    return json.dumps(form, sort_keys=True, separators=(",", ":"))


def test_changed_findings_reports_each_changed_claim_at_its_record(
    tmp_dataset: TmpDataset,
) -> None:
    """id.meaning-changed for every entry that pins a meaning of a claim in the dataset, at
    the claim, with the lock file and line; entries pinning nothing (format 1, no form) or
    naming a claim not in the dataset are skipped, and the entries after them still count."""
    dataset = load(tmp_dataset(MINI_YAML, MINI_SEEDS).claims)
    meanings = fingerprints(dataset.claims)
    goals, share = _old_form("carsi.goals", dataset), _old_form("carsi.share", dataset)
    changed = [
        LockedId("carsi.date", 2),  # format 1: nothing pinned
        LockedId("carsi.funding", 3, GOOD),  # a fingerprint without its form
        LockedId("carsi.funding-years", 4, None, goals),  # a form without its fingerprint
        LockedId("carsi.gone", 5, GOOD, goals),  # no such claim
        LockedId("carsi.goals", 6, GOOD, goals),
        LockedId("carsi.share", 7, OTHER, share),
    ]
    found = list(changed_findings(dataset, changed, "data/claims.lock"))
    assert [(f.code, f.severity.value, f.claim) for f in found] == [
        ("id.meaning-changed", "error", "carsi.goals"),
        ("id.meaning-changed", "error", "carsi.share"),
    ]
    assert [(f.location.line, f.location.column) for f in found if f.location] == [
        where(MINI_YAML, "id: carsi.goals"),
        where(MINI_YAML, "id: carsi.share"),
    ]
    assert found[0].message == meaning_changed_message(
        changed[4], "data/claims.lock", (GOOD, goals), meanings["carsi.goals"]
    )
    assert found[0].message.startswith(
        "changed meaning since it was published in data/claims.lock (line 6): "
        'property: "was-goal-count" -> "goal-count"; fingerprint '
    )


def test_pinned_form_is_the_locked_form_or_the_recorded_corrections_old_form() -> None:
    """The lock's form when its fingerprint is the one asked for; else the old form of a
    correction recorded for that claim from that fingerprint; else nothing."""
    third = "m1:" + "c" * 64
    lock = Lock(
        "claims.lock",
        ids=(LockedId("x.a", 2, GOOD, '{"v":"locked"}'), LockedId("x.b", 3, GOOD, '{"v":"b"}')),
        corrections=(
            LockedCorrection("x.b", OTHER, GOOD, '{"v":"b before"}', 4),
            LockedCorrection("x.a", third, GOOD, '{"v":"a before"}', 5),
        ),
    )
    assert pinned_form(None, "x.a", GOOD) is None
    assert pinned_form(lock, "x.a", GOOD) == '{"v":"locked"}'
    assert pinned_form(lock, "x.a", third) == '{"v":"a before"}'
    assert pinned_form(lock, "x.b", OTHER) == '{"v":"b before"}'
    assert pinned_form(lock, "x.a", OTHER) is None  # x.b's correction is from OTHER, not x.a's
    assert pinned_form(lock, "x.b", third) is None  # x.a's correction is from third
    assert pinned_form(lock, "x.c", third) is None  # no entry, and no correction of x.c


def test_an_unknown_claims_correction_names_that_claim(tmp_dataset: TmpDataset) -> None:
    """correction.unknown-claim carries the id the correction names, at its claim field."""
    text = MINI_YAML + (
        f'corrections:\n  - {{claim: carsi.gaols, old: "{GOOD}", new: "{OTHER}", reason: x}}\n'
    )
    found = [f for f in report_of(tmp_dataset(text, MINI_SEEDS)) if f[0].startswith("correction")]
    assert [f[:4] for f in found] == [
        ("correction.unknown-claim", *where(text, "carsi.gaols"), "carsi.gaols")
    ]


def test_a_locked_id_gone_from_the_claims_does_not_stop_the_meaning_check(
    tmp_dataset: TmpDataset,
) -> None:
    """A locked id whose claim is gone (the lock check's business) is passed over: a changed
    claim locked after it is still id.meaning-changed."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    assert cli("lock", str(paths.claims))[0] == 0
    text = MINI_YAML[: MINI_YAML.index("  - id: carsi.date\n")]
    text = text.replace("property: goal-count", "property: goal-number")
    found = [f[:4] for f in report_of(tmp_dataset(text, MINI_SEEDS)) if f[0].startswith("id.")]
    assert ("id.meaning-changed", *where(text, "id: carsi.goals"), "carsi.goals") in found
    assert sorted(f[0] for f in found) == ["id.lock-missing", "id.meaning-changed"]


def test_a_due_correction_is_a_warning_at_the_correction_naming_its_claim(
    tmp_dataset: TmpDataset,
) -> None:
    """lock.outdated: a warning at the corrections entry, naming the claim, the fingerprints
    and the lock; the change it accepts is no id.meaning-changed."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    assert cli("lock", str(paths.claims))[0] == 0
    lock_file = paths.claims.with_name("claims.lock")
    old = fingerprint(load(paths.claims).claims_by_id["carsi.goals"])
    changed = MINI_YAML.replace("property: goal-count", "property: goal-number")
    new = fingerprint(load(tmp_dataset(changed, MINI_SEEDS).claims).claims_by_id["carsi.goals"])
    text = changed + (
        f'corrections:\n  - {{claim: carsi.goals, old: "{old}", new: "{new}", reason: x}}\n'
    )
    found = load(tmp_dataset(text, MINI_SEEDS).claims)
    report = validate(found).findings
    assert [(f.code, f.severity.value, f.claim) for f in report] == [
        ("lock.outdated", "warning", "carsi.goals")
    ]
    assert report[0].location is not None
    assert (report[0].location.line, report[0].location.column) == where(text, "{claim: carsi")
    assert report[0].message == (
        f"the correction of claim 'carsi.goals' ({old} -> {new}) is not recorded in "
        f"{lock_file} yet: run `carsi-claims lock`"
    )


def test_a_correction_written_before_its_change_is_not_due_yet(tmp_dataset: TmpDataset) -> None:
    """A correction from the locked fingerprint, the claim still unchanged: nothing to say
    yet; a stale correction after it is still reported."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    assert cli("lock", str(paths.claims))[0] == 0
    now = fingerprint(load(paths.claims).claims_by_id["carsi.goals"])
    ahead = f'  - {{claim: carsi.goals, old: "{now}", new: "{OTHER}", reason: x}}\n'
    stale = f'  - {{claim: carsi.share, old: "{GOOD}", new: "{OTHER}", reason: x}}\n'
    assert report_of(tmp_dataset(MINI_YAML + "corrections:\n" + ahead, MINI_SEEDS)) == []
    text = MINI_YAML + "corrections:\n" + ahead + stale
    assert [f[:4] for f in report_of(tmp_dataset(text, MINI_SEEDS))] == [
        ("correction.stale", *where(text, "{claim: carsi.share"), "carsi.share")
    ]


def _recorded(tmp_dataset: TmpDataset) -> tuple[str, str, str]:
    """The mini dataset locked, carsi.goals changed and its correction recorded by lock: the
    claims text (with its corrections section), the old and the new fingerprint."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    assert cli("lock", str(paths.claims))[0] == 0
    old = fingerprint(load(paths.claims).claims_by_id["carsi.goals"])
    changed = MINI_YAML.replace("property: goal-count", "property: goal-number")
    new = fingerprint(load(tmp_dataset(changed, MINI_SEEDS).claims).claims_by_id["carsi.goals"])
    text = changed + (
        f'corrections:\n  - {{claim: carsi.goals, old: "{old}", new: "{new}", reason: x}}\n'
    )
    paths = tmp_dataset(text, MINI_SEEDS)
    assert cli("lock", str(paths.claims))[0] == 0
    assert report_of(paths) == []
    return text, old, new


def test_the_corrections_after_a_recorded_one_are_still_checked(tmp_dataset: TmpDataset) -> None:
    """A correction the lock recorded is done; a malformed one after it is still reported."""
    text, _, _ = _recorded(tmp_dataset)
    text += f'  - {{claim: carsi.share, old: "{GOOD}", new: "{GOOD}", reason: x}}\n'
    assert [f[:4] for f in report_of(tmp_dataset(text, MINI_SEEDS))] == [
        ("correction.malformed", *where(text, f'"{GOOD}", reason'), "carsi.share")
    ]


def test_a_recorded_correction_gone_from_the_claims_file(tmp_dataset: TmpDataset) -> None:
    """correction.lock-missing: an error at column 1 of the lock's correction line, naming
    the claim, the line and the fingerprints."""
    text, old, new = _recorded(tmp_dataset)
    paths = tmp_dataset(text[: text.index("corrections:")], MINI_SEEDS)
    lock_file = paths.claims.with_name("claims.lock")
    line = next(
        n
        for n, entry in enumerate(lock_file.read_text(encoding="utf-8").splitlines(), 1)
        if entry.startswith("correction ")
    )
    [found] = validate(load(paths.claims)).findings
    assert (found.code, found.severity.value, found.claim) == (
        "correction.lock-missing",
        "error",
        "carsi.goals",
    )
    assert found.location is not None
    assert (found.location.file, found.location.line, found.location.column) == (
        str(lock_file),
        line,
        1,
    )
    assert found.message == (
        f"{lock_file} (line {line}) recorded a correction of claim 'carsi.goals' "
        f"({old} -> {new}) that is gone from the claims file: a recorded correction stays, "
        "with its reason"
    )


def _resolution(*pins: tuple[str, str], claims: tuple[str, ...] = ("x.a", "x.b")) -> Resolution:
    return Resolution(
        "res.x",
        claims,
        ResolutionKind.WORDING_VARIANT,
        "two wordings",
        pins=tuple(Pin(claim, fp) for claim, fp in pins),
    )


def test_stale_pins_one_reason_per_claim_in_pin_order_then_the_unpinned() -> None:
    """Pins holding: no reason; none at all: none either. A pin of a claim not named, a
    changed claim (what changed shown when the lock has the old form, else the fingerprints
    only), a claim no longer in the dataset (passed over), a named claim not pinned: each
    in turn."""
    third = "m1:" + "c" * 64
    meanings = {"x.a": (GOOD, '{"v":"a"}'), "x.b": (OTHER, '{"v":"b now"}'), "x.d": (GOOD, "{}")}
    assert stale_pins(_resolution(("x.a", GOOD), ("x.b", OTHER)), meanings) == []
    assert stale_pins(_resolution(), meanings) == []
    resolution = _resolution(
        ("x.d", GOOD),
        ("x.gone", GOOD),
        ("x.b", third),
        ("x.c", GOOD),
        claims=("x.a", "x.b", "x.c", "x.gone"),
    )
    reasons = [
        "it pins 'x.d', which it does not name",
        f"claim 'x.b' changed meaning since it was pinned ({third} is now {OTHER})",
        "claim 'x.a' is not pinned",
    ]
    assert stale_pins(resolution, meanings) == reasons
    lock = Lock("claims.lock", ids=(LockedId("x.b", 2, third, '{"v":"b then"}'),))
    reasons[1] = (
        f"claim 'x.b' changed meaning since it was pinned ({third} is now {OTHER}: "
        'v: "b then" -> "b now")'
    )
    assert stale_pins(resolution, meanings, lock) == reasons


def test_the_corrections_after_a_due_one_are_still_checked(tmp_dataset: TmpDataset) -> None:
    """A due correction (lock.outdated) does not end the check: a stale one after it is
    reported too."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    assert cli("lock", str(paths.claims))[0] == 0
    old = fingerprint(load(paths.claims).claims_by_id["carsi.goals"])
    changed = MINI_YAML.replace("property: goal-count", "property: goal-number")
    new = fingerprint(load(tmp_dataset(changed, MINI_SEEDS).claims).claims_by_id["carsi.goals"])
    text = changed + (
        "corrections:\n"
        f'  - {{claim: carsi.goals, old: "{old}", new: "{new}", reason: x}}\n'
        f'  - {{claim: carsi.share, old: "{GOOD}", new: "{OTHER}", reason: x}}\n'
    )
    assert [f[0] for f in report_of(tmp_dataset(text, MINI_SEEDS))] == [
        "lock.outdated",
        "correction.stale",
    ]


def test_a_correction_of_a_claim_added_since_the_lock_pins_nothing(
    tmp_dataset: TmpDataset,
) -> None:
    """The dataset is locked, the claim is not in the lock: the correction is stale, the
    lock pinning nothing for it."""
    paths = tmp_dataset(MINI_YAML, MINI_SEEDS)
    assert cli("lock", str(paths.claims))[0] == 0
    text = MINI_YAML.replace("id: carsi.goals", "id: carsi.goals-new") + (
        f'corrections:\n  - {{claim: carsi.goals-new, old: "{GOOD}", new: "{OTHER}", reason: x}}\n'
    )
    stale = [f for f in report_of(tmp_dataset(text, MINI_SEEDS)) if f[0].startswith("correct")]
    assert [(f[0], f[3]) for f in stale] == [("correction.stale", "carsi.goals-new")]
    assert "which pins nothing (the claim is not published), nor" in stale[0][4]


def test_the_resolutions_after_an_unpinned_one_are_still_checked(
    tmp_dataset: TmpDataset,
) -> None:
    """No lock: a resolution without pins is fine, and one after it whose pins are stale is
    reported at its pins."""
    stale = (
        "  - id: res.y\n"
        "    claims: [carsi.goals, carsi.date]\n"
        "    kind: wording_variant\n"
        "    rationale: two wordings\n"
        "    pins:\n"
        f'      - {{claim: carsi.goals, fingerprint: "{GOOD}"}}\n'
        f'      - {{claim: carsi.date, fingerprint: "{GOOD}"}}\n'
    )
    text = MINI_YAML + RESOLUTION + stale
    found = [
        f[:3]
        for f in report_of(tmp_dataset(text, MINI_SEEDS))
        if "no longer matches what it was reviewed for" in f[4]  # and not the conflicts'
    ]
    assert found == [("resolution.stale", *where(text, "- {claim: carsi.goals, fingerprint"))]
