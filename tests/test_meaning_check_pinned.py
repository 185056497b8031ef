"""The meaning checks pinned where no other test pins them: an unpinned resolution once
the dataset is published, corrections that are malformed or stale with no lock, a
recorded correction gone from the claims file, a format-1 lock warned at its first id."""

from __future__ import annotations

from _mini import MINI_SEEDS, MINI_YAML, cli, report_of, where
from carsi_claims import load
from carsi_claims.analysis.meaning import fingerprint
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
