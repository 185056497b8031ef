"""Shared test set-up: hypothesis profiles and the ``tmp_dataset`` factory.

Profiles: ``dev`` (fast, the default) and ``ci`` (thorough, derandomized),
chosen by ``HYPOTHESIS_PROFILE`` or, when that is unset, by the ``CI``
environment variable.  Both run without a deadline.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from _mini import DatasetPaths

settings.register_profile(
    "dev",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)

TmpDataset = Callable[..., DatasetPaths]


@pytest.fixture
def tmp_dataset(tmp_path: Path) -> TmpDataset:
    """A factory writing ``data/claims.yaml`` and ``seeds/<files>`` under tmp_path.

    Call it as ``tmp_dataset(claims_text, {"a.txt": "text or bytes"})``; it
    returns the paths.  Calling it again rewrites the files in place.
    """

    def make(claims: str | bytes, seeds: Mapping[str, str | bytes] | None = None) -> DatasetPaths:
        data_dir = tmp_path / "data"
        seeds_dir = tmp_path / "seeds"
        data_dir.mkdir(exist_ok=True)
        seeds_dir.mkdir(exist_ok=True)
        claims_file = data_dir / "claims.yaml"
        claims_file.write_bytes(claims.encode("utf-8") if isinstance(claims, str) else claims)
        for name, content in (seeds or {}).items():
            target = seeds_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return DatasetPaths(root=tmp_path, claims=claims_file, seeds=seeds_dir)

    return make


@pytest.fixture(autouse=True)
def _no_github_step_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests that print GitHub annotations never append to a real CI step summary."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
