"""What every check sees (the dataset and its seeds) and how checks are run."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs

from carsi_claims.dataset import Dataset
from carsi_claims.findings import Finding, Severity
from carsi_claims.read.lockfile import Lock, lock_path, read_lock
from carsi_claims.read.seeds import Seeds

__all__ = ["Check", "Context"]


@attrs.define
class Context:
    """What every check sees: the dataset and its seeds folder (and its lock, read once)."""

    dataset: Dataset
    seeds: Seeds | None
    _lock: tuple[Lock | None] | None = attrs.field(default=None, init=False, repr=False, eq=False)

    def lock(self) -> Lock | None:
        """The ``claims.lock`` beside the claims file, read on first use; None when absent."""
        if self._lock is None:
            path = lock_path(self.dataset.file)
            self._lock = (read_lock(path) if path is not None else None,)
        return self._lock[0]

    @classmethod
    def of(cls, dataset: Dataset, seeds_dir: Path | None = None) -> Context:
        root = seeds_dir if seeds_dir is not None else dataset.seeds_dir
        return cls(dataset, Seeds(root) if root is not None else None)

    def finding(
        self,
        code: str,
        message: str,
        record: object = None,
        *sub: str | int,
        claim: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> Finding:
        """A finding located at ``record`` (and the node ``sub`` under it)."""
        location = self.dataset.locate(record, *sub) if record is not None else None
        if claim is None:
            claim = getattr(record, "id", None) if hasattr(record, "provenance") else None
        return Finding(code, severity, message, claim=claim, location=location)


Check = Callable[[Context], Iterable[Finding]]


def run(context: Context, checks: Iterable[Check]) -> Iterator[Finding]:
    """Every finding of every check, in check order."""
    for check in checks:
        yield from check(context)
