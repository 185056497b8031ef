"""Reading claims.lock: every entry and every problem, with its code, line, column and message.

The lock guards published ids and their meaning: what ``parse_lock`` and
``read_lock`` take from a file (ids, fingerprints, canonical forms,
corrections, the format) and what they refuse (with a code tools filter on and
a place an editor jumps to) are compared whole.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from carsi_claims._reading import MAX_BYTES
from carsi_claims.findings import Finding, Location, Severity
from carsi_claims.read.lockfile import (
    FINGERPRINT_PATTERN,
    LOCK_NAME,
    LOCK_VERSION,
    VERSION_HEADER,
    Lock,
    LockedCorrection,
    LockedId,
    lock_path,
    parse_lock,
    read_lock,
)

FILE = "claims.lock"
FORM = '{"kind":"count","value":"3"}'
OTHER_FORM = '{"kind":"count","value":"4"}'


def fp(form: str) -> str:
    return "m1:" + hashlib.sha256(form.encode("utf-8")).hexdigest()


def problems(lock: Lock) -> list[tuple[str, str, int, int, str]]:
    out = []
    for p in lock.problems:
        assert p.location is not None
        assert p.location.file == FILE
        assert p.claim is None
        out.append((p.code, p.severity.value, p.location.line, p.location.column, p.message))
    return out


def test_the_names_the_format_is_built_on() -> None:
    """The lock's file name, header word, version and fingerprint shape."""
    assert (LOCK_NAME, VERSION_HEADER, LOCK_VERSION) == ("claims.lock", "carsi-claims-lock", 2)
    assert FINGERPRINT_PATTERN.fullmatch(fp(FORM))
    assert not FINGERPRINT_PATTERN.fullmatch(fp(FORM).upper().replace("M1:", "m1:"))
    assert not FINGERPRINT_PATTERN.fullmatch("m1:" + "٣" * 64)  # ASCII digits only


def test_lock_path_is_beside_the_claims_file(tmp_path: Path) -> None:
    """``claims.lock`` in the claims file's folder; None for a dataset not read from a file."""
    assert lock_path(tmp_path / "data" / "mine.yaml") == tmp_path / "data" / "claims.lock"
    assert lock_path("claims.yaml") == Path("claims.lock")
    assert lock_path(None) is None


def test_a_format_2_lock_gives_ids_with_meaning_and_corrections() -> None:
    """Every claim line and correction line, in file order, with its line number."""
    text = (
        "# comment\n"
        "\n"
        f"  {VERSION_HEADER} 2  \n"
        f"claim carsi.a {fp(FORM)} {FORM}\n"
        "   # indented comment\n"
        f"correction carsi.a {fp(OTHER_FORM)} {fp(FORM)} {OTHER_FORM}\n"
        f"claim carsi.b {fp(OTHER_FORM)} {OTHER_FORM}\n"
    )
    lock = parse_lock(text, FILE)
    assert lock == Lock(
        FILE,
        2,
        (
            LockedId("carsi.a", 4, fp(FORM), FORM),
            LockedId("carsi.b", 7, fp(OTHER_FORM), OTHER_FORM),
        ),
        (LockedCorrection("carsi.a", fp(OTHER_FORM), fp(FORM), OTHER_FORM, 6),),
        (),
    )
    assert lock.id_set == frozenset({"carsi.a", "carsi.b"})
    assert lock.by_id == {"carsi.a": lock.ids[0], "carsi.b": lock.ids[1]}
    assert lock.ids[0].meaning() == {"kind": "count", "value": "3"}


def test_a_format_1_lock_gives_ids_only() -> None:
    """0.1.0's id list: version 1, every id with its line, no fingerprint, no meaning."""
    lock = parse_lock("# ids\ncarsi.a\n\n  carsi.b\n", FILE)
    assert lock == Lock(FILE, 1, (LockedId("carsi.a", 2), LockedId("carsi.b", 4)), (), ())
    assert (lock.ids[0].fingerprint, lock.ids[0].form, lock.ids[0].meaning()) == (None, None, None)


@pytest.mark.parametrize("text", ["", "\n", "# only a comment\n  # and another\n"])
def test_an_empty_lock_is_format_2_with_nothing_in_it(text: str) -> None:
    """A lock with no entries at all pins nothing, in the current format."""
    assert parse_lock(text, FILE) == Lock(FILE, 2, (), (), ())


def test_a_repeated_id_is_a_warning_naming_the_first_line() -> None:
    """A claim id listed twice: lock.duplicate, a warning at the second; the first is kept."""
    text = (
        f"carsi-claims-lock 2\nclaim carsi.a {fp(FORM)} {FORM}\n claim carsi.a {fp(FORM)} {FORM}\n"
    )
    lock = parse_lock(text, FILE)
    assert lock.ids == (LockedId("carsi.a", 2, fp(FORM), FORM),)
    assert problems(lock) == [
        (
            "lock.duplicate",
            "warning",
            3,
            2,
            "claim id 'carsi.a' is listed twice (first on line 2)",
        )
    ]


def test_a_repeated_id_in_format_1_is_a_warning_too() -> None:
    """In an id list a repeated id is reported the same way."""
    lock = parse_lock("carsi.a\ncarsi.b\ncarsi.a\n", FILE)
    assert lock.ids == (LockedId("carsi.a", 1), LockedId("carsi.b", 2))
    assert problems(lock) == [
        ("lock.duplicate", "warning", 3, 1, "claim id 'carsi.a' is listed twice (first on line 1)")
    ]


def test_a_bad_id_in_format_1_is_malformed() -> None:
    """A line of an id list that is no id: lock.malformed at its first character."""
    lock = parse_lock("carsi.a\n  Carsi A\n", FILE)
    assert lock.ids == (LockedId("carsi.a", 1),)
    assert problems(lock) == [
        (
            "lock.malformed",
            "error",
            2,
            3,
            "expected one claim id per line (lowercase ASCII letters and digits joined by '-', "
            "'.' or '_'), found 'Carsi A'; comments start with '#'",
        )
    ]


CLAIM = "'claim ID FINGERPRINT FORM'"
CORRECTION = "'correction ID OLD-FINGERPRINT NEW-FINGERPRINT OLD-FORM'"


FP_WORDS = "expected a fingerprint ('m1:' and 64 lowercase hex digits) for claim 'carsi.a'"
LONG_CLAIM = f"claim carsi.a {fp(FORM)}"
NEITHER = f"expected a line {CLAIM} or {CORRECTION}, found 'pin carsi.a'; comments start with '#'"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("claim carsi.a", f"expected {CLAIM}, found 'claim carsi.a'"),
        (LONG_CLAIM, f"expected {CLAIM}, found {LONG_CLAIM[:57] + '...'!r}"),
        ("correction a m1:x m1:y", f"expected {CORRECTION}, found 'correction a m1:x m1:y'"),
        ("pin carsi.a", NEITHER),
        ("claim", f"expected {CLAIM}, found 'claim'"),
        ("carsi-claims-lock 2", "the version header may stand only once, first"),
        (f"claim Carsi.A {fp(FORM)} {FORM}", "expected a claim id, found 'Carsi.A'"),
        (f"claim carsi.a m1:{'A' * 64} {FORM}", f"{FP_WORDS}, found 'm1:{'A' * 54}...'"),
        (f"claim carsi.a m1:abc {FORM}", f"{FP_WORDS}, found 'm1:abc'"),
        (f"correction carsi.a {fp(FORM)} m2:x {FORM}", f"{FP_WORDS}, found 'm2:x'"),
        (f"correction carsi.a x {fp(FORM)} {FORM}", f"{FP_WORDS}, found 'x'"),
    ],
)
def test_a_malformed_line_is_reported_and_skipped(line: str, message: str) -> None:
    """Each line that is no entry: lock.malformed at its first character; nothing taken from it."""
    lock = parse_lock(f"carsi-claims-lock 2\n  {line}\nclaim carsi.z {fp(FORM)} {FORM}\n", FILE)
    assert lock.ids == (LockedId("carsi.z", 3, fp(FORM), FORM),)
    assert lock.corrections == ()
    assert problems(lock) == [("lock.malformed", "error", 2, 3, message)]


def test_a_long_line_is_shortened_in_the_message() -> None:
    """A line past 60 characters is shown as its first 57 and '...'; 60 are shown whole."""
    sixty = "pin " + "x" * 56
    lock = parse_lock(f"carsi-claims-lock 2\n{sixty}\n{sixty}y\n", FILE)
    shown = [p.message.split(", found ")[1] for p in lock.problems]
    assert shown == [
        f"{sixty!r}; comments start with '#'",
        f"{sixty[:57] + '...'!r}; comments start with '#'",
    ]


def corrupt(claim_id: str, pinned: str) -> str:
    return (
        f"the canonical form recorded for claim {claim_id!r} does not hash to its "
        f"fingerprint {pinned}: the lock was edited by hand; restore it from version control "
        "(`git checkout -- claims.lock`) and run `carsi-claims lock`"
    )


@pytest.mark.parametrize(
    "form",
    [
        FORM.replace("3", "5"),  # edited
        "[1, 2]",  # JSON, but no object
        "{not json",
    ],
)
def test_a_form_that_does_not_hash_to_its_fingerprint_is_corrupt(form: str) -> None:
    """A canonical form edited by hand, or no JSON object: lock.corrupt, the entry dropped."""
    pinned = fp(FORM) if form.startswith("{") and "5" in form else fp(form)
    lock = parse_lock(f"carsi-claims-lock 2\nclaim carsi.a {pinned} {form}\n", FILE)
    assert lock.ids == ()
    assert problems(lock) == [("lock.corrupt", "error", 2, 1, corrupt("carsi.a", pinned))]


def test_a_correction_is_checked_against_its_old_fingerprint() -> None:
    """A correction's old form must hash to its OLD fingerprint, not its new one."""
    good = f"correction carsi.a {fp(OTHER_FORM)} {fp(FORM)} {OTHER_FORM}"
    swapped = f"correction carsi.b {fp(FORM)} {fp(OTHER_FORM)} {OTHER_FORM}"
    lock = parse_lock(f"carsi-claims-lock 2\n{good}\n{swapped}\n", FILE)
    assert lock.corrections == (
        LockedCorrection("carsi.a", fp(OTHER_FORM), fp(FORM), OTHER_FORM, 2),
    )
    assert problems(lock) == [("lock.corrupt", "error", 3, 1, corrupt("carsi.b", fp(FORM)))]


def test_a_form_may_hold_spaces() -> None:
    """The form is the rest of the line, spaces and all."""
    form = '{"kind": "quote", "text": "a b  c"}'
    text = (
        f"carsi-claims-lock 2\nclaim carsi.a {fp(FORM)} {FORM}\n"
        f"correction carsi.a {fp(form)} {fp(FORM)} {form}\n"
        f"claim carsi.b {fp(form)} {form}\n"
    )
    lock = parse_lock(text, FILE)
    assert lock.ids == (
        LockedId("carsi.a", 2, fp(FORM), FORM),
        LockedId("carsi.b", 4, fp(form), form),
    )
    assert lock.corrections == (LockedCorrection("carsi.a", fp(form), fp(FORM), form, 3),)
    assert lock.problems == ()


@pytest.mark.parametrize(
    ("header", "found"),
    [
        ("carsi-claims-lock", "nothing"),
        ("carsi-claims-lock 3", "3"),
        ("carsi-claims-lock 2 x", "2 x"),
    ],
)
def test_an_unknown_format_stops_reading(header: str, found: str) -> None:
    """A header of another version: lock.version, and nothing after it is read."""
    lock = parse_lock(f"# c\n {header}\nclaim carsi.a {fp(FORM)} {FORM}\nbad\n", FILE)
    assert (lock.ids, lock.corrections) == ((), ())
    assert problems(lock) == [
        (
            "lock.version",
            "error",
            2,
            2,
            f"expected lock format 1 or 2 after 'carsi-claims-lock', found {found!r}: this lock "
            "was written by a newer carsi-claims; upgrade carsi-claims to read it",
        )
    ]
    assert lock.version == 2


def test_a_header_after_an_id_list_line_is_malformed_there() -> None:
    """In a format-1 lock a version header line is not an id."""
    lock = parse_lock("carsi.a\ncarsi-claims-lock 2\n", FILE)
    assert lock.version == 1
    assert [p[:4] for p in problems(lock)] == [("lock.malformed", "error", 2, 1)]


# --- reading the file ------------------------------------------------------------------------


def test_no_file_is_no_lock(tmp_path: Path) -> None:
    """A missing lock is None: nothing is published yet."""
    assert read_lock(tmp_path / "claims.lock") is None


def test_read_lock_names_the_file_as_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Problems are placed in the file as the user would name it (relative when inside)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims.lock").write_text("Bad\n", encoding="utf-8")
    lock = read_lock(tmp_path / "claims.lock")
    assert lock is not None
    assert lock.file == "claims.lock"
    assert [p.location for p in lock.problems] == [Location("claims.lock", 1, 1)]


def test_a_lock_that_cannot_be_read_is_one_problem(tmp_path: Path) -> None:
    """A folder, or a file past the read limit, in place of the lock: lock.unreadable."""
    (tmp_path / "claims.lock").mkdir()
    folder = read_lock(tmp_path / "claims.lock")
    shown = str(tmp_path / "claims.lock")
    assert folder == Lock(
        shown,
        problems=(
            Finding(
                "lock.unreadable",
                Severity.ERROR,
                f"cannot read {shown}: it is a folder, not a regular file",
            ),
        ),
    )
    assert folder is not None
    assert (folder.version, folder.ids, folder.corrections) == (2, (), ())
    big = tmp_path / "big" / "claims.lock"
    big.parent.mkdir()
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    lock = read_lock(big)
    assert lock is not None
    assert [(p.code, p.message) for p in lock.problems] == [
        (
            "lock.unreadable",
            f"cannot read {big}: it is 64.0 MiB, larger than the limit of 64.0 MiB",
        )
    ]


def test_a_lock_that_is_not_utf8_names_the_byte(tmp_path: Path) -> None:
    """Bad UTF-8: lock.unreadable, an error at the byte, naming offset, value and reason."""
    target = tmp_path / "claims.lock"
    target.write_bytes(b"carsi.a\n\xe9t\xe9\n")
    lock = read_lock(target)
    assert lock == Lock(
        str(target),
        problems=(
            Finding(
                "lock.unreadable",
                Severity.ERROR,
                f"{target} is not UTF-8 (byte 8, 0xe9: invalid continuation byte)",
                location=Location(str(target), 2, 1),
            ),
        ),
    )


def test_read_lock_reads_what_parse_lock_parses(tmp_path: Path) -> None:
    """A readable lock file gives what parse_lock gives for its text."""
    text = f"carsi-claims-lock 2\r\nclaim carsi.a {fp(FORM)} {FORM}\r\n"
    target = tmp_path / "claims.lock"
    target.write_bytes(text.encode("utf-8"))
    assert read_lock(target) == parse_lock(text, str(target))
    assert read_lock(os.fspath(target)) == parse_lock(text, str(target))


def test_fields_are_separated_by_exactly_one_space() -> None:
    """A second space makes the next field empty: the line is malformed or its form corrupt,
    never read as if the lock had been written that way (the form is hashed as it stands)."""
    text = (
        "carsi-claims-lock 2\n"
        f"claim carsi.a  {fp(FORM)} {FORM}\n"
        f"claim carsi.b {fp(FORM)}  {FORM}\n"
        f"correction carsi.c {fp(FORM)} {fp(OTHER_FORM)}  {FORM}\n"
    )
    lock = parse_lock(text, FILE)
    assert (lock.ids, lock.corrections) == ((), ())
    assert [p[:4] for p in problems(lock)] == [
        ("lock.malformed", "error", 2, 1),
        ("lock.corrupt", "error", 3, 1),
        ("lock.corrupt", "error", 4, 1),
    ]
