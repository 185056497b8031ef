"""Validation: the checks over a dataset, as one report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from carsi_claims.checks.base import Check, Context, run
from carsi_claims.checks.conflicts import check_conflicts
from carsi_claims.checks.coverage import check_coverage
from carsi_claims.checks.curation import check_curation
from carsi_claims.checks.ids import check_ids
from carsi_claims.checks.lock import check_lock
from carsi_claims.checks.meaning import check_meaning
from carsi_claims.checks.provenance import check_provenance
from carsi_claims.checks.records import check_records
from carsi_claims.checks.references import check_references
from carsi_claims.checks.values import check_values
from carsi_claims.dataset import Dataset
from carsi_claims.findings import Report

__all__ = ["DEFAULT_CHECKS", "validate"]

#: The checks ``validate`` runs, in order.
DEFAULT_CHECKS: tuple[Check, ...] = (
    check_records,
    check_ids,
    check_lock,
    check_meaning,
    check_references,
    check_provenance,
    check_values,
    check_coverage,
    check_conflicts,
    check_curation,
)


def validate(
    dataset: Dataset,
    *,
    seeds: str | Path | None = None,
    checks: Sequence[Check] = DEFAULT_CHECKS,
) -> Report:
    """Run the checks over ``dataset``; its schema problems come first in the report."""
    from carsi_claims._gc import paused

    context = Context.of(dataset, Path(seeds) if seeds is not None else None)
    with paused():
        return Report.of([*dataset.problems, *run(context, checks)])
