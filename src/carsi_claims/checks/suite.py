"""Validation: the checks over a dataset, as one report."""

from __future__ import annotations

import os
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
from carsi_claims.errors import check_type
from carsi_claims.findings import Finding, Report
from carsi_claims.read.seeds import seeds_folder_finding

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
    """Run the checks over ``dataset``; the report is in file order, the claims file first.

    A seeds folder that is missing or unreadable is one ``seeds.unreadable``
    finding (the checks that read sources are then skipped), not one per source.
    """
    from carsi_claims._gc import paused

    check_type("validate", "dataset", dataset, Dataset, "a Dataset (from carsi_claims.load)")
    check_type("validate", "seeds", seeds, (str, os.PathLike, type(None)), "a str, a path or None")
    if isinstance(checks, str | bytes) or not all(callable(c) for c in checks):
        raise TypeError("validate(): checks must be a sequence of check functions")
    context = Context.of(dataset, Path(seeds) if seeds is not None else None)
    before: list[Finding] = []
    if context.seeds is not None:
        problem = seeds_folder_finding(context.seeds.root)
        if problem is not None:
            before.append(problem)
            context = Context(dataset, None)
    from carsi_claims.analysis.figures import shared_scans

    # the value and curation checks read the figures of the same quotes: searched once
    with paused(), shared_scans():
        found = [*before, *dataset.problems, *run(context, checks)]
        return Report.of(found, first_file=dataset.file)
