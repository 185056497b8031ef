"""The version is one number: pyproject, the package and the changelog agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import carsi_claims

ROOT = Path(__file__).resolve().parents[1]


def test_versions_agree() -> None:
    """pyproject, carsi_claims.__version__ and the latest released changelog heading agree."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    released = re.findall(r"^## ([0-9]+\.[0-9]+\.[0-9]+)\b", changelog, flags=re.MULTILINE)
    assert released, "CHANGELOG.md has no released version heading (## X.Y.Z)"
    assert project["version"] == carsi_claims.__version__ == released[0]


def test_changelog_has_an_unreleased_section_first() -> None:
    """CHANGELOG.md keeps an Unreleased section above the released versions."""
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", changelog, flags=re.MULTILINE)
    assert headings.index("Unreleased") < headings.index(carsi_claims.__version__)
