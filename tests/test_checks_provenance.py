"""Provenance checks: paths stay in seeds/, hashes match, quotes stand exactly at their offsets."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable

import pytest

from _mini import (
    MINI_SEEDS,
    MINI_YAML,
    SEED,
    SEED_NAME,
    SEED_SHA256,
    DatasetPaths,
    mutate,
    report_of,
    where,
)

TmpDataset = Callable[..., DatasetPaths]
GOALS = SEED.index("Five Goals")


def test_quote_elsewhere_gives_the_right_offsets(tmp_dataset: TmpDataset) -> None:
    """A shifted offset is a quote mismatch whose message gives where the quote really stands."""
    text = mutate(f"start: {GOALS}\n", f"start: {GOALS + 1}\n")
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, "source: src-a", 3)
    assert found == [
        (
            "provenance.quote-mismatch",
            line,
            col,
            "carsi.goals",
            f"quote not found at its offsets in {SEED_NAME}: the source has 'ive Goals' at "
            f"{GOALS + 1}..{GOALS + 10}, not the quote; the quote stands at "
            f"start: {GOALS}, end: {GOALS + 10}",
        )
    ]


def test_offsets_past_the_end(tmp_dataset: TmpDataset) -> None:
    """Offsets beyond the text say so, and still say where the quote stands."""
    far = len(SEED) + 5
    text = mutate(
        f"start: {GOALS}\n        end: {GOALS + 10}", f"start: {far - 10}\n        end: {far}"
    )
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    assert len(found) == 1
    code, _, _, claim, message = found[0]
    assert (code, claim) == ("provenance.quote-mismatch", "carsi.goals")
    assert f"run past the end of the source ({len(SEED)} characters)" in message
    assert f"the quote stands at start: {GOALS}, end: {GOALS + 10}" in message


def test_nfkc_fullwidth_digits_do_not_match(tmp_dataset: TmpDataset) -> None:
    """A full-width '２６０' is not '260': compared exactly, with no NFKC folding."""
    text = mutate('quote: "$260 million"', 'quote: "$２６０ million"')
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, "source: src-a", 0)
    assert (
        "provenance.quote-mismatch",
        line,
        col,
        "carsi.funding",
        f"quote not found at its offsets in {SEED_NAME}: the source has '$260 million' at "
        "47..59, not the quote; the quote does not occur anywhere in the source",
    ) in found


def test_typography_only_difference_is_named(tmp_dataset: TmpDataset) -> None:
    """Straight quotes for the source's curly ones: a mismatch whose hint says to copy exactly."""
    text = mutate('quote: "“We stand together,”', 'quote: "\\"We stand together,\\"')
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    mismatch = [f for f in found if f[0] == "provenance.quote-mismatch"]
    assert len(mismatch) == 1
    assert "differing only in typography or case" in mismatch[0][4]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (
            "../seeds/a.txt",
            "source path '../seeds/a.txt' must stay inside the seeds folder "
            "(no absolute path, no '..')",
        ),
        (
            "/etc/hostname",
            "source path '/etc/hostname' must stay inside the seeds folder "
            "(no absolute path, no '..')",
        ),
    ],
)
def test_path_escaping(tmp_dataset: TmpDataset, path: str, message: str) -> None:
    """'..' and absolute paths are refused at the source's path, and its quotes are unverified."""
    text = mutate(f"path: {SEED_NAME}", f"path: {path}")
    found = report_of(tmp_dataset(text, MINI_SEEDS))
    line, col = where(text, path)
    assert found[0] == ("provenance.path-escapes", line, col, None, message)
    assert {f[0] for f in found[1:]} == {"provenance.unverified"}
    assert len(found) == 7


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_leading_out_of_seeds(tmp_dataset: TmpDataset) -> None:
    """A link inside seeds/ pointing outside it is refused as leading out of the folder."""
    paths = tmp_dataset(mutate(f"path: {SEED_NAME}", "path: link.txt"), {})
    outside = paths.root / "outside.txt"
    outside.write_text(SEED, encoding="utf-8")
    try:
        (paths.seeds / "link.txt").symlink_to(outside)
    except OSError:  # pragma: no cover - e.g. Windows without the privilege
        pytest.skip("cannot create a symbolic link here")
    found = report_of(paths)
    text = paths.claims.read_text(encoding="utf-8")
    line, col = where(text, "link.txt")
    code, fline, fcol, _, message = found[0]
    assert (code, fline, fcol) == ("provenance.path-escapes", line, col)
    assert message.startswith("source path 'link.txt' leads outside the seeds folder")
    assert message.endswith("through a link")


def test_symlink_inside_seeds_is_fine(tmp_dataset: TmpDataset) -> None:
    """A link that stays inside seeds/ is followed."""
    paths = tmp_dataset(mutate(f"path: {SEED_NAME}", "path: link.txt"), MINI_SEEDS)
    try:
        (paths.seeds / "link.txt").symlink_to(paths.seeds / SEED_NAME)
    except OSError:  # pragma: no cover
        pytest.skip("cannot create a symbolic link here")
    assert report_of(paths) == []


def test_missing_seed_file(tmp_dataset: TmpDataset) -> None:
    """A source file that does not exist is provenance.missing-file at the path."""
    found = report_of(tmp_dataset(MINI_YAML, {}))
    line, col = where(MINI_YAML, SEED_NAME)
    assert found[0][:4] == ("provenance.missing-file", line, col, None)
    assert found[0][4].startswith(f"source file '{SEED_NAME}' not found in the seeds folder")


def test_hash_mismatch(tmp_dataset: TmpDataset) -> None:
    """One changed byte of a seed: hash mismatch at the sha256, and each claim is flagged."""
    changed = SEED.replace("Clinton", "Clintom")
    found = report_of(tmp_dataset(MINI_YAML, {SEED_NAME: changed}))
    line, col = where(MINI_YAML, SEED_SHA256)
    actual = hashlib.sha256(changed.encode()).hexdigest()
    assert found[0] == (
        "provenance.hash-mismatch",
        line,
        col,
        None,
        f"source file '{SEED_NAME}' has sha256 {actual}, but the dataset pins {SEED_SHA256}: "
        "the document changed, so no quote from it is verified",
    )
    changed_claims = {f[3] for f in found if f[0] == "provenance.source-changed"}
    assert changed_claims == {
        "carsi.funding",
        "carsi.funding-years",
        "carsi.share",
        "carsi.goals",
        "carsi.clinton-together",
        "carsi.date",
    }


def test_seed_not_utf8(tmp_dataset: TmpDataset) -> None:
    """A seed that is not UTF-8 is reported, not a crash."""
    data = b"\xff" + SEED.encode()
    text = mutate(SEED_SHA256, hashlib.sha256(data).hexdigest())
    found = report_of(tmp_dataset(text, {SEED_NAME: data}))
    assert found[0][0] == "provenance.not-utf8"
    assert found[0][4] == f"source file '{SEED_NAME}' is not UTF-8 (byte 0: invalid start byte)"
