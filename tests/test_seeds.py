"""Seeds: source paths are confined to the seeds folder and read safely."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from carsi_claims.read.seeds import SeedError, Seeds


@pytest.mark.parametrize(
    ("relative", "code"),
    [
        ("../x.txt", "provenance.path-escapes"),
        ("a/../../x.txt", "provenance.path-escapes"),
        ("/etc/hostname", "provenance.path-escapes"),
        ("a//b.txt", "provenance.path-escapes"),
        ("", "provenance.path"),
        (" a.txt", "provenance.path"),
        ("a\\b.txt", "provenance.path"),
        ("missing.txt", "provenance.missing-file"),
    ],
)
def test_unsafe_or_missing_paths(tmp_path: Path, relative: str, code: str) -> None:
    """Escaping, absolute, odd and missing paths raise SeedError with their code."""
    with pytest.raises(SeedError) as info:
        Seeds(tmp_path).resolve(relative)
    assert info.value.code == code


def test_link_out_of_the_folder(tmp_path: Path) -> None:
    """A symbolic link inside the folder that leads outside it is refused."""
    root = tmp_path / "seeds"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("x")
    (root / "a.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(SeedError, match="leads outside the seeds folder") as info:
        Seeds(root).read("a.txt")
    assert info.value.code == "provenance.path-escapes"


def test_read_hashes_and_decodes_exactly(tmp_path: Path) -> None:
    """read gives the bytes, their sha256 and the text, with no newline translation."""
    data = "a\r\nb\u00a0c".encode()
    (tmp_path / "a.txt").write_bytes(data)
    seed = Seeds(tmp_path).read("a.txt")
    assert (seed.data, seed.sha256, seed.text) == (
        data,
        hashlib.sha256(data).hexdigest(),
        "a\r\nb\u00a0c",
    )


def test_not_utf8(tmp_path: Path) -> None:
    """A file that is not UTF-8 is a provenance.not-utf8 SeedError."""
    (tmp_path / "a.txt").write_bytes(b"ok\xff")
    with pytest.raises(SeedError, match=r"^source file 'a.txt' is not UTF-8 \(byte 2: ") as info:
        Seeds(tmp_path).read("a.txt")
    assert info.value.code == "provenance.not-utf8"
