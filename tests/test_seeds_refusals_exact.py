"""Seeds: each refusal of a source path or of the seeds folder, with its exact code and message.

The codes are the finding codes the provenance check reports (and tools filter
on); the messages name the path as written and the folder, so a curator can
find what to fix.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from carsi_claims._reading import MAX_BYTES
from carsi_claims.findings import Finding, Severity
from carsi_claims.read.seeds import SeedError, Seeds, seeds_folder_finding


def _refusal(root: Path, relative: str) -> tuple[str, str]:
    with pytest.raises(SeedError) as info:
        Seeds(root).read(relative)
    assert isinstance(info.value, ValueError)
    return info.value.code, str(info.value)


@pytest.mark.parametrize("relative", ["", " a.txt", "a.txt ", "a.txt\n", "a\\b.txt", "a\x00.txt"])
def test_a_path_that_is_not_plain_is_refused_as_such(tmp_path: Path, relative: str) -> None:
    """Empty, padded, backslashed or NUL-holding paths: provenance.path, naming the path."""
    (tmp_path / "a.txt").write_text("x")
    assert _refusal(tmp_path, relative) == (
        "provenance.path",
        f"source path {relative!r} is not a plain relative path",
    )


@pytest.mark.parametrize(
    "relative", ["../x.txt", "a/../../x.txt", "a/../x.txt", "/etc/hostname", "a//x.txt", "a/"]
)
def test_a_path_leaving_the_folder_by_its_spelling_is_refused(
    tmp_path: Path, relative: str
) -> None:
    """``..``, an absolute path or an empty part: provenance.path-escapes before any lookup."""
    (tmp_path / "a").mkdir()
    (tmp_path / "x.txt").write_text("x")
    (tmp_path / "a" / "x.txt").write_text("x")
    assert _refusal(tmp_path, relative) == (
        "provenance.path-escapes",
        f"source path {relative!r} must stay inside the seeds folder (no absolute path, no '..')",
    )


def test_a_link_leading_out_is_refused_naming_the_folder(tmp_path: Path) -> None:
    """A link inside the folder to a file outside it: provenance.path-escapes, through a link."""
    root = tmp_path / "seeds"
    (root / "sub").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("x")
    (root / "sub" / "a.txt").symlink_to(tmp_path / "secret.txt")
    assert _refusal(root, "sub/a.txt") == (
        "provenance.path-escapes",
        f"source path 'sub/a.txt' leads outside the seeds folder {str(root)!r} through a link",
    )


def test_a_link_staying_inside_is_followed(tmp_path: Path) -> None:
    """A link to another file of the folder is read as that file."""
    (tmp_path / "real.txt").write_text("text")
    (tmp_path / "a.txt").symlink_to(tmp_path / "real.txt")
    assert Seeds(tmp_path).resolve("a.txt") == (tmp_path / "real.txt").resolve()
    assert Seeds(tmp_path).read("a.txt").text == "text"


def test_a_folder_is_refused_as_unreadable_saying_what_it_is(tmp_path: Path) -> None:
    """A source path naming a folder: provenance.unreadable, "it is a folder"."""
    (tmp_path / "docs").mkdir()
    assert _refusal(tmp_path, "docs") == (
        "provenance.unreadable",
        "cannot read source file 'docs': it is a folder, not a regular file",
    )


def test_a_fifo_is_refused_as_unreadable_without_blocking(tmp_path: Path) -> None:
    """A FIFO (no writer) is refused from what it is, never opened for reading."""
    os.mkfifo(tmp_path / "pipe")
    assert _refusal(tmp_path, "pipe") == (
        "provenance.unreadable",
        "cannot read source file 'pipe': it is a FIFO (named pipe), not a regular file",
    )


def test_a_missing_file_is_refused_naming_the_folder(tmp_path: Path) -> None:
    """A path to nothing: provenance.missing-file, naming the path and the folder."""
    assert _refusal(tmp_path, "sub/missing.txt") == (
        "provenance.missing-file",
        f"source file 'sub/missing.txt' not found in the seeds folder {str(tmp_path)!r}",
    )


def test_a_file_larger_than_the_limit_is_refused_as_unreadable(tmp_path: Path) -> None:
    """A source past the read limit: provenance.unreadable with the reason, nothing read."""
    with (tmp_path / "big.txt").open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no disk used
    assert _refusal(tmp_path, "big.txt") == (
        "provenance.unreadable",
        "cannot read source file 'big.txt': it is 64.0 MiB, larger than the limit of 64.0 MiB",
    )


def test_a_file_that_is_not_utf8_is_refused_at_its_byte(tmp_path: Path) -> None:
    """provenance.not-utf8 names the offset of the first bad byte and why it is bad."""
    (tmp_path / "a.txt").write_bytes(b"ok\xc3(")
    assert _refusal(tmp_path, "a.txt") == (
        "provenance.not-utf8",
        "source file 'a.txt' is not UTF-8 (byte 2: invalid continuation byte)",
    )


def test_read_gives_bytes_hash_and_text_of_a_file_in_a_subfolder(tmp_path: Path) -> None:
    """A nested path is read as it is: its bytes, their sha256 and the decoded text."""
    data = "é\r\n".encode()
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_bytes(data)
    seed = Seeds(tmp_path).read("sub/a.txt")
    assert (seed.data, seed.sha256, seed.text) == (data, hashlib.sha256(data).hexdigest(), "é\r\n")


def test_a_source_is_read_once_per_seeds_folder(tmp_path: Path) -> None:
    """A second read of the same path gives the first result: one run sees one version."""
    target = tmp_path / "a.txt"
    target.write_text("first")
    seeds = Seeds(tmp_path)
    first = seeds.read("a.txt")
    target.write_text("second")
    assert seeds.read("a.txt") is first
    assert Seeds(tmp_path).read("a.txt").text == "second"


def test_a_refused_read_is_not_cached(tmp_path: Path) -> None:
    """A source missing at the first read is read once it is there."""
    seeds = Seeds(tmp_path)
    with pytest.raises(SeedError):
        seeds.read("a.txt")
    (tmp_path / "a.txt").write_text("now")
    assert seeds.read("a.txt").text == "now"


# --- the seeds folder itself ------------------------------------------------------------

HINT = "; give the folder of the source documents with --seeds DIR"


def _unreadable(message: str) -> Finding:
    return Finding("seeds.unreadable", Severity.ERROR, message + HINT)


def test_a_readable_folder_gives_no_finding(tmp_path: Path) -> None:
    """An existing, listable folder (even empty) is fine."""
    assert seeds_folder_finding(tmp_path) is None


def test_a_missing_folder_is_one_finding(tmp_path: Path) -> None:
    """A folder that does not exist: one seeds.unreadable naming it."""
    missing = tmp_path / "nope"
    assert seeds_folder_finding(missing) == _unreadable(
        f"the seeds folder {missing} does not exist"
    )


def test_a_file_given_as_the_folder_says_what_it_is(tmp_path: Path) -> None:
    """A regular file in place of the folder: "is a regular file, not a folder"."""
    target = tmp_path / "seeds"
    target.write_text("x")
    assert seeds_folder_finding(target) == _unreadable(
        f"the seeds folder {target} is a regular file, not a folder"
    )


def test_a_folder_that_cannot_be_reached_gives_the_reason(tmp_path: Path) -> None:
    """A path through a file (not a folder): "cannot be read" with the system's reason."""
    (tmp_path / "file").write_text("x")
    target = tmp_path / "file" / "seeds"
    assert seeds_folder_finding(target) == _unreadable(
        f"the seeds folder {target} cannot be read: Not a directory"
    )


def test_a_folder_that_cannot_be_listed_gives_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder whose listing fails (permissions): "cannot be read" with the reason."""

    real_listdir = os.listdir

    def refuse(path: str | os.PathLike[str] | None = None) -> list[str]:
        if path is not None and Path(path) == tmp_path:
            raise PermissionError(13, "Permission denied")
        return real_listdir(path)

    monkeypatch.setattr(os, "listdir", refuse)
    assert seeds_folder_finding(tmp_path) == _unreadable(
        f"the seeds folder {tmp_path} cannot be read: Permission denied"
    )


def test_the_folder_is_named_relative_to_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inside the working folder the folder is shown as a relative path."""
    monkeypatch.chdir(tmp_path)
    assert seeds_folder_finding(tmp_path / "seeds") == _unreadable(
        "the seeds folder seeds does not exist"
    )


def test_the_cache_is_private(tmp_path: Path) -> None:
    """A Seeds is made from its folder alone and shows only that folder."""
    assert repr(Seeds(Path("seeds"))) == f"Seeds(root={Path('seeds')!r})"
    with pytest.raises(TypeError):
        Seeds(tmp_path, {})  # type: ignore[call-arg]
