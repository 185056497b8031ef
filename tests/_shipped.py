"""A copy of the shipped dataset (claims file, lock and seeds) to edit in a test."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from carsi_claims.dataset import default_paths


def shipped_copy(root: Path) -> Path:
    """Copy the shipped claims file, its lock and its seeds under ``root``; the claims file."""
    claims_file, seeds = default_paths()
    (root / "data").mkdir()
    for name in ("claims.yaml", "claims.lock"):
        shutil.copyfile(claims_file.with_name(name), root / "data" / name)
    shutil.copytree(seeds, root / "seeds")
    return root / "data" / "claims.yaml"


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in the file at ``path`` by ``new``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


def drop_corrections(path: Path) -> None:
    """Remove the top-level ``corrections`` section of the claims file at ``path``: a lock
    that pins no meaning (none, or format 1) has nothing for them to correct."""
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^corrections:\n(?:[ #].*\n|\n)*", "", text), encoding="utf-8")
